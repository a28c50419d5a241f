package report

import (
	"math"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/report/stats"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// agreementData: four reviews on the mini scale, raters r1 and r2.
//
//	         date        r1 (A1 A2 B1 B2 B3)  total  r2                 total  consensus
//	Rev1  2023-02-01     3 3 3 3 3            15     3 3 3 3 4          16     3 3 3 3 3
//	Rev2  2023-05-01     4 4 4 4 4            20     4 4 4 5 4          21     4 4 4 4 4
//	Rev3  2023-09-01     5 4 5 5 5            24     4 4 5 5 5          23     5 4 5 5 5
//	Rev4  2023-11-01     2 2 2 2 2            10     2 2 3 2 2          11     2 2 2 2 2
func agreementData(sc *scale.Scale) []fidelity.ReviewScores {
	mk := func(id, end string, r1, r2, cons []int) fidelity.ReviewScores {
		r := review(sc, id, "S"+id, end, items(sc, cons...))
		r.Status = fidelity.StatusConsensus
		r.Raters = map[string]map[string]int{"r1": items(sc, r1...), "r2": items(sc, r2...)}
		return r
	}
	return []fidelity.ReviewScores{
		mk("Rev1", "2023-02-01", []int{3, 3, 3, 3, 3}, []int{3, 3, 3, 3, 4}, []int{3, 3, 3, 3, 3}),
		mk("Rev2", "2023-05-01", []int{4, 4, 4, 4, 4}, []int{4, 4, 4, 5, 4}, []int{4, 4, 4, 4, 4}),
		mk("Rev3", "2023-09-01", []int{5, 4, 5, 5, 5}, []int{4, 4, 5, 5, 5}, []int{5, 4, 5, 5, 5}),
		mk("Rev4", "2023-11-01", []int{2, 2, 2, 2, 2}, []int{2, 2, 3, 2, 2}, []int{2, 2, 2, 2, 2}),
	}
}

func TestAgreementItems(t *testing.T) {
	sc := miniScale("1")
	rep := Agreement(sc, agreementData(sc), AgreementOptions{})
	if rep.Reviews != 4 || rep.Raters != 2 || len(rep.Items) != 5 {
		t.Fatalf("reviews %d raters %d items %d", rep.Reviews, rep.Raters, len(rep.Items))
	}
	a1 := rep.Items[0]
	// A1: r1 = 3 4 5 2, r2 = 3 4 4 2. Exact 3/4; within one 4/4.
	if a1.ItemID != "A1" || a1.Reviews != 4 || a1.Pairs != 4 {
		t.Errorf("A1 %+v", a1)
	}
	wantFloat(t, "exact", a1.Exact.Value, 0.75)
	wantFloat(t, "within one", a1.WithinOne.Value, 1)
	// Unweighted kappa: po = .75; r1 margins 2,3,4,5 = ¼ each, r2 margins
	// 2 ¼, 3 ¼, 4 ½: pe = ¼·¼ + ¼·¼ + ¼·½ = .25; κ = (.75 − .25)/.75 = 2/3.
	wantFloat(t, "kappa", a1.LightKappa.Value, 2.0/3)
	// Linear weights 1 − |i − j|/4: pa = (1 + 1 + .75 + 1)/4 = .9375;
	// pe = ¼ Σ_i Σ_j q_j w_ij = ¼ (.6875 + .8125 + .8125 + .5625) = .71875;
	// κ_w = (.9375 − .71875)/(1 − .71875) = 7/9.
	wantFloat(t, "kappa linear", a1.LightKappaLinear.Value, 7.0/9)
	if a1.LightKappa.N != 4 || len(a1.PairKappas) != 1 || a1.PairKappas[0].RaterA != "r1" || a1.PairKappas[0].Kappa.N != 4 {
		t.Errorf("kappa n %d pairs %+v", a1.LightKappa.N, a1.PairKappas)
	}
	// Cross-check every item against stats.CohenKappa on the same vectors.
	data := agreementData(sc)
	levels := stats.LevelRange(1, 5)
	for i, it := range sc.Items {
		var x, y []float64
		var rows [][]float64
		for _, r := range data {
			x = append(x, float64(r.Raters["r1"][it.ID]))
			y = append(y, float64(r.Raters["r2"][it.ID]))
			rows = append(rows, []float64{x[len(x)-1], y[len(y)-1]})
		}
		for _, c := range []struct {
			name string
			got  stats.Result
			w    stats.Weighting
		}{{"unweighted", rep.Items[i].LightKappa, stats.Unweighted}, {"linear", rep.Items[i].LightKappaLinear, stats.Linear},
			{"quadratic", rep.Items[i].LightKappaQuadratic, stats.Quadratic}} {
			want := stats.CohenKappa(x, y, levels, c.w)
			if (want.Value == nil) != (c.got.Value == nil) || (want.Value != nil && !near(*want.Value, *c.got.Value)) {
				t.Errorf("%s %s kappa: got %+v want %+v", it.ID, c.name, c.got, want)
			}
		}
		if ac := stats.GwetAC(rows, levels, stats.Unweighted); !sameResult(ac, rep.Items[i].AC1) {
			t.Errorf("%s AC1 %+v vs %+v", it.ID, rep.Items[i].AC1, ac)
		}
		if ac := stats.GwetAC(rows, levels, stats.Quadratic); !sameResult(ac, rep.Items[i].AC2Quadratic) {
			t.Errorf("%s AC2 %+v vs %+v", it.ID, rep.Items[i].AC2Quadratic, ac)
		}
		if fk := stats.FleissKappa(rows, levels); !sameResult(fk, rep.Items[i].FleissKappa) {
			t.Errorf("%s Fleiss %+v vs %+v", it.ID, rep.Items[i].FleissKappa, fk)
		}
		if al := stats.KrippendorffAlpha(rows, stats.MetricOrdinal); !sameResult(al, rep.Items[i].AlphaOrdinal) {
			t.Errorf("%s alpha %+v vs %+v", it.ID, rep.Items[i].AlphaOrdinal, al)
		}
	}
	// A2: identical vectors 3 4 4 2 → κ = 1.
	wantFloat(t, "A2 kappa", rep.Items[1].LightKappa.Value, 1)
	h, rows := rep.Table()
	checkTable(t, "agreement", h, rows)
}

func sameResult(a, b stats.Result) bool {
	if (a.Value == nil) != (b.Value == nil) {
		return false
	}
	return a.Value == nil || near(*a.Value, *b.Value)
}

func TestAgreementTotals(t *testing.T) {
	sc := miniScale("1")
	rep := Agreement(sc, agreementData(sc), AgreementOptions{})
	tot := rep.Totals
	if tot.Reviews != 4 || tot.Incomplete != 0 || len(tot.ICC) != 6 {
		t.Fatalf("totals %+v", tot)
	}
	// Totals r1 = 15 20 24 10, r2 = 16 21 23 11 (n = 4, k = 2).
	// Row means 15.5 20.5 23.5 10.5, grand mean 17.5, column means 17.25 17.75.
	// SSB = 2(4 + 9 + 36 + 49) = 196 → MSB = 196/3; SSJ = 4(.0625 + .0625) = .5 → MSJ = .5;
	// SST = 6.25 + 6.25 + 42.25 + 56.25 + 2.25 + 12.25 + 30.25 + 42.25 = 198;
	// SSW = 2 → MSW = 2/4 = .5; SSE = 2 − .5 = 1.5 → MSE = 1.5/3 = .5.
	msb, msw, msj, mse, n, k := 196.0/3, 0.5, 0.5, 0.5, 4.0, 2.0
	want := []float64{
		(msb - msw) / (msb + (k-1)*msw),
		(msb - mse) / (msb + (k-1)*mse + k*(msj-mse)/n),
		(msb - mse) / (msb + (k-1)*mse),
		(msb - msw) / msb,
		(msb - mse) / (msb + (msj-mse)/n),
		(msb - mse) / msb,
	}
	for f, w := range want {
		wantFloat(t, tot.ICC[f].Name, tot.ICC[f].Value, w)
		if tot.ICC[f].CI == nil {
			t.Errorf("%s has no CI", tot.ICC[f].Name)
		}
	}
	// Differences r1 − r2 = −1 −1 1 −1: bias −.5; deviations −.5 −.5 1.5 −.5,
	// SS = 3, SD = √(3/3) = 1; limits −.5 ∓ 1.96; mean |d| = 1.
	ba := tot.BlandAltman
	wantFloat(t, "bias", ba.Bias.Value, -0.5)
	wantFloat(t, "sd", ba.SD.Value, 1)
	wantFloat(t, "lower", ba.Lower.Value, -2.46)
	wantFloat(t, "upper", ba.Upper.Value, 1.46)
	wantFloat(t, "mad", ba.MeanAbsDiff.Value, 1)
	h, rows := rep.TotalsTable()
	checkTable(t, "totals", h, rows)
	// 6 ICC + 5 pooled Bland–Altman + 8 pooled + 3 × 4 item-kappa
	// summaries + one pair (4 + 5) + 2 raters vs consensus (2 × 5).
	if len(rows) != 6+5+8+12+9+10 {
		t.Errorf("totals rows %d", len(rows))
	}
}

func TestAgreementDrift(t *testing.T) {
	sc := miniScale("1")
	rep := Agreement(sc, agreementData(sc), AgreementOptions{})
	if len(rep.Drift) != 2 || rep.Drift[0].RaterID != "r1" || rep.Drift[1].RaterID != "r2" {
		t.Fatalf("drift %+v", rep.Drift)
	}
	r1, r2 := rep.Drift[0], rep.Drift[1]
	// r1 equals the consensus everywhere: 20 items, deviation 0.
	if r1.Overall.Items != 20 || r1.Overall.Reviews != 4 {
		t.Errorf("r1 %+v", r1.Overall)
	}
	wantFloat(t, "r1 signed", r1.Overall.MeanSigned, 0)
	// r2: 2023-H1 Rev1 B3 +1, Rev2 B2 +1 → signed 2/10, abs 2/10;
	//     2023-H2 Rev3 A1 −1, Rev4 B1 +1 → signed 0/10, abs 2/10;
	//     overall signed 2/20, abs 4/20.
	if len(r2.Periods) != 2 || r2.Periods[0].Period != "2023-H1" || r2.Periods[1].Period != "2023-H2" {
		t.Fatalf("r2 periods %+v", r2.Periods)
	}
	wantFloat(t, "H1 signed", r2.Periods[0].MeanSigned, 0.2)
	wantFloat(t, "H1 abs", r2.Periods[0].MeanAbs, 0.2)
	wantFloat(t, "H2 signed", r2.Periods[1].MeanSigned, 0)
	wantFloat(t, "H2 abs", r2.Periods[1].MeanAbs, 0.2)
	wantFloat(t, "overall signed", r2.Overall.MeanSigned, 0.1)
	wantFloat(t, "overall abs", r2.Overall.MeanAbs, 0.2)
	// By quarter: Rev1 Q1, Rev2 Q2, Rev3 Q3, Rev4 Q4.
	q := Drift(sc, agreementData(sc), BucketQuarter)
	if len(q[1].Periods) != 4 || q[1].Periods[3].Period != "2023-Q4" {
		t.Errorf("quarters %+v", q[1].Periods)
	}
	h, rows := rep.DriftTable()
	checkTable(t, "drift", h, rows)
	if len(rows) != 2+2+2 { // overall + 2 periods per rater
		t.Errorf("drift rows %d", len(rows))
	}
}

// Three raters on one review: every pair counts, and the kappas are those
// of named rater pairs.
func TestAgreementThreeRaters(t *testing.T) {
	sc := miniScale("1")
	r1 := review(sc, "R1", "S", "2024-01-01", nil)
	r1.Raters = map[string]map[string]int{"c": {"A1": 5}, "a": {"A1": 3}, "b": {"A1": 4}, "idle": {}}
	r2 := review(sc, "R2", "S", "2024-02-01", nil)
	r2.Raters = map[string]map[string]int{"c": {"A1": 2}, "a": {"A1": 2}}
	single := review(sc, "R3", "S", "2024-03-01", nil)
	single.Raters = map[string]map[string]int{"a": {"A1": 2}}
	rep := Agreement(sc, []fidelity.ReviewScores{r1, r2, single}, AgreementOptions{})
	if rep.Reviews != 2 || rep.Raters != 3 {
		t.Errorf("reviews %d raters %d", rep.Reviews, rep.Raters)
	}
	a1 := rep.Items[0]
	// Pairs: R1 3–4, 3–5, 4–5 (none exact, two within one), R2 2–2: exact
	// 1/4, within one 3/4.
	if a1.Reviews != 2 || a1.Pairs != 4 {
		t.Errorf("A1 reviews %d pairs %d", a1.Reviews, a1.Pairs)
	}
	wantFloat(t, "exact", a1.Exact.Value, 0.25)
	wantFloat(t, "within one", a1.WithinOne.Value, 0.75)
	// Named pairs: a–b (R1), a–c (R1, R2), b–c (R1). Only a–c shares two
	// reviews: (3, 2) against (5, 2), κ = (.5 − .25)/(1 − .25) = 1/3.
	if len(a1.PairKappas) != 3 || a1.PairKappas[1].RaterA != "a" || a1.PairKappas[1].RaterB != "c" {
		t.Fatalf("pair kappas %+v", a1.PairKappas)
	}
	wantFloat(t, "a–c kappa", a1.PairKappas[1].Kappa.Value, 1.0/3)
	wantFloat(t, "Light's kappa", a1.LightKappa.Value, 1.0/3)
	if a1.LightKappa.Note == "" || a1.PairKappas[0].Kappa.Reason == "" {
		t.Errorf("undefined pairs must be explained: %+v", a1.LightKappa)
	}
	rows := [][]float64{{3, 4, 5}, {2, math.NaN(), 2}}
	if want := stats.FleissKappa(rows, stats.LevelRange(1, 5)); !sameResult(want, a1.FleissKappa) || a1.FleissKappa.Raters != 3 {
		t.Errorf("Fleiss %+v want %+v", a1.FleissKappa, want)
	}
	// No rater scored every item: no totals, and both reviews are listed.
	if rep.Totals.Reviews != 0 || rep.Totals.Incomplete != 2 || rep.Totals.ICC[0].Value != nil || rep.Totals.ICC[0].Reason == "" ||
		len(rep.Totals.LeftOut) != 2 {
		t.Errorf("totals %+v", rep.Totals)
	}
}

// selfExternalData on the mini scale.
//
//	site X: S1 self 2024-01-10 total 20 (4 4 4 4 4); E1 external 2024-03-01
//	        total 17 (4 4 3 3 3), gap 21 + 29 + 1 = 51 days; E2 external
//	        2024-06-15 total 25, gap 157 days: outside the window.
//	site Y: S2 self 2024-05-01 total 15 (3 3 3 3 3); E3 remote 2024-04-20
//	        total 14 (3 3 3 3 2), gap 11; S3 self 2024-05-20 total 18, gap 30
//	        to E3, which S2 (closer) has taken.
func selfExternalData(sc *scale.Scale) []fidelity.ReviewScores {
	mk := func(id, siteID, end string, typ fidelity.ReviewType, cons map[string]int) fidelity.ReviewScores {
		r := review(sc, id, siteID, end, cons)
		r.Type = typ
		return r
	}
	return []fidelity.ReviewScores{
		mk("E2", "X", "2024-06-15", fidelity.ReviewExternal, spread(sc, 25)),
		mk("S1", "X", "2024-01-10", fidelity.ReviewSelf, spread(sc, 20)),
		mk("E1", "X", "2024-03-01", fidelity.ReviewExternal, spread(sc, 17)),
		mk("S3", "Y", "2024-05-20", fidelity.ReviewSelf, spread(sc, 18)),
		mk("S2", "Y", "2024-05-01", fidelity.ReviewSelf, spread(sc, 15)),
		mk("E3", "Y", "2024-04-20", fidelity.ReviewRemote, spread(sc, 14)),
	}
}

func TestSelfVsExternal(t *testing.T) {
	sc := miniScale("1")
	rep := Agreement(sc, selfExternalData(sc), AgreementOptions{})
	se := rep.SelfExternal
	if se.WindowDays != 120 || se.Self != 3 || se.External != 3 || len(se.Pairs) != 2 {
		t.Fatalf("self/external %+v", se)
	}
	p1, p2 := se.Pairs[0], se.Pairs[1]
	if p1.SelfReviewID != "S1" || p1.ExternalReviewID != "E1" || p1.GapDays != 51 || p1.Difference != 3 {
		t.Errorf("pair 1 %+v", p1)
	}
	if p2.SelfReviewID != "S2" || p2.ExternalReviewID != "E3" || p2.GapDays != 11 || p2.Difference != 1 ||
		p2.ExternalType != fidelity.ReviewRemote {
		t.Errorf("pair 2 %+v", p2)
	}
	// Differences 3 and 1: mean 2, SD √((1 + 1)/1) = √2, n = 2.
	ba := se.BlandAltman
	if ba.N != 2 {
		t.Errorf("n %d", ba.N)
	}
	wantFloat(t, "mean difference", ba.Bias.Value, 2)
	wantFloat(t, "sd", ba.SD.Value, math.Sqrt2)
	// Item differences: pair 1 (0 0 1 1 1), pair 2 (0 0 0 0 1).
	wantMeans := []float64{0, 0, 0.5, 0.5, 1}
	for i, it := range se.Items {
		if it.N != 2 {
			t.Errorf("%s n %d", it.ItemID, it.N)
		}
		wantFloat(t, "item "+it.ItemID, it.Mean.Value, wantMeans[i])
	}
	wantFloat(t, "B1 sd", se.Items[2].SD.Value, math.Sqrt(0.5)) // 1, 0 → √(.5/1)

	// A 30-day window keeps S2–E3 (11 days) and drops S1–E1 (51); S3–E3
	// (exactly 30) loses to the closer S2.
	se = SelfVsExternal(sc, selfExternalData(sc), 30)
	if len(se.Pairs) != 1 || se.Pairs[0].SelfReviewID != "S2" {
		t.Errorf("30-day pairs %+v", se.Pairs)
	}
	wantNil(t, "sd of one pair", se.BlandAltman.SD.Value)
	if se.BlandAltman.SD.Reason == "" {
		t.Error("sd of one pair needs a reason")
	}
	h, rows := rep.PairsTable()
	checkTable(t, "pairs", h, rows)
	h, rows = se.ItemsTable()
	checkTable(t, "pair items", h, rows)
}
