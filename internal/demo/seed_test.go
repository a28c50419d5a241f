package demo_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/demo"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// end is the fixed date of the latest visits in these tests.
var end = time.Date(2026, time.November, 18, 0, 0, 0, 0, time.UTC)

// world is the default demo data set, seeded once for all tests here.
type world struct {
	svc     *service.Service
	ctx     context.Context
	sc      *scale.Scale
	sites   map[string]service.SiteView
	raters  map[string]fidelity.Rater
	reviews []fidelity.Review
	// older are the reviews under another scale than sc (the IPS-15
	// history); the rules of the other subtests are those of sc's reviews.
	older []fidelity.Review
}

// TestDefaultDemoData states what a Norwegian reader of the default data
// set must be able to believe, one rule per subtest.
func TestDefaultDemoData(t *testing.T) {
	w, err := seedWorld(t, demo.DefaultOptions(end))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("RatersAtOneVisitRecordTheSameMeasuredFacts", func(t *testing.T) { ratersAtOneVisitRecordTheSameMeasuredFacts(t, w) })
	t.Run("AThreeRaterReviewExists", func(t *testing.T) { aThreeRaterReviewExists(t, w) })
	t.Run("FinalisedTotalsCoverAllFourBands", func(t *testing.T) { finalisedTotalsCoverAllFourBands(t, w) })
	t.Run("SelfAssessmentsAreDoneByTheTeamLead", func(t *testing.T) { selfAssessmentsAreDoneByTheTeamLead(t, w) })
	t.Run("ASelfAssessmentAndAnExternalReviewCloseInTime", func(t *testing.T) { aSelfAssessmentAndAnExternalReviewCloseInTime(t, w) })
	t.Run("OfficesSitInTheirCountyWithTheirMunicipalityNumber", func(t *testing.T) { officesSitInTheirCountyWithTheirMunicipalityNumber(t, w) })
	t.Run("ReviewsEverySixMonthsUntilGoodThenYearly", func(t *testing.T) { reviewsEverySixMonthsUntilGoodThenYearly(t, w) })
	t.Run("MostTeamsImprove", func(t *testing.T) { mostTeamsImprove(t, w) })
	t.Run("LowItemsHaveActionPlans", func(t *testing.T) { lowItemsHaveActionPlans(t, w) })
	t.Run("OutcomesPerHalfYear", func(t *testing.T) { outcomesPerHalfYear(t, w) })
	t.Run("PlannedReviewsAndAnOverdueTeam", func(t *testing.T) { plannedReviewsAndAnOverdueTeam(t, w) })
	t.Run("TheFactsOfOneVisitAgreeWithEachOther", func(t *testing.T) { theFactsOfOneVisitAgreeWithEachOther(t, w) })
	t.Run("NoReviewerVisitsTwoTeamsOnOneDay", func(t *testing.T) { noReviewerVisitsTwoTeamsOnOneDay(t, w) })
	t.Run("OneReviewerLenientOneStrict", func(t *testing.T) { oneReviewerLenientOneStrict(t, w) })
	t.Run("ThreeTeamsHaveAnIPS15HistoryShownInTheirTrend", func(t *testing.T) { threeTeamsHaveAnIPS15HistoryShownInTheirTrend(t, w) })
	t.Run("AFewReviewsHaveAWrittenReport", func(t *testing.T) { aFewReviewsHaveAWrittenReport(t, w) })
}

func seedWorld(t *testing.T, o demo.Options) (*world, error) {
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		return nil, err
	}
	today := o.End.AddDate(0, 0, 14)
	svc := service.New(storetest.SQLite(t), cat, service.DefaultConfig(), service.WithClock(func() time.Time { return today }))
	ctx := fidelity.WithPrincipal(context.Background(), fidelity.System)
	if err := svc.SyncScales(ctx); err != nil {
		return nil, err
	}
	if _, err := demo.Seed(ctx, svc, o); err != nil {
		return nil, err
	}
	w := &world{svc: svc, ctx: ctx, sites: map[string]service.SiteView{}, raters: map[string]fidelity.Rater{}}
	w.sc, _ = svc.GetScale(o.Scale)
	sites, _, err := svc.ListSites(ctx, service.SiteFilter{Page: service.Page{Limit: 500}})
	if err != nil {
		return nil, err
	}
	for _, s := range sites {
		w.sites[s.ID] = s
	}
	raters, _, err := svc.ListRaters(ctx, service.RaterFilter{Page: service.Page{Limit: 500}})
	if err != nil {
		return nil, err
	}
	for _, r := range raters {
		w.raters[r.ID] = r
	}
	for cursor := ""; ; {
		page, next, err := svc.ListReviews(ctx, service.ReviewFilter{Page: service.Page{Limit: 500, After: cursor}})
		if err != nil {
			return nil, err
		}
		for _, r := range page {
			if r.ScaleID == w.sc.ID {
				w.reviews = append(w.reviews, r)
			} else {
				w.older = append(w.older, r)
			}
		}
		if next == "" {
			break
		}
		cursor = next
	}
	slices.SortStableFunc(w.reviews, func(a, b fidelity.Review) int { return a.VisitStart.Compare(b.VisitStart) })
	return w, nil
}

func (w *world) finalised(types ...fidelity.ReviewType) []fidelity.Review {
	var out []fidelity.Review
	for _, r := range w.reviews {
		if r.Status == fidelity.StatusFinalised && slices.Contains(types, r.Type) {
			out = append(out, r)
		}
	}
	return out
}

func (w *world) ratings(t *testing.T, reviewID, rater string) fidelity.RatingSet {
	t.Helper()
	rs, err := w.svc.GetRatings(w.ctx, reviewID, rater)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// Both (or all three) reviewers at a visit read the same records, so they
// record the same clients, FTEs, hours, jobs and contacts; they differ
// only in judgement items, and there by one level.
func ratersAtOneVisitRecordTheSameMeasuredFacts(t *testing.T, w *world) {
	judgedApart := 0
	for _, r := range w.finalised(fidelity.ReviewExternal) {
		first := w.ratings(t, r.ID, r.RaterIDs[0])
		for _, other := range r.RaterIDs[1:] {
			second := w.ratings(t, r.ID, other)
			for i := range w.sc.Items {
				it := &w.sc.Items[i]
				a, b := first.Inputs[i], second.Inputs[i]
				fact := it.Type == scale.TypeMeasured || (it.Type == scale.TypePerSpecialist && it.Specialist != "score")
				if fact {
					if !reflect.DeepEqual(a.Values, b.Values) || !reflect.DeepEqual(a.Choices, b.Choices) || !reflect.DeepEqual(a.Specialists, b.Specialists) {
						t.Fatalf("review %s item %s: raters recorded different facts: %+v vs %+v", r.ID, it.ID, a, b)
					}
					continue
				}
				sa, sb := first.Scorecard.Items[i].Score, second.Scorecard.Items[i].Score
				if d := *sa - *sb; d > 1 || d < -1 {
					t.Fatalf("review %s item %s: judgements %d and %d are more than one level apart", r.ID, it.ID, *sa, *sb)
				} else if d != 0 {
					judgedApart++
				}
			}
		}
	}
	if judgedApart == 0 {
		t.Fatal("the raters never differ in judgement: agreement statistics would be trivial")
	}
}

func aThreeRaterReviewExists(t *testing.T, w *world) {
	for _, r := range w.finalised(fidelity.ReviewExternal) {
		if len(r.RaterIDs) == 3 {
			for _, id := range r.RaterIDs {
				if !w.ratings(t, r.ID, id).Submitted {
					t.Fatalf("three-rater review %s: rater %s has not submitted", r.ID, id)
				}
			}
			return
		}
	}
	t.Fatal("no finalised external review with three raters")
}

func finalisedTotalsCoverAllFourBands(t *testing.T, w *world) {
	bands := map[string]int{}
	for _, r := range w.finalised(fidelity.ReviewExternal) {
		bands[r.Band]++
	}
	for _, b := range []string{"exemplary", "good", "fair", "not_se"} {
		if bands[b] == 0 {
			t.Errorf("no finalised external review in band %s (bands: %v)", b, bands)
		}
	}
}

// A self-assessment is the team's own: its only rater is the lead of that
// team, who rates nothing else.
func selfAssessmentsAreDoneByTheTeamLead(t *testing.T, w *world) {
	leadOf := map[string]string{} // rater → team
	selfs := w.finalised(fidelity.ReviewSelf)
	if len(selfs) < 3 {
		t.Fatalf("only %d finalised self-assessments", len(selfs))
	}
	for _, r := range selfs {
		if len(r.RaterIDs) != 1 {
			t.Fatalf("self-assessment %s has raters %v, want the team lead alone", r.ID, r.RaterIDs)
		}
		lead := w.raters[r.RaterIDs[0]]
		office := w.sites[w.sites[r.SiteID].ParentID]
		if lead.Organisation != office.Name+", teamleder" {
			t.Fatalf("self-assessment of %s rated by %s (%s), not the team's lead", w.sites[r.SiteID].Name, lead.Name, lead.Organisation)
		}
		if team, ok := leadOf[lead.ID]; ok && team != r.SiteID {
			t.Fatalf("%s leads two teams", lead.Name)
		}
		leadOf[lead.ID] = r.SiteID
	}
	for _, r := range w.reviews {
		if r.Type != fidelity.ReviewSelf {
			for _, id := range r.RaterIDs {
				if _, ok := leadOf[id]; ok {
					t.Fatalf("team lead %s rates %s review %s", w.raters[id].Name, r.Type, r.ID)
				}
			}
		}
	}
}

// Every self-assessment prepares an external review a few weeks later,
// so the two can be compared.
func aSelfAssessmentAndAnExternalReviewCloseInTime(t *testing.T, w *world) {
	for _, s := range w.finalised(fidelity.ReviewSelf) {
		paired := false
		for _, e := range w.finalised(fidelity.ReviewExternal) {
			gap := e.VisitStart.Sub(s.VisitEnd)
			paired = paired || (e.SiteID == s.SiteID && gap >= 7*24*time.Hour && gap <= 60*24*time.Hour)
		}
		if !paired {
			t.Errorf("the self-assessment of %s on %s is not one to eight weeks before an external review", w.sites[s.SiteID].Name, s.VisitEnd.Format(time.DateOnly))
		}
	}
}

// Every office sits under its own county, coded with the county and
// municipality numbers of the fixed table (a second district office of one
// municipality as 4601-2: codes are unique among siblings).
func officesSitInTheirCountyWithTheirMunicipalityNumber(t *testing.T, w *world) {
	byName := map[string]demo.Office{}
	for _, o := range demo.Offices {
		if !strings.HasPrefix(o.Municipality, o.County.Number) || len(o.Municipality) != 4 {
			t.Errorf("table: %s has municipality %s outside county %s %s", o.Name, o.Municipality, o.County.Number, o.County.Name)
		}
		byName[o.Name] = o
	}
	for _, fixed := range []struct{ number, name string }{
		{"0301", "Oslo"}, {"4601", "Bergen"}, {"5001", "Trondheim"}, {"1103", "Stavanger"},
		{"5501", "Tromsø"}, {"3201", "Bærum"}, {"4204", "Kristiansand"},
	} {
		for _, o := range demo.Offices {
			if o.MunicipalityName == fixed.name && o.Municipality != fixed.number {
				t.Errorf("table: %s is %s, want %s", fixed.name, o.Municipality, fixed.number)
			}
		}
	}
	offices := 0
	for _, s := range w.sites {
		if s.Kind != fidelity.SiteKindOffice {
			continue
		}
		offices++
		o, ok := byName[s.Name]
		county := w.sites[s.ParentID]
		switch {
		case !ok:
			t.Errorf("office %s is not in the table", s.Name)
		case !strings.HasPrefix(s.Name, "Nav "):
			t.Errorf("office %s is not spelt the way Nav spells it", s.Name)
		case s.Code != o.Municipality && !strings.HasPrefix(s.Code, o.Municipality+"-"):
			t.Errorf("%s has code %s, want municipality %s (or %s-N for a second office there)", s.Name, s.Code, o.Municipality, o.Municipality)
		case county.Kind != fidelity.SiteKindRegion || county.Code != o.County.Number || county.Name != o.County.Name:
			t.Errorf("%s sits under %s %s, want county %s %s", s.Name, county.Code, county.Name, o.County.Number, o.County.Name)
		}
	}
	if offices != demo.DefaultOptions(end).Offices {
		t.Fatalf("%d offices", offices)
	}
}

// External reviews follow the review rules: six months after a review
// below good fidelity, twelve after one at good or better (a few weeks'
// slack for planning).
func reviewsEverySixMonthsUntilGoodThenYearly(t *testing.T, w *world) {
	bySite := map[string][]fidelity.Review{}
	for _, r := range w.finalised(fidelity.ReviewExternal) {
		bySite[r.SiteID] = append(bySite[r.SiteID], r)
	}
	yearly, half := 0, 0
	for _, site := range slices.Sorted(maps.Keys(bySite)) {
		rs := bySite[site]
		if first := rs[0].VisitStart; first.After(end.AddDate(-2, -6, 0)) {
			t.Errorf("%s: first external review on %s, want about three years of history", w.sites[site].Name, first.Format(time.DateOnly))
		}
		for i := 1; i < len(rs); i++ {
			months := 6
			if rs[i-1].Band == "good" || rs[i-1].Band == "exemplary" {
				months, yearly = 12, yearly+1
			} else {
				half++
			}
			want := rs[i-1].VisitEnd.AddDate(0, months, 0)
			if d := rs[i].VisitEnd.Sub(want); d < -21*24*time.Hour || d > 60*24*time.Hour {
				t.Errorf("%s: review of %s follows the %s review of %s after %s, want about %d months",
					w.sites[site].Name, rs[i].VisitEnd.Format(time.DateOnly), rs[i-1].Band, rs[i-1].VisitEnd.Format(time.DateOnly), rs[i].VisitEnd.Sub(rs[i-1].VisitEnd), months)
			}
		}
	}
	if yearly == 0 || half == 0 {
		t.Fatalf("yearly intervals %d, six-monthly %d: both cycles should show", yearly, half)
	}
}

// Most teams improve over their history.
func mostTeamsImprove(t *testing.T, w *world) {
	first, last := map[string]float64{}, map[string]float64{}
	for _, r := range w.finalised(fidelity.ReviewExternal) {
		if _, ok := first[r.SiteID]; !ok {
			first[r.SiteID] = *r.Total
		}
		last[r.SiteID] = *r.Total
	}
	improved := 0
	for id := range first {
		if last[id] > first[id] {
			improved++
		}
	}
	if improved*3 < len(first)*2 {
		t.Fatalf("%d of %d teams improved", improved, len(first))
	}
}

// Items scored 1 or 2 get an action plan; the latest plans are not done.
func lowItemsHaveActionPlans(t *testing.T, w *world) {
	withPlan, open := 0, 0
	for _, r := range w.finalised(fidelity.ReviewExternal) {
		cons, err := w.svc.GetConsensus(w.ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		actions, err := w.svc.Actions(w.ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		planned := map[string]bool{}
		for _, a := range actions {
			for _, id := range a.ItemIDs {
				planned[id] = true
			}
			if a.Status == fidelity.ActionOpen || a.Status == fidelity.ActionInProgress {
				open++
			}
		}
		low := 0
		for _, it := range cons.Scorecard.Items {
			if *it.Score == 1 && !planned[it.ItemID] {
				t.Errorf("review %s: %s scored 1 and has no action", r.ID, it.ItemID)
			}
			if *it.Score <= 2 {
				low++
			}
		}
		if low > 0 && len(actions) == 0 {
			t.Errorf("review %s has %d items at 1–2 and no action plan", r.ID, low)
		}
		if len(actions) > 0 {
			withPlan++
		}
	}
	if withPlan == 0 || open == 0 {
		t.Fatalf("%d reviews with a plan, %d open actions", withPlan, open)
	}
}

// Every team reports competitive employment for each half-year, at rates
// the Norwegian and international figures make plausible.
func outcomesPerHalfYear(t *testing.T, w *world) {
	teams := 0
	for _, s := range w.sites {
		if s.Kind != fidelity.SiteKindTeam {
			continue
		}
		teams++
		outs, err := w.svc.Outcomes(w.ctx, s.ID, demo.MeasureEmployment)
		if err != nil {
			t.Fatal(err)
		}
		if len(outs) < 4 {
			t.Errorf("%s has %d half-year outcomes", s.Name, len(outs))
		}
		for _, o := range outs {
			half := (o.PeriodStart.Month() == time.January && o.PeriodEnd.Month() == time.June && o.PeriodEnd.Day() == 30) ||
				(o.PeriodStart.Month() == time.July && o.PeriodEnd.Month() == time.December && o.PeriodEnd.Day() == 31)
			if !half || o.PeriodStart.Day() != 1 || o.PeriodStart.Year() != o.PeriodEnd.Year() {
				t.Errorf("%s: period %s–%s is not a half-year", s.Name, o.PeriodStart.Format(time.DateOnly), o.PeriodEnd.Format(time.DateOnly))
			}
			if o.Value < 0.05 || o.Value > 0.6 || o.N < 10 {
				t.Errorf("%s: implausible outcome %.2f of %d", s.Name, o.Value, o.N)
			}
		}
	}
	if teams == 0 {
		t.Fatal("no teams")
	}
}

// The home page's lists need examples: reviews planned ahead, a planned
// review whose visit passed without a start, and a team overdue with
// nothing planned.
func plannedReviewsAndAnOverdueTeam(t *testing.T, w *world) {
	today := end.AddDate(0, 0, 14)
	ahead, missed := 0, 0
	planned := map[string]bool{}
	for _, r := range w.reviews {
		if r.Status != fidelity.StatusPlanned {
			continue
		}
		planned[r.SiteID] = true
		if r.VisitStart.After(today) {
			ahead++
		} else {
			missed++
		}
	}
	overdue := 0
	for _, s := range w.sites {
		if s.Kind == fidelity.SiteKindTeam && s.Due.Overdue && !planned[s.ID] && s.Due.Date.Before(today.AddDate(0, -1, 0)) {
			overdue++
		}
	}
	if ahead == 0 || missed == 0 || overdue == 0 {
		t.Fatalf("planned ahead %d, planned and missed %d, overdue by over a month with nothing planned %d", ahead, missed, overdue)
	}
}

// The same options give the same data, so screenshots are stable.
func TestSeedingIsDeterministic(t *testing.T) {
	o := demo.Options{Offices: 3, Reviews: 3, Scale: "se-fidelity@2008", Seed: 7, End: end, Unfinished: true}
	a, err := seedWorld(t, o)
	if err != nil {
		t.Fatal(err)
	}
	b, err := seedWorld(t, o)
	if err != nil {
		t.Fatal(err)
	}
	if fa, fb := fingerprint(t, a), fingerprint(t, b); fa != fb {
		t.Fatalf("two seedings differ:\n%s\n---\n%s", fa, fb)
	}
}

func fingerprint(t *testing.T, w *world) string {
	var b strings.Builder
	for _, r := range w.reviews {
		total := -1.0
		if r.Total != nil {
			total = *r.Total
		}
		fmt.Fprintf(&b, "%s %s %s %s %g %s", w.sites[r.SiteID].Name, r.Type, r.Status, r.VisitStart.Format(time.DateOnly), total, r.Band)
		for _, id := range r.RaterIDs {
			if r.Status != fidelity.StatusPlanned {
				in, err := json.Marshal(w.ratings(t, r.ID, id).Inputs)
				if err != nil {
					t.Fatal(err)
				}
				fmt.Fprintf(&b, " %s:%s", w.raters[id].Name, in)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

// Visits fall on working days outside the holidays, and a reviewer is at
// one team at a time.
func noReviewerVisitsTwoTeamsOnOneDay(t *testing.T, w *world) {
	at := map[string]string{}
	for _, r := range w.reviews {
		for d := r.VisitStart; !d.After(r.VisitEnd); d = d.AddDate(0, 0, 1) {
			if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday || d.Month() == time.July || (d.Month() == time.December && d.Day() >= 24) {
				t.Errorf("%s visits %s on %s", r.Type, w.sites[r.SiteID].Name, d.Format("Monday 2006-01-02"))
			}
			for _, id := range r.RaterIDs {
				key := id + d.Format(time.DateOnly)
				if other, ok := at[key]; ok && other != r.SiteID {
					t.Errorf("%s is at %s and %s on %s", w.raters[id].Name, w.sites[other].Name, w.sites[r.SiteID].Name, d.Format(time.DateOnly))
				}
				at[key] = r.SiteID
			}
		}
	}
}

// Reviewers differ in leniency, as real ones do: the drift table shows a
// lenient and a strict reviewer beside the others.
func oneReviewerLenientOneStrict(t *testing.T, w *world) {
	sum, n := map[string]int{}, map[string]int{}
	for _, r := range w.finalised(fidelity.ReviewExternal) {
		cons, err := w.svc.GetConsensus(w.ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range r.RaterIDs {
			for i, it := range w.ratings(t, r.ID, id).Scorecard.Items {
				sum[id] += *it.Score - *cons.Scorecard.Items[i].Score
				n[id]++
			}
		}
	}
	above, below := 0, 0
	for id := range sum {
		switch mean := float64(sum[id]) / float64(n[id]); {
		case mean > 0.03:
			above++
		case mean < -0.03:
			below++
		}
	}
	if above == 0 || below == 0 {
		t.Fatalf("raters above the consensus %d, below %d: want a lenient and a strict one", above, below)
	}
}

// The counts of one visit fit together: the caseload behind O1 is the one
// counted for S1 and never near empty, S2 and Sv13 share the scheduled
// hours, and no more jobs are held today than in the period.
func theFactsOfOneVisitAgreeWithEachOther(t *testing.T, w *world) {
	for _, r := range w.finalised(fidelity.ReviewExternal) {
		v := map[string]map[string]float64{}
		for _, in := range w.ratings(t, r.ID, r.RaterIDs[0]).Inputs {
			v[in.ItemID] = in.Values
		}
		clients, fte := v["S1"]["active_clients"], v["S1"]["specialist_fte"]
		switch {
		case clients < 8*fte:
			t.Errorf("review %s: %g clients on %g FTE", r.ID, clients, fte)
		case v["O1"]["caseload_clients"] != clients:
			t.Errorf("review %s: O1 counts %g clients, S1 %g", r.ID, v["O1"]["caseload_clients"], clients)
		case v["S2"]["scheduled_hours"] != v["Sv13"]["scheduled_hours"]:
			t.Errorf("review %s: S2 and Sv13 scheduled hours differ", r.ID)
		case v["Sv8"]["jobs"] != v["Sv9"]["jobs"] || v["Sv10"]["current_jobs"] > v["Sv8"]["jobs"]:
			t.Errorf("review %s: jobs %g and %g, current jobs %g", r.ID, v["Sv8"]["jobs"], v["Sv9"]["jobs"], v["Sv10"]["current_jobs"])
		}
	}
}

// A few finalised reviews have the report their reviewers wrote: issued
// to the team with a summary, a recommendation for every item below 5 and
// actions proposed for the items below 4, which the team lead has decided
// on — one report final, one still waiting for decisions, one in English.
func aFewReviewsHaveAWrittenReport(t *testing.T, w *world) {
	states := map[fidelity.ReportStatus]int{}
	english, waiting := 0, 0
	for _, r := range w.finalised(fidelity.ReviewExternal) {
		v, err := w.svc.Report(w.ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if v.Versions == 0 {
			continue
		}
		states[v.Report.Status]++
		if v.Report.IssuedOn == nil || v.Report.IssuedOn.Before(r.VisitEnd) || v.Report.IssuedOn.After(end) {
			t.Errorf("review %s: report issued %v, visit ended %s", r.ID, v.Report.IssuedOn, r.VisitEnd.Format(time.DateOnly))
		}
		if len(v.Narrative.Summary) < 100 || v.Narrative.Strengths == "" {
			t.Errorf("review %s: a thin report: %q", r.ID, v.Narrative.Summary)
		}
		if strings.Contains(v.Narrative.Summary, " points ") {
			english++
		}
		cons, err := w.svc.GetConsensus(w.ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range cons.Scorecard.Items {
			if *it.Score < 5 && v.Narrative.Items[it.ItemID].Recommendation == "" {
				t.Errorf("review %s: %s scored %d without a recommendation", r.ID, it.ItemID, *it.Score)
			}
		}
		decided := 0
		for _, a := range v.Actions {
			switch a.Status {
			case fidelity.ReportActionProposed:
				waiting++
			case fidelity.ReportActionAccepted:
				decided++
				if a.ActionID == "" {
					t.Errorf("review %s: accepted action %s is not on the plan", r.ID, a.ItemID)
				}
			default:
				decided++
			}
		}
		if decided == 0 {
			t.Errorf("review %s: no decision on its %d proposed actions", r.ID, len(v.Actions))
		}
	}
	if n := states[fidelity.ReportIssued] + states[fidelity.ReportCommented] + states[fidelity.ReportFinal]; n < 3 || states[fidelity.ReportFinal] == 0 || english == 0 || waiting == 0 {
		t.Fatalf("reports by status %v, %d in English, %d proposals waiting: want three or more issued, one final, one English, one waiting", states, english, waiting)
	}
}
