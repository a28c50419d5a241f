package stats

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// categorical runs every multi-rater categorical coefficient on m.
func categorical(m [][]float64, levels []int) []Result {
	out := []Result{
		FleissKappa(m, levels),
		KrippendorffAlpha(m, MetricNominal),
		KrippendorffAlpha(m, MetricOrdinal),
		KrippendorffAlpha(m, MetricInterval),
		Agreement(m, 0),
	}
	for w := Unweighted; w <= Quadratic; w++ {
		out = append(out, GwetAC(m, levels, w))
	}
	return out
}

func wantUndefined(t *testing.T, r Result, reasonPart string) {
	t.Helper()
	if r.Defined() {
		t.Errorf("%s: want undefined (%q), got %v", r.Name, reasonPart, *r.Value)
		return
	}
	if !strings.Contains(r.Reason, reasonPart) {
		t.Errorf("%s: reason %q, want it to contain %q", r.Name, r.Reason, reasonPart)
	}
	if r.SE != nil || r.CI != nil {
		t.Errorf("%s: undefined result carries SE/CI", r.Name)
	}
}

func TestOneRater(t *testing.T) {
	m := rows([][]int{{1}, {2}, {3}, {4}})
	for _, r := range categorical(m, LevelRange(1, 5)) {
		wantUndefined(t, r, ReasonOneRater)
	}
	for _, r := range ICCAll(m) {
		wantUndefined(t, r, ReasonOneRater)
	}
	// A second column that is entirely missing is still one rater.
	m = rows([][]int{{1, na}, {2, na}, {3, na}})
	for _, r := range categorical(m, LevelRange(1, 5)) {
		wantUndefined(t, r, "")
	}
}

func TestOneUnit(t *testing.T) {
	m := rows([][]int{{1, 2, 3}})
	for _, r := range categorical(m, LevelRange(1, 5)) {
		if r.Name == "Exact agreement (proportion of rater pairs)" {
			continue // agreement of one unit's pairs is defined
		}
		wantUndefined(t, r, ReasonFewUnits)
	}
	for _, r := range ICCAll(m) {
		wantUndefined(t, r, ReasonFewUnits)
	}
	wantUndefined(t, CohenKappa(floats(1), floats(2), LevelRange(1, 5), Unweighted), ReasonFewUnits)
	wantUndefined(t, CohenKappaTable(table([][]int{{0, 1}, {0, 0}}), Unweighted), ReasonFewUnits)
}

func TestZeroVariance(t *testing.T) {
	levels := LevelRange(1, 5)
	a, b := floats(5, 5, 5, 5, 5), floats(5, 5, 5, 5, 5)
	for w := Unweighted; w <= Quadratic; w++ {
		wantUndefined(t, CohenKappa(a, b, levels, w), ReasonNoVariance)
	}
	m := rows([][]int{{5, 5, 5}, {5, 5, 5}, {5, 5, na}, {5, 5, 5}})
	wantUndefined(t, FleissKappa(m, levels), ReasonNoVariance)
	wantUndefined(t, KrippendorffAlpha(m, MetricOrdinal), ReasonNoVariance)
	for _, r := range ICCAll(m) {
		wantUndefined(t, r, ReasonNoVariance)
	}
	// Gwet's AC1 stays defined: perfect agreement, chance agreement 0.
	for w := Unweighted; w <= Quadratic; w++ {
		r := GwetAC(m, levels, w)
		if v, ok := r.Float(); !ok || v != 1 {
			t.Errorf("%s of constant ratings = %v (%s), want 1", r.Name, v, r.Reason)
		}
	}
	nearResult(t, Agreement(m, 0), "1")
	// Constant non-integer totals: rounding must not fake variance.
	c := make([][]float64, 5)
	for i := range c {
		c[i] = []float64{0.1, 0.1, 0.1}
	}
	for _, r := range ICCAll(c) {
		wantUndefined(t, r, ReasonNoVariance)
	}
}

func TestAllMissing(t *testing.T) {
	nan := math.NaN()
	m := [][]float64{{nan, nan}, {nan, nan}, {nan, nan}}
	for _, r := range categorical(m, LevelRange(1, 5)) {
		wantUndefined(t, r, "")
	}
	for _, r := range []Result{FleissKappa(m, LevelRange(1, 5)), GwetAC(m, LevelRange(1, 5), Linear), KrippendorffAlpha(m, MetricInterval)} {
		wantUndefined(t, r, ReasonNoData)
	}
	k := CohenKappa(m[0], m[1], LevelRange(1, 5), Unweighted)
	wantUndefined(t, k, ReasonNoData)
	if k.Dropped != 2 {
		t.Errorf("dropped %d", k.Dropped)
	}
	for _, r := range ICCAll(m) {
		wantUndefined(t, r, "no target")
	}
	for _, r := range categorical(nil, LevelRange(1, 5)) {
		wantUndefined(t, r, "")
	}
	for _, r := range ICCAll(nil) {
		wantUndefined(t, r, ReasonNoData)
	}
}

func TestMismatchedLengths(t *testing.T) {
	a, b := floats(1, 2, 3), floats(1, 2)
	wantUndefined(t, CohenKappa(a, b, LevelRange(1, 5), Quadratic), ReasonLengthMismatch)
	wantUndefined(t, PairAgreement(a, b, 1), ReasonLengthMismatch)
	wantUndefined(t, Pearson(a, b), ReasonLengthMismatch)
	wantUndefined(t, Spearman(a, b), ReasonLengthMismatch)
	// Ragged matrices: short rows count as missing cells.
	m := [][]float64{{1, 2, 3}, {2, 2}, {3, 3, 3}, {4, 5, 4}}
	for _, r := range categorical(m, LevelRange(1, 5)) {
		if !r.Defined() {
			t.Errorf("%s on a ragged matrix: %s", r.Name, r.Reason)
		}
	}
	r := ICC(m, ICC21)
	if !r.Defined() || r.Dropped != 1 || r.N != 3 {
		t.Errorf("ICC on ragged matrix: %+v", r)
	}
	_, _, err := CrossTab(a, b, LevelRange(1, 5))
	if err == nil {
		t.Error("CrossTab: want error for mismatched lengths")
	}
	wantUndefined(t, CohenKappaTable([][]float64{{1, 2}, {3}}, Unweighted), "square")
	wantUndefined(t, CohenKappaDisagreement(table([][]int{{1, 2}, {3, 4}}), [][]float64{{0, 1}}), "weight matrix")
}

func TestOutsideLevels(t *testing.T) {
	levels := LevelRange(1, 5)
	wantUndefined(t, CohenKappa(floats(1, 2, 7), floats(1, 2, 3), levels, Unweighted), "rating 7 is not one of the scale levels 1–5")
	wantUndefined(t, CohenKappa([]float64{1, 2.5, 3}, floats(1, 2, 3), levels, Linear), "rating 2.5")
	m := rows([][]int{{1, 2}, {0, 3}, {4, 4}})
	wantUndefined(t, FleissKappa(m, levels), "rating 0")
	wantUndefined(t, GwetAC(m, levels, Quadratic), "rating 0")
	wantUndefined(t, GwetAC(rows([][]int{{1, 1}, {2, 2}}), []int{3}, Unweighted), ReasonFewLevels)
	wantUndefined(t, FleissKappa(rows([][]int{{1, 1}, {2, 2}}), []int{1, 2, 2}), "duplicates")
	wantUndefined(t, KrippendorffAlpha(rows([][]int{{1, 2}, {-1, 3}}), MetricRatio), "non-negative")
	wantUndefined(t, KrippendorffAlpha([][]float64{{1, math.Inf(1)}, {2, 2}}, MetricInterval), "finite")
	if r := CohenKappa(floats(1, 2), floats(1, 2), levels, Weighting(9)); r.Defined() {
		t.Error("unknown weighting should be undefined")
	}
	if r := KrippendorffAlpha(rows([][]int{{1, 2}, {2, 2}}), Metric(9)); r.Defined() {
		t.Error("unknown metric should be undefined")
	}
	if r := ICC(sf, ICCForm(9)); r.Defined() {
		t.Error("unknown ICC form should be undefined")
	}
}

func TestUnweightedKappaIndependentOfUnusedLevels(t *testing.T) {
	// Unused levels have zero marginals and change nothing unweighted.
	a := CohenKappa(anxiety2, anxiety3, LevelRange(1, 6), Unweighted)
	b := CohenKappa(anxiety2, anxiety3, LevelRange(0, 9), Unweighted)
	if *a.Value != *b.Value {
		t.Errorf("%v != %v", *a.Value, *b.Value)
	}
}

func TestKappaDroppedPairs(t *testing.T) {
	nan := math.NaN()
	a := append(append([]float64{}, anxiety2...), nan, 3)
	b := append(append([]float64{}, anxiety3...), 2, nan)
	r := CohenKappa(a, b, LevelRange(1, 6), Quadratic)
	nearResult(t, r, "0.2297980")
	if r.N != 20 || r.Dropped != 2 {
		t.Errorf("N=%d Dropped=%d", r.N, r.Dropped)
	}
}

func TestAgreement(t *testing.T) {
	a, b := floats(1, 2, 3, 4, 5), floats(1, 3, 5, 4, 4)
	nearResult(t, PairAgreement(a, b, 0), "0.4")
	nearResult(t, PairAgreement(a, b, 1), "0.8")
	// Three raters: unit 1 has pairs (1,1) (1,2) (1,2): 1 exact of 3.
	m := rows([][]int{{1, 1, 2}, {3, 3, na}})
	r := Agreement(m, 0)
	nearResult(t, r, "0.5") // 2 agreeing pairs out of 4
	if extra(t, r, "pairs") != 4 || r.N != 2 {
		t.Errorf("%+v", r)
	}
	wantUndefined(t, Agreement(m, -1), "tolerance")
}

func TestResultJSON(t *testing.T) {
	var all []Result
	all = append(all, ICCAll(sf)...)
	all = append(all, categorical(raw4raters, LevelRange(1, 5))...)
	all = append(all, CohenKappa(floats(5, 5), floats(5, 5), LevelRange(1, 5), Unweighted))
	for _, r := range all {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("%s: %v", r.Name, err)
		}
		s := string(b)
		if !strings.Contains(s, `"value":`) {
			t.Errorf("value key missing: %s", s)
		}
		if !r.Defined() && !strings.Contains(s, `"value":null`) {
			t.Errorf("undefined value not null: %s", s)
		}
	}
	b, _ := json.Marshal(all[1])
	var back Result
	if err := json.Unmarshal(b, &back); err != nil || *back.Value != *all[1].Value || back.CI.Level != 0.95 {
		t.Errorf("round trip: %v %+v", err, back)
	}
	if _, err := json.Marshal(BlandAltman(baA, baB)); err != nil {
		t.Error(err)
	}
	if _, err := json.Marshal(Describe(floats(1, 2, 3))); err != nil {
		t.Error(err)
	}
	if _, err := json.Marshal(ZScores(floats(1, 1))); err != nil {
		t.Error(err)
	}
}

func TestFromInts(t *testing.T) {
	one, three := 1, 3
	m := MatrixFromInts([][]*int{{&one, nil}, {&three, &one}})
	if m[0][0] != 1 || !IsMissing(m[0][1]) || m[1][0] != 3 || m[1][1] != 1 {
		t.Errorf("%v", m)
	}
	if !IsMissing(Missing()) {
		t.Error("Missing() is not missing")
	}
	if got := LevelRange(3, 1); got != nil {
		t.Errorf("LevelRange(3,1) = %v", got)
	}
	if got := PairableOnly(raw4raters); len(got) != 11 {
		t.Errorf("PairableOnly kept %d rows", len(got))
	}
}

func TestICC2DegenerateInterval(t *testing.T) {
	// Targets with (almost) equal means and strong rater effects: ICC(2,1)
	// is negative and the Satterthwaite df collapses (ν ≈ 0.0012); the
	// interval psych would print excludes the estimate, so none is given.
	a, b := []float64{3, 0.6666666666666666, 1.6666666666666667, 3.3333333333333335},
		[]float64{0.6666666666666666, 2, 2.6666666666666665, 3}
	m := [][]float64{a, b, a, b, a, b, a, b}
	all := ICCAll(m)
	r := all[ICC21]
	if v := value(t, r); v >= 0 {
		t.Fatalf("ICC(2,1) = %v, want negative", v)
	}
	if r.CI != nil || !strings.Contains(r.Note, "excludes the estimate") {
		t.Errorf("ICC(2,1): CI %+v note %q", r.CI, r.Note)
	}
	if all[ICC31].CI == nil {
		t.Error("ICC(3,1) interval should still be given")
	}
}

func TestGwetConventionNote(t *testing.T) {
	r := GwetAC(raw4raters, LevelRange(1, 5), Unweighted)
	if !strings.Contains(r.Note, "irrCAC") {
		t.Errorf("note %q", r.Note)
	}
	if r := GwetAC(PairableOnly(raw4raters), LevelRange(1, 5), Unweighted); r.Note != "" || r.N != 11 {
		t.Errorf("pairable only: N=%d note %q", r.N, r.Note)
	}
}

// Three teams whose ratings are rotations of each other have the same mean
// to the last bits: between-team variance is zero but for rounding. The
// average-measure ICCs divide by it and must say so instead of reporting
// an ICC of -1e14 (found by FuzzAgreement).
func TestICCWithTargetsEqualButForRounding(t *testing.T) {
	a, b, c := float64(int8('0'))/3, float64(int8('1'))/3, float64(int8('8'))/3
	data := [][]float64{{a, b, c}, {b, c, a}, {a, b, c}}
	for _, f := range []ICCForm{ICC1k, ICC2k, ICC3k} {
		r := ICCAll(data)[f]
		if r.Value != nil {
			t.Errorf("%s = %v, want undefined (no variance between targets)", r.Name, *r.Value)
		} else if r.Reason == "" {
			t.Errorf("%s undefined without a reason", r.Name)
		}
	}
}
