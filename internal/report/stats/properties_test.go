package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

// randomMatrix returns n units × k raters of ratings 1..5 with a share of
// missing values.
func randomMatrix(rng *rand.Rand, n, k int, missing float64) [][]float64 {
	m := make([][]float64, n)
	for i := range m {
		m[i] = make([]float64, k)
		base := 1 + rng.IntN(5)
		for j := range m[i] {
			if rng.Float64() < missing {
				m[i][j] = math.NaN()
				continue
			}
			v := base + rng.IntN(3) - 1
			m[i][j] = float64(min(5, max(1, v)))
		}
	}
	return m
}

func column(m [][]float64, j int) []float64 {
	out := make([]float64, len(m))
	for i := range m {
		out[i] = m[i][j]
	}
	return out
}

func permuteColumns(m [][]float64, perm []int) [][]float64 {
	out := make([][]float64, len(m))
	for i := range m {
		out[i] = make([]float64, len(perm))
		for j, p := range perm {
			out[i][j] = m[i][p]
		}
	}
	return out
}

func sameResult(t *testing.T, a, b Result) {
	t.Helper()
	if a.Defined() != b.Defined() {
		t.Fatalf("%s: defined %v vs %v", a.Name, a.Defined(), b.Defined())
	}
	if a.Defined() && math.Abs(*a.Value-*b.Value) > 1e-12 {
		t.Errorf("%s: %.15g vs %.15g", a.Name, *a.Value, *b.Value)
	}
	if (a.SE == nil) != (b.SE == nil) || a.SE != nil && math.Abs(*a.SE-*b.SE) > 1e-12 {
		t.Errorf("%s: SE differs", a.Name)
	}
}

func TestPropertyKappaIdentical(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	levels := LevelRange(1, 5)
	for trial := 0; trial < 200; trial++ {
		a := column(randomMatrix(rng, 2+rng.IntN(30), 1, 0), 0)
		for w := Unweighted; w <= Quadratic; w++ {
			r := CohenKappa(a, a, levels, w)
			varies := false
			for _, x := range a {
				varies = varies || x != a[0]
			}
			if !varies {
				wantUndefined(t, r, ReasonNoVariance)
				continue
			}
			if v := value(t, r); math.Abs(v-1) > 1e-12 {
				t.Fatalf("%s of identical ratings = %v", r.Name, v)
			}
			ac := GwetAC(pairRows(a, a), levels, w)
			if v := value(t, ac); math.Abs(v-1) > 1e-12 {
				t.Fatalf("%s of identical ratings = %v", ac.Name, v)
			}
		}
	}
}

func TestPropertyICCPerfect(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 100; trial++ {
		n, k := 2+rng.IntN(20), 2+rng.IntN(4)
		m := make([][]float64, n)
		for i := range m {
			v := 25 + rng.Float64()*100
			if i == 1 {
				v = m[0][0] + 7 // at least two distinct targets
			}
			m[i] = make([]float64, k)
			for j := range m[i] {
				m[i][j] = v
			}
		}
		for _, r := range ICCAll(m) {
			if v := value(t, r); v != 1 {
				t.Fatalf("%s of perfect agreement = %.17g", r.Name, v)
			}
			if c := ci(t, r); c.Lower != 1 || c.Upper != 1 {
				t.Fatalf("%s CI = %+v", r.Name, c)
			}
			if extra(t, r, "p") != 0 {
				t.Fatalf("%s p = %v", r.Name, r.Extra["p"])
			}
		}
		// A constant offset between raters keeps consistency at 1 but
		// lowers absolute agreement.
		for i := range m {
			m[i][1] += 3
		}
		all := ICCAll(m)
		if v := value(t, all[ICC31]); v != 1 {
			t.Fatalf("ICC(3,1) with rater offset = %v", v)
		}
		if v := value(t, all[ICC21]); !(v < 1) {
			t.Fatalf("ICC(2,1) with rater offset = %v", v)
		}
		if all[ICC21].CI == nil {
			t.Fatalf("ICC(2,1) with rater offset: no CI (%s)", all[ICC21].Note)
		}
	}
}

func TestPropertyRaterOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	levels := LevelRange(1, 5)
	for trial := 0; trial < 100; trial++ {
		n, k := 3+rng.IntN(25), 2+rng.IntN(4)
		m := randomMatrix(rng, n, k, 0.15)
		perm := rng.Perm(k)
		p := permuteColumns(m, perm)
		for w := Unweighted; w <= Quadratic; w++ {
			sameResult(t, GwetAC(m, levels, w), GwetAC(p, levels, w))
			a, b := column(m, 0), column(m, 1)
			sameResult(t, CohenKappa(a, b, levels, w), CohenKappa(b, a, levels, w))
		}
		sameResult(t, FleissKappa(m, levels), FleissKappa(p, levels))
		for mt := MetricNominal; mt <= MetricRatio; mt++ {
			sameResult(t, KrippendorffAlpha(m, mt), KrippendorffAlpha(p, mt))
		}
		sameResult(t, Agreement(m, 1), Agreement(p, 1))
		c := randomMatrix(rng, n, k, 0)
		ca, cp := ICCAll(c), ICCAll(permuteColumns(c, perm))
		for f := range ca {
			sameResult(t, ca[f], cp[f])
		}
	}
}

func TestPropertyUnitOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	m := randomMatrix(rng, 40, 3, 0.1)
	s := append([][]float64(nil), m...)
	rng.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
	levels := LevelRange(1, 5)
	sameResult(t, GwetAC(m, levels, Quadratic), GwetAC(s, levels, Quadratic))
	sameResult(t, FleissKappa(m, levels), FleissKappa(s, levels))
	sameResult(t, KrippendorffAlpha(m, MetricOrdinal), KrippendorffAlpha(s, MetricOrdinal))
}

// Two coders, no missing data, interval metric: alpha relates to Scott's
// pi-type agreement; here we check the nominal metric against Scott's pi
// with Krippendorff's small-sample correction (Krippendorff 2011, §B).
func TestPropertyKrippendorffTwoCoders(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for trial := 0; trial < 50; trial++ {
		n := 3 + rng.IntN(30)
		m := randomMatrix(rng, n, 2, 0)
		r := KrippendorffAlpha(m, MetricNominal)
		if !r.Defined() {
			continue
		}
		// α = 1 − (2n − 1) D_o / D_e with D_o the share of disagreeing
		// units and pooled marginals.
		counts := map[float64]float64{}
		dis := 0.0
		for _, row := range m {
			counts[row[0]]++
			counts[row[1]]++
			if row[0] != row[1] {
				dis++
			}
		}
		N := 2 * float64(n)
		de := 0.0
		for _, c := range counts {
			de += c * (N - c)
		}
		want := 1 - (N-1)*(2*dis)/de
		if math.Abs(*r.Value-want) > 1e-12 {
			t.Fatalf("alpha %v, want %v", *r.Value, want)
		}
	}
}
