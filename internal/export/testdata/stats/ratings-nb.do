* Long export (ratings.csv) of Kvalitetsskalaen i IPS, se-fidelity@2008; labels in nb
* Reads the CSV export named below from the working directory (change the
* path if it is elsewhere), then labels every variable and every coded value.
* Empty cells are missing.

version 14
clear

import delimited using `"fidelity-ratings.csv"', varnames(nonames) rowrange(2) delimiters(",") ///
    bindquotes(strict) encoding("utf-8") stringcols(1 2 3 4 5 6 7 8 9 10 11 12 13 14) numericcols(15) clear
rename (v1 v2 v3 v4 v5 v6 v7 v8 v9 v10 v11 v12 v13 v14 v15) ///
    (review_id site_id site_code site_name scale scale_version review_type review_status visit_start visit_end rater rater_name item section score)

* Keep only the rows of the scale version the labels describe.
quietly count if !(scale == `"se-fidelity"' & scale_version == `"2008"')
if r(N) > 0 display as text r(N) " rows of other scale versions are left out"
keep if scale == `"se-fidelity"' & scale_version == `"2008"'

* review_type: codes to labelled numbers (a code without a label stays missing).
label define review_type_lbl ///
    1 `"Ekstern evaluering"' ///
    2 `"Egenvurdering"' ///
    3 `"Digital evaluering"', replace
tempvar code
generate int `code' = .
replace `code' = 1 if review_type == `"external"'
replace `code' = 2 if review_type == `"self"'
replace `code' = 3 if review_type == `"remote"'
drop review_type
rename `code' review_type
label values review_type review_type_lbl

* review_status: codes to labelled numbers (a code without a label stays missing).
label define review_status_lbl ///
    1 `"Planlagt"' ///
    2 `"Pågår"' ///
    3 `"Konsensus"' ///
    4 `"Ferdigstilt"', replace
tempvar code
generate int `code' = .
replace `code' = 1 if review_status == `"planned"'
replace `code' = 2 if review_status == `"in_progress"'
replace `code' = 3 if review_status == `"consensus"'
replace `code' = 4 if review_status == `"finalised"'
drop review_status
rename `code' review_status
label values review_status review_status_lbl

* visit_start: YYYY-MM-DD text to a Stata date.
tempvar date
generate `date' = date(visit_start, "YMD")
format `date' %tdCCYY-NN-DD
drop visit_start
rename `date' visit_start

* visit_end: YYYY-MM-DD text to a Stata date.
tempvar date
generate `date' = date(visit_end, "YMD")
format `date' %tdCCYY-NN-DD
drop visit_end
rename `date' visit_end

* item: codes to labelled numbers (a code without a label stays missing).
label define item_lbl ///
    1 `"S1 Størrelse på portefølje"' ///
    2 `"S2 Ansatte som yter arbeidsrettede tjenester"' ///
    3 `"S3 Jobbspesialistenes arbeidsoppgaver"' ///
    4 `"O1 Integrering gjennom teamtilhørighet"' ///
    5 `"O2 Integrering gjennom hyppig kontakt med teammedlemmer"' ///
    6 `"O3 Samarbeid med Nav-veileder"' ///
    7 `"O4 Jobbspesialistenhet"' ///
    8 `"O5 Lederens rolle"' ///
    9 `"O6 Ingen eksklusjonskriterier"' ///
    10 `"O7 Virksomhetens fokus på ordinært arbeid"' ///
    11 `"O8 Ledelsens støtte"' ///
    12 `"Sv1 Rådgivning om økonomiske ytelser"' ///
    13 `"Sv2 Åpenhet om diagnose"' ///
    14 `"Sv3 Fortløpende arbeidsbasert kartlegging"' ///
    15 `"Sv4 Rask jobbsøking"' ///
    16 `"Sv5 Individuell jobbsøking"' ///
    17 `"Sv6 Jobbutvikling – hyppig arbeidsgiverkontakt"' ///
    18 `"Sv7 Jobbutvikling – kvalitet på arbeidsgiverkontakt"' ///
    19 `"Sv8 Variasjon i jobbtyper"' ///
    20 `"Sv9 Variasjon i arbeidsgivere"' ///
    21 `"Sv10 Ordinære jobber"' ///
    22 `"Sv11 Individuell oppfølging"' ///
    23 `"Sv12 Tidsubegrenset oppfølging"' ///
    24 `"Sv13 Tjenester i lokalsamfunnet"' ///
    25 `"Sv14 Aktiv oppsøkende kontakt"', replace
tempvar code
generate int `code' = .
replace `code' = 1 if item == `"S1"'
replace `code' = 2 if item == `"S2"'
replace `code' = 3 if item == `"S3"'
replace `code' = 4 if item == `"O1"'
replace `code' = 5 if item == `"O2"'
replace `code' = 6 if item == `"O3"'
replace `code' = 7 if item == `"O4"'
replace `code' = 8 if item == `"O5"'
replace `code' = 9 if item == `"O6"'
replace `code' = 10 if item == `"O7"'
replace `code' = 11 if item == `"O8"'
replace `code' = 12 if item == `"Sv1"'
replace `code' = 13 if item == `"Sv2"'
replace `code' = 14 if item == `"Sv3"'
replace `code' = 15 if item == `"Sv4"'
replace `code' = 16 if item == `"Sv5"'
replace `code' = 17 if item == `"Sv6"'
replace `code' = 18 if item == `"Sv7"'
replace `code' = 19 if item == `"Sv8"'
replace `code' = 20 if item == `"Sv9"'
replace `code' = 21 if item == `"Sv10"'
replace `code' = 22 if item == `"Sv11"'
replace `code' = 23 if item == `"Sv12"'
replace `code' = 24 if item == `"Sv13"'
replace `code' = 25 if item == `"Sv14"'
drop item
rename `code' item
label values item item_lbl

* section: codes to labelled numbers (a code without a label stays missing).
label define section_lbl ///
    1 `"Ansatte"' ///
    2 `"Organisering"' ///
    3 `"Tjenester"', replace
tempvar code
generate int `code' = .
replace `code' = 1 if section == `"staffing"'
replace `code' = 2 if section == `"organization"'
replace `code' = 3 if section == `"services"'
drop section
rename `code' section
label values section section_lbl

* Variable labels.
label variable review_id `"Gjennomgangs-id (UUID)"'
label variable site_id `"Enhets-id (UUID)"'
label variable site_code `"Enhetskode"'
label variable site_name `"Enhetsnavn"'
label variable scale `"Skala-id"'
label variable scale_version `"Skalaversjon"'
label variable review_type `"Type gjennomgang"'
label variable review_status `"Status"'
label variable visit_start `"Første besøksdag"'
label variable visit_end `"Siste besøksdag"'
label variable rater `"Vurderer-id, eller consensus"'
label variable rater_name `"Vurderers navn (tomt for konsensus)"'
label variable item `"Element-id"'
label variable section `"Seksjon"'
label variable score `"Skår"'

order review_id site_id site_code site_name scale scale_version review_type review_status visit_start visit_end rater rater_name item section score
describe, short
