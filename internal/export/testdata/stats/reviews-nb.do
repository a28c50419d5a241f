* Wide export (reviews.csv) of Kvalitetsskalaen i IPS, se-fidelity@2008; labels in nb
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

* band: codes to labelled numbers (a code without a label stays missing).
label define band_lbl ///
    1 `"Ikke IPS/SE"' ///
    2 `"Akseptabel modelltrofasthet"' ///
    3 `"God modelltrofasthet"' ///
    4 `"Eksemplarisk modelltrofasthet"', replace
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
    1 `"41 deltakere eller flere per jobbspesialist i full stilling"' ///
    2 `"31 til 40 deltakere per jobbspesialist i full stilling"' ///
    3 `"26 til 30 deltakere per jobbspesialist i full stilling"' ///
    4 `"21 til 25 deltakere per jobbspesialist i full stilling"' ///
    5 `"Høyst 20 deltakere per jobbspesialist i full stilling"', replace
label values S1 S1_lbl
label define S2_lbl ///
    1 `"Under 60 % av jobbspesialistenes tid går til arbeidsrettede tjenester"' ///
    2 `"60–74 % av tiden går til arbeidsrettede tjenester"' ///
    3 `"75–89 % av tiden går til arbeidsrettede tjenester"' ///
    4 `"90–95 % av tiden går til arbeidsrettede tjenester"' ///
    5 `"96 % eller mer av tiden går til arbeidsrettede tjenester"', replace
label values S2 S2_lbl
label define S3_lbl ///
    1 `"Jobbspesialistene har ingen egen portefølje; de bare sender deltakerne videre til andre tilbud eller leverandører"' ///
    2 `"Jobbspesialistene har egen portefølje, men andre utfører de arbeidsrettede tjenestene som deltakerne henvises til"' ///
    3 `"Jobbspesialistene utfører selv mellom én og fire av de seks fasene"' ///
    4 `"Jobbspesialistene utfører selv fem av de seks fasene"' ///
    5 `"Jobbspesialistene utfører selv alle de seks fasene"', replace
label values S3 S3_lbl
label define O1_lbl ///
    1 `"Jobbspesialistene arbeider i et arbeidsrettet tilbud som i praksis er atskilt fra behandlingen"' ///
    2 `"Jobbspesialistene er knyttet til tre eller flere team, eller deltakerne får behandling av fagfolk som ikke er organisert i team, eller de ett eller to teamene står for under halvparten av porteføljen"' ///
    3 `"Ett eller to team står for 50–74 % av jobbspesialistenes portefølje"' ///
    4 `"Ett eller to team står for 75–89 % av porteføljen"' ///
    5 `"Ett eller to team står for 90–100 % av porteføljen"', replace
label values O1 O1_lbl
label define O2_lbl ///
    1 `"Høyst ett av de fem elementene er på plass"' ///
    2 `"To av de fem elementene er på plass"' ///
    3 `"Tre av de fem elementene er på plass"' ///
    4 `"Fire av de fem elementene er på plass"' ///
    5 `"Alle de fem elementene er på plass"', replace
label values O2 O2_lbl
label define O3_lbl ///
    1 `"Kontakt om felles deltakere skjer sjeldnere enn hvert kvartal, eller ikke i det hele tatt"' ///
    2 `"Kontakt om felles deltakere minst hvert kvartal"' ///
    3 `"Kontakt om felles deltakere minst hver måned"' ///
    4 `"Planlagte møter ansikt til ansikt minst hvert kvartal, eller kontakt om felles deltakere hver uke"' ///
    5 `"Planlagte møter ansikt til ansikt minst hver måned, og kontakt om felles deltakere minst hver uke"', replace
label values O3 O3_lbl
label define O4_lbl ///
    1 `"Det finnes ingen jobbspesialistenhet"' ///
    2 `"Jobbspesialistene har felles leder, men møtes ikke som gruppe og dekker ikke opp for hverandre"' ///
    3 `"Jobbspesialistene har felles leder og drøfter saker sammen, men dekker ikke opp for hverandre"' ///
    4 `"Enheten møtes to til fire ganger i måneden til gruppeveiledning om deltakerne, deler jobbmuligheter og dekker opp for hverandre"' ///
    5 `"Enheten møtes hver uke til ressursorientert gruppeveiledning om deltakerne, deler jobbmuligheter og dekker opp for hverandre"', replace
label values O4 O4_lbl
label define O5_lbl ///
    1 `"Høyst ett av de fem elementene er på plass"' ///
    2 `"To av de fem elementene er på plass"' ///
    3 `"Tre av de fem elementene er på plass"' ///
    4 `"Fire av de fem elementene er på plass"' ///
    5 `"Alle de fem elementene er på plass"', replace
label values O5 O5_lbl
label define O6_lbl ///
    1 `"Skriftlige retningslinjer holder personer utenfor som «ikke klare for arbeid», f.eks. på grunn av rusbruk, voldshistorikk eller lavt funksjonsnivå"' ///
    2 `"De fleste deltakerne får ikke tjenesten fordi de ansatte ser dem som ikke klare"' ///
    3 `"Noen deltakere får ikke tjenesten fordi de ansatte ser dem som ikke klare"' ///
    4 `"Ingen tegn til utestenging, verken formell eller uformell"' ///
    5 `"Alle som er interessert får tjenesten, uavhengig av hvor klare de anses å være, symptomer, rusbruk, voldshistorikk, kognitive vansker, om de følger behandlingen eller hvordan de fremstår; dette gjelder også underveis, de får hjelp til ny jobb hver gang en jobb tar slutt, og henvisninger kommer fra mange kanter, også fra personen selv og familien"', replace
label values O6 O6_lbl
label define O7_lbl ///
    1 `"Høyst ett av de fem elementene er på plass"' ///
    2 `"To av de fem elementene er på plass"' ///
    3 `"Tre av de fem elementene er på plass"' ///
    4 `"Fire av de fem elementene er på plass"' ///
    5 `"Alle de fem elementene er på plass"', replace
label values O7 O7_lbl
label define O8_lbl ///
    1 `"Høyst ett av de fem elementene er på plass"' ///
    2 `"To av de fem elementene er på plass"' ///
    3 `"Tre av de fem elementene er på plass"' ///
    4 `"Fire av de fem elementene er på plass"' ///
    5 `"Alle de fem elementene er på plass"', replace
label values O8 O8_lbl
label define Sv1_lbl ///
    1 `"De fleste deltakerne har ikke lett tilgang til hjelp med å planlegge rundt ytelser og arbeid"' ///
    2 `"Jobbspesialistene sender deltakerne til andre fagfolk for informasjon om ytelser"' ///
    3 `"Jobbspesialistene snakker med deltakerne om hvordan ytelsene kan endres når de jobber"' ///
    4 `"Jobbspesialister eller behandlere sørger for at hver deltaker får tilbud om grundig, individuell planlegging med en kvalifisert person før en jobb starter"' ///
    5 `"Som nivå 4, og deltakerne kan få ny planlegging hver gang arbeidstid eller lønn endres; planleggingen dekker alle typer ytelser og hvordan inntekt skal meldes"', replace
label values Sv1 Sv1_lbl
label define Sv2_lbl ///
    1 `"Ingen av de fire elementene er på plass"' ///
    2 `"Ett av de fire elementene er på plass"' ///
    3 `"To av de fire elementene er på plass"' ///
    4 `"Tre av de fire elementene er på plass"' ///
    5 `"Alle de fire elementene er på plass"', replace
label values Sv2 Sv2_lbl
label define Sv3_lbl ///
    1 `"Kartleggingen skjer på kontoret, med tester eller arbeidsprøver, før noen formidles til jobb"' ///
    2 `"Kartleggingen går trinnvis gjennom arbeidstrening, frivillig arbeid eller jobber reservert for deltakere"' ///
    3 `"Det søkes direkte på jobber, men interesser og styrker gjennomgås ikke systematisk, og tapte jobber analyseres ikke"' ///
    4 `"En innledende kartlegging over to eller tre møter gir en karriereprofil som oppdateres etter hver arbeidserfaring og bygger på flere informasjonskilder"' ///
    5 `"Som nivå 4, fullt tilpasset personen; med deltakerens samtykke brukes også familie og tidligere arbeidsgivere som kilder"', replace
label values Sv3 Sv3_lbl
label define Sv4_lbl ///
    1 `"271 dager eller mer i snitt (mer enn ni måneder)"' ///
    2 `"151 til 270 dager i snitt"' ///
    3 `"61 til 150 dager i snitt"' ///
    4 `"31 til 60 dager i snitt"' ///
    5 `"30 dager eller færre i snitt"', replace
label values Sv4 Sv4_lbl
label define Sv5_lbl ///
    1 `"Under 25 % av arbeidsgiverkontaktene bygger på deltakerens ønsker, styrker og symptomer"' ///
    2 `"25–49 % av arbeidsgiverkontaktene gjør det"' ///
    3 `"50–74 % av arbeidsgiverkontaktene gjør det"' ///
    4 `"75–89 % av arbeidsgiverkontaktene gjør det"' ///
    5 `"90–100 % av arbeidsgiverkontaktene gjør det"', replace
label values Sv5 Sv5_lbl
label define Sv6_lbl ///
    1 `"Færre enn to møter med arbeidsgivere i uken"' ///
    2 `"To møter i uken, eller ingen registrering av kontaktene"' ///
    3 `"Fire møter i uken, med et registreringsskjema som lederen går gjennom hver måned"' ///
    4 `"Fem møter i uken, med registrering som gjennomgås hver uke"' ///
    5 `"Seks møter eller flere i uken (eller dobbelt så mange som antall jobbsøkere når en jobbspesialist har færre enn tre i porteføljen), med registrering som gjennomgås hver uke"', replace
label values Sv6 Sv6_lbl
label define Sv7_lbl ///
    1 `"Møter arbeidsgivere bare for å levere søknader, eller har sjelden kontakt med arbeidsgivere"' ///
    2 `"Spør arbeidsgivere om ledige stillinger og gir tipsene videre til deltakerne"' ///
    3 `"Følger opp utlyste stillinger: presenterer seg selv og programmet og ber om intervju"' ///
    4 `"Møter arbeidsgivere personlig enten de har ledige stillinger eller ikke, presenterer deltakerens styrker og ber om intervju"' ///
    5 `"Bygger relasjoner gjennom flere planlagte besøk: lærer hva arbeidsgiveren trenger, forklarer hva tjenesten kan tilby og matcher deltakernes styrker med behovene"', replace
label values Sv7 Sv7_lbl
label define Sv8_lbl ///
    1 `"Under 50 % av jobbene er av ulik type"' ///
    2 `"50–59 % av jobbene er av ulik type"' ///
    3 `"60–69 % av jobbene er av ulik type"' ///
    4 `"70–84 % av jobbene er av ulik type"' ///
    5 `"85–100 % av jobbene er av ulik type"', replace
label values Sv8 Sv8_lbl
label define Sv9_lbl ///
    1 `"Under 50 % av jobbene er hos ulike arbeidsgivere"' ///
    2 `"50–59 % av jobbene er hos ulike arbeidsgivere"' ///
    3 `"60–69 % av jobbene er hos ulike arbeidsgivere"' ///
    4 `"70–84 % av jobbene er hos ulike arbeidsgivere"' ///
    5 `"85–100 % av jobbene er hos ulike arbeidsgivere"', replace
label values Sv9 Sv9_lbl
label define Sv10_lbl ///
    1 `"Under 64 % av jobbene er faste, ordinære jobber, eller deltakerne har færre enn 10 jobber til sammen"' ///
    2 `"65–74 % av jobbene er faste, ordinære jobber"' ///
    3 `"75–84 % av jobbene er faste, ordinære jobber"' ///
    4 `"85–94 % av jobbene er faste, ordinære jobber"' ///
    5 `"95 % eller mer av jobbene er faste, ordinære jobber"', replace
label values Sv10 Sv10_lbl
label define Sv11_lbl ///
    1 `"De fleste deltakerne i arbeid får ingen oppfølging etter at de har begynt"' ///
    2 `"Omtrent halvparten av deltakerne i arbeid får oppfølging, av begrenset slag og mest fra jobbspesialisten"' ///
    3 `"De fleste deltakerne i arbeid får oppfølging, av begrenset slag og mest fra jobbspesialisten"' ///
    4 `"Deltakere i arbeid får varierte former for oppfølging tilpasset jobben, ønskene og arbeidshistorien deres; arbeidsgivere får støtte når de ber om det"' ///
    5 `"Som nivå 4, og deltakerne får også hjelp til karriereutvikling, f.eks. utdanning, en bedre jobb eller oppgaver de foretrekker"', replace
label values Sv11 Sv11_lbl
label define Sv12_lbl ///
    1 `"Ingen personlig kontakt med deltakere i arbeid etter den første måneden i jobben"' ///
    2 `"Personlig kontakt i fire måneder eller mer med færre enn halvparten av deltakerne i arbeid"' ///
    3 `"Personlig kontakt i fire måneder eller mer med minst halvparten av deltakerne i arbeid"' ///
    4 `"Ukentlig kontakt den første måneden, deretter minst månedlig i ett år eller mer i snitt, etter deltakerens ønske"' ///
    5 `"Kontakt like før og like etter jobbstart (skjemaet setter grenser på en uke og på tre dager), ukentlig den første måneden, deretter minst månedlig i ett år eller mer; når arbeidet er stabilt, overføres oppfølgingen gradvis til behandleren; kontakt innen tre dager etter at man får vite at en jobb er avsluttet"', replace
label values Sv12 Sv12_lbl
label define Sv13_lbl ///
    1 `"30 % eller mindre av arbeidstiden brukes i lokalsamfunnet"' ///
    2 `"30–39 % av arbeidstiden brukes i lokalsamfunnet"' ///
    3 `"40–49 % av arbeidstiden brukes i lokalsamfunnet"' ///
    4 `"50–64 % av arbeidstiden brukes i lokalsamfunnet"' ///
    5 `"65 % eller mer av arbeidstiden brukes i lokalsamfunnet"', replace
label values Sv13 Sv13_lbl
label define Sv14_lbl ///
    1 `"To eller færre av de seks strategiene brukes"' ///
    2 `"Tre av de seks strategiene brukes"' ///
    3 `"Fire av de seks strategiene brukes"' ///
    4 `"Fem av de seks strategiene brukes"' ///
    5 `"Alle de seks strategiene brukes"', replace
label values Sv14 Sv14_lbl

* Variable labels.
label variable review_id `"Gjennomgangs-id (UUID)"'
label variable site_id `"Enhets-id (UUID)"'
label variable scale `"Skala-id"'
label variable scale_version `"Skalaversjon"'
label variable review_type `"Type gjennomgang"'
label variable review_status `"Status"'
label variable visit_start `"Første besøksdag"'
label variable visit_end `"Siste besøksdag"'
label variable total `"Konsensus totalskår"'
label variable band `"Nivå for totalskår"'
label variable S1 `"S1 Størrelse på portefølje"'
label variable S2 `"S2 Ansatte som yter arbeidsrettede tjenester"'
label variable S3 `"S3 Jobbspesialistenes arbeidsoppgaver"'
label variable O1 `"O1 Integrering gjennom teamtilhørighet"'
label variable O2 `"O2 Integrering gjennom hyppig kontakt med teammedlemmer"'
label variable O3 `"O3 Samarbeid med Nav-veileder"'
label variable O4 `"O4 Jobbspesialistenhet"'
label variable O5 `"O5 Lederens rolle"'
label variable O6 `"O6 Ingen eksklusjonskriterier"'
label variable O7 `"O7 Virksomhetens fokus på ordinært arbeid"'
label variable O8 `"O8 Ledelsens støtte"'
label variable Sv1 `"Sv1 Rådgivning om økonomiske ytelser"'
label variable Sv2 `"Sv2 Åpenhet om diagnose"'
label variable Sv3 `"Sv3 Fortløpende arbeidsbasert kartlegging"'
label variable Sv4 `"Sv4 Rask jobbsøking"'
label variable Sv5 `"Sv5 Individuell jobbsøking"'
label variable Sv6 `"Sv6 Jobbutvikling – hyppig arbeidsgiverkontakt"'
label variable Sv7 `"Sv7 Jobbutvikling – kvalitet på arbeidsgiverkontakt"'
label variable Sv8 `"Sv8 Variasjon i jobbtyper"'
label variable Sv9 `"Sv9 Variasjon i arbeidsgivere"'
label variable Sv10 `"Sv10 Ordinære jobber"'
label variable Sv11 `"Sv11 Individuell oppfølging"'
label variable Sv12 `"Sv12 Tidsubegrenset oppfølging"'
label variable Sv13 `"Sv13 Tjenester i lokalsamfunnet"'
label variable Sv14 `"Sv14 Aktiv oppsøkende kontakt"'

order review_id site_id scale scale_version review_type review_status visit_start visit_end total band S1 S2 S3 O1 O2 O3 O4 O5 O6 O7 O8 Sv1 Sv2 Sv3 Sv4 Sv5 Sv6 Sv7 Sv8 Sv9 Sv10 Sv11 Sv12 Sv13 Sv14
describe, short
