# Wide export (reviews.csv) of Supported Employment Fidelity Scale, se-fidelity@2008; labels in en
# Reads the CSV export named below, or the file given as the first argument
# (Rscript this.R export.csv), into the data frame `fidelity`, with a label
# for every variable and every coded value. Empty cells are NA.

args <- commandArgs(trailingOnly = TRUE)
csv_file <- if (length(args) >= 1) args[[1]] else "fidelity-reviews.csv"

col_types <- c(
  "review_id" = "character",
  "site_id" = "character",
  "scale" = "character",
  "scale_version" = "character",
  "review_type" = "character",
  "review_status" = "character",
  "visit_start" = "character",
  "visit_end" = "character",
  "total" = "numeric",
  "band" = "character",
  "S1" = "integer",
  "S2" = "integer",
  "S3" = "integer",
  "O1" = "integer",
  "O2" = "integer",
  "O3" = "integer",
  "O4" = "integer",
  "O5" = "integer",
  "O6" = "integer",
  "O7" = "integer",
  "O8" = "integer",
  "Sv1" = "integer",
  "Sv2" = "integer",
  "Sv3" = "integer",
  "Sv4" = "integer",
  "Sv5" = "integer",
  "Sv6" = "integer",
  "Sv7" = "integer",
  "Sv8" = "integer",
  "Sv9" = "integer",
  "Sv10" = "integer",
  "Sv11" = "integer",
  "Sv12" = "integer",
  "Sv13" = "integer",
  "Sv14" = "integer"
)
fidelity <- read.csv(csv_file, colClasses = col_types, na.strings = "",
  fileEncoding = "UTF-8", encoding = "UTF-8", check.names = FALSE, strip.white = FALSE)
if (!identical(names(fidelity), names(col_types))) {
  stop("the columns of ", csv_file, " are not those of this export")
}

# Keep only the rows of the scale version the labels describe.
keep <- fidelity[["scale"]] %in% "se-fidelity" &
  fidelity[["scale_version"]] %in% "2008"
if (any(!keep)) message(sum(!keep), " rows of other scale versions are left out")
fidelity <- fidelity[keep, , drop = FALSE]
rownames(fidelity) <- NULL

labelled_factor <- function(x, levels, labels, ordered = FALSE) {
  unknown <- setdiff(unique(x[!is.na(x)]), levels)
  if (length(unknown) > 0) warning("codes without a label become NA: ", paste(unknown, collapse = ", "))
  factor(x, levels = levels, labels = labels, ordered = ordered)
}

fidelity[["review_type"]] <- labelled_factor(fidelity[["review_type"]],
  levels = c("external", "self", "remote"),
  labels = c("External review",
    "Self-assessment",
    "Remote review"))

fidelity[["review_status"]] <- labelled_factor(fidelity[["review_status"]],
  levels = c("planned", "in_progress", "consensus", "finalised"),
  labels = c("Planned",
    "In progress",
    "Consensus",
    "Finalised"))

fidelity[["visit_start"]] <- as.Date(fidelity[["visit_start"]], format = "%Y-%m-%d")

fidelity[["visit_end"]] <- as.Date(fidelity[["visit_end"]], format = "%Y-%m-%d")

fidelity[["band"]] <- labelled_factor(fidelity[["band"]],
  levels = c("not_se", "fair", "good", "exemplary"),
  labels = c("Not supported employment",
    "Fair fidelity",
    "Good fidelity",
    "Exemplary fidelity"),
  ordered = TRUE)

# Value labels of the item scores (text = value). The scores stay integers, so
# totals and means work; anchor_factor(fidelity[["S1"]]) gives the ordered factor.
anchor_factor <- function(x) {
  labels <- attr(x, "labels")
  factor(x, levels = unname(labels), labels = names(labels), ordered = TRUE)
}
attr(fidelity[["S1"]], "labels") <- c(
  "41 or more clients per full-time employment specialist" = 1L,
  "31 to 40 clients per full-time specialist" = 2L,
  "26 to 30 clients per full-time specialist" = 3L,
  "21 to 25 clients per full-time specialist" = 4L,
  "At most 20 clients per full-time specialist" = 5L)
attr(fidelity[["S2"]], "labels") <- c(
  "Under 60% of the specialists' time goes to employment services" = 1L,
  "60\u{2013}74% of their time goes to employment services" = 2L,
  "75\u{2013}89% of their time goes to employment services" = 3L,
  "90\u{2013}95% of their time goes to employment services" = 4L,
  "96% or more of their time goes to employment services" = 5L)
attr(fidelity[["S3"]], "labels") <- c(
  "Specialists hold no caseload of their own; they only pass clients on to other programmes or providers" = 1L,
  "Specialists have their own caseload, but others deliver the employment services to which they refer their clients" = 2L,
  "Specialists themselves carry out between one and four of the six phases" = 3L,
  "Specialists themselves carry out five of the six phases" = 4L,
  "Specialists themselves carry out all six phases" = 5L)
attr(fidelity[["O1"]], "labels") <- c(
  "Specialists work in a vocational programme that runs separately from mental-health treatment" = 1L,
  "Specialists are attached to three or more teams, or clients are treated by practitioners who do not work in teams, or the one or two teams supply under half of the caseload" = 2L,
  "One or two teams supply 50\u{2013}74% of the specialists' caseload" = 3L,
  "One or two teams supply 75\u{2013}89% of the caseload" = 4L,
  "One or two teams supply 90\u{2013}100% of the caseload" = 5L)
attr(fidelity[["O2"]], "labels") <- c(
  "No more than one of the five elements is in place" = 1L,
  "Two of the five elements are in place" = 2L,
  "Three of the five elements are in place" = 3L,
  "Four of the five elements are in place" = 4L,
  "All five elements are in place" = 5L)
attr(fidelity[["O3"]], "labels") <- c(
  "Contact about shared clients happens less often than every quarter, or not at all" = 1L,
  "Contact about shared clients at least every quarter" = 2L,
  "Contact about shared clients at least every month" = 3L,
  "Planned face-to-face meetings at least every quarter, or contact about shared clients every week" = 4L,
  "Planned face-to-face meetings at least every month, and contact about shared clients at least every week" = 5L)
attr(fidelity[["O4"]], "labels") <- c(
  "There is no vocational unit" = 1L,
  "Specialists share a supervisor but do not meet as a group and do not cover for each other" = 2L,
  "Specialists share a supervisor and talk through cases together, but do not cover for each other" = 3L,
  "The unit meets two to four times a month for group supervision on clients, shares job leads and covers for each other" = 4L,
  "The unit meets every week for strengths-based group supervision on clients, shares job leads and covers for each other" = 5L)
attr(fidelity[["O5"]], "labels") <- c(
  "No more than one of the five elements is in place" = 1L,
  "Two of the five elements are in place" = 2L,
  "Three of the five elements are in place" = 3L,
  "Four of the five elements are in place" = 4L,
  "All five elements are in place" = 5L)
attr(fidelity[["O6"]], "labels") <- c(
  "A written policy keeps people out as 'not ready for work', e.g. because of substance use, a history of violence or low functioning" = 1L,
  "Most clients cannot get the service because staff see them as not ready" = 2L,
  "Some clients cannot get the service because staff see them as not ready" = 3L,
  "No sign of exclusion, formal or informal" = 4L,
  "Everyone interested gets the service whatever their readiness, symptoms, substance use, violence history, cognitive difficulties, treatment adherence or appearance; this holds during the service too, help towards a new job follows whenever a job ends, and referrals come from many sources, including self-referral and family" = 5L)
attr(fidelity[["O7"]], "labels") <- c(
  "No more than one of the five elements is in place" = 1L,
  "Two of the five elements are in place" = 2L,
  "Three of the five elements are in place" = 3L,
  "Four of the five elements are in place" = 4L,
  "All five elements are in place" = 5L)
attr(fidelity[["O8"]], "labels") <- c(
  "No more than one of the five elements is in place" = 1L,
  "Two of the five elements are in place" = 2L,
  "Three of the five elements are in place" = 3L,
  "Four of the five elements are in place" = 4L,
  "All five elements are in place" = 5L)
attr(fidelity[["Sv1"]], "labels") <- c(
  "Most clients have no easy access to help with planning around benefits and work" = 1L,
  "Specialists send clients to other professionals for information about benefits" = 2L,
  "Specialists talk with clients about how their benefits may change when they work" = 3L,
  "Specialists or treatment staff make sure each client is offered thorough, individual planning by a trained person before a job starts" = 4L,
  "As level 4, and clients can get planning again whenever hours or pay change; the planning covers every kind of benefit and how to report earnings" = 5L)
attr(fidelity[["Sv2"]], "labels") <- c(
  "None of the four elements is in place" = 1L,
  "One of the four elements is in place" = 2L,
  "Two of the four elements are in place" = 3L,
  "Three of the four elements are in place" = 4L,
  "All four elements are in place" = 5L)
attr(fidelity[["Sv3"]], "labels") <- c(
  "Assessment happens in the office, by tests or work samples, before any job placement" = 1L,
  "Assessment goes step by step through prevocational work, volunteer work or jobs set aside for clients" = 2L,
  "Jobs are sought directly, but interests and strengths are not reviewed systematically and lost jobs are not examined" = 3L,
  "An initial assessment over two or three meetings produces a career profile, updated after each work experience and drawing on several sources of information" = 4L,
  "As level 4, fully tailored to the person; with the client's consent, family and former employers are also used as sources" = 5L)
attr(fidelity[["Sv4"]], "labels") <- c(
  "271 days or more on average (more than nine months)" = 1L,
  "151 to 270 days on average" = 2L,
  "61 to 150 days on average" = 3L,
  "31 to 60 days on average" = 4L,
  "30 days or fewer on average" = 5L)
attr(fidelity[["Sv5"]], "labels") <- c(
  "Under 25% of employer contacts follow the client's preferences, strengths and symptoms" = 1L,
  "25\u{2013}49% of employer contacts do so" = 2L,
  "50\u{2013}74% of employer contacts do so" = 3L,
  "75\u{2013}89% of employer contacts do so" = 4L,
  "90\u{2013}100% of employer contacts do so" = 5L)
attr(fidelity[["Sv6"]], "labels") <- c(
  "Fewer than two face-to-face employer contacts a week" = 1L,
  "Two contacts a week, or no way of tracking contacts" = 2L,
  "Four contacts a week, with a tracking form the supervisor goes through monthly" = 3L,
  "Five contacts a week, with tracking reviewed weekly" = 4L,
  "Six or more contacts a week (or twice the number of job seekers when a specialist has fewer than three on the caseload), with tracking reviewed weekly" = 5L)
attr(fidelity[["Sv7"]], "labels") <- c(
  "Meets employers only to hand in job applications, or seldom contacts employers at all" = 1L,
  "Asks employers about vacancies and passes the leads on to clients" = 2L,
  "Follows up advertised vacancies: presents self and the programme and asks for an interview" = 3L,
  "Meets employers in person whether or not they have vacancies, presents the client's strengths and asks for interviews" = 4L,
  "Builds relationships through several planned visits: learns what the employer needs, explains what the service can offer and matches clients' strengths to those needs" = 5L)
attr(fidelity[["Sv8"]], "labels") <- c(
  "Under 50% of the jobs are of different types" = 1L,
  "50\u{2013}59% of the jobs are of different types" = 2L,
  "60\u{2013}69% of the jobs are of different types" = 3L,
  "70\u{2013}84% of the jobs are of different types" = 4L,
  "85\u{2013}100% of the jobs are of different types" = 5L)
attr(fidelity[["Sv9"]], "labels") <- c(
  "Under 50% of the jobs are with different employers" = 1L,
  "50\u{2013}59% of the jobs are with different employers" = 2L,
  "60\u{2013}69% of the jobs are with different employers" = 3L,
  "70\u{2013}84% of the jobs are with different employers" = 4L,
  "85\u{2013}100% of the jobs are with different employers" = 5L)
attr(fidelity[["Sv10"]], "labels") <- c(
  "Under 64% of the jobs are permanent competitive jobs, or clients hold fewer than 10 jobs in all" = 1L,
  "65\u{2013}74% of the jobs are permanent competitive jobs" = 2L,
  "75\u{2013}84% of the jobs are permanent competitive jobs" = 3L,
  "85\u{2013}94% of the jobs are permanent competitive jobs" = 4L,
  "95% or more of the jobs are permanent competitive jobs" = 5L)
attr(fidelity[["Sv11"]], "labels") <- c(
  "Most clients in work get no support once they have started" = 1L,
  "About half of the working clients get support, of a narrow kind and mostly from the specialist" = 2L,
  "Most working clients get support, of a narrow kind and mostly from the specialist" = 3L,
  "Working clients get a range of supports fitted to the job, their preferences and their work history; employers get support when they ask for it" = 4L,
  "As level 4, and clients also get help to develop their careers, e.g. education, a better job or duties they prefer" = 5L)
attr(fidelity[["Sv12"]], "labels") <- c(
  "No in-person contact with working clients after their first month in the job" = 1L,
  "In-person contact for four months or more with fewer than half of the working clients" = 2L,
  "In-person contact for four months or more with at least half of the working clients" = 3L,
  "Weekly contact in the first month, then at least monthly for a year or more on average, as the client wishes" = 4L,
  "Contact shortly before and shortly after the job starts (the form sets limits of a week and of three days), weekly in the first month, then at least monthly for a year or more; once work is steady, support is handed over gradually to the mental-health worker; contact within three days of learning that a job has ended" = 5L)
attr(fidelity[["Sv13"]], "labels") <- c(
  "30% or less of scheduled hours are spent in the community" = 1L,
  "30\u{2013}39% of scheduled hours are spent in the community" = 2L,
  "40\u{2013}49% of scheduled hours are spent in the community" = 3L,
  "50\u{2013}64% of scheduled hours are spent in the community" = 4L,
  "65% or more of scheduled hours are spent in the community" = 5L)
attr(fidelity[["Sv14"]], "labels") <- c(
  "Two or fewer of the six strategies are used" = 1L,
  "Three of the six strategies are used" = 2L,
  "Four of the six strategies are used" = 3L,
  "Five of the six strategies are used" = 4L,
  "All six strategies are used" = 5L)

# Variable labels.
variable_labels <- c(
  "review_id" = "Review id (UUID)",
  "site_id" = "Site id (UUID)",
  "scale" = "Scale id",
  "scale_version" = "Scale version",
  "review_type" = "Review type",
  "review_status" = "Review status",
  "visit_start" = "First day of the visit",
  "visit_end" = "Last day of the visit",
  "total" = "Consensus total (sum of items)",
  "band" = "Fidelity band of the consensus total",
  "S1" = "S1 Caseload size",
  "S2" = "S2 Employment services staff",
  "S3" = "S3 Vocational generalists",
  "O1" = "O1 Integration with mental-health treatment through team assignment",
  "O2" = "O2 Integration through frequent contact with team members",
  "O3" = "O3 Collaboration between employment specialists and vocational rehabilitation counsellors",
  "O4" = "O4 Vocational unit",
  "O5" = "O5 Role of the employment supervisor",
  "O6" = "O6 Zero exclusion criteria",
  "O7" = "O7 Agency focus on competitive employment",
  "O8" = "O8 Executive team support for supported employment",
  "Sv1" = "Sv1 Work incentives planning",
  "Sv2" = "Sv2 Disclosure",
  "Sv3" = "Sv3 Ongoing, work-based vocational assessment",
  "Sv4" = "Sv4 Rapid search for a competitive job",
  "Sv5" = "Sv5 Individualized job search",
  "Sv6" = "Sv6 Job development \u{2014} frequent employer contact",
  "Sv7" = "Sv7 Job development \u{2014} quality of employer contact",
  "Sv8" = "Sv8 Diversity of job types",
  "Sv9" = "Sv9 Diversity of employers",
  "Sv10" = "Sv10 Competitive jobs",
  "Sv11" = "Sv11 Individualized follow-along supports",
  "Sv12" = "Sv12 Time-unlimited follow-along supports",
  "Sv13" = "Sv13 Community-based services",
  "Sv14" = "Sv14 Assertive engagement and outreach by the integrated treatment team"
)
for (v in names(variable_labels)) attr(fidelity[[v]], "label") <- variable_labels[[v]]
