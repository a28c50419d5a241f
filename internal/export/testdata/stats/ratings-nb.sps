* Encoding: UTF-8.
* Long export (ratings.csv) of Kvalitetsskalaen i IPS, se-fidelity@2008; labels in nb.
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
  review_id 'Gjennomgangs-id (UUID)'
  /site_id 'Enhets-id (UUID)'
  /site_code 'Enhetskode'
  /site_name 'Enhetsnavn'
  /scale 'Skala-id'
  /scale_version 'Skalaversjon'
  /review_type 'Type gjennomgang'
  /review_status 'Status'
  /visit_start 'Første besøksdag'
  /visit_end 'Siste besøksdag'
  /rater 'Vurderer-id, eller consensus'
  /rater_name 'Vurderers navn (tomt for konsensus)'
  /item 'Element-id'
  /section 'Seksjon'
  /score 'Skår'.

VALUE LABELS
  review_type
    'external' 'Ekstern evaluering'
    'self' 'Egenvurdering'
    'remote' 'Digital evaluering'
  /review_status
    'planned' 'Planlagt'
    'in_progress' 'Pågår'
    'consensus' 'Konsensus'
    'finalised' 'Ferdigstilt'
  /item
    'S1' 'S1 Størrelse på portefølje'
    'S2' 'S2 Ansatte som yter arbeidsrettede tjenester'
    'S3' 'S3 Jobbspesialistenes arbeidsoppgaver'
    'O1' 'O1 Integrering gjennom teamtilhørighet'
    'O2' 'O2 Integrering gjennom hyppig kontakt med teammedlemmer'
    'O3' 'O3 Samarbeid med Nav-veileder'
    'O4' 'O4 Jobbspesialistenhet'
    'O5' 'O5 Lederens rolle'
    'O6' 'O6 Ingen eksklusjonskriterier'
    'O7' 'O7 Virksomhetens fokus på ordinært arbeid'
    'O8' 'O8 Ledelsens støtte'
    'Sv1' 'Sv1 Rådgivning om økonomiske ytelser'
    'Sv2' 'Sv2 Åpenhet om diagnose'
    'Sv3' 'Sv3 Fortløpende arbeidsbasert kartlegging'
    'Sv4' 'Sv4 Rask jobbsøking'
    'Sv5' 'Sv5 Individuell jobbsøking'
    'Sv6' 'Sv6 Jobbutvikling – hyppig arbeidsgiverkontakt'
    'Sv7' 'Sv7 Jobbutvikling – kvalitet på arbeidsgiverkontakt'
    'Sv8' 'Sv8 Variasjon i jobbtyper'
    'Sv9' 'Sv9 Variasjon i arbeidsgivere'
    'Sv10' 'Sv10 Ordinære jobber'
    'Sv11' 'Sv11 Individuell oppfølging'
    'Sv12' 'Sv12 Tidsubegrenset oppfølging'
    'Sv13' 'Sv13 Tjenester i lokalsamfunnet'
    'Sv14' 'Sv14 Aktiv oppsøkende kontakt'
  /section
    'staffing' 'Ansatte'
    'organization' 'Organisering'
    'services' 'Tjenester'.

VARIABLE LEVEL
  review_type (NOMINAL)
  /review_status (NOMINAL)
  /item (NOMINAL)
  /section (NOMINAL)
  /score (SCALE).

EXECUTE.
