# Long export (ratings.csv) of Kvalitetsskalaen i IPS, se-fidelity@2008; labels in nb
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
  labels = c("Ekstern evaluering",
    "Egenvurdering",
    "Digital evaluering"))

fidelity[["review_status"]] <- labelled_factor(fidelity[["review_status"]],
  levels = c("planned", "in_progress", "consensus", "finalised"),
  labels = c("Planlagt",
    "P\u{e5}g\u{e5}r",
    "Konsensus",
    "Ferdigstilt"))

fidelity[["visit_start"]] <- as.Date(fidelity[["visit_start"]], format = "%Y-%m-%d")

fidelity[["visit_end"]] <- as.Date(fidelity[["visit_end"]], format = "%Y-%m-%d")

fidelity[["item"]] <- labelled_factor(fidelity[["item"]],
  levels = c("S1", "S2", "S3", "O1", "O2", "O3", "O4", "O5", "O6", "O7", "O8", "Sv1", "Sv2", "Sv3", "Sv4", "Sv5", "Sv6", "Sv7", "Sv8", "Sv9", "Sv10", "Sv11", "Sv12", "Sv13", "Sv14"),
  labels = c("S1 St\u{f8}rrelse p\u{e5} portef\u{f8}lje",
    "S2 Ansatte som yter arbeidsrettede tjenester",
    "S3 Jobbspesialistenes arbeidsoppgaver",
    "O1 Integrering gjennom teamtilh\u{f8}righet",
    "O2 Integrering gjennom hyppig kontakt med teammedlemmer",
    "O3 Samarbeid med Nav-veileder",
    "O4 Jobbspesialistenhet",
    "O5 Lederens rolle",
    "O6 Ingen eksklusjonskriterier",
    "O7 Virksomhetens fokus p\u{e5} ordin\u{e6}rt arbeid",
    "O8 Ledelsens st\u{f8}tte",
    "Sv1 R\u{e5}dgivning om \u{f8}konomiske ytelser",
    "Sv2 \u{c5}penhet om diagnose",
    "Sv3 Fortl\u{f8}pende arbeidsbasert kartlegging",
    "Sv4 Rask jobbs\u{f8}king",
    "Sv5 Individuell jobbs\u{f8}king",
    "Sv6 Jobbutvikling \u{2013} hyppig arbeidsgiverkontakt",
    "Sv7 Jobbutvikling \u{2013} kvalitet p\u{e5} arbeidsgiverkontakt",
    "Sv8 Variasjon i jobbtyper",
    "Sv9 Variasjon i arbeidsgivere",
    "Sv10 Ordin\u{e6}re jobber",
    "Sv11 Individuell oppf\u{f8}lging",
    "Sv12 Tidsubegrenset oppf\u{f8}lging",
    "Sv13 Tjenester i lokalsamfunnet",
    "Sv14 Aktiv opps\u{f8}kende kontakt"))

fidelity[["section"]] <- labelled_factor(fidelity[["section"]],
  levels = c("staffing", "organization", "services"),
  labels = c("Ansatte",
    "Organisering",
    "Tjenester"))

# Variable labels.
variable_labels <- c(
  "review_id" = "Gjennomgangs-id (UUID)",
  "site_id" = "Enhets-id (UUID)",
  "site_code" = "Enhetskode",
  "site_name" = "Enhetsnavn",
  "scale" = "Skala-id",
  "scale_version" = "Skalaversjon",
  "review_type" = "Type gjennomgang",
  "review_status" = "Status",
  "visit_start" = "F\u{f8}rste bes\u{f8}ksdag",
  "visit_end" = "Siste bes\u{f8}ksdag",
  "rater" = "Vurderer-id, eller consensus",
  "rater_name" = "Vurderers navn (tomt for konsensus)",
  "item" = "Element-id",
  "section" = "Seksjon",
  "score" = "Sk\u{e5}r"
)
for (v in names(variable_labels)) attr(fidelity[[v]], "label") <- variable_labels[[v]]
