package stats

import (
	"math"
	"testing"
)

// Reference values computed independently (Python, mpmath for p-values).
var (
	baA = floats(52, 61, 47, 70, 55, 58, 66, 49, 73, 60)
	baB = floats(50, 63, 45, 66, 57, 55, 67, 52, 70, 58)
)

func TestBlandAltman(t *testing.T) {
	ba := BlandAltman(baA, baB)
	if ba.N != 10 {
		t.Fatalf("N = %d", ba.N)
	}
	nearResult(t, ba.Bias, "0.8")
	nearResult(t, ba.SD, "2.5298221281347")
	nearResult(t, ba.Lower, "-4.158451371144")
	nearResult(t, ba.Upper, "5.758451371144")
	nearResult(t, ba.MeanAbsDiff, "2.4")
	near(t, "bias CI lower", ci(t, ba.Bias).Lower, "-1.009725730239")
	near(t, "bias CI upper", ci(t, ba.Bias).Upper, "2.609725730239")
	near(t, "LoA SE", se(t, ba.Lower), "1.385640646055")

	// Missing values are dropped pairwise.
	a := append(append([]float64{}, baA...), math.NaN(), 3)
	b := append(append([]float64{}, baB...), 4, math.NaN())
	ba = BlandAltman(a, b)
	if ba.N != 10 || ba.Dropped != 2 {
		t.Errorf("N=%d Dropped=%d", ba.N, ba.Dropped)
	}
	nearResult(t, ba.Bias, "0.8")

	one := BlandAltman([]float64{3}, []float64{1})
	nearResult(t, one.Bias, "2")
	if one.SD.Defined() || one.Lower.Defined() || one.SD.Reason == "" {
		t.Errorf("SD of one pair should be undefined: %+v", one.SD)
	}
	bad := BlandAltman([]float64{1, 2}, []float64{1})
	if bad.Bias.Defined() || bad.Bias.Reason != ReasonLengthMismatch {
		t.Errorf("length mismatch: %+v", bad.Bias)
	}
}

func TestDescribe(t *testing.T) {
	s := Describe(floats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
	nearResult(t, s.Mean, "5.5")
	nearResult(t, s.SD, "3.0276503540975")
	nearResult(t, s.Q1, "3.25")
	nearResult(t, s.Median, "5.5")
	nearResult(t, s.Q3, "7.75")
	nearResult(t, s.IQR, "4.5")
	nearResult(t, s.Min, "1")
	nearResult(t, s.Max, "10")
	nearResult(t, Quantile(floats(7, 1, 3, 9), 0.3), "2.8")
	nearResult(t, Quantile([]float64{7, math.NaN(), 1, 3, 9}, 0.3), "2.8")
	if r := Quantile(floats(1, 2), 1.5); r.Defined() {
		t.Error("quantile of p > 1 should be undefined")
	}

	one := Describe([]float64{4, math.NaN()})
	if one.N != 1 || one.Missing != 1 {
		t.Errorf("N=%d Missing=%d", one.N, one.Missing)
	}
	nearResult(t, one.Mean, "4")
	nearResult(t, one.Median, "4")
	if one.SD.Defined() {
		t.Error("SD of one value should be undefined")
	}
	empty := Describe(nil)
	if empty.Mean.Defined() || empty.Median.Defined() || empty.IQR.Defined() || empty.IQR.Reason == "" {
		t.Errorf("empty: %+v", empty)
	}
	if r := Mean([]float64{1, math.Inf(1)}); r.Defined() {
		t.Error("mean with +Inf should be undefined")
	}
}

func TestPercentRankAndZ(t *testing.T) {
	xs := floats(10, 20, 20, 30, 40)
	nearResult(t, PercentRank(xs, 20), "40")   // (1 + 2/2)/5
	nearResult(t, PercentRank(xs, 5), "0")     // below all
	nearResult(t, PercentRank(xs, 40), "90")   // (4 + 1/2)/5
	nearResult(t, PercentRank(xs, 100), "100") // above all

	z := ZScores([]float64{2, 4, math.NaN(), 6})
	if z.Reason != "" || z.Scores[2] != nil {
		t.Fatalf("z: %+v", z)
	}
	near(t, "z[0]", *z.Scores[0], "-1")
	near(t, "z[1]", *z.Scores[1], "0")
	near(t, "z[3]", *z.Scores[3], "1")

	flat := ZScores(floats(3, 3, 3))
	if flat.Reason == "" || flat.Scores[0] != nil {
		t.Errorf("z-scores of constant data should be undefined: %+v", flat)
	}
	flat = ZScores([]float64{0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1})
	if flat.Reason == "" {
		t.Errorf("z-scores of constant 0.1 should be undefined: %+v", flat)
	}
}

func TestCorrelation(t *testing.T) {
	r := Pearson(baA, baB)
	nearResult(t, r, "0.9570839619218721")
	near(t, "p", extra(t, r, "p"), "0.0000140900681048")
	near(t, "t", extra(t, r, "t"), "9.340722979070")
	near(t, "CI lower", ci(t, r).Lower, "0.824011007787")
	near(t, "CI upper", ci(t, r).Upper, "0.990081792161")
	if r.N != 10 {
		t.Errorf("N = %d", r.N)
	}
	s := Spearman(baA, baB)
	nearResult(t, s, "0.9636363636363636") // 1 − 6·6/(10·99)
	// Ties get average ranks: ranks of (1,2,2,3) are (1,2.5,2.5,4).
	got := ranks(floats(1, 2, 2, 3))
	if got[0] != 1 || got[1] != 2.5 || got[2] != 2.5 || got[3] != 4 {
		t.Errorf("ranks = %v", got)
	}
	perfect := Pearson(floats(1, 2, 3, 4, 5), floats(2, 4, 6, 8, 10))
	nearResult(t, perfect, "1")
	if c := ci(t, perfect); c.Lower != 1 || c.Upper != 1 {
		t.Errorf("CI of r = 1: %+v", c)
	}
	if r := Pearson(floats(1, 2, 3), floats(5, 5, 5)); r.Defined() || r.Reason == "" {
		t.Errorf("constant y: %+v", r)
	}
	if r := Pearson(floats(1, 2), floats(1, 2)); r.Defined() {
		t.Error("two pairs should be undefined")
	}
	if r := Pearson(floats(1, 2, 3), floats(1, 2)); r.Reason != ReasonLengthMismatch {
		t.Errorf("mismatch: %+v", r)
	}
	three := Pearson(floats(1, 2, 3), floats(1, 3, 2))
	if !three.Defined() || three.CI != nil || three.Note == "" {
		t.Errorf("three pairs: value but no CI, with a note: %+v", three)
	}
}
