package demo

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// actionTitles are the improvement actions a team and its reviewers agree
// on for a weak item, in the words a Norwegian IPS team would write.
var actionTitles = map[string]string{
	"S1":   "Redusere porteføljen til høyst 20 deltakere per jobbspesialist",
	"S2":   "Frigjøre jobbspesialistene fra oppgaver som ikke er arbeidsrettede",
	"S3":   "Hver jobbspesialist følger sine deltakere gjennom alle fasene, fra kartlegging til oppfølging i jobb",
	"O1":   "Knytte hver jobbspesialist til ett eller to behandlingsteam i DPS",
	"O2":   "Jobbspesialistene deltar fast på behandlingsteamenes ukentlige møter",
	"O3":   "Faste samarbeidsmøter med Nav-veilederne hver måned",
	"O4":   "Ukentlig fagmøte for jobbspesialistene med gjennomgang av deltakerne",
	"O5":   "Teamleder setter av tid til veiledning og følger opp resultatene hver måned",
	"O6":   "Fjerne inntakskriterier: alle som ønsker ordinært arbeid, får tilbudet",
	"O7":   "Spørre alle pasienter i behandling om de ønsker arbeid, og informere om IPS",
	"O8":   "Styringsgruppe med Nav og helseforetaket som møtes hvert kvartal",
	"Sv1":  "Tilby alle deltakere en beregning av hvordan arbeid påvirker ytelsene",
	"Sv2":  "Samtale om åpenhet om diagnose med hver deltaker før jobbsøkingen",
	"Sv3":  "Oppdatere karriereprofilen løpende med erfaringer fra jobb",
	"Sv4":  "Første arbeidsgiverkontakt innen 30 dager etter oppstart",
	"Sv5":  "Søke jobber ut fra deltakerens egne ønsker, ikke bare utlyste stillinger",
	"Sv6":  "Minst seks arbeidsgiverkontakter per uke per jobbspesialist, ført i ukentlig logg",
	"Sv7":  "Flere møter ansikt til ansikt med arbeidsgivere, over tid",
	"Sv8":  "Bredere jobbsøking: flere bransjer og typer jobber",
	"Sv9":  "Utvide arbeidsgivernettverket",
	"Sv10": "Prioritere ordinært arbeid med ordinær lønn framfor arbeidstrening",
	"Sv11": "Individuell plan for oppfølging i jobb for hver deltaker",
	"Sv12": "Tilby oppfølging i jobb så lenge deltakeren ønsker det",
	"Sv13": "Mer av arbeidstiden ute hos arbeidsgivere og deltakere",
	"Sv14": "Oppsøkende kontakt når deltakere uteblir fra avtaler",
}

// A plan takes up the few weakest items below 4, as a review report's
// recommendations do.
const (
	maxActions = 3
	lowItem    = 3
)

// actionPlans adds to every finalised external review an action for each
// of its weakest items (at most maxActions) scored lowItem or less. Plans of earlier reviews are done
// (now and then dropped); those of the latest are open or under way. The
// review whose written report the team lead answered (reported) has the
// plan agreed from the report instead.
func (s *seeder) actionPlans(tm *team, done []external, reported string) error {
	for n, ex := range done {
		if ex.view.ID == reported {
			continue
		}
		var weak []int
		for i, v := range ex.truth {
			if v <= lowItem {
				weak = append(weak, i)
			}
		}
		slices.SortStableFunc(weak, func(a, b int) int { return cmp.Compare(ex.truth[a], ex.truth[b]) })
		latest := n == len(done)-1
		for j, i := range weak[:min(len(weak), maxActions)] {
			it := &s.sc.Items[i]
			title, ok := actionTitles[it.ID]
			if !ok {
				title = "Forbedre: " + it.Title.In("nb")
			}
			due := ex.view.VisitEnd.AddDate(0, 6, 0)
			a, err := s.svc.CreateAction(s.ctx, ex.view.ID, service.ActionInput{
				ItemIDs: []string{it.ID}, Title: title, Owner: tm.leadName, Due: &due,
			})
			if err != nil {
				return err
			}
			status, note := fidelity.ActionDone, ""
			switch {
			case latest && j == 0:
				continue // still open
			case latest:
				status = fidelity.ActionInProgress
			case (n+j)%5 == 4:
				status, note = fidelity.ActionDropped, "Erstattet av et nytt tiltak etter neste evaluering."
			}
			if _, err := s.svc.UpdateAction(s.ctx, a.ID, a.Version, service.ActionPatch{Status: &status, Note: &note}); err != nil {
				return err
			}
		}
	}
	return nil
}

// outcomes records each half-year's share of participants in competitive
// employment, from the first half-year with a review to the last one
// ended. The share follows fidelity loosely (r ≈ .3 in the literature;
// Norwegian RCT 37 % at 12 months): about 27 % at a total of 85, rising
// two points per five points of total.
func (s *seeder) outcomes(tm *team, done []external) error {
	if len(done) == 0 {
		return nil
	}
	first := done[0].view.VisitEnd
	start := time.Date(first.Year(), time.January, 1, 0, 0, 0, 0, time.UTC)
	if first.Month() > time.June {
		start = start.AddDate(0, 6, 0)
	}
	for ; ; start = start.AddDate(0, 6, 0) {
		end := start.AddDate(0, 6, -1)
		if end.After(s.o.End) {
			return nil
		}
		total := 0.0
		for _, ex := range done {
			if ex.view.Total != nil && (total == 0 || !ex.view.VisitEnd.After(end)) {
				total = *ex.view.Total
			}
		}
		rate := math.Max(0.05, math.Min(0.6, 0.27+0.004*(total-85)+s.rng.NormFloat64()*0.04))
		n := int(math.Round(tm.fte*16)) + s.rng.IntN(9)
		employed := int(math.Round(rate * float64(n)))
		if _, err := s.svc.RecordOutcome(s.ctx, tm.siteID, service.OutcomeInput{
			Measure: MeasureEmployment, PeriodStart: start, PeriodEnd: end,
			Value: float64(employed) / float64(n), N: n,
			Note: "Andel deltakere i ordinært arbeid i løpet av halvåret.",
		}); err != nil {
			return err
		}
	}
}
