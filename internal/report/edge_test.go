package report

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// allReports builds every report from the given data.
func allReports(sc *scale.Scale, sites []SiteRef, reviews []fidelity.ReviewScores, outcomes []fidelity.Outcome, actions []fidelity.ActionItem) map[string]any {
	today := date("2025-01-01")
	root := SiteRef{ID: "root", Name: "Root", Path: "/root/"}
	if len(sites) > 0 {
		root = sites[0]
	}
	at := PeriodSpec{To: today}
	return map[string]any{
		"trend":       Trend(sc, root, reviews, today, DueRule{}, TrendOptions{Subtree: sites}),
		"compare":     Compare(sc, sites, reviews, at, outcomes, "rate"),
		"transitions": Transitions(sc, sites, reviews, PeriodSpec{To: date("2023-12-31")}, at),
		"heatmap":     Heatmap(sc, sites, reviews),
		"agreement":   Agreement(sc, reviews, AgreementOptions{}),
		"actions":     Actions(sc, sites, reviews, actions, today, ActionsOptions{}),
	}
}

// checkReports marshals every report and renders every table.
func checkReports(t *testing.T, name string, reps map[string]any) map[string]string {
	t.Helper()
	out := map[string]string{}
	for k, r := range reps {
		b, err := json.Marshal(r)
		if err != nil {
			t.Errorf("%s/%s: marshal: %v", name, k, err)
			continue
		}
		s := string(b)
		for _, bad := range []string{"NaN", "Inf"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s/%s: JSON contains %q: %s", name, k, bad, s)
			}
		}
		out[k] = s
		tb, ok := r.(tabler)
		if !ok {
			t.Errorf("%s/%s has no Table method", name, k)
			continue
		}
		h, rows := tb.Table()
		checkTable(t, name+"/"+k, h, rows)
		for _, row := range rows {
			for _, cell := range row {
				if strings.Contains(cell, "NaN") || strings.Contains(cell, "Inf") {
					t.Errorf("%s/%s: cell %q", name, k, cell)
				}
			}
		}
	}
	return out
}

func TestEdgeNoReviews(t *testing.T) {
	for _, sc := range []*scale.Scale{seScale(t), miniScale("1")} {
		js := checkReports(t, "empty "+sc.ID, allReports(sc, nil, nil, nil, nil))
		for _, want := range []string{`"league":[]`, `"points":[]`, `"sites":[]`, `"pairs":[]`} {
			found := false
			for _, s := range js {
				found = found || strings.Contains(s, want)
			}
			if !found {
				t.Errorf("%s: no report has %s", sc.ID, want)
			}
		}
		c := Compare(sc, nil, nil, PeriodSpec{}, nil, "rate")
		if c.Cohort.Mean.Value != nil || c.Cohort.Mean.Reason == "" || c.Outcomes.Pearson.Reason == "" {
			t.Errorf("empty cohort %+v", c.Cohort.Mean)
		}
		a := Agreement(sc, nil, AgreementOptions{})
		if a.Totals.ICC[0].Reason == "" || a.Totals.BlandAltman.Bias.Reason == "" {
			t.Errorf("empty agreement totals %+v", a.Totals)
		}
		for _, it := range a.Items {
			if it.LightKappa.Value != nil || it.LightKappa.Reason == "" || it.Exact.Reason == "" {
				t.Errorf("empty item %+v", it)
			}
		}
	}
	checkReports(t, "nil scale", allReports(nil, []SiteRef{site("a", "A", "/a/")}, nil, nil, nil))
}

func TestEdgeOneSite(t *testing.T) {
	sc := seScale(t)
	sites := []SiteRef{site("a", "A", "/a/")}
	r := review(sc, "r1", "a", "2024-05-01", spread(sc, 90))
	r.Raters = map[string]map[string]int{"x": spread(sc, 90)} // one rater
	reviews := []fidelity.ReviewScores{r}
	outcomes := []fidelity.Outcome{{ID: "o", SiteID: "a", Measure: "rate", PeriodStart: date("2024-01-01"), PeriodEnd: date("2024-12-31"), Value: 0.4}}
	checkReports(t, "one site", allReports(sc, sites, reviews, outcomes, nil))
	c := Compare(sc, sites, reviews, PeriodSpec{}, outcomes, "rate")
	if len(c.League) != 1 || c.League[0].Rank != 1 || c.League[0].Z != nil || c.ZScoreReason == "" {
		t.Errorf("one site league %+v reason %q", c.League, c.ZScoreReason)
	}
	wantFloat(t, "percent rank of one", c.League[0].PercentRank, 50)
	if c.Cohort.SD.Value != nil || c.Outcomes.Pearson.Reason != "fewer than 3 complete pairs" {
		t.Errorf("one site: sd %+v pearson %+v", c.Cohort.SD, c.Outcomes.Pearson)
	}
	a := Agreement(sc, reviews, AgreementOptions{})
	if a.Reviews != 0 || a.Items[0].Exact.Value != nil || a.Items[0].Exact.Reason == "" {
		t.Errorf("one rater: %+v", a.Items[0].Exact)
	}
	// Drift still works with one rater: equal to consensus.
	if len(a.Drift) != 1 || *a.Drift[0].Overall.MeanAbs != 0 {
		t.Errorf("one rater drift %+v", a.Drift)
	}
}

// All scores equal: statistics needing variance are undefined with a
// reason, never NaN.
func TestEdgeAllEqual(t *testing.T) {
	sc := seScale(t)
	var sites []SiteRef
	var reviews []fidelity.ReviewScores
	var outcomes []fidelity.Outcome
	for _, id := range []string{"a", "b", "c", "d"} {
		sites = append(sites, site(id, strings.ToUpper(id), "/"+id+"/"))
		r := review(sc, "r"+id, id, "2024-05-01", spread(sc, 100))
		r.Raters = map[string]map[string]int{"x": spread(sc, 100), "y": spread(sc, 100)}
		reviews = append(reviews, r)
		outcomes = append(outcomes, fidelity.Outcome{ID: "o" + id, SiteID: id, Measure: "rate",
			PeriodStart: date("2024-01-01"), PeriodEnd: date("2024-12-31"), Value: 0.5})
	}
	checkReports(t, "all equal", allReports(sc, sites, reviews, outcomes, nil))
	c := Compare(sc, sites, reviews, PeriodSpec{}, outcomes, "rate")
	if c.ZScoreReason == "" || c.League[3].Rank != 1 {
		t.Errorf("equal totals: reason %q rank %d", c.ZScoreReason, c.League[3].Rank)
	}
	if c.Outcomes.Pearson.Value != nil || c.Outcomes.Pearson.Reason == "" || c.Outcomes.Pearson.N != 4 {
		t.Errorf("no variance pearson %+v", c.Outcomes.Pearson)
	}
	a := Agreement(sc, reviews, AgreementOptions{})
	it := a.Items[0]
	wantFloat(t, "exact", it.Exact.Value, 1)
	if it.LightKappa.Value != nil || it.LightKappa.Reason == "" || it.AlphaOrdinal.Value != nil || it.AlphaOrdinal.Reason == "" {
		t.Errorf("equal ratings kappa %+v alpha %+v", it.LightKappa, it.AlphaOrdinal)
	}
	wantFloat(t, "AC1 stays defined", it.AC1.Value, 1)
	for _, r := range a.Totals.ICC {
		if r.Value == nil && r.Reason == "" {
			t.Errorf("ICC without value or reason: %+v", r)
		}
	}
}

// Realistic mixed data through every report, marshalled.
func TestEdgeMixedData(t *testing.T) {
	sc := miniScale("1")
	sites, reviews := cohort()
	reviews = append(reviews, agreementData(sc)...)
	reviews = append(reviews, selfExternalData(sc)...)
	incomplete := review(sc, "inc", "A", "2024-12-01", items(sc, 5, 5, 0, 5, 5))
	reviews = append(reviews, incomplete)
	_, _, actions := actionsData()
	reps := allReports(sc, sites, reviews, nil, actions)
	checkReports(t, "mixed", reps)
	// The incomplete latest review of A has no total: the comparison falls
	// back to A2.
	c := reps["compare"].(ComparisonReport)
	for _, r := range c.League {
		if r.SiteID == "A" && r.ReviewID != "A2" {
			t.Errorf("A uses %s", r.ReviewID)
		}
	}
	tr := Trend(sc, sites[1], reviews, date("2025-01-01"), DueRule{}, TrendOptions{})
	var last TrendPoint
	for _, p := range tr.Points {
		if p.ReviewID == "inc" {
			last = p
		}
	}
	if last.Change == nil || last.Change.PreviousReviewID != "A2" || last.Score.Total != nil || last.Score.Reason == "" || last.Change.TotalDelta != nil {
		t.Errorf("incomplete point %+v", last.Score)
	}
	if len(last.Change.Unscored) != 1 || last.Change.Unscored[0] != "B1" {
		t.Errorf("unscored %v", last.Change.Unscored)
	}
}

func TestScoreItemsImputation(t *testing.T) {
	sc := miniScale("1")
	sc.Missing = scale.MissingData{MaxMissing: 1, Impute: "person_mean"}
	// 4 rated items summing 13: total 13·5/4 = 16.25, band on round(16.25) = 16 → good.
	s := ScoreItems(sc, items(sc, 4, 3, 3, 3, 0))
	wantFloat(t, "imputed total", s.Total, 16.25)
	if s.Band != "good" || !s.Imputed || s.Rated != 4 {
		t.Errorf("%+v", s)
	}
	// Two missing: no total.
	s = ScoreItems(sc, items(sc, 4, 3, 3, 0, 0))
	if s.Total != nil || s.Reason == "" {
		t.Errorf("%+v", s)
	}
	sc.Aggregation = scale.AggregateMean
	s = ScoreItems(sc, items(sc, 4, 3, 3, 3, 0))
	wantFloat(t, "mean total", s.Total, 13.0/4)
}

// Reports do not depend on the order of their input.
func TestEdgeDeterministic(t *testing.T) {
	sc := miniScale("1")
	sites, reviews := cohort()
	reviews = append(reviews, agreementData(sc)...)
	reviews = append(reviews, selfExternalData(sc)...)
	_, _, actions := actionsData()
	first := checkReports(t, "ordered", allReports(sc, sites, reviews, nil, actions))
	rng := rand.New(rand.NewPCG(3, 4))
	for range 5 {
		rng.Shuffle(len(reviews), func(i, j int) { reviews[i], reviews[j] = reviews[j], reviews[i] })
		rng.Shuffle(len(sites), func(i, j int) { sites[i], sites[j] = sites[j], sites[i] })
		again := checkReports(t, "shuffled", allReports(sc, sites, reviews, nil, actions))
		for k, v := range first {
			if k == "trend" {
				continue // the trend's root site is sites[0], which the shuffle changes
			}
			if again[k] != v {
				t.Errorf("%s differs after shuffling the input", k)
			}
		}
	}
}
