package demo

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// The written reports of the demo: a few teams' finalised reviews carry
// the report their reviewers wrote after the visit — a summary, overall
// strengths, a strength and a recommendation beside each item's score —
// issued to the team, with the team lead's comments and decisions on the
// proposed actions, so the report pages show real content out of the box.
// Nothing here draws from the random generator, so every other part of
// the data stays as it was.

// reportStage is how far a demo report has come.
type reportStage int

const (
	reportIssued  reportStage = iota // issued; the lead has decided on the weakest items only
	reportDecided                    // issued, commented, every proposal decided
	reportFinal                      // as reportDecided, and made final
)

// reportTeams are the teams (by their place in the data set) whose
// latest finalised review has a written report, with its stage and
// language: most reports are Norwegian, one English, so the English
// pages also show a report written in their language. Team 0 (Bergenhus,
// the screenshots' team) keeps its action plan as the plans make it.
var reportTeams = map[int]struct {
	stage reportStage
	lang  string
}{
	5: {reportFinal, "nb"},
	7: {reportDecided, "en"},
	2: {reportIssued, "nb"},
}

// itemTexts are a reviewer's strength and recommendation for each item of
// the SE Fidelity Scale, in Norwegian and English: what good practice
// looked like on the visit, and the next step towards the item's anchor 5.
var itemTexts = map[string]struct{ strengthNB, recNB, strengthEN, recEN string }{
	"S1": {"Jobbspesialistene har en håndterbar portefølje og får tid til hver deltaker.",
		"Hold porteføljen på høyst 20 deltakere per jobbspesialist, også når nye henvisninger øker.",
		"The employment specialists have manageable caseloads and time for each participant.",
		"Keep caseloads at 20 participants or fewer per specialist, also when referrals rise."},
	"S2": {"Jobbspesialistene bruker nesten all arbeidstid på arbeidsrettet oppfølging.",
		"Frigjør jobbspesialistene fra saksbehandling og andre oppgaver som ikke er arbeidsrettede.",
		"The specialists spend nearly all their working time on employment services.",
		"Free the specialists from case work and other tasks that are not employment services."},
	"S3": {"Hver jobbspesialist følger sine deltakere fra første samtale til oppfølging i jobb.",
		"La hver jobbspesialist ha alle fasene selv, fra kartlegging til oppfølging i jobb, uten å henvise videre.",
		"Each specialist follows their participants from the first meeting to support in work.",
		"Let each specialist carry every phase, from the career profile to support in work, without referring on."},
	"O1": {"Jobbspesialistene er knyttet til faste behandlingsteam, og nesten alle deltakerne kommer derfra.",
		"Knytt hver jobbspesialist til ett eller to behandlingsteam, slik at minst 90 % av porteføljen kommer fra dem.",
		"The specialists are attached to set treatment teams, which refer almost all participants.",
		"Attach each specialist to one or two treatment teams that refer at least 90% of the caseload."},
	"O2": {"Jobbspesialistene deltar i behandlingsteamenes møter og fører notater i samme journal.",
		"Gjør deltakelse i behandlingsteamenes ukentlige møter fast, og før jobbspesialistenes notater i felles journal.",
		"The specialists join the treatment teams' meetings and write in the same records.",
		"Make weekly attendance at the treatment team meetings routine and keep the specialists' notes in the shared record."},
	"O3": {"Samarbeidet med Nav-veilederne er tett, med faste møter og jevnlig kontakt om deltakerne.",
		"Avtal faste møter med Nav-veilederne hver måned og ukentlig kontakt om felles deltakere.",
		"Collaboration with the Nav counsellors is close, with set meetings and frequent contact.",
		"Agree monthly meetings with the Nav counsellors and weekly contact about shared participants."},
	"O4": {"Jobbspesialistene møtes hver uke, deler jobbtips og dekker for hverandre.",
		"Innfør et ukentlig fagmøte der jobbspesialistene går gjennom deltakerne og deler arbeidsgiverkontakter.",
		"The specialists meet weekly, share job leads and cover for each other.",
		"Hold a weekly unit meeting to review participants and share employer contacts."},
	"O5": {"Teamlederen veileder jobbspesialistene jevnlig og følger resultatene tett.",
		"Sett av tid til ukentlig veiledning, følg jobbspesialistene ut til arbeidsgivere og gå gjennom resultatene hvert kvartal.",
		"The team leader supervises the specialists regularly and follows the results closely.",
		"Set aside time for weekly supervision, field mentoring and a quarterly review of the outcomes."},
	"O6": {"Alle som ønsker ordinært arbeid, får tilbudet, uten vurdering av om de er «klare».",
		"Fjern alle inntakskriterier: tilby IPS til alle som ønsker ordinært arbeid, uansett rus, symptomer eller historikk.",
		"Everyone who wants competitive work is offered the service, with no test of readiness.",
		"Remove every entry criterion: offer IPS to all who want competitive work, whatever their symptoms, substance use or history."},
	"O7": {"Arbeid er et tema i inntakssamtaler og behandlingsplaner, og resultatene deles med de ansatte.",
		"Spør alle pasienter om arbeid ved inntak og planevaluering, og del andelen i arbeid med ledelse og ansatte hvert kvartal.",
		"Work is raised at intake and in treatment plans, and the results are shared with staff.",
		"Ask every patient about work at intake and plan reviews, and share the employment rate with leaders and staff each quarter."},
	"O8": {"Ledelsen i Nav og helseforetaket kjenner IPS og følger tjenesten i en styringsgruppe.",
		"Etabler en styringsgruppe med ledere fra Nav og helseforetaket som møtes hvert kvartal og lager tiltaksplaner.",
		"The Nav and hospital trust leaders know IPS and follow the service in a steering group.",
		"Set up a steering group of Nav and hospital trust leaders that meets each quarter and writes action plans."},
	"Sv1": {"Deltakerne får en beregning av hvordan arbeid påvirker ytelsene, før de begynner i jobb.",
		"Tilby alle deltakere en individuell beregning av hvordan arbeid påvirker ytelsene, og ny beregning når lønn eller timer endres.",
		"Participants are shown how work will affect their benefits before they start a job.",
		"Offer every participant an individual benefits calculation before a job starts, and again when pay or hours change."},
	"Sv2": {"Jobbspesialistene drøfter åpenhet om diagnose med hver deltaker før jobbsøkingen.",
		"Snakk med hver deltaker om fordeler og ulemper ved åpenhet, og ta det opp igjen underveis.",
		"The specialists discuss disclosure with each participant before the job search.",
		"Discuss the pros and cons of disclosure with every participant and return to it along the way."},
	"Sv3": {"Karriereprofilen bygger på flere kilder og oppdateres etter hver jobberfaring.",
		"Lag karriereprofilen over to til tre samtaler og oppdater den med erfaringene fra hver jobb.",
		"The career profile draws on several sources and is updated after each job.",
		"Build the career profile over two or three meetings and update it with each job experience."},
	"Sv4": {"Deltakerne møter en arbeidsgiver i løpet av den første måneden.",
		"Sørg for at hver deltaker har sin første arbeidsgiverkontakt innen 30 dager etter oppstart.",
		"Participants meet an employer within their first month.",
		"Make sure each participant's first employer contact happens within 30 days of starting."},
	"Sv5": {"Jobbsøkingen bygger på deltakernes egne ønsker og sterke sider.",
		"La deltakerens ønsker og sterke sider styre jobbsøkingen, ikke bare de utlyste stillingene.",
		"The job search follows the participants' own preferences and strengths.",
		"Let each participant's preferences and strengths guide the search, not only advertised vacancies."},
	"Sv6": {"Jobbspesialistene har mange arbeidsgiverkontakter hver uke og fører dem i en logg.",
		"Hver jobbspesialist bør ha minst seks arbeidsgivermøter i uken, ført i en logg som teamlederen går gjennom ukentlig.",
		"The specialists meet many employers each week and keep a log of the contacts.",
		"Each specialist should hold at least six employer meetings a week, logged and reviewed weekly with the team leader."},
	"Sv7": {"Jobbspesialistene bygger relasjoner til arbeidsgivere over flere møter.",
		"Bruk gjentatte møter med arbeidsgivere til å lære behovene deres og presentere deltakernes sterke sider.",
		"The specialists build relationships with employers over several visits.",
		"Use repeated employer visits to learn their needs and present the participants' strengths."},
	"Sv8": {"Deltakerne har jobber av mange ulike slag.",
		"Søk bredere: flere bransjer og typer jobber, ut fra hva deltakerne selv ønsker.",
		"Participants hold jobs of many different kinds.",
		"Search more widely, across sectors and job types, guided by what participants want."},
	"Sv9": {"Jobbene er spredt på mange arbeidsgivere.",
		"Utvid arbeidsgivernettverket slik at deltakerne ikke samles hos de samme få arbeidsgiverne.",
		"The jobs are spread across many employers.",
		"Widen the employer network so participants are not gathered at the same few employers."},
	"Sv10": {"Nesten alle jobbene er ordinære, med ordinær lønn og uten tidsbegrensning.",
		"Prioriter ordinære jobber med ordinær lønn framfor arbeidstrening og tidsbegrensede tiltak.",
		"Nearly all jobs are competitive, at ordinary pay and not time-limited.",
		"Prioritise competitive jobs at ordinary pay over work training and time-limited placements."},
	"Sv11": {"Oppfølgingen i jobb er tilpasset hver deltaker og omfatter støtte til arbeidsgiveren.",
		"Lag en individuell plan for oppfølging i jobb, også for karriereutvikling og støtte til arbeidsgiveren.",
		"Support in work is tailored to each participant and includes support to the employer.",
		"Write an individual plan for support in work, including career development and help for the employer."},
	"Sv12": {"Deltakerne får oppfølging i jobb så lenge de ønsker det.",
		"Tilby oppfølging i jobb uten tidsgrense: ukentlig den første måneden, deretter minst månedlig i et år.",
		"Participants receive support in work for as long as they want it.",
		"Offer time-unlimited support in work: weekly in the first month, then at least monthly for a year."},
	"Sv13": {"Jobbspesialistene er mye ute hos arbeidsgivere og deltakere.",
		"Flytt mer av arbeidstiden ut av kontoret: minst 65 % bør brukes hos arbeidsgivere og deltakere.",
		"The specialists spend much of their time out with employers and participants.",
		"Move more working time out of the office: at least 65% should be spent with employers and participants."},
	"Sv14": {"Teamet holder kontakten med deltakere som uteblir, og samarbeider med behandlerne om det.",
		"Avslutt ikke deltakere som uteblir; ta kontakt hjemme eller ute, sammen med behandlerne.",
		"The team keeps in touch with participants who miss appointments, together with the clinicians.",
		"Do not close cases for missed appointments; reach out at home or in the community together with the clinicians."},
}

// reportWords are the sentences the summary is made of, in nb and en.
var reportWords = map[string]map[string]string{
	"nb": {
		"total":     "%s skårer %s av 125 poeng ved evalueringen, %s.",
		"up":        "Det er %s poeng mer enn ved forrige evaluering.",
		"down":      "Det er %s poeng mindre enn ved forrige evaluering.",
		"up1":       "Det er ett poeng mer enn ved forrige evaluering.",
		"down1":     "Det er ett poeng mindre enn ved forrige evaluering.",
		"same":      "Det er samme skår som ved forrige evaluering.",
		"best":      "Sterkest er %s.",
		"weakest":   "Mest å hente er det på %s.",
		"and":       " og ",
		"strengths": "Teamet har en ledelse og jobbspesialister som kjenner IPS-prinsippene godt.",
		"comment":   "Vi kjenner oss igjen i rapporten og har tatt anbefalingene inn i tiltaksplanen, som vi går gjennom med lederen ved Nav-kontoret.",
		"dismiss":   "Ikke i denne planperioden: teamet arbeider med tre tiltak om gangen. Tas opp igjen ved neste evaluering.",
		"to":        "Teamleder %s, med kopi til Nav-kontorets leder",
	},
	"en": {
		"total":     "%s scores %s out of 125 at this review, %s.",
		"up":        "That is %s points more than at the previous review.",
		"down":      "That is %s points fewer than at the previous review.",
		"up1":       "That is one point more than at the previous review.",
		"down1":     "That is one point fewer than at the previous review.",
		"same":      "That is the same score as at the previous review.",
		"best":      "The team is strongest on %s.",
		"weakest":   "There is most to gain on %s.",
		"and":       " and ",
		"strengths": "The team has leaders and specialists who know the IPS principles well.",
		"comment":   "We recognise the picture in the report and have taken the recommendations into our action plan, which we will go through with the Nav office's manager.",
		"dismiss":   "Not in this plan period: the team works on three actions at a time. To be taken up again at the next review.",
		"to":        "Team lead %s, copied to the Nav office's manager",
	},
}

// writtenReports writes the reports of the team's chosen review (see
// reportTeams) and returns the id of the review it wrote one for ("":
// none), whose action plan then comes from the report's decisions.
func (s *seeder) writtenReports(tm *team, done []external) (string, error) {
	rt, ok := reportTeams[tm.k]
	if !ok || !s.o.Reports {
		return "", nil
	}
	// The latest finalised review whose report, comments and final version
	// all fall before the data's last day.
	n := len(done) - 1
	for n >= 0 && done[n].view.VisitEnd.AddDate(0, 0, 40).After(s.o.End) {
		n--
	}
	if n < 0 {
		return "", nil
	}
	ex := done[n]
	var previous *float64
	if n > 0 {
		previous = done[n-1].view.Total
	}
	rv := ex.view
	writer := fidelity.WithPrincipal(s.ctx, fidelity.Principal{Name: s.names[rv.RaterIDs[0]], Role: fidelity.RoleRater, RaterID: rv.RaterIDs[0]})
	lead := fidelity.WithPrincipal(s.ctx, fidelity.Principal{Name: tm.leadName, Role: fidelity.RoleLead})
	cons, err := s.svc.GetConsensus(s.ctx, rv.ID)
	if err != nil {
		return "", err
	}
	scores := make([]int, len(s.sc.Items))
	for i, it := range s.sc.Items {
		if v, ok := cons.Scorecard.Score(it.ID); ok {
			scores[i] = v
		}
	}
	if _, err := s.svc.SaveNarrative(writer, rv.ID, service.AnyVersion, s.narrative(tm, rv, scores, previous, rt.lang)); err != nil {
		return "", err
	}
	w := reportWords[rt.lang]
	issued := rv.VisitEnd.AddDate(0, 0, 20+2*int(rt.stage))
	v, err := s.svc.IssueReport(writer, rv.ID, service.IssueInput{On: issued, To: fmt.Sprintf(w["to"], tm.leadName)})
	if err != nil {
		return "", err
	}
	// The lead accepts the actions for the weakest items (every item at 1,
	// and at least the weakest) and, once the report is discussed,
	// dismisses the rest with a reason.
	proposals := slices.Clone(v.Actions)
	slices.SortStableFunc(proposals, func(a, b fidelity.ReportAction) int { return cmp.Compare(a.Score, b.Score) })
	for i, a := range proposals {
		accept := i < maxActions || a.Score == 1
		if rt.stage == reportIssued && !(i == 0 || a.Score == 1) {
			continue // still waiting for the lead
		}
		d := service.ActionDecision{Accept: accept}
		if accept {
			owner := tm.leadName
			d.Owner, d.Reason = &owner, map[string]string{"nb": "Teamleder følger opp.", "en": "The team lead follows it up."}[rt.lang]
		} else {
			d.Reason = w["dismiss"]
		}
		if _, err := s.svc.DecideReportAction(lead, rv.ID, a.ID, service.AnyVersion, d); err != nil {
			return "", err
		}
	}
	if rt.stage == reportIssued {
		return rv.ID, nil
	}
	if _, err := s.svc.CommentReport(lead, rv.ID, service.CommentInput{Text: w["comment"], Author: tm.leadName, On: issued.AddDate(0, 0, 5)}); err != nil {
		return "", err
	}
	if rt.stage == reportFinal {
		if _, err := s.svc.FinaliseReport(writer, rv.ID, issued.AddDate(0, 0, 9)); err != nil {
			return "", err
		}
	}
	return rv.ID, nil
}

// narrative is the reviewers' text for review rv with its consensus
// scores (in scale order): a summary of the total, its band and change,
// the strongest and weakest items; a strength for each item at 4 or 5 and
// a recommendation for each below 5.
func (s *seeder) narrative(tm *team, rv fidelity.Review, scores []int, previous *float64, lang string) service.NarrativeInput {
	w := reportWords[lang]
	in := service.NarrativeInput{Items: map[string]fidelity.ItemNarrative{}, Strengths: w["strengths"]}
	order := make([]int, len(s.sc.Items))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(scores[b], scores[a]) })
	title := func(i int) string { return s.sc.Items[i].ID + " " + s.sc.Items[i].Title.In(lang) }
	for i, it := range s.sc.Items {
		t := itemTexts[it.ID]
		var n fidelity.ItemNarrative
		strength, rec := t.strengthNB, t.recNB
		if lang == "en" {
			strength, rec = t.strengthEN, t.recEN
		}
		if scores[i] >= 4 {
			n.Strength = strength
		}
		if fidelity.NeedsRecommendation(scores[i]) {
			n.Recommendation = rec
		}
		in.Items[it.ID] = n
	}
	band := rv.Band
	if b, ok := s.sc.Band(rv.Band); ok {
		band = strings.ToLower(b.Label.In(lang))
	}
	total := 0.0
	if rv.Total != nil {
		total = *rv.Total
	}
	parts := []string{fmt.Sprintf(w["total"], tm.name, num(total, lang), band)}
	if previous != nil {
		switch d := total - *previous; {
		case d == 1:
			parts = append(parts, w["up1"])
		case d == -1:
			parts = append(parts, w["down1"])
		case d > 0:
			parts = append(parts, fmt.Sprintf(w["up"], num(d, lang)))
		case d < 0:
			parts = append(parts, fmt.Sprintf(w["down"], num(-d, lang)))
		default:
			parts = append(parts, w["same"])
		}
	}
	parts = append(parts, fmt.Sprintf(w["best"], title(order[0])+w["and"]+title(order[1])))
	last := len(order) - 1
	parts = append(parts, fmt.Sprintf(w["weakest"], title(order[last])+w["and"]+title(order[last-1])))
	in.Summary = strings.Join(parts, " ")
	strengths := []string{w["strengths"]}
	for _, i := range order[:2] {
		if st := in.Items[s.sc.Items[i].ID].Strength; st != "" {
			strengths = append(strengths, st)
		}
	}
	in.Strengths = strings.Join(strengths, " ")
	return in
}

// num writes a total as the language writes numbers.
func num(v float64, lang string) string {
	s := fmt.Sprintf("%g", math.Round(v*10)/10)
	if lang == "nb" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
