* Encoding: UTF-8.
* Long export (ratings.csv) of Supported Employment Fidelity Scale, se-fidelity@2008; labels in en.
* Reads the CSV export named in /FILE below (change the path if it is elsewhere),
* then labels every variable and every coded value. Empty cells are missing.

GET DATA
  /TYPE=TXT
  /FILE='fidelity-ratings.csv'
  /ENCODING='UTF8'
  /ARRANGEMENT=DELIMITED
  /DELCASE=LINE
  /FIRSTCASE=2
  /DELIMITERS=","
  /QUALIFIER='"'
  /VARIABLES=
    review_id A36
    site_id A36
    site_code A255
    site_name A1024
    scale A64
    scale_version A32
    review_type A8
    review_status A11
    visit_start SDATE10
    visit_end SDATE10
    rater A36
    rater_name A1024
    item A4
    section A12
    score F8.0.

* Keep only the rows of the scale version the labels describe.
SELECT IF (scale = 'se-fidelity' AND scale_version = '2008').

FORMATS visit_start visit_end (SDATE10).

VARIABLE LABELS
  review_id 'Review id (UUID)'
  /site_id 'Site id (UUID)'
  /site_code 'Site code'
  /site_name 'Site name'
  /scale 'Scale id'
  /scale_version 'Scale version'
  /review_type 'Review type'
  /review_status 'Review status'
  /visit_start 'First day of the visit'
  /visit_end 'Last day of the visit'
  /rater 'Rater id, or consensus'
  /rater_name 'Rater name (empty for consensus)'
  /item 'Item id'
  /section 'Section of the item'
  /score 'Item score'.

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
  /item
    'S1' 'S1 Caseload size'
    'S2' 'S2 Employment services staff'
    'S3' 'S3 Vocational generalists'
    'O1' 'O1 Integration with mental-health treatment through team assignment'
    'O2' 'O2 Integration through frequent contact with team members'
    'O3' 'O3 Collaboration between employment specialists and vocational rehabilitation co' +
      'unsellors'
    'O4' 'O4 Vocational unit'
    'O5' 'O5 Role of the employment supervisor'
    'O6' 'O6 Zero exclusion criteria'
    'O7' 'O7 Agency focus on competitive employment'
    'O8' 'O8 Executive team support for supported employment'
    'Sv1' 'Sv1 Work incentives planning'
    'Sv2' 'Sv2 Disclosure'
    'Sv3' 'Sv3 Ongoing, work-based vocational assessment'
    'Sv4' 'Sv4 Rapid search for a competitive job'
    'Sv5' 'Sv5 Individualized job search'
    'Sv6' 'Sv6 Job development — frequent employer contact'
    'Sv7' 'Sv7 Job development — quality of employer contact'
    'Sv8' 'Sv8 Diversity of job types'
    'Sv9' 'Sv9 Diversity of employers'
    'Sv10' 'Sv10 Competitive jobs'
    'Sv11' 'Sv11 Individualized follow-along supports'
    'Sv12' 'Sv12 Time-unlimited follow-along supports'
    'Sv13' 'Sv13 Community-based services'
    'Sv14' 'Sv14 Assertive engagement and outreach by the integrated treatment team'
  /section
    'staffing' 'Staffing'
    'organization' 'Organization'
    'services' 'Services'.

VARIABLE LEVEL
  review_type (NOMINAL)
  /review_status (NOMINAL)
  /item (NOMINAL)
  /section (NOMINAL)
  /score (SCALE).

EXECUTE.
