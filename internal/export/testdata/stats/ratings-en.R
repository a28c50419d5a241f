# Long export (ratings.csv) of Supported Employment Fidelity Scale, se-fidelity@2008; labels in en
# Reads the CSV export named below, or the file given as the first argument
# (Rscript this.R export.csv), into the data frame `fidelity`, with a label
# for every variable and every coded value. Empty cells are NA.

args <- commandArgs(trailingOnly = TRUE)
csv_file <- if (length(args) >= 1) args[[1]] else "fidelity-ratings.csv"

col_types <- c(
  "review_id" = "character",
  "site_id" = "character",
  "site_code" = "character",
  "site_name" = "character",
  "scale" = "character",
  "scale_version" = "character",
  "review_type" = "character",
  "review_status" = "character",
  "visit_start" = "character",
  "visit_end" = "character",
  "rater" = "character",
  "rater_name" = "character",
  "item" = "character",
  "section" = "character",
  "score" = "integer"
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

fidelity[["item"]] <- labelled_factor(fidelity[["item"]],
  levels = c("S1", "S2", "S3", "O1", "O2", "O3", "O4", "O5", "O6", "O7", "O8", "Sv1", "Sv2", "Sv3", "Sv4", "Sv5", "Sv6", "Sv7", "Sv8", "Sv9", "Sv10", "Sv11", "Sv12", "Sv13", "Sv14"),
  labels = c("S1 Caseload size",
    "S2 Employment services staff",
    "S3 Vocational generalists",
    "O1 Integration with mental-health treatment through team assignment",
    "O2 Integration through frequent contact with team members",
    "O3 Collaboration between employment specialists and vocational rehabilitation counsellors",
    "O4 Vocational unit",
    "O5 Role of the employment supervisor",
    "O6 Zero exclusion criteria",
    "O7 Agency focus on competitive employment",
    "O8 Executive team support for supported employment",
    "Sv1 Work incentives planning",
    "Sv2 Disclosure",
    "Sv3 Ongoing, work-based vocational assessment",
    "Sv4 Rapid search for a competitive job",
    "Sv5 Individualized job search",
    "Sv6 Job development \u{2014} frequent employer contact",
    "Sv7 Job development \u{2014} quality of employer contact",
    "Sv8 Diversity of job types",
    "Sv9 Diversity of employers",
    "Sv10 Competitive jobs",
    "Sv11 Individualized follow-along supports",
    "Sv12 Time-unlimited follow-along supports",
    "Sv13 Community-based services",
    "Sv14 Assertive engagement and outreach by the integrated treatment team"))

fidelity[["section"]] <- labelled_factor(fidelity[["section"]],
  levels = c("staffing", "organization", "services"),
  labels = c("Staffing",
    "Organization",
    "Services"))

# Variable labels.
variable_labels <- c(
  "review_id" = "Review id (UUID)",
  "site_id" = "Site id (UUID)",
  "site_code" = "Site code",
  "site_name" = "Site name",
  "scale" = "Scale id",
  "scale_version" = "Scale version",
  "review_type" = "Review type",
  "review_status" = "Review status",
  "visit_start" = "First day of the visit",
  "visit_end" = "Last day of the visit",
  "rater" = "Rater id, or consensus",
  "rater_name" = "Rater name (empty for consensus)",
  "item" = "Item id",
  "section" = "Section of the item",
  "score" = "Item score"
)
for (v in names(variable_labels)) attr(fidelity[[v]], "label") <- variable_labels[[v]]
