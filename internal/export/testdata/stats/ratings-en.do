* Long export (ratings.csv) of Supported Employment Fidelity Scale, se-fidelity@2008; labels in en
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
    1 `"External review"' ///
    2 `"Self-assessment"' ///
    3 `"Remote review"', replace
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
    1 `"Planned"' ///
    2 `"In progress"' ///
    3 `"Consensus"' ///
    4 `"Finalised"', replace
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
    1 `"S1 Caseload size"' ///
    2 `"S2 Employment services staff"' ///
    3 `"S3 Vocational generalists"' ///
    4 `"O1 Integration with mental-health treatment through team assignment"' ///
    5 `"O2 Integration through frequent contact with team members"' ///
    6 `"O3 Collaboration between employment specialists and vocational rehabilitation counsellors"' ///
    7 `"O4 Vocational unit"' ///
    8 `"O5 Role of the employment supervisor"' ///
    9 `"O6 Zero exclusion criteria"' ///
    10 `"O7 Agency focus on competitive employment"' ///
    11 `"O8 Executive team support for supported employment"' ///
    12 `"Sv1 Work incentives planning"' ///
    13 `"Sv2 Disclosure"' ///
    14 `"Sv3 Ongoing, work-based vocational assessment"' ///
    15 `"Sv4 Rapid search for a competitive job"' ///
    16 `"Sv5 Individualized job search"' ///
    17 `"Sv6 Job development — frequent employer contact"' ///
    18 `"Sv7 Job development — quality of employer contact"' ///
    19 `"Sv8 Diversity of job types"' ///
    20 `"Sv9 Diversity of employers"' ///
    21 `"Sv10 Competitive jobs"' ///
    22 `"Sv11 Individualized follow-along supports"' ///
    23 `"Sv12 Time-unlimited follow-along supports"' ///
    24 `"Sv13 Community-based services"' ///
    25 `"Sv14 Assertive engagement and outreach by the integrated treatment team"', replace
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
    1 `"Staffing"' ///
    2 `"Organization"' ///
    3 `"Services"', replace
tempvar code
generate int `code' = .
replace `code' = 1 if section == `"staffing"'
replace `code' = 2 if section == `"organization"'
replace `code' = 3 if section == `"services"'
drop section
rename `code' section
label values section section_lbl

* Variable labels.
label variable review_id `"Review id (UUID)"'
label variable site_id `"Site id (UUID)"'
label variable site_code `"Site code"'
label variable site_name `"Site name"'
label variable scale `"Scale id"'
label variable scale_version `"Scale version"'
label variable review_type `"Review type"'
label variable review_status `"Review status"'
label variable visit_start `"First day of the visit"'
label variable visit_end `"Last day of the visit"'
label variable rater `"Rater id, or consensus"'
label variable rater_name `"Rater name (empty for consensus)"'
label variable item `"Item id"'
label variable section `"Section of the item"'
label variable score `"Item score"'

order review_id site_id site_code site_name scale scale_version review_type review_status visit_start visit_end rater rater_name item section score
describe, short
