package report

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// shroutFleiss lays out Shrout & Fleiss (1979), 6 targets × 4 judges, as six
// reviews scored by four raters; every total is the published rating + 10
// (an ICC does not change when a constant is added), spread over the mini
// scale's five items. The judges' names sort in the opposite order to their
// ids, so the columns follow the names. A seventh review has only two
// raters and must be left out of the ICC.
func shroutFleiss(sc *scale.Scale) ([]fidelity.ReviewScores, map[string]string) {
	data := [][4]int{{9, 2, 5, 8}, {6, 1, 3, 2}, {8, 4, 6, 8}, {7, 1, 2, 6}, {10, 5, 6, 9}, {6, 2, 4, 7}}
	ids := []string{"j1", "j2", "j3", "j4"}
	var out []fidelity.ReviewScores
	for u, row := range data {
		r := review(sc, "T"+strconv.Itoa(u+1), "S", "2024-0"+strconv.Itoa(u+1)+"-15", spread(sc, row[0]+10))
		r.Raters = map[string]map[string]int{}
		for j, id := range ids {
			r.Raters[id] = spread(sc, row[j]+10)
		}
		out = append(out, r)
	}
	pair := review(sc, "T7", "S", "2024-08-15", spread(sc, 15))
	pair.Raters = map[string]map[string]int{"j1": spread(sc, 15), "j2": spread(sc, 16)}
	out = append(out, pair)
	return out, map[string]string{"j1": "Dora Dahl", "j2": "Carl Berg", "j3": "Bea Aas", "j4": "Ada Holm"}
}

// withinPrinted checks got against a published figure to its decimals.
func withinPrinted(t *testing.T, label string, got float64, printed string) {
	t.Helper()
	want, err := strconv.ParseFloat(strings.Replace(printed, "−", "-", 1), 64)
	if err != nil {
		t.Fatal(err)
	}
	dec := 0
	if i := strings.IndexByte(printed, '.'); i >= 0 {
		dec = len(printed) - i - 1
	}
	if tol := 0.5*math.Pow(10, -float64(dec)) + 1e-12; math.Abs(got-want) > tol {
		t.Errorf("%s = %.6f, published %s", label, got, printed)
	}
}

// A review with four raters uses all four in the ICC (n reviews × k
// raters, as psych::ICC does) and reproduces Shrout & Fleiss (1979) with
// all four judges; the two-rater review is listed as left out.
func TestAgreementICCUsesAllRaters(t *testing.T) {
	sc := miniScale("1")
	reviews, names := shroutFleiss(sc)
	rep := Agreement(sc, reviews, AgreementOptions{RaterNames: names})
	tot := rep.Totals
	if rep.Raters != 4 || tot.K != 4 || tot.Reviews != 6 || !tot.SameRaters {
		t.Fatalf("raters %d k %d n %d same %v", rep.Raters, tot.K, tot.Reviews, tot.SameRaters)
	}
	if len(tot.LeftOut) != 1 || tot.LeftOut[0].ReviewID != "T7" || tot.LeftOut[0].Complete != 2 ||
		!strings.Contains(tot.LeftOut[0].Reason, "6 reviews with 4") {
		t.Errorf("left out %+v", tot.LeftOut)
	}
	// Values to three decimals and psych's 95 % CIs to their printed decimals.
	want := []struct{ v, lo, hi string }{
		{"0.166", "-0.133", "0.72"}, {"0.290", "0.019", "0.76"}, {"0.715", "0.342", "0.95"},
		{"0.443", "-0.884", "0.91"}, {"0.620", "0.071", "0.93"}, {"0.909", "0.676", "0.99"},
	}
	for f, w := range want {
		r := tot.ICC[f]
		v, ok := r.Float()
		if !ok || r.CI == nil || r.Raters != 4 || r.N != 6 {
			t.Fatalf("%s: %+v", r.Name, r)
		}
		withinPrinted(t, r.Name, v, w.v)
		withinPrinted(t, r.Name+" lower", r.CI.Lower, w.lo)
		withinPrinted(t, r.Name+" upper", r.CI.Upper, w.hi)
	}
}

// Bland–Altman names each pair and its direction by the raters' names, and
// compares every rater with the consensus.
func TestAgreementNamedPairs(t *testing.T) {
	sc := miniScale("1")
	reviews, names := shroutFleiss(sc)
	rep := Agreement(sc, reviews, AgreementOptions{RaterNames: names})
	if len(rep.Pairs) != 6 {
		t.Fatalf("%d pairs", len(rep.Pairs))
	}
	// Name order: Ada Holm (j4), Bea Aas (j3), Carl Berg (j2), Dora Dahl (j1).
	first := rep.Pairs[0]
	if first.Label != "Ada Holm − Bea Aas" || first.RaterA != "j4" || first.RaterB != "j3" || first.Reviews != 6 {
		t.Fatalf("first pair %+v", first)
	}
	// J4 − J3 = 3, −1, 2, 4, 3, 3: bias 14/6.
	wantFloat(t, "Ada − Bea bias", first.BlandAltman.Bias.Value, 14.0/6)
	if !strings.Contains(first.BlandAltman.Bias.Name, "Ada Holm − Bea Aas") {
		t.Errorf("bias name %q", first.BlandAltman.Bias.Name)
	}
	last := rep.Pairs[5]
	if last.Label != "Carl Berg − Dora Dahl" || last.Reviews != 7 || last.BlandAltman.N != 7 {
		t.Errorf("last pair %+v", last)
	}
	if len(rep.Totals.VsConsensus) != 4 || rep.Totals.VsConsensus[0].Label != "Ada Holm − consensus" {
		t.Fatalf("vs consensus %+v", rep.Totals.VsConsensus)
	}
	// The consensus is judge 1 (+10): Dora Dahl − consensus is 0 throughout.
	wantFloat(t, "Dora − consensus", rep.Totals.VsConsensus[3].BlandAltman.Bias.Value, 0)
	if rep.RaterNames["j3"] != "Bea Aas" {
		t.Errorf("names %+v", rep.RaterNames)
	}
}

// Pooled statistics treat each review × item as a unit and summarise the
// item kappas.
func TestAgreementPooled(t *testing.T) {
	sc := miniScale("1")
	rep := Agreement(sc, agreementData(sc), AgreementOptions{})
	p := rep.Pooled
	// 4 reviews × 5 items, one pair each; r2 differs on 4 of 20 ratings,
	// each by one point.
	if p.Units != 20 {
		t.Errorf("units %d", p.Units)
	}
	wantFloat(t, "pooled exact", p.Exact.Value, 16.0/20)
	wantFloat(t, "pooled within one", p.WithinOne.Value, 1)
	if p.LightKappaQuadratic.Value == nil || p.AlphaOrdinal.Value == nil || p.FleissKappa.Value == nil {
		t.Errorf("pooled %+v", p)
	}
	// Light's kappa per item, unweighted: A1 2/3, A2 1, and the rest.
	s := p.ItemKappas[0]
	var vals []float64
	for _, it := range rep.Items {
		if v, ok := it.LightKappa.Float(); ok {
			vals = append(vals, v)
		}
	}
	if s.Items != len(vals) || s.Items == 0 {
		t.Fatalf("summary %+v over %v", s, vals)
	}
	lo, hi, sum := vals[0], vals[0], 0.0
	for _, v := range vals {
		lo, hi, sum = math.Min(lo, v), math.Max(hi, v), sum+v
	}
	wantFloat(t, "mean item kappa", s.Mean.Value, sum/float64(len(vals)))
	wantFloat(t, "min item kappa", s.Min.Value, lo)
	wantFloat(t, "max item kappa", s.Max.Value, hi)
	if s.Median.Value == nil {
		t.Error("no median")
	}
}
