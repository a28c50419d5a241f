package stats

import (
	"math"
	"testing"
)

// Light's kappa on irr's diagnoses (Fleiss 1971, 30 subjects × 6 raters):
// irr's kappam.light prints Kappa = 0.459; kappa2 prints the pairwise
// kappas 0.651 (raters 1–2), 0.384 (1–3) and 0.631 (2–3).
func TestExample5LightKappa(t *testing.T) {
	d := diagnoses()
	levels := LevelRange(1, 5)
	k := LightKappa(d, levels, Unweighted)
	nearResult(t, k, "0.459")
	if k.N != 30 || k.Raters != 6 || extra(t, k, "pairs") != 15 {
		t.Errorf("N=%d Raters=%d pairs=%v", k.N, k.Raters, k.Extra["pairs"])
	}
	first3 := make([][]float64, len(d))
	for i, row := range d {
		first3[i] = row[:3]
	}
	pairs := PairwiseKappas(first3, levels, Unweighted)
	if len(pairs) != 3 {
		t.Fatalf("%d pairs", len(pairs))
	}
	for i, want := range []struct {
		a, b int
		v    string
	}{{0, 1, "0.651"}, {0, 2, "0.384"}, {1, 2, "0.631"}} {
		if pairs[i].A != want.a || pairs[i].B != want.b {
			t.Errorf("pair %d is %d–%d", i, pairs[i].A, pairs[i].B)
		}
		nearResult(t, pairs[i].Kappa, want.v)
	}
	// Light's kappa of the first three raters is the mean of those three.
	nearResult(t, LightKappa(first3, levels, Unweighted), "0.555")
}

// With two raters Light's kappa is Cohen's kappa, in every weighting.
func TestLightKappaTwoRatersIsCohen(t *testing.T) {
	a := []float64{3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4}
	b := []float64{2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2}
	levels := LevelRange(1, 6)
	for _, w := range []Weighting{Unweighted, Linear, Quadratic} {
		got, want := LightKappa(pairRows(a, b), levels, w), CohenKappa(a, b, levels, w)
		if math.Abs(value(t, got)-value(t, want)) > 1e-12 {
			t.Errorf("%s: Light %v, Cohen %v", w, *got.Value, *want.Value)
		}
	}
}

// Raters who never rated the same unit form no pair; a pair with a single
// shared unit has no kappa and is left out of the mean, which says so.
func TestLightKappaMissingPairs(t *testing.T) {
	nan := math.NaN()
	ratings := [][]float64{
		{1, 2, nan, nan},
		{2, 2, nan, nan},
		{3, 3, nan, nan},
		{nan, nan, 4, 5},
		{nan, 1, nan, 1},
	}
	pairs := PairwiseKappas(ratings, LevelRange(1, 5), Unweighted)
	if len(pairs) != 3 { // 0–1, 1–3, 2–3
		t.Fatalf("pairs %+v", pairs)
	}
	k := LightKappa(ratings, LevelRange(1, 5), Unweighted)
	if !k.Defined() || k.Note == "" || extra(t, k, "pairs_undefined") != 2 {
		t.Errorf("%+v", k)
	}
	if r := LightKappa(ratings, []int{1, 2}, Unweighted); r.Defined() || r.Reason == "" {
		t.Errorf("a rating outside the levels must make it undefined: %+v", r)
	}
}
