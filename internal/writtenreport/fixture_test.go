package writtenreport

import (
	"fmt"
	"time"
)

// fixtureItems are the 25 items of the SE Fidelity Scale (IPS-25): id,
// section, English and Norwegian title, and the scores of the fixture
// review and the one before it.
var fixtureItems = []struct {
	id, section, en, nb string
	score, prev         int
}{
	{"S1", "staffing", "Caseload size", "Størrelse på portefølje", 5, 5},
	{"S2", "staffing", "Employment services staff", "Ansatte som yter arbeidsrettede tjenester", 5, 4},
	{"S3", "staffing", "Vocational generalists", "Jobbspesialistenes arbeidsoppgaver", 4, 4},
	{"O1", "organization", "Integration with mental-health treatment through team assignment", "Integrering gjennom teamtilhørighet", 4, 3},
	{"O2", "organization", "Integration through frequent contact with team members", "Integrering gjennom hyppig kontakt med teammedlemmer", 3, 3},
	{"O3", "organization", "Collaboration between employment specialists and vocational rehabilitation counsellors", "Samarbeid med Nav-veileder", 4, 2},
	{"O4", "organization", "Vocational unit", "Jobbspesialistenhet", 5, 5},
	{"O5", "organization", "Role of the employment supervisor", "Lederens rolle", 3, 3},
	{"O6", "organization", "Zero exclusion criteria", "Ingen eksklusjonskriterier", 5, 4},
	{"O7", "organization", "Agency focus on competitive employment", "Virksomhetens fokus på ordinært arbeid", 4, 4},
	{"O8", "organization", "Executive team support for supported employment", "Ledelsens støtte", 3, 2},
	{"Sv1", "services", "Work incentives planning", "Rådgivning om økonomiske ytelser", 2, 2},
	{"Sv2", "services", "Disclosure", "Åpenhet om diagnose", 5, 5},
	{"Sv3", "services", "Ongoing, work-based vocational assessment", "Fortløpende arbeidsbasert kartlegging", 4, 3},
	{"Sv4", "services", "Rapid search for a competitive job", "Rask jobbsøking", 4, 4},
	{"Sv5", "services", "Individualized job search", "Individuell jobbsøking", 5, 4},
	{"Sv6", "services", "Job development — frequent employer contact", "Jobbutvikling – hyppig arbeidsgiverkontakt", 2, 2},
	{"Sv7", "services", "Job development — quality of employer contact", "Jobbutvikling – kvalitet på arbeidsgiverkontakt", 3, 3},
	{"Sv8", "services", "Diversity of job types", "Variasjon i jobbtyper", 4, 4},
	{"Sv9", "services", "Diversity of employers", "Variasjon i arbeidsgivere", 5, 5},
	{"Sv10", "services", "Competitive jobs", "Ordinære jobber", 5, 5},
	{"Sv11", "services", "Individualized follow-along supports", "Individuell oppfølging", 4, 3},
	{"Sv12", "services", "Time-unlimited follow-along supports", "Tidsubegrenset oppfølging", 5, 4},
	{"Sv13", "services", "Community-based services", "Tjenester i lokalsamfunnet", 3, 3},
	{"Sv14", "services", "Assertive engagement and outreach by the integrated treatment team", "Aktiv oppsøkende kontakt", 4, 3},
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
func ptr[T any](v T) *T         { return &v }

// fixture is a full written report on a team whose name has æøå, with
// every narrative field filled as the report-core branch will fill it.
func fixture(lang string) Document {
	nb := lang == "nb"
	pick := func(en, no string) string {
		if nb {
			return no
		}
		return en
	}
	total := 0
	var items []Item
	for _, fi := range fixtureItems {
		total += fi.score
		it := Item{ID: fi.id, Section: fi.section, Title: pick(fi.en, fi.nb), Score: ptr(fi.score), Previous: ptr(fi.prev), Unverified: fi.id != "S1" && fi.id != "S2"}
		if fi.score < 5 {
			it.Strength = pick(fmt.Sprintf("The team already works on %s, and the specialists describe it clearly.", fi.en),
				fmt.Sprintf("Teamet jobber allerede med «%s», og jobbspesialistene beskriver arbeidet godt.", fi.nb))
			it.Recommendation = pick(fmt.Sprintf("Recommendation for %s: agree a written routine with the team's lead and follow it up at the monthly meeting with Nav.", fi.id),
				fmt.Sprintf("Anbefaling for %s: lag en skriftlig rutine sammen med teamleder og følg den opp på det månedlige møtet med Nav.", fi.id))
		}
		items = append(items, it)
	}
	t := float64(total)
	bands := []Band{
		{ID: "not_se", Label: pick("Not supported employment", "Ikke IPS"), Lo: 25, Hi: 73},
		{ID: "fair", Label: pick("Fair fidelity", "Akseptabel modelltrofasthet"), Lo: 74, Hi: 99},
		{ID: "good", Label: pick("Good fidelity", "God modelltrofasthet"), Lo: 100, Hi: 114},
		{ID: "exemplary", Label: pick("Exemplary fidelity", "Eksemplarisk modelltrofasthet"), Lo: 115, Hi: 125},
	}
	return Document{
		Lang: lang,
		Site: Site{Name: "IPS-teamet Tromsø sør – Åsgård og Bjørkøy", Code: "TRO-SØR",
			Path: []string{"Nav Troms og Finnmark", "Nav Tromsø", "IPS-teamet Tromsø sør – Åsgård og Bjørkøy"}},
		Review: Review{ID: "01900000-0000-7000-8000-000000000042", Type: pick("External review", "Ekstern evaluering"),
			VisitStart: day(2026, 10, 12), VisitEnd: day(2026, 10, 13), Reviewers: []string{"Åse Østergård", "Jørgen Ødegård"}},
		Scale: Scale{ID: "se-fidelity", Version: "2008", Title: pick("Supported Employment Fidelity Scale", "Kvalitetsskalaen i IPS")},
		Total: &t, Min: 25, Max: 125, Band: bands[2],
		Trend: []TrendPoint{
			{Date: day(2022, 3, 2), Total: 78, Band: bands[1].Label},
			{Date: day(2023, 4, 20), Total: 88, Band: bands[1].Label},
			{Date: day(2024, 5, 14), Total: 95, Band: bands[1].Label, ScaleChange: true},
			{Date: day(2025, 9, 30), Total: 93, Band: bands[1].Label},
			{Date: day(2026, 10, 13), Total: t, Band: bands[2].Label, Current: true},
		},
		Sections: []Subtotal{
			{ID: "staffing", Label: pick("Staffing", "Ansatte"), Sum: 14, Max: 15, Mean: 14.0 / 3, Rated: 3, Items: 3},
			{ID: "organization", Label: pick("Organization", "Organisering"), Sum: 31, Max: 40, Mean: 31.0 / 8, Rated: 8, Items: 8},
			{ID: "services", Label: pick("Services", "Tjenester"), Sum: total - 45, Max: 70, Mean: float64(total-45) / 14, Rated: 14, Items: 14},
		},
		Principles: []Subtotal{
			{ID: "competitive-employment", Label: pick("Competitive employment is the goal", "Målet er ordinær, lønnet jobb"), Sum: 9, Max: 10, Mean: 4.5, Rated: 2, Items: 2},
			{ID: "zero-exclusion", Label: pick("Eligibility based on client choice", "Deltagelse på bakgrunn av arbeidssøkers eget ønske"), Sum: 5, Max: 5, Mean: 5, Rated: 1, Items: 1},
			{ID: "benefits-counseling", Label: pick("Personalised benefits counselling", "Individuelt tilpasset rådgivning om økonomiske ytelser"), Sum: 2, Max: 5, Mean: 2, Rated: 1, Items: 1},
		},
		Items:     items,
		Summary:   pick("The team has moved from fair to good fidelity since the last review. Collaboration with Nav has improved markedly.\n\nThe main areas for development are benefits counselling and job development.", "Teamet har gått fra akseptabel til god modelltrofasthet siden forrige evaluering. Samarbeidet med Nav er klart bedre.\n\nDe viktigste forbedringsområdene er rådgivning om økonomiske ytelser og jobbutvikling."),
		Strengths: pick("Strong leadership support, small caseloads and zero exclusion in practice.", "Sterk støtte fra ledelsen, små porteføljer og ingen eksklusjon i praksis."),
		Actions: []Action{
			{ItemID: "Sv1", ItemTitle: pick("Work incentives planning", "Rådgivning om økonomiske ytelser"), Recommendation: pick("Offer benefits counselling to every participant.", "Tilby rådgivning om økonomiske ytelser til alle deltakere."), Text: pick("Two specialists take the benefits course in spring.", "To jobbspesialister tar kurs i ytelser til våren."), Owner: "Kåre Bø", Due: ptr(day(2026, 12, 31)), Status: pick("accepted", "godtatt")},
			{ItemID: "Sv6", ItemTitle: pick("Job development — frequent employer contact", "Jobbutvikling – hyppig arbeidsgiverkontakt"), Text: pick("Six employer contacts per specialist per week.", "Seks arbeidsgiverkontakter per jobbspesialist per uke."), Owner: "Siri Ås", Due: ptr(day(2027, 1, 15)), Status: pick("proposed", "foreslått")},
			{ItemID: "O8", ItemTitle: pick("Executive team support", "Ledelsens støtte"), Text: pick("Quarterly steering group.", "Styringsgruppe hvert kvartal."), Status: pick("dismissed", "avvist"), Reason: pick("Already in place through the regional board.", "Finnes allerede gjennom det regionale styret.")},
		},
		Comments: []Comment{{Date: day(2026, 11, 20), Author: "Kåre Bø", Text: pick("We agree with the findings and thank the reviewers.", "Vi er enige i funnene og takker evaluatorene for grundig arbeid. Vi ønsker å påpeke at samarbeidet med Nav på Bjørkøy er nytt.")}},
		Lifecycle: Lifecycle{Status: pick("Issued", "Sendt"), IssuedOn: ptr(day(2026, 11, 6)), IssuedTo: "Kåre Bø", CommentsOn: ptr(day(2026, 11, 20)),
			Deadlines: []Deadline{
				{Step: pick("Report issued", "Rapport sendt"), Due: day(2026, 11, 10), Done: ptr(day(2026, 11, 6))},
				{Step: pick("Comments from the unit", "Kommentarer fra enheten"), Due: day(2026, 11, 17), Done: ptr(day(2026, 11, 20))},
				{Step: pick("Evidence notes deleted", "Notater slettet"), Due: day(2026, 11, 24), Overdue: true},
				{Step: pick("Action plan agreed", "Tiltaksplan avtalt"), Due: day(2026, 12, 18)},
				{Step: pick("Technical support", "Faglig støtte"), Due: day(2027, 4, 6)},
			}},
		Bands:      bands,
		HowItWorks: pick("Each of the 25 items is scored from 1 to 5; the total is their sum, from 25 to 125.", "Hver av de 25 indikatorene skåres fra 1 til 5; totalskåren er summen, fra 25 til 125."),
		Unverified: []string{pick("Items S3 to Sv14: anchors recalled, not yet checked.", "Indikator S3 til Sv14: ankerpunktene er gjengitt etter hukommelsen og ikke kontrollert."), pick("Band cut-off 115 (exemplary).", "Grenseverdien 115 (eksemplarisk).")},
		Generated:  day(2026, 12, 2),
	}
}
