* Wide export (reviews.csv) of Supported Employment Fidelity Scale, se-fidelity@2008; labels in en
* Reads the CSV export named below from the working directory (change the
* path if it is elsewhere), then labels every variable and every coded value.
* Empty cells are missing.

version 14
clear

import delimited using `"fidelity-reviews.csv"', varnames(nonames) rowrange(2) delimiters(",") ///
    bindquotes(strict) encoding("utf-8") stringcols(1 2 3 4 5 6 7 8 10) numericcols(9 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35) clear
rename (v1 v2 v3 v4 v5 v6 v7 v8 v9 v10 v11 v12 v13 v14 v15 v16 v17 v18 v19 v20 v21 v22 v23 v24 v25 v26 v27 v28 v29 v30 v31 v32 v33 v34 v35) ///
    (review_id site_id scale scale_version review_type review_status visit_start visit_end total band S1 S2 S3 O1 O2 O3 O4 O5 O6 O7 O8 Sv1 Sv2 Sv3 Sv4 Sv5 Sv6 Sv7 Sv8 Sv9 Sv10 Sv11 Sv12 Sv13 Sv14)

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

* band: codes to labelled numbers (a code without a label stays missing).
label define band_lbl ///
    1 `"Not supported employment"' ///
    2 `"Fair fidelity"' ///
    3 `"Good fidelity"' ///
    4 `"Exemplary fidelity"', replace
tempvar code
generate int `code' = .
replace `code' = 1 if band == `"not_se"'
replace `code' = 2 if band == `"fair"'
replace `code' = 3 if band == `"good"'
replace `code' = 4 if band == `"exemplary"'
drop band
rename `code' band
label values band band_lbl

* Value labels of the item scores.
label define S1_lbl ///
    1 `"41 or more clients per full-time employment specialist"' ///
    2 `"31 to 40 clients per full-time specialist"' ///
    3 `"26 to 30 clients per full-time specialist"' ///
    4 `"21 to 25 clients per full-time specialist"' ///
    5 `"At most 20 clients per full-time specialist"', replace
label values S1 S1_lbl
label define S2_lbl ///
    1 `"Under 60% of the specialists' time goes to employment services"' ///
    2 `"60–74% of their time goes to employment services"' ///
    3 `"75–89% of their time goes to employment services"' ///
    4 `"90–95% of their time goes to employment services"' ///
    5 `"96% or more of their time goes to employment services"', replace
label values S2 S2_lbl
label define S3_lbl ///
    1 `"Specialists hold no caseload of their own; they only pass clients on to other programmes or providers"' ///
    2 `"Specialists have their own caseload, but others deliver the employment services to which they refer their clients"' ///
    3 `"Specialists themselves carry out between one and four of the six phases"' ///
    4 `"Specialists themselves carry out five of the six phases"' ///
    5 `"Specialists themselves carry out all six phases"', replace
label values S3 S3_lbl
label define O1_lbl ///
    1 `"Specialists work in a vocational programme that runs separately from mental-health treatment"' ///
    2 `"Specialists are attached to three or more teams, or clients are treated by practitioners who do not work in teams, or the one or two teams supply under half of the caseload"' ///
    3 `"One or two teams supply 50–74% of the specialists' caseload"' ///
    4 `"One or two teams supply 75–89% of the caseload"' ///
    5 `"One or two teams supply 90–100% of the caseload"', replace
label values O1 O1_lbl
label define O2_lbl ///
    1 `"No more than one of the five elements is in place"' ///
    2 `"Two of the five elements are in place"' ///
    3 `"Three of the five elements are in place"' ///
    4 `"Four of the five elements are in place"' ///
    5 `"All five elements are in place"', replace
label values O2 O2_lbl
label define O3_lbl ///
    1 `"Contact about shared clients happens less often than every quarter, or not at all"' ///
    2 `"Contact about shared clients at least every quarter"' ///
    3 `"Contact about shared clients at least every month"' ///
    4 `"Planned face-to-face meetings at least every quarter, or contact about shared clients every week"' ///
    5 `"Planned face-to-face meetings at least every month, and contact about shared clients at least every week"', replace
label values O3 O3_lbl
label define O4_lbl ///
    1 `"There is no vocational unit"' ///
    2 `"Specialists share a supervisor but do not meet as a group and do not cover for each other"' ///
    3 `"Specialists share a supervisor and talk through cases together, but do not cover for each other"' ///
    4 `"The unit meets two to four times a month for group supervision on clients, shares job leads and covers for each other"' ///
    5 `"The unit meets every week for strengths-based group supervision on clients, shares job leads and covers for each other"', replace
label values O4 O4_lbl
label define O5_lbl ///
    1 `"No more than one of the five elements is in place"' ///
    2 `"Two of the five elements are in place"' ///
    3 `"Three of the five elements are in place"' ///
    4 `"Four of the five elements are in place"' ///
    5 `"All five elements are in place"', replace
label values O5 O5_lbl
label define O6_lbl ///
    1 `"A written policy keeps people out as 'not ready for work', e.g. because of substance use, a history of violence or low functioning"' ///
    2 `"Most clients cannot get the service because staff see them as not ready"' ///
    3 `"Some clients cannot get the service because staff see them as not ready"' ///
    4 `"No sign of exclusion, formal or informal"' ///
    5 `"Everyone interested gets the service whatever their readiness, symptoms, substance use, violence history, cognitive difficulties, treatment adherence or appearance; this holds during the service too, help towards a new job follows whenever a job ends, and referrals come from many sources, including self-referral and family"', replace
label values O6 O6_lbl
label define O7_lbl ///
    1 `"No more than one of the five elements is in place"' ///
    2 `"Two of the five elements are in place"' ///
    3 `"Three of the five elements are in place"' ///
    4 `"Four of the five elements are in place"' ///
    5 `"All five elements are in place"', replace
label values O7 O7_lbl
label define O8_lbl ///
    1 `"No more than one of the five elements is in place"' ///
    2 `"Two of the five elements are in place"' ///
    3 `"Three of the five elements are in place"' ///
    4 `"Four of the five elements are in place"' ///
    5 `"All five elements are in place"', replace
label values O8 O8_lbl
label define Sv1_lbl ///
    1 `"Most clients have no easy access to help with planning around benefits and work"' ///
    2 `"Specialists send clients to other professionals for information about benefits"' ///
    3 `"Specialists talk with clients about how their benefits may change when they work"' ///
    4 `"Specialists or treatment staff make sure each client is offered thorough, individual planning by a trained person before a job starts"' ///
    5 `"As level 4, and clients can get planning again whenever hours or pay change; the planning covers every kind of benefit and how to report earnings"', replace
label values Sv1 Sv1_lbl
label define Sv2_lbl ///
    1 `"None of the four elements is in place"' ///
    2 `"One of the four elements is in place"' ///
    3 `"Two of the four elements are in place"' ///
    4 `"Three of the four elements are in place"' ///
    5 `"All four elements are in place"', replace
label values Sv2 Sv2_lbl
label define Sv3_lbl ///
    1 `"Assessment happens in the office, by tests or work samples, before any job placement"' ///
    2 `"Assessment goes step by step through prevocational work, volunteer work or jobs set aside for clients"' ///
    3 `"Jobs are sought directly, but interests and strengths are not reviewed systematically and lost jobs are not examined"' ///
    4 `"An initial assessment over two or three meetings produces a career profile, updated after each work experience and drawing on several sources of information"' ///
    5 `"As level 4, fully tailored to the person; with the client's consent, family and former employers are also used as sources"', replace
label values Sv3 Sv3_lbl
label define Sv4_lbl ///
    1 `"271 days or more on average (more than nine months)"' ///
    2 `"151 to 270 days on average"' ///
    3 `"61 to 150 days on average"' ///
    4 `"31 to 60 days on average"' ///
    5 `"30 days or fewer on average"', replace
label values Sv4 Sv4_lbl
label define Sv5_lbl ///
    1 `"Under 25% of employer contacts follow the client's preferences, strengths and symptoms"' ///
    2 `"25–49% of employer contacts do so"' ///
    3 `"50–74% of employer contacts do so"' ///
    4 `"75–89% of employer contacts do so"' ///
    5 `"90–100% of employer contacts do so"', replace
label values Sv5 Sv5_lbl
label define Sv6_lbl ///
    1 `"Fewer than two face-to-face employer contacts a week"' ///
    2 `"Two contacts a week, or no way of tracking contacts"' ///
    3 `"Four contacts a week, with a tracking form the supervisor goes through monthly"' ///
    4 `"Five contacts a week, with tracking reviewed weekly"' ///
    5 `"Six or more contacts a week (or twice the number of job seekers when a specialist has fewer than three on the caseload), with tracking reviewed weekly"', replace
label values Sv6 Sv6_lbl
label define Sv7_lbl ///
    1 `"Meets employers only to hand in job applications, or seldom contacts employers at all"' ///
    2 `"Asks employers about vacancies and passes the leads on to clients"' ///
    3 `"Follows up advertised vacancies: presents self and the programme and asks for an interview"' ///
    4 `"Meets employers in person whether or not they have vacancies, presents the client's strengths and asks for interviews"' ///
    5 `"Builds relationships through several planned visits: learns what the employer needs, explains what the service can offer and matches clients' strengths to those needs"', replace
label values Sv7 Sv7_lbl
label define Sv8_lbl ///
    1 `"Under 50% of the jobs are of different types"' ///
    2 `"50–59% of the jobs are of different types"' ///
    3 `"60–69% of the jobs are of different types"' ///
    4 `"70–84% of the jobs are of different types"' ///
    5 `"85–100% of the jobs are of different types"', replace
label values Sv8 Sv8_lbl
label define Sv9_lbl ///
    1 `"Under 50% of the jobs are with different employers"' ///
    2 `"50–59% of the jobs are with different employers"' ///
    3 `"60–69% of the jobs are with different employers"' ///
    4 `"70–84% of the jobs are with different employers"' ///
    5 `"85–100% of the jobs are with different employers"', replace
label values Sv9 Sv9_lbl
label define Sv10_lbl ///
    1 `"Under 64% of the jobs are permanent competitive jobs, or clients hold fewer than 10 jobs in all"' ///
    2 `"65–74% of the jobs are permanent competitive jobs"' ///
    3 `"75–84% of the jobs are permanent competitive jobs"' ///
    4 `"85–94% of the jobs are permanent competitive jobs"' ///
    5 `"95% or more of the jobs are permanent competitive jobs"', replace
label values Sv10 Sv10_lbl
label define Sv11_lbl ///
    1 `"Most clients in work get no support once they have started"' ///
    2 `"About half of the working clients get support, of a narrow kind and mostly from the specialist"' ///
    3 `"Most working clients get support, of a narrow kind and mostly from the specialist"' ///
    4 `"Working clients get a range of supports fitted to the job, their preferences and their work history; employers get support when they ask for it"' ///
    5 `"As level 4, and clients also get help to develop their careers, e.g. education, a better job or duties they prefer"', replace
label values Sv11 Sv11_lbl
label define Sv12_lbl ///
    1 `"No in-person contact with working clients after their first month in the job"' ///
    2 `"In-person contact for four months or more with fewer than half of the working clients"' ///
    3 `"In-person contact for four months or more with at least half of the working clients"' ///
    4 `"Weekly contact in the first month, then at least monthly for a year or more on average, as the client wishes"' ///
    5 `"Contact shortly before and shortly after the job starts (the form sets limits of a week and of three days), weekly in the first month, then at least monthly for a year or more; once work is steady, support is handed over gradually to the mental-health worker; contact within three days of learning that a job has ended"', replace
label values Sv12 Sv12_lbl
label define Sv13_lbl ///
    1 `"30% or less of scheduled hours are spent in the community"' ///
    2 `"30–39% of scheduled hours are spent in the community"' ///
    3 `"40–49% of scheduled hours are spent in the community"' ///
    4 `"50–64% of scheduled hours are spent in the community"' ///
    5 `"65% or more of scheduled hours are spent in the community"', replace
label values Sv13 Sv13_lbl
label define Sv14_lbl ///
    1 `"Two or fewer of the six strategies are used"' ///
    2 `"Three of the six strategies are used"' ///
    3 `"Four of the six strategies are used"' ///
    4 `"Five of the six strategies are used"' ///
    5 `"All six strategies are used"', replace
label values Sv14 Sv14_lbl

* Variable labels.
label variable review_id `"Review id (UUID)"'
label variable site_id `"Site id (UUID)"'
label variable scale `"Scale id"'
label variable scale_version `"Scale version"'
label variable review_type `"Review type"'
label variable review_status `"Review status"'
label variable visit_start `"First day of the visit"'
label variable visit_end `"Last day of the visit"'
label variable total `"Consensus total (sum of items)"'
label variable band `"Fidelity band of the consensus total"'
label variable S1 `"S1 Caseload size"'
label variable S2 `"S2 Employment services staff"'
label variable S3 `"S3 Vocational generalists"'
label variable O1 `"O1 Integration with mental-health treatment through team assignment"'
label variable O2 `"O2 Integration through frequent contact with team members"'
label variable O3 `"O3 Collaboration between employment specialists and vocational rehabilitation co"'
label variable O4 `"O4 Vocational unit"'
label variable O5 `"O5 Role of the employment supervisor"'
label variable O6 `"O6 Zero exclusion criteria"'
label variable O7 `"O7 Agency focus on competitive employment"'
label variable O8 `"O8 Executive team support for supported employment"'
label variable Sv1 `"Sv1 Work incentives planning"'
label variable Sv2 `"Sv2 Disclosure"'
label variable Sv3 `"Sv3 Ongoing, work-based vocational assessment"'
label variable Sv4 `"Sv4 Rapid search for a competitive job"'
label variable Sv5 `"Sv5 Individualized job search"'
label variable Sv6 `"Sv6 Job development — frequent employer contact"'
label variable Sv7 `"Sv7 Job development — quality of employer contact"'
label variable Sv8 `"Sv8 Diversity of job types"'
label variable Sv9 `"Sv9 Diversity of employers"'
label variable Sv10 `"Sv10 Competitive jobs"'
label variable Sv11 `"Sv11 Individualized follow-along supports"'
label variable Sv12 `"Sv12 Time-unlimited follow-along supports"'
label variable Sv13 `"Sv13 Community-based services"'
label variable Sv14 `"Sv14 Assertive engagement and outreach by the integrated treatment team"'

order review_id site_id scale scale_version review_type review_status visit_start visit_end total band S1 S2 S3 O1 O2 O3 O4 O5 O6 O7 O8 Sv1 Sv2 Sv3 Sv4 Sv5 Sv6 Sv7 Sv8 Sv9 Sv10 Sv11 Sv12 Sv13 Sv14
describe, short
