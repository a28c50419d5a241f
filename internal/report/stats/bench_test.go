package stats

import (
	"math/rand/v2"
	"testing"
)

// benchmarkData returns n reviews × k raters of item scores 1–5 and of
// totals 25–125.
func benchmarkData(n, k int) (items, totals [][]float64) {
	rng := rand.New(rand.NewPCG(42, 7))
	items = randomMatrix(rng, n, k, 0)
	totals = make([][]float64, n)
	for i := range totals {
		base := 25 + rng.Float64()*100
		totals[i] = make([]float64, k)
		for j := range totals[i] {
			totals[i][j] = float64(int(base + rng.NormFloat64()*5))
		}
	}
	return items, totals
}

func BenchmarkCohenKappaQuadratic1000x2(b *testing.B) {
	items, _ := benchmarkData(1000, 2)
	x, y := column(items, 0), column(items, 1)
	levels := LevelRange(1, 5)
	b.ResetTimer()
	for b.Loop() {
		if r := CohenKappa(x, y, levels, Quadratic); !r.Defined() {
			b.Fatal(r.Reason)
		}
	}
}

func BenchmarkICCAll1000x2(b *testing.B) {
	_, totals := benchmarkData(1000, 2)
	b.ResetTimer()
	for b.Loop() {
		if r := ICCAll(totals); !r[ICC21].Defined() {
			b.Fatal(r[ICC21].Reason)
		}
	}
}

func BenchmarkKrippendorffOrdinal1000x3(b *testing.B) {
	items, _ := benchmarkData(1000, 3)
	b.ResetTimer()
	for b.Loop() {
		if r := KrippendorffAlpha(items, MetricOrdinal); !r.Defined() {
			b.Fatal(r.Reason)
		}
	}
}

func BenchmarkGwetAC2Quadratic1000x3(b *testing.B) {
	items, _ := benchmarkData(1000, 3)
	levels := LevelRange(1, 5)
	b.ResetTimer()
	for b.Loop() {
		if r := GwetAC(items, levels, Quadratic); !r.Defined() {
			b.Fatal(r.Reason)
		}
	}
}
