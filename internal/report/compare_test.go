package report

import (
	"math"
	"reflect"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/report/stats"
)

// cohort: five sites with a review in 2024 and one without.
//
//	Alpha 20 (high), Bravo 17 (good), Charlie 17 (good), Delta 12 (fair), Echo 8 (low); Foxtrot none
func cohort() ([]SiteRef, []fidelity.ReviewScores) {
	sc := miniScale("1")
	sites := []SiteRef{
		site("E", "Echo", "/E/"), site("A", "Alpha", "/A/"), site("C", "Charlie", "/C/"),
		site("B", "Bravo", "/B/"), site("D", "Delta", "/D/"), site("F", "Foxtrot", "/F/"),
	}
	reviews := []fidelity.ReviewScores{
		review(sc, "A1", "A", "2023-03-01", spread(sc, 10)), // older: superseded by A2
		review(sc, "A2", "A", "2024-03-01", spread(sc, 20)),
		review(sc, "A3", "A", "2025-02-01", spread(sc, 5)), // after at.To: ignored
		review(sc, "B1", "B", "2024-04-01", spread(sc, 17)),
		review(sc, "C1", "C", "2024-05-01", spread(sc, 17)),
		review(sc, "D1", "D", "2024-06-01", spread(sc, 12)),
		review(sc, "E1", "E", "2024-07-01", spread(sc, 8)),
		review(sc, "F0", "F", "2022-01-01", spread(sc, 25)), // before at.From: ignored
	}
	return sites, reviews
}

func TestCompareLeagueTable(t *testing.T) {
	sc := miniScale("1")
	sites, reviews := cohort()
	at := PeriodSpec{From: date("2023-01-01"), To: date("2024-12-31")}
	rep := Compare(sc, sites, reviews, at, nil, "")

	type row struct {
		rank  int
		site  string
		rev   string
		total float64
		band  string
		pr    float64
	}
	// Competition ranking of 20, 17, 17, 12, 8: 1, 2, 2, 4, 5 (ties by name).
	// Mid-rank percentiles (n = 5): 20 → (4 + ½)/5 = 90; 17 → (2 + 2·½)/5 =
	// 60; 12 → (1 + ½)/5 = 30; 8 → (0 + ½)/5 = 10.
	want := []row{
		{1, "A", "A2", 20, "high", 90}, {2, "B", "B1", 17, "good", 60}, {2, "C", "C1", 17, "good", 60},
		{4, "D", "D1", 12, "fair", 30}, {5, "E", "E1", 8, "low", 10},
	}
	if len(rep.League) != len(want) {
		t.Fatalf("league %+v", rep.League)
	}
	// Mean = 74/5 = 14.8; deviations 5.2, 2.2, 2.2, −2.8, −6.8; squares
	// 27.04 + 4.84 + 4.84 + 7.84 + 46.24 = 90.8; SD = √(90.8/4) = √22.7.
	sd := math.Sqrt(22.7)
	for i, w := range want {
		g := rep.League[i]
		if g.Rank != w.rank || g.SiteID != w.site || g.ReviewID != w.rev || g.Total != w.total || g.Band != w.band {
			t.Errorf("row %d: %+v, want %+v", i, g, w)
		}
		wantFloat(t, "percent rank "+w.site, g.PercentRank, w.pr)
		wantFloat(t, "z "+w.site, g.Z, (w.total-14.8)/sd)
	}
	if len(rep.NoReview) != 1 || rep.NoReview[0].ID != "F" {
		t.Errorf("no review %+v", rep.NoReview)
	}
	c := rep.Cohort
	// Sorted 8, 12, 17, 17, 20: median 17; type 7 Q1 at h = 4·0.25 = 1 → 12,
	// Q3 at h = 3 → 17; IQR 5.
	if c.N != 5 {
		t.Errorf("n %d", c.N)
	}
	wantFloat(t, "mean", c.Mean.Value, 14.8)
	wantFloat(t, "sd", c.SD.Value, sd)
	wantFloat(t, "median", c.Median.Value, 17)
	wantFloat(t, "q1", c.Q1.Value, 12)
	wantFloat(t, "q3", c.Q3.Value, 17)
	wantFloat(t, "iqr", c.IQR.Value, 5)

	// Bands in scale order, zeros included.
	var counts []int
	var names []string
	for _, b := range rep.Bands {
		counts = append(counts, b.Count)
		names = append(names, b.Band)
	}
	if !reflect.DeepEqual(names, []string{"high", "good", "fair", "low"}) || !reflect.DeepEqual(counts, []int{1, 2, 1, 1}) {
		t.Errorf("bands %v %v", names, counts)
	}
	wantFloat(t, "good percent", rep.Bands[1].Percent, 40)
	if rep.Outcomes.Pearson.Value != nil || rep.Outcomes.Pearson.Reason == "" {
		t.Errorf("no measure: %+v", rep.Outcomes.Pearson)
	}
	for name, tb := range map[string]func() ([]string, [][]string){
		"league": rep.Table, "bands": rep.BandsTable, "cohort": rep.CohortTable,
	} {
		h, rows := tb()
		checkTable(t, name, h, rows)
	}
	golden(t, "league_mini.csv", rep)
}

func TestCompareBandCountsRealScale(t *testing.T) {
	sc := seScale(t)
	sites := []SiteRef{site("1", "One", "/1/"), site("2", "Two", "/2/"), site("3", "Three", "/3/")}
	reviews := []fidelity.ReviewScores{
		review(sc, "r1", "1", "2024-01-01", spread(sc, 99)),  // fair (74–99)
		review(sc, "r2", "2", "2024-01-01", spread(sc, 100)), // good (100–114)
		review(sc, "r3", "3", "2024-01-01", spread(sc, 74)),  // fair
	}
	rep := Compare(sc, sites, reviews, PeriodSpec{To: date("2024-12-31")}, nil, "")
	var got []int
	for _, b := range rep.Bands {
		got = append(got, b.Count)
	}
	// exemplary, good, fair, not_se
	if !reflect.DeepEqual(got, []int{0, 1, 2, 0}) || rep.Bands[0].Band != "exemplary" {
		t.Errorf("bands %+v", rep.Bands)
	}
}

func TestCompareOutcomes(t *testing.T) {
	sc := miniScale("1")
	sites, reviews := cohort()
	const measure = "competitive_employment_rate"
	outcome := func(id, siteID, from, to string, v float64) fidelity.Outcome {
		return fidelity.Outcome{ID: id, SiteID: siteID, Measure: measure, PeriodStart: date(from), PeriodEnd: date(to), Value: v, N: 40}
	}
	outcomes := []fidelity.Outcome{
		outcome("oA", "A", "2024-01-01", "2024-06-30", 0.50),
		outcome("oA-old", "A", "2023-01-01", "2023-12-31", 0.10), // does not overlap A2's visit
		outcome("oB", "B", "2024-01-01", "2024-06-30", 0.40),
		outcome("oC", "C", "2024-01-01", "2024-06-30", 0.45),
		outcome("oD", "D", "2024-01-01", "2024-06-30", 0.30),
		// Echo has no outcome for the measure, only another measure.
		{ID: "oE", SiteID: "E", Measure: "hours", PeriodStart: date("2024-01-01"), PeriodEnd: date("2024-12-31"), Value: 12},
	}
	at := PeriodSpec{From: date("2023-01-01"), To: date("2024-12-31")}
	rep := Compare(sc, sites, reviews, at, outcomes, measure)
	o := rep.Outcomes
	if o.Linked != 4 || o.Unlinked != 1 {
		t.Errorf("linked %d unlinked %d", o.Linked, o.Unlinked)
	}
	if rep.League[0].Outcome == nil || rep.League[0].Outcome.OutcomeID != "oA" || rep.League[4].Outcome != nil {
		t.Errorf("links %+v %+v", rep.League[0].Outcome, rep.League[4].Outcome)
	}
	// Totals x = 20, 17, 17, 12; outcomes y = .50, .40, .45, .30.
	// x̄ = 16.5, ȳ = .4125; dx = 3.5, .5, .5, −4.5; dy = .0875, −.0125, .0375, −.1125.
	// Sxy = .30625 − .00625 + .01875 + .50625 = .825; Sxx = 33; Syy = .021875.
	if o.Pearson.N != 4 {
		t.Errorf("pearson n %d", o.Pearson.N)
	}
	wantFloat(t, "pearson", o.Pearson.Value, 0.825/math.Sqrt(33*0.021875)) // ≈ 0.97101
	// Ranks: x → 4, 2.5, 2.5, 1; y → 4, 2, 3, 1; both means 2.5.
	// Sxy = 1.5·1.5 + 0 + 0 + 1.5·1.5 = 4.5; Sxx = 4.5; Syy = 5; ρ = 4.5/√22.5.
	wantFloat(t, "spearman", o.Spearman.Value, 4.5/math.Sqrt(22.5)) // ≈ 0.94868
	// Cross-check against the stats package on the same vectors.
	x := []float64{20, 17, 17, 12}
	y := []float64{0.50, 0.40, 0.45, 0.30}
	if p := stats.Pearson(x, y); !near(*p.Value, *o.Pearson.Value) {
		t.Errorf("stats.Pearson %v", *p.Value)
	}

	// Two linked sites only: undefined with a reason.
	rep = Compare(sc, sites, reviews, at, outcomes[:3], measure)
	if rep.Outcomes.Pearson.Value != nil || rep.Outcomes.Pearson.Reason != "fewer than 3 complete pairs" || rep.Outcomes.Pearson.N != 2 {
		t.Errorf("n=2: %+v", rep.Outcomes.Pearson)
	}
}

func TestMatchOutcome(t *testing.T) {
	o := func(id, from, to string) fidelity.Outcome {
		return fidelity.Outcome{ID: id, SiteID: "S", Measure: "m", PeriodStart: date(from), PeriodEnd: date(to), Value: 1}
	}
	list := []fidelity.Outcome{
		o("q1", "2024-01-01", "2024-03-31"), // overlaps the visit start only
		o("q2", "2024-04-01", "2024-06-30"), // contains VisitEnd: preferred
		o("y", "2023-01-01", "2023-12-31"),  // no overlap
	}
	got := MatchOutcome(list, "S", "m", date("2024-03-30"), date("2024-04-02"))
	if got == nil || got.OutcomeID != "q2" {
		t.Errorf("got %+v", got)
	}
	got = MatchOutcome(list[:1], "S", "m", date("2024-03-30"), date("2024-04-02"))
	if got == nil || got.OutcomeID != "q1" {
		t.Errorf("overlap only: %+v", got)
	}
	if MatchOutcome(list, "S", "m", date("2022-01-01"), date("2022-01-02")) != nil {
		t.Error("no overlap must give nil")
	}
}

// TestTransitions: 6 sites on the real scale, period A = 2023, B = 2024.
//
//	S1 90 → 105 fair → good      S4 85 → 95  fair → fair
//	S2 80 → 100 fair → good      S5 60 → 75  not_se → fair
//	S3 104 → 110 good → good     S6 — → 118  only in B (exemplary)
//	S7 no review at all
func TestTransitions(t *testing.T) {
	sc := seScale(t)
	var sites []SiteRef
	var reviews []fidelity.ReviewScores
	for _, s := range []struct {
		id   string
		a, b int
	}{{"S1", 90, 105}, {"S2", 80, 100}, {"S3", 104, 110}, {"S4", 85, 95}, {"S5", 60, 75}, {"S6", 0, 118}, {"S7", 0, 0}} {
		sites = append(sites, site(s.id, "Site "+s.id, "/"+s.id+"/"))
		if s.a > 0 {
			reviews = append(reviews, review(sc, s.id+"a", s.id, "2023-06-01", spread(sc, s.a)))
		}
		if s.b > 0 {
			reviews = append(reviews, review(sc, s.id+"b", s.id, "2024-06-01", spread(sc, s.b)))
		}
	}
	a := PeriodSpec{From: date("2023-01-01"), To: date("2023-12-31")}
	b := PeriodSpec{From: date("2024-01-01"), To: date("2024-12-31")}
	m := Transitions(sc, sites, reviews, a, b)
	// Rows = A, columns = B, in scale order exemplary, good, fair, not_se.
	want := [][]int{
		{0, 0, 0, 0},
		{0, 1, 0, 0}, // good → good: S3
		{0, 2, 1, 0}, // fair → good: S1, S2; fair → fair: S4
		{0, 0, 1, 0}, // not_se → fair: S5
	}
	if !reflect.DeepEqual(m.Counts, want) {
		t.Errorf("counts %v", m.Counts)
	}
	if !reflect.DeepEqual(m.OnlyInB, []int{1, 0, 0, 0}) || !reflect.DeepEqual(m.OnlyInA, []int{0, 0, 0, 0}) {
		t.Errorf("only in A %v, only in B %v", m.OnlyInA, m.OnlyInB)
	}
	if m.Both != 5 || m.OnlyA != 0 || m.OnlyB != 1 || m.Neither != 1 || m.Up != 3 || m.Same != 2 || m.Down != 0 {
		t.Errorf("summary %+v", m)
	}
	if len(m.Sites) != 6 || m.Sites[5].SiteID != "S6" || m.Sites[5].Change != "only_b" {
		t.Errorf("sites %+v", m.Sites)
	}
	h, rows := m.Table()
	checkTable(t, "transitions", h, rows)
	h, rows = m.SitesTable()
	checkTable(t, "transition sites", h, rows)
	golden(t, "transitions_se.csv", m)
}
