package stats

import (
	"math"
	"math/rand/v2"
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

// The one-pass pair tables give exactly Cohen's kappa on each pair's two
// columns, with the same n and dropped units, whatever is missing.
func TestPairwiseKappasMatchCohen(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	levels := LevelRange(1, 5)
	for trial := 0; trial < 20; trial++ {
		ratings := make([][]float64, 30)
		for u := range ratings {
			ratings[u] = make([]float64, 5)
			for j := range ratings[u] {
				if rng.IntN(3) == 0 {
					ratings[u][j] = math.NaN()
				} else {
					ratings[u][j] = float64(1 + rng.IntN(5))
				}
			}
		}
		for _, w := range []Weighting{Unweighted, Linear, Quadratic} {
			fast, slow := PairwiseKappas(ratings, levels, w), pairwiseByColumns(ratings, levels, w)
			if len(fast) != len(slow) {
				t.Fatalf("%d pairs, want %d", len(fast), len(slow))
			}
			for i := range fast {
				f, s := fast[i], slow[i]
				if f.A != s.A || f.B != s.B || f.Kappa.N != s.Kappa.N || f.Kappa.Dropped != s.Kappa.Dropped ||
					f.Kappa.Defined() != s.Kappa.Defined() || (f.Kappa.Defined() && math.Abs(*f.Kappa.Value-*s.Kappa.Value) > 1e-12) {
					t.Fatalf("pair %d–%d %s: %+v, want %+v", f.A, f.B, w, f.Kappa, s.Kappa)
				}
			}
		}
	}
}
