# Wide export (reviews.csv) of Kvalitetsskalaen i IPS, se-fidelity@2008; labels in nb
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

fidelity[["band"]] <- labelled_factor(fidelity[["band"]],
  levels = c("not_se", "fair", "good", "exemplary"),
  labels = c("Ikke IPS/SE",
    "Akseptabel modelltrofasthet",
    "God modelltrofasthet",
    "Eksemplarisk modelltrofasthet"),
  ordered = TRUE)

# Value labels of the item scores (text = value). The scores stay integers, so
# totals and means work; anchor_factor(fidelity[["S1"]]) gives the ordered factor.
anchor_factor <- function(x) {
  labels <- attr(x, "labels")
  factor(x, levels = unname(labels), labels = names(labels), ordered = TRUE)
}
attr(fidelity[["S1"]], "labels") <- c(
  "41 deltakere eller flere per jobbspesialist i full stilling" = 1L,
  "31 til 40 deltakere per jobbspesialist i full stilling" = 2L,
  "26 til 30 deltakere per jobbspesialist i full stilling" = 3L,
  "21 til 25 deltakere per jobbspesialist i full stilling" = 4L,
  "H\u{f8}yst 20 deltakere per jobbspesialist i full stilling" = 5L)
attr(fidelity[["S2"]], "labels") <- c(
  "Under 60 % av jobbspesialistenes tid g\u{e5}r til arbeidsrettede tjenester" = 1L,
  "60\u{2013}74 % av tiden g\u{e5}r til arbeidsrettede tjenester" = 2L,
  "75\u{2013}89 % av tiden g\u{e5}r til arbeidsrettede tjenester" = 3L,
  "90\u{2013}95 % av tiden g\u{e5}r til arbeidsrettede tjenester" = 4L,
  "96 % eller mer av tiden g\u{e5}r til arbeidsrettede tjenester" = 5L)
attr(fidelity[["S3"]], "labels") <- c(
  "Jobbspesialistene har ingen egen portef\u{f8}lje; de bare sender deltakerne videre til andre tilbud eller leverand\u{f8}rer" = 1L,
  "Jobbspesialistene har egen portef\u{f8}lje, men andre utf\u{f8}rer de arbeidsrettede tjenestene som deltakerne henvises til" = 2L,
  "Jobbspesialistene utf\u{f8}rer selv mellom \u{e9}n og fire av de seks fasene" = 3L,
  "Jobbspesialistene utf\u{f8}rer selv fem av de seks fasene" = 4L,
  "Jobbspesialistene utf\u{f8}rer selv alle de seks fasene" = 5L)
attr(fidelity[["O1"]], "labels") <- c(
  "Jobbspesialistene arbeider i et arbeidsrettet tilbud som i praksis er atskilt fra behandlingen" = 1L,
  "Jobbspesialistene er knyttet til tre eller flere team, eller deltakerne f\u{e5}r behandling av fagfolk som ikke er organisert i team, eller de ett eller to teamene st\u{e5}r for under halvparten av portef\u{f8}ljen" = 2L,
  "Ett eller to team st\u{e5}r for 50\u{2013}74 % av jobbspesialistenes portef\u{f8}lje" = 3L,
  "Ett eller to team st\u{e5}r for 75\u{2013}89 % av portef\u{f8}ljen" = 4L,
  "Ett eller to team st\u{e5}r for 90\u{2013}100 % av portef\u{f8}ljen" = 5L)
attr(fidelity[["O2"]], "labels") <- c(
  "H\u{f8}yst ett av de fem elementene er p\u{e5} plass" = 1L,
  "To av de fem elementene er p\u{e5} plass" = 2L,
  "Tre av de fem elementene er p\u{e5} plass" = 3L,
  "Fire av de fem elementene er p\u{e5} plass" = 4L,
  "Alle de fem elementene er p\u{e5} plass" = 5L)
attr(fidelity[["O3"]], "labels") <- c(
  "Kontakt om felles deltakere skjer sjeldnere enn hvert kvartal, eller ikke i det hele tatt" = 1L,
  "Kontakt om felles deltakere minst hvert kvartal" = 2L,
  "Kontakt om felles deltakere minst hver m\u{e5}ned" = 3L,
  "Planlagte m\u{f8}ter ansikt til ansikt minst hvert kvartal, eller kontakt om felles deltakere hver uke" = 4L,
  "Planlagte m\u{f8}ter ansikt til ansikt minst hver m\u{e5}ned, og kontakt om felles deltakere minst hver uke" = 5L)
attr(fidelity[["O4"]], "labels") <- c(
  "Det finnes ingen jobbspesialistenhet" = 1L,
  "Jobbspesialistene har felles leder, men m\u{f8}tes ikke som gruppe og dekker ikke opp for hverandre" = 2L,
  "Jobbspesialistene har felles leder og dr\u{f8}fter saker sammen, men dekker ikke opp for hverandre" = 3L,
  "Enheten m\u{f8}tes to til fire ganger i m\u{e5}neden til gruppeveiledning om deltakerne, deler jobbmuligheter og dekker opp for hverandre" = 4L,
  "Enheten m\u{f8}tes hver uke til ressursorientert gruppeveiledning om deltakerne, deler jobbmuligheter og dekker opp for hverandre" = 5L)
attr(fidelity[["O5"]], "labels") <- c(
  "H\u{f8}yst ett av de fem elementene er p\u{e5} plass" = 1L,
  "To av de fem elementene er p\u{e5} plass" = 2L,
  "Tre av de fem elementene er p\u{e5} plass" = 3L,
  "Fire av de fem elementene er p\u{e5} plass" = 4L,
  "Alle de fem elementene er p\u{e5} plass" = 5L)
attr(fidelity[["O6"]], "labels") <- c(
  "Skriftlige retningslinjer holder personer utenfor som \u{ab}ikke klare for arbeid\u{bb}, f.eks. p\u{e5} grunn av rusbruk, voldshistorikk eller lavt funksjonsniv\u{e5}" = 1L,
  "De fleste deltakerne f\u{e5}r ikke tjenesten fordi de ansatte ser dem som ikke klare" = 2L,
  "Noen deltakere f\u{e5}r ikke tjenesten fordi de ansatte ser dem som ikke klare" = 3L,
  "Ingen tegn til utestenging, verken formell eller uformell" = 4L,
  "Alle som er interessert f\u{e5}r tjenesten, uavhengig av hvor klare de anses \u{e5} v\u{e6}re, symptomer, rusbruk, voldshistorikk, kognitive vansker, om de f\u{f8}lger behandlingen eller hvordan de fremst\u{e5}r; dette gjelder ogs\u{e5} underveis, de f\u{e5}r hjelp til ny jobb hver gang en jobb tar slutt, og henvisninger kommer fra mange kanter, ogs\u{e5} fra personen selv og familien" = 5L)
attr(fidelity[["O7"]], "labels") <- c(
  "H\u{f8}yst ett av de fem elementene er p\u{e5} plass" = 1L,
  "To av de fem elementene er p\u{e5} plass" = 2L,
  "Tre av de fem elementene er p\u{e5} plass" = 3L,
  "Fire av de fem elementene er p\u{e5} plass" = 4L,
  "Alle de fem elementene er p\u{e5} plass" = 5L)
attr(fidelity[["O8"]], "labels") <- c(
  "H\u{f8}yst ett av de fem elementene er p\u{e5} plass" = 1L,
  "To av de fem elementene er p\u{e5} plass" = 2L,
  "Tre av de fem elementene er p\u{e5} plass" = 3L,
  "Fire av de fem elementene er p\u{e5} plass" = 4L,
  "Alle de fem elementene er p\u{e5} plass" = 5L)
attr(fidelity[["Sv1"]], "labels") <- c(
  "De fleste deltakerne har ikke lett tilgang til hjelp med \u{e5} planlegge rundt ytelser og arbeid" = 1L,
  "Jobbspesialistene sender deltakerne til andre fagfolk for informasjon om ytelser" = 2L,
  "Jobbspesialistene snakker med deltakerne om hvordan ytelsene kan endres n\u{e5}r de jobber" = 3L,
  "Jobbspesialister eller behandlere s\u{f8}rger for at hver deltaker f\u{e5}r tilbud om grundig, individuell planlegging med en kvalifisert person f\u{f8}r en jobb starter" = 4L,
  "Som niv\u{e5} 4, og deltakerne kan f\u{e5} ny planlegging hver gang arbeidstid eller l\u{f8}nn endres; planleggingen dekker alle typer ytelser og hvordan inntekt skal meldes" = 5L)
attr(fidelity[["Sv2"]], "labels") <- c(
  "Ingen av de fire elementene er p\u{e5} plass" = 1L,
  "Ett av de fire elementene er p\u{e5} plass" = 2L,
  "To av de fire elementene er p\u{e5} plass" = 3L,
  "Tre av de fire elementene er p\u{e5} plass" = 4L,
  "Alle de fire elementene er p\u{e5} plass" = 5L)
attr(fidelity[["Sv3"]], "labels") <- c(
  "Kartleggingen skjer p\u{e5} kontoret, med tester eller arbeidspr\u{f8}ver, f\u{f8}r noen formidles til jobb" = 1L,
  "Kartleggingen g\u{e5}r trinnvis gjennom arbeidstrening, frivillig arbeid eller jobber reservert for deltakere" = 2L,
  "Det s\u{f8}kes direkte p\u{e5} jobber, men interesser og styrker gjennomg\u{e5}s ikke systematisk, og tapte jobber analyseres ikke" = 3L,
  "En innledende kartlegging over to eller tre m\u{f8}ter gir en karriereprofil som oppdateres etter hver arbeidserfaring og bygger p\u{e5} flere informasjonskilder" = 4L,
  "Som niv\u{e5} 4, fullt tilpasset personen; med deltakerens samtykke brukes ogs\u{e5} familie og tidligere arbeidsgivere som kilder" = 5L)
attr(fidelity[["Sv4"]], "labels") <- c(
  "271 dager eller mer i snitt (mer enn ni m\u{e5}neder)" = 1L,
  "151 til 270 dager i snitt" = 2L,
  "61 til 150 dager i snitt" = 3L,
  "31 til 60 dager i snitt" = 4L,
  "30 dager eller f\u{e6}rre i snitt" = 5L)
attr(fidelity[["Sv5"]], "labels") <- c(
  "Under 25 % av arbeidsgiverkontaktene bygger p\u{e5} deltakerens \u{f8}nsker, styrker og symptomer" = 1L,
  "25\u{2013}49 % av arbeidsgiverkontaktene gj\u{f8}r det" = 2L,
  "50\u{2013}74 % av arbeidsgiverkontaktene gj\u{f8}r det" = 3L,
  "75\u{2013}89 % av arbeidsgiverkontaktene gj\u{f8}r det" = 4L,
  "90\u{2013}100 % av arbeidsgiverkontaktene gj\u{f8}r det" = 5L)
attr(fidelity[["Sv6"]], "labels") <- c(
  "F\u{e6}rre enn to m\u{f8}ter med arbeidsgivere i uken" = 1L,
  "To m\u{f8}ter i uken, eller ingen registrering av kontaktene" = 2L,
  "Fire m\u{f8}ter i uken, med et registreringsskjema som lederen g\u{e5}r gjennom hver m\u{e5}ned" = 3L,
  "Fem m\u{f8}ter i uken, med registrering som gjennomg\u{e5}s hver uke" = 4L,
  "Seks m\u{f8}ter eller flere i uken (eller dobbelt s\u{e5} mange som antall jobbs\u{f8}kere n\u{e5}r en jobbspesialist har f\u{e6}rre enn tre i portef\u{f8}ljen), med registrering som gjennomg\u{e5}s hver uke" = 5L)
attr(fidelity[["Sv7"]], "labels") <- c(
  "M\u{f8}ter arbeidsgivere bare for \u{e5} levere s\u{f8}knader, eller har sjelden kontakt med arbeidsgivere" = 1L,
  "Sp\u{f8}r arbeidsgivere om ledige stillinger og gir tipsene videre til deltakerne" = 2L,
  "F\u{f8}lger opp utlyste stillinger: presenterer seg selv og programmet og ber om intervju" = 3L,
  "M\u{f8}ter arbeidsgivere personlig enten de har ledige stillinger eller ikke, presenterer deltakerens styrker og ber om intervju" = 4L,
  "Bygger relasjoner gjennom flere planlagte bes\u{f8}k: l\u{e6}rer hva arbeidsgiveren trenger, forklarer hva tjenesten kan tilby og matcher deltakernes styrker med behovene" = 5L)
attr(fidelity[["Sv8"]], "labels") <- c(
  "Under 50 % av jobbene er av ulik type" = 1L,
  "50\u{2013}59 % av jobbene er av ulik type" = 2L,
  "60\u{2013}69 % av jobbene er av ulik type" = 3L,
  "70\u{2013}84 % av jobbene er av ulik type" = 4L,
  "85\u{2013}100 % av jobbene er av ulik type" = 5L)
attr(fidelity[["Sv9"]], "labels") <- c(
  "Under 50 % av jobbene er hos ulike arbeidsgivere" = 1L,
  "50\u{2013}59 % av jobbene er hos ulike arbeidsgivere" = 2L,
  "60\u{2013}69 % av jobbene er hos ulike arbeidsgivere" = 3L,
  "70\u{2013}84 % av jobbene er hos ulike arbeidsgivere" = 4L,
  "85\u{2013}100 % av jobbene er hos ulike arbeidsgivere" = 5L)
attr(fidelity[["Sv10"]], "labels") <- c(
  "Under 64 % av jobbene er faste, ordin\u{e6}re jobber, eller deltakerne har f\u{e6}rre enn 10 jobber til sammen" = 1L,
  "65\u{2013}74 % av jobbene er faste, ordin\u{e6}re jobber" = 2L,
  "75\u{2013}84 % av jobbene er faste, ordin\u{e6}re jobber" = 3L,
  "85\u{2013}94 % av jobbene er faste, ordin\u{e6}re jobber" = 4L,
  "95 % eller mer av jobbene er faste, ordin\u{e6}re jobber" = 5L)
attr(fidelity[["Sv11"]], "labels") <- c(
  "De fleste deltakerne i arbeid f\u{e5}r ingen oppf\u{f8}lging etter at de har begynt" = 1L,
  "Omtrent halvparten av deltakerne i arbeid f\u{e5}r oppf\u{f8}lging, av begrenset slag og mest fra jobbspesialisten" = 2L,
  "De fleste deltakerne i arbeid f\u{e5}r oppf\u{f8}lging, av begrenset slag og mest fra jobbspesialisten" = 3L,
  "Deltakere i arbeid f\u{e5}r varierte former for oppf\u{f8}lging tilpasset jobben, \u{f8}nskene og arbeidshistorien deres; arbeidsgivere f\u{e5}r st\u{f8}tte n\u{e5}r de ber om det" = 4L,
  "Som niv\u{e5} 4, og deltakerne f\u{e5}r ogs\u{e5} hjelp til karriereutvikling, f.eks. utdanning, en bedre jobb eller oppgaver de foretrekker" = 5L)
attr(fidelity[["Sv12"]], "labels") <- c(
  "Ingen personlig kontakt med deltakere i arbeid etter den f\u{f8}rste m\u{e5}neden i jobben" = 1L,
  "Personlig kontakt i fire m\u{e5}neder eller mer med f\u{e6}rre enn halvparten av deltakerne i arbeid" = 2L,
  "Personlig kontakt i fire m\u{e5}neder eller mer med minst halvparten av deltakerne i arbeid" = 3L,
  "Ukentlig kontakt den f\u{f8}rste m\u{e5}neden, deretter minst m\u{e5}nedlig i ett \u{e5}r eller mer i snitt, etter deltakerens \u{f8}nske" = 4L,
  "Kontakt like f\u{f8}r og like etter jobbstart (skjemaet setter grenser p\u{e5} en uke og p\u{e5} tre dager), ukentlig den f\u{f8}rste m\u{e5}neden, deretter minst m\u{e5}nedlig i ett \u{e5}r eller mer; n\u{e5}r arbeidet er stabilt, overf\u{f8}res oppf\u{f8}lgingen gradvis til behandleren; kontakt innen tre dager etter at man f\u{e5}r vite at en jobb er avsluttet" = 5L)
attr(fidelity[["Sv13"]], "labels") <- c(
  "30 % eller mindre av arbeidstiden brukes i lokalsamfunnet" = 1L,
  "30\u{2013}39 % av arbeidstiden brukes i lokalsamfunnet" = 2L,
  "40\u{2013}49 % av arbeidstiden brukes i lokalsamfunnet" = 3L,
  "50\u{2013}64 % av arbeidstiden brukes i lokalsamfunnet" = 4L,
  "65 % eller mer av arbeidstiden brukes i lokalsamfunnet" = 5L)
attr(fidelity[["Sv14"]], "labels") <- c(
  "To eller f\u{e6}rre av de seks strategiene brukes" = 1L,
  "Tre av de seks strategiene brukes" = 2L,
  "Fire av de seks strategiene brukes" = 3L,
  "Fem av de seks strategiene brukes" = 4L,
  "Alle de seks strategiene brukes" = 5L)

# Variable labels.
variable_labels <- c(
  "review_id" = "Gjennomgangs-id (UUID)",
  "site_id" = "Enhets-id (UUID)",
  "scale" = "Skala-id",
  "scale_version" = "Skalaversjon",
  "review_type" = "Type gjennomgang",
  "review_status" = "Status",
  "visit_start" = "F\u{f8}rste bes\u{f8}ksdag",
  "visit_end" = "Siste bes\u{f8}ksdag",
  "total" = "Konsensus totalsk\u{e5}r",
  "band" = "Niv\u{e5} for totalsk\u{e5}r",
  "S1" = "S1 St\u{f8}rrelse p\u{e5} portef\u{f8}lje",
  "S2" = "S2 Ansatte som yter arbeidsrettede tjenester",
  "S3" = "S3 Jobbspesialistenes arbeidsoppgaver",
  "O1" = "O1 Integrering gjennom teamtilh\u{f8}righet",
  "O2" = "O2 Integrering gjennom hyppig kontakt med teammedlemmer",
  "O3" = "O3 Samarbeid med Nav-veileder",
  "O4" = "O4 Jobbspesialistenhet",
  "O5" = "O5 Lederens rolle",
  "O6" = "O6 Ingen eksklusjonskriterier",
  "O7" = "O7 Virksomhetens fokus p\u{e5} ordin\u{e6}rt arbeid",
  "O8" = "O8 Ledelsens st\u{f8}tte",
  "Sv1" = "Sv1 R\u{e5}dgivning om \u{f8}konomiske ytelser",
  "Sv2" = "Sv2 \u{c5}penhet om diagnose",
  "Sv3" = "Sv3 Fortl\u{f8}pende arbeidsbasert kartlegging",
  "Sv4" = "Sv4 Rask jobbs\u{f8}king",
  "Sv5" = "Sv5 Individuell jobbs\u{f8}king",
  "Sv6" = "Sv6 Jobbutvikling \u{2013} hyppig arbeidsgiverkontakt",
  "Sv7" = "Sv7 Jobbutvikling \u{2013} kvalitet p\u{e5} arbeidsgiverkontakt",
  "Sv8" = "Sv8 Variasjon i jobbtyper",
  "Sv9" = "Sv9 Variasjon i arbeidsgivere",
  "Sv10" = "Sv10 Ordin\u{e6}re jobber",
  "Sv11" = "Sv11 Individuell oppf\u{f8}lging",
  "Sv12" = "Sv12 Tidsubegrenset oppf\u{f8}lging",
  "Sv13" = "Sv13 Tjenester i lokalsamfunnet",
  "Sv14" = "Sv14 Aktiv opps\u{f8}kende kontakt"
)
for (v in names(variable_labels)) attr(fidelity[[v]], "label") <- variable_labels[[v]]
