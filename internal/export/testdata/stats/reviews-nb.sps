* Encoding: UTF-8.
* Wide export (reviews.csv) of Kvalitetsskalaen i IPS, se-fidelity@2008; labels in nb.
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
  review_id 'Gjennomgangs-id (UUID)'
  /site_id 'Enhets-id (UUID)'
  /scale 'Skala-id'
  /scale_version 'Skalaversjon'
  /review_type 'Type gjennomgang'
  /review_status 'Status'
  /visit_start 'Første besøksdag'
  /visit_end 'Siste besøksdag'
  /total 'Konsensus totalskår'
  /band 'Nivå for totalskår'
  /S1 'S1 Størrelse på portefølje'
  /S2 'S2 Ansatte som yter arbeidsrettede tjenester'
  /S3 'S3 Jobbspesialistenes arbeidsoppgaver'
  /O1 'O1 Integrering gjennom teamtilhørighet'
  /O2 'O2 Integrering gjennom hyppig kontakt med teammedlemmer'
  /O3 'O3 Samarbeid med Nav-veileder'
  /O4 'O4 Jobbspesialistenhet'
  /O5 'O5 Lederens rolle'
  /O6 'O6 Ingen eksklusjonskriterier'
  /O7 'O7 Virksomhetens fokus på ordinært arbeid'
  /O8 'O8 Ledelsens støtte'
  /Sv1 'Sv1 Rådgivning om økonomiske ytelser'
  /Sv2 'Sv2 Åpenhet om diagnose'
  /Sv3 'Sv3 Fortløpende arbeidsbasert kartlegging'
  /Sv4 'Sv4 Rask jobbsøking'
  /Sv5 'Sv5 Individuell jobbsøking'
  /Sv6 'Sv6 Jobbutvikling – hyppig arbeidsgiverkontakt'
  /Sv7 'Sv7 Jobbutvikling – kvalitet på arbeidsgiverkontakt'
  /Sv8 'Sv8 Variasjon i jobbtyper'
  /Sv9 'Sv9 Variasjon i arbeidsgivere'
  /Sv10 'Sv10 Ordinære jobber'
  /Sv11 'Sv11 Individuell oppfølging'
  /Sv12 'Sv12 Tidsubegrenset oppfølging'
  /Sv13 'Sv13 Tjenester i lokalsamfunnet'
  /Sv14 'Sv14 Aktiv oppsøkende kontakt'.

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
  /band
    'not_se' 'Ikke IPS/SE'
    'fair' 'Akseptabel modelltrofasthet'
    'good' 'God modelltrofasthet'
    'exemplary' 'Eksemplarisk modelltrofasthet'
  /S1
    1 '41 deltakere eller flere per jobbspesialist i full stilling'
    2 '31 til 40 deltakere per jobbspesialist i full stilling'
    3 '26 til 30 deltakere per jobbspesialist i full stilling'
    4 '21 til 25 deltakere per jobbspesialist i full stilling'
    5 'Høyst 20 deltakere per jobbspesialist i full stilling'
  /S2
    1 'Under 60 % av jobbspesialistenes tid går til arbeidsrettede tjenester'
    2 '60–74 % av tiden går til arbeidsrettede tjenester'
    3 '75–89 % av tiden går til arbeidsrettede tjenester'
    4 '90–95 % av tiden går til arbeidsrettede tjenester'
    5 '96 % eller mer av tiden går til arbeidsrettede tjenester'
  /S3
    1 'Jobbspesialistene har ingen egen portefølje; de bare sender deltakerne videre t' +
      'il andre tilbud eller leverandører'
    2 'Jobbspesialistene har egen portefølje, men andre utfører de arbeidsrettede tje' +
      'nestene som deltakerne henvises til'
    3 'Jobbspesialistene utfører selv mellom én og fire av de seks fasene'
    4 'Jobbspesialistene utfører selv fem av de seks fasene'
    5 'Jobbspesialistene utfører selv alle de seks fasene'
  /O1
    1 'Jobbspesialistene arbeider i et arbeidsrettet tilbud som i praksis er atskilt fr' +
      'a behandlingen'
    2 'Jobbspesialistene er knyttet til tre eller flere team, eller deltakerne får beh' +
      'andling av fagfolk som ikke er organiser'
    3 'Ett eller to team står for 50–74 % av jobbspesialistenes portefølje'
    4 'Ett eller to team står for 75–89 % av porteføljen'
    5 'Ett eller to team står for 90–100 % av porteføljen'
  /O2
    1 'Høyst ett av de fem elementene er på plass'
    2 'To av de fem elementene er på plass'
    3 'Tre av de fem elementene er på plass'
    4 'Fire av de fem elementene er på plass'
    5 'Alle de fem elementene er på plass'
  /O3
    1 'Kontakt om felles deltakere skjer sjeldnere enn hvert kvartal, eller ikke i det ' +
      'hele tatt'
    2 'Kontakt om felles deltakere minst hvert kvartal'
    3 'Kontakt om felles deltakere minst hver måned'
    4 'Planlagte møter ansikt til ansikt minst hvert kvartal, eller kontakt om felles ' +
      'deltakere hver uke'
    5 'Planlagte møter ansikt til ansikt minst hver måned, og kontakt om felles delta' +
      'kere minst hver uke'
  /O4
    1 'Det finnes ingen jobbspesialistenhet'
    2 'Jobbspesialistene har felles leder, men møtes ikke som gruppe og dekker ikke op' +
      'p for hverandre'
    3 'Jobbspesialistene har felles leder og drøfter saker sammen, men dekker ikke opp' +
      ' for hverandre'
    4 'Enheten møtes to til fire ganger i måneden til gruppeveiledning om deltakerne,' +
      ' deler jobbmuligheter og dekker opp for '
    5 'Enheten møtes hver uke til ressursorientert gruppeveiledning om deltakerne, del' +
      'er jobbmuligheter og dekker opp for hver'
  /O5
    1 'Høyst ett av de fem elementene er på plass'
    2 'To av de fem elementene er på plass'
    3 'Tre av de fem elementene er på plass'
    4 'Fire av de fem elementene er på plass'
    5 'Alle de fem elementene er på plass'
  /O6
    1 'Skriftlige retningslinjer holder personer utenfor som «ikke klare for arbeid»,' +
      ' f.eks. på grunn av rusbruk, voldshisto'
    2 'De fleste deltakerne får ikke tjenesten fordi de ansatte ser dem som ikke klare'
    3 'Noen deltakere får ikke tjenesten fordi de ansatte ser dem som ikke klare'
    4 'Ingen tegn til utestenging, verken formell eller uformell'
    5 'Alle som er interessert får tjenesten, uavhengig av hvor klare de anses å vær' +
      'e, symptomer, rusbruk, voldshistorikk, k'
  /O7
    1 'Høyst ett av de fem elementene er på plass'
    2 'To av de fem elementene er på plass'
    3 'Tre av de fem elementene er på plass'
    4 'Fire av de fem elementene er på plass'
    5 'Alle de fem elementene er på plass'
  /O8
    1 'Høyst ett av de fem elementene er på plass'
    2 'To av de fem elementene er på plass'
    3 'Tre av de fem elementene er på plass'
    4 'Fire av de fem elementene er på plass'
    5 'Alle de fem elementene er på plass'
  /Sv1
    1 'De fleste deltakerne har ikke lett tilgang til hjelp med å planlegge rundt ytel' +
      'ser og arbeid'
    2 'Jobbspesialistene sender deltakerne til andre fagfolk for informasjon om ytelser'
    3 'Jobbspesialistene snakker med deltakerne om hvordan ytelsene kan endres når de ' +
      'jobber'
    4 'Jobbspesialister eller behandlere sørger for at hver deltaker får tilbud om gr' +
      'undig, individuell planlegging med en kv'
    5 'Som nivå 4, og deltakerne kan få ny planlegging hver gang arbeidstid eller lø' +
      'nn endres; planleggingen dekker alle typ'
  /Sv2
    1 'Ingen av de fire elementene er på plass'
    2 'Ett av de fire elementene er på plass'
    3 'To av de fire elementene er på plass'
    4 'Tre av de fire elementene er på plass'
    5 'Alle de fire elementene er på plass'
  /Sv3
    1 'Kartleggingen skjer på kontoret, med tester eller arbeidsprøver, før noen for' +
      'midles til jobb'
    2 'Kartleggingen går trinnvis gjennom arbeidstrening, frivillig arbeid eller jobbe' +
      'r reservert for deltakere'
    3 'Det søkes direkte på jobber, men interesser og styrker gjennomgås ikke system' +
      'atisk, og tapte jobber analyseres ikke'
    4 'En innledende kartlegging over to eller tre møter gir en karriereprofil som opp' +
      'dateres etter hver arbeidserfaring og by'
    5 'Som nivå 4, fullt tilpasset personen; med deltakerens samtykke brukes også fam' +
      'ilie og tidligere arbeidsgivere som kild'
  /Sv4
    1 '271 dager eller mer i snitt (mer enn ni måneder)'
    2 '151 til 270 dager i snitt'
    3 '61 til 150 dager i snitt'
    4 '31 til 60 dager i snitt'
    5 '30 dager eller færre i snitt'
  /Sv5
    1 'Under 25 % av arbeidsgiverkontaktene bygger på deltakerens ønsker, styrker og ' +
      'symptomer'
    2 '25–49 % av arbeidsgiverkontaktene gjør det'
    3 '50–74 % av arbeidsgiverkontaktene gjør det'
    4 '75–89 % av arbeidsgiverkontaktene gjør det'
    5 '90–100 % av arbeidsgiverkontaktene gjør det'
  /Sv6
    1 'Færre enn to møter med arbeidsgivere i uken'
    2 'To møter i uken, eller ingen registrering av kontaktene'
    3 'Fire møter i uken, med et registreringsskjema som lederen går gjennom hver må' +
      'ned'
    4 'Fem møter i uken, med registrering som gjennomgås hver uke'
    5 'Seks møter eller flere i uken (eller dobbelt så mange som antall jobbsøkere n' +
      'år en jobbspesialist har færre enn tre'
  /Sv7
    1 'Møter arbeidsgivere bare for å levere søknader, eller har sjelden kontakt med' +
      ' arbeidsgivere'
    2 'Spør arbeidsgivere om ledige stillinger og gir tipsene videre til deltakerne'
    3 'Følger opp utlyste stillinger: presenterer seg selv og programmet og ber om int' +
      'ervju'
    4 'Møter arbeidsgivere personlig enten de har ledige stillinger eller ikke, presen' +
      'terer deltakerens styrker og ber om inte'
    5 'Bygger relasjoner gjennom flere planlagte besøk: lærer hva arbeidsgiveren tren' +
      'ger, forklarer hva tjenesten kan tilby o'
  /Sv8
    1 'Under 50 % av jobbene er av ulik type'
    2 '50–59 % av jobbene er av ulik type'
    3 '60–69 % av jobbene er av ulik type'
    4 '70–84 % av jobbene er av ulik type'
    5 '85–100 % av jobbene er av ulik type'
  /Sv9
    1 'Under 50 % av jobbene er hos ulike arbeidsgivere'
    2 '50–59 % av jobbene er hos ulike arbeidsgivere'
    3 '60–69 % av jobbene er hos ulike arbeidsgivere'
    4 '70–84 % av jobbene er hos ulike arbeidsgivere'
    5 '85–100 % av jobbene er hos ulike arbeidsgivere'
  /Sv10
    1 'Under 64 % av jobbene er faste, ordinære jobber, eller deltakerne har færre en' +
      'n 10 jobber til sammen'
    2 '65–74 % av jobbene er faste, ordinære jobber'
    3 '75–84 % av jobbene er faste, ordinære jobber'
    4 '85–94 % av jobbene er faste, ordinære jobber'
    5 '95 % eller mer av jobbene er faste, ordinære jobber'
  /Sv11
    1 'De fleste deltakerne i arbeid får ingen oppfølging etter at de har begynt'
    2 'Omtrent halvparten av deltakerne i arbeid får oppfølging, av begrenset slag og' +
      ' mest fra jobbspesialisten'
    3 'De fleste deltakerne i arbeid får oppfølging, av begrenset slag og mest fra jo' +
      'bbspesialisten'
    4 'Deltakere i arbeid får varierte former for oppfølging tilpasset jobben, ønske' +
      'ne og arbeidshistorien deres; arbeidsgiv'
    5 'Som nivå 4, og deltakerne får også hjelp til karriereutvikling, f.eks. utdann' +
      'ing, en bedre jobb eller oppgaver de for'
  /Sv12
    1 'Ingen personlig kontakt med deltakere i arbeid etter den første måneden i jobb' +
      'en'
    2 'Personlig kontakt i fire måneder eller mer med færre enn halvparten av deltake' +
      'rne i arbeid'
    3 'Personlig kontakt i fire måneder eller mer med minst halvparten av deltakerne i' +
      ' arbeid'
    4 'Ukentlig kontakt den første måneden, deretter minst månedlig i ett år eller ' +
      'mer i snitt, etter deltakerens ønske'
    5 'Kontakt like før og like etter jobbstart (skjemaet setter grenser på en uke og' +
      ' på tre dager), ukentlig den første m'
  /Sv13
    1 '30 % eller mindre av arbeidstiden brukes i lokalsamfunnet'
    2 '30–39 % av arbeidstiden brukes i lokalsamfunnet'
    3 '40–49 % av arbeidstiden brukes i lokalsamfunnet'
    4 '50–64 % av arbeidstiden brukes i lokalsamfunnet'
    5 '65 % eller mer av arbeidstiden brukes i lokalsamfunnet'
  /Sv14
    1 'To eller færre av de seks strategiene brukes'
    2 'Tre av de seks strategiene brukes'
    3 'Fire av de seks strategiene brukes'
    4 'Fem av de seks strategiene brukes'
    5 'Alle de seks strategiene brukes'.

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
