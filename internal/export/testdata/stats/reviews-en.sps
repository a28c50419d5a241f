* Encoding: UTF-8.
* Wide export (reviews.csv) of Supported Employment Fidelity Scale, se-fidelity@2008; labels in en.
* Reads the CSV export named in /FILE below (change the path if it is elsewhere),
* then labels every variable and every coded value. Empty cells are missing.

GET DATA
  /TYPE=TXT
  /FILE='fidelity-reviews.csv'
  /ENCODING='UTF8'
  /ARRANGEMENT=DELIMITED
  /DELCASE=LINE
  /FIRSTCASE=2
  /DELIMITERS=","
  /QUALIFIER='"'
  /VARIABLES=
    review_id A36
    site_id A36
    scale A64
    scale_version A32
    review_type A8
    review_status A11
    visit_start SDATE10
    visit_end SDATE10
    total F8.0
    band A9
    S1 F8.0
    S2 F8.0
    S3 F8.0
    O1 F8.0
    O2 F8.0
    O3 F8.0
    O4 F8.0
    O5 F8.0
    O6 F8.0
    O7 F8.0
    O8 F8.0
    Sv1 F8.0
    Sv2 F8.0
    Sv3 F8.0
    Sv4 F8.0
    Sv5 F8.0
    Sv6 F8.0
    Sv7 F8.0
    Sv8 F8.0
    Sv9 F8.0
    Sv10 F8.0
    Sv11 F8.0
    Sv12 F8.0
    Sv13 F8.0
    Sv14 F8.0.

* Keep only the rows of the scale version the labels describe.
SELECT IF (scale = 'se-fidelity' AND scale_version = '2008').

FORMATS visit_start visit_end (SDATE10) total (F8.2).

VARIABLE LABELS
  review_id 'Review id (UUID)'
  /site_id 'Site id (UUID)'
  /scale 'Scale id'
  /scale_version 'Scale version'
  /review_type 'Review type'
  /review_status 'Review status'
  /visit_start 'First day of the visit'
  /visit_end 'Last day of the visit'
  /total 'Consensus total (sum of items)'
  /band 'Fidelity band of the consensus total'
  /S1 'S1 Caseload size'
  /S2 'S2 Employment services staff'
  /S3 'S3 Vocational generalists'
  /O1 'O1 Integration with mental-health treatment through team assignment'
  /O2 'O2 Integration through frequent contact with team members'
  /O3 'O3 Collaboration between employment specialists and vocational rehabilitation co' +
    'unsellors'
  /O4 'O4 Vocational unit'
  /O5 'O5 Role of the employment supervisor'
  /O6 'O6 Zero exclusion criteria'
  /O7 'O7 Agency focus on competitive employment'
  /O8 'O8 Executive team support for supported employment'
  /Sv1 'Sv1 Work incentives planning'
  /Sv2 'Sv2 Disclosure'
  /Sv3 'Sv3 Ongoing, work-based vocational assessment'
  /Sv4 'Sv4 Rapid search for a competitive job'
  /Sv5 'Sv5 Individualized job search'
  /Sv6 'Sv6 Job development — frequent employer contact'
  /Sv7 'Sv7 Job development — quality of employer contact'
  /Sv8 'Sv8 Diversity of job types'
  /Sv9 'Sv9 Diversity of employers'
  /Sv10 'Sv10 Competitive jobs'
  /Sv11 'Sv11 Individualized follow-along supports'
  /Sv12 'Sv12 Time-unlimited follow-along supports'
  /Sv13 'Sv13 Community-based services'
  /Sv14 'Sv14 Assertive engagement and outreach by the integrated treatment team'.

VALUE LABELS
  review_type
    'external' 'External review'
    'self' 'Self-assessment'
    'remote' 'Remote review'
  /review_status
    'planned' 'Planned'
    'in_progress' 'In progress'
    'consensus' 'Consensus'
    'finalised' 'Finalised'
  /band
    'not_se' 'Not supported employment'
    'fair' 'Fair fidelity'
    'good' 'Good fidelity'
    'exemplary' 'Exemplary fidelity'
  /S1
    1 '41 or more clients per full-time employment specialist'
    2 '31 to 40 clients per full-time specialist'
    3 '26 to 30 clients per full-time specialist'
    4 '21 to 25 clients per full-time specialist'
    5 'At most 20 clients per full-time specialist'
  /S2
    1 'Under 60% of the specialists'' time goes to employment services'
    2 '60–74% of their time goes to employment services'
    3 '75–89% of their time goes to employment services'
    4 '90–95% of their time goes to employment services'
    5 '96% or more of their time goes to employment services'
  /S3
    1 'Specialists hold no caseload of their own; they only pass clients on to other pr' +
      'ogrammes or providers'
    2 'Specialists have their own caseload, but others deliver the employment services ' +
      'to which they refer their clients'
    3 'Specialists themselves carry out between one and four of the six phases'
    4 'Specialists themselves carry out five of the six phases'
    5 'Specialists themselves carry out all six phases'
  /O1
    1 'Specialists work in a vocational programme that runs separately from mental-heal' +
      'th treatment'
    2 'Specialists are attached to three or more teams, or clients are treated by pract' +
      'itioners who do not work in teams, or th'
    3 'One or two teams supply 50–74% of the specialists'' caseload'
    4 'One or two teams supply 75–89% of the caseload'
    5 'One or two teams supply 90–100% of the caseload'
  /O2
    1 'No more than one of the five elements is in place'
    2 'Two of the five elements are in place'
    3 'Three of the five elements are in place'
    4 'Four of the five elements are in place'
    5 'All five elements are in place'
  /O3
    1 'Contact about shared clients happens less often than every quarter, or not at al' +
      'l'
    2 'Contact about shared clients at least every quarter'
    3 'Contact about shared clients at least every month'
    4 'Planned face-to-face meetings at least every quarter, or contact about shared cl' +
      'ients every week'
    5 'Planned face-to-face meetings at least every month, and contact about shared cli' +
      'ents at least every week'
  /O4
    1 'There is no vocational unit'
    2 'Specialists share a supervisor but do not meet as a group and do not cover for e' +
      'ach other'
    3 'Specialists share a supervisor and talk through cases together, but do not cover' +
      ' for each other'
    4 'The unit meets two to four times a month for group supervision on clients, share' +
      's job leads and covers for each other'
    5 'The unit meets every week for strengths-based group supervision on clients, shar' +
      'es job leads and covers for each other'
  /O5
    1 'No more than one of the five elements is in place'
    2 'Two of the five elements are in place'
    3 'Three of the five elements are in place'
    4 'Four of the five elements are in place'
    5 'All five elements are in place'
  /O6
    1 'A written policy keeps people out as ''not ready for work'', e.g. because of subst' +
      'ance use, a history of violence or low f'
    2 'Most clients cannot get the service because staff see them as not ready'
    3 'Some clients cannot get the service because staff see them as not ready'
    4 'No sign of exclusion, formal or informal'
    5 'Everyone interested gets the service whatever their readiness, symptoms, substan' +
      'ce use, violence history, cognitive diff'
  /O7
    1 'No more than one of the five elements is in place'
    2 'Two of the five elements are in place'
    3 'Three of the five elements are in place'
    4 'Four of the five elements are in place'
    5 'All five elements are in place'
  /O8
    1 'No more than one of the five elements is in place'
    2 'Two of the five elements are in place'
    3 'Three of the five elements are in place'
    4 'Four of the five elements are in place'
    5 'All five elements are in place'
  /Sv1
    1 'Most clients have no easy access to help with planning around benefits and work'
    2 'Specialists send clients to other professionals for information about benefits'
    3 'Specialists talk with clients about how their benefits may change when they work'
    4 'Specialists or treatment staff make sure each client is offered thorough, indivi' +
      'dual planning by a trained person before'
    5 'As level 4, and clients can get planning again whenever hours or pay change; the' +
      ' planning covers every kind of benefit a'
  /Sv2
    1 'None of the four elements is in place'
    2 'One of the four elements is in place'
    3 'Two of the four elements are in place'
    4 'Three of the four elements are in place'
    5 'All four elements are in place'
  /Sv3
    1 'Assessment happens in the office, by tests or work samples, before any job place' +
      'ment'
    2 'Assessment goes step by step through prevocational work, volunteer work or jobs ' +
      'set aside for clients'
    3 'Jobs are sought directly, but interests and strengths are not reviewed systemati' +
      'cally and lost jobs are not examined'
    4 'An initial assessment over two or three meetings produces a career profile, upda' +
      'ted after each work experience and drawi'
    5 'As level 4, fully tailored to the person; with the client''s consent, family and ' +
      'former employers are also used as source'
  /Sv4
    1 '271 days or more on average (more than nine months)'
    2 '151 to 270 days on average'
    3 '61 to 150 days on average'
    4 '31 to 60 days on average'
    5 '30 days or fewer on average'
  /Sv5
    1 'Under 25% of employer contacts follow the client''s preferences, strengths and sy' +
      'mptoms'
    2 '25–49% of employer contacts do so'
    3 '50–74% of employer contacts do so'
    4 '75–89% of employer contacts do so'
    5 '90–100% of employer contacts do so'
  /Sv6
    1 'Fewer than two face-to-face employer contacts a week'
    2 'Two contacts a week, or no way of tracking contacts'
    3 'Four contacts a week, with a tracking form the supervisor goes through monthly'
    4 'Five contacts a week, with tracking reviewed weekly'
    5 'Six or more contacts a week (or twice the number of job seekers when a specialis' +
      't has fewer than three on the caseload),'
  /Sv7
    1 'Meets employers only to hand in job applications, or seldom contacts employers a' +
      't all'
    2 'Asks employers about vacancies and passes the leads on to clients'
    3 'Follows up advertised vacancies: presents self and the programme and asks for an' +
      ' interview'
    4 'Meets employers in person whether or not they have vacancies, presents the clien' +
      't''s strengths and asks for interviews'
    5 'Builds relationships through several planned visits: learns what the employer ne' +
      'eds, explains what the service can offer'
  /Sv8
    1 'Under 50% of the jobs are of different types'
    2 '50–59% of the jobs are of different types'
    3 '60–69% of the jobs are of different types'
    4 '70–84% of the jobs are of different types'
    5 '85–100% of the jobs are of different types'
  /Sv9
    1 'Under 50% of the jobs are with different employers'
    2 '50–59% of the jobs are with different employers'
    3 '60–69% of the jobs are with different employers'
    4 '70–84% of the jobs are with different employers'
    5 '85–100% of the jobs are with different employers'
  /Sv10
    1 'Under 64% of the jobs are permanent competitive jobs, or clients hold fewer than' +
      ' 10 jobs in all'
    2 '65–74% of the jobs are permanent competitive jobs'
    3 '75–84% of the jobs are permanent competitive jobs'
    4 '85–94% of the jobs are permanent competitive jobs'
    5 '95% or more of the jobs are permanent competitive jobs'
  /Sv11
    1 'Most clients in work get no support once they have started'
    2 'About half of the working clients get support, of a narrow kind and mostly from ' +
      'the specialist'
    3 'Most working clients get support, of a narrow kind and mostly from the specialis' +
      't'
    4 'Working clients get a range of supports fitted to the job, their preferences and' +
      ' their work history; employers get suppo'
    5 'As level 4, and clients also get help to develop their careers, e.g. education, ' +
      'a better job or duties they prefer'
  /Sv12
    1 'No in-person contact with working clients after their first month in the job'
    2 'In-person contact for four months or more with fewer than half of the working cl' +
      'ients'
    3 'In-person contact for four months or more with at least half of the working clie' +
      'nts'
    4 'Weekly contact in the first month, then at least monthly for a year or more on a' +
      'verage, as the client wishes'
    5 'Contact shortly before and shortly after the job starts (the form sets limits of' +
      ' a week and of three days), weekly in th'
  /Sv13
    1 '30% or less of scheduled hours are spent in the community'
    2 '30–39% of scheduled hours are spent in the community'
    3 '40–49% of scheduled hours are spent in the community'
    4 '50–64% of scheduled hours are spent in the community'
    5 '65% or more of scheduled hours are spent in the community'
  /Sv14
    1 'Two or fewer of the six strategies are used'
    2 'Three of the six strategies are used'
    3 'Four of the six strategies are used'
    4 'Five of the six strategies are used'
    5 'All six strategies are used'.

* An empty code means not applicable.
MISSING VALUES band ('').

VARIABLE LEVEL
  review_type (NOMINAL)
  /review_status (NOMINAL)
  /total (SCALE)
  /band (ORDINAL)
  /S1 (ORDINAL)
  /S2 (ORDINAL)
  /S3 (ORDINAL)
  /O1 (ORDINAL)
  /O2 (ORDINAL)
  /O3 (ORDINAL)
  /O4 (ORDINAL)
  /O5 (ORDINAL)
  /O6 (ORDINAL)
  /O7 (ORDINAL)
  /O8 (ORDINAL)
  /Sv1 (ORDINAL)
  /Sv2 (ORDINAL)
  /Sv3 (ORDINAL)
  /Sv4 (ORDINAL)
  /Sv5 (ORDINAL)
  /Sv6 (ORDINAL)
  /Sv7 (ORDINAL)
  /Sv8 (ORDINAL)
  /Sv9 (ORDINAL)
  /Sv10 (ORDINAL)
  /Sv11 (ORDINAL)
  /Sv12 (ORDINAL)
  /Sv13 (ORDINAL)
  /Sv14 (ORDINAL).

EXECUTE.
