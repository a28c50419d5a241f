package stats

import (
	"encoding/json"
	"math"
	"testing"
)

// decodeFuzz turns bytes into a small units × raters matrix of ratings
// (NaN for missing, some values outside the 1–5 levels unless the first
// byte's low bit asks for in-range values) and a continuous matrix.
func decodeFuzz(data []byte) (cat, cont [][]float64) {
	if len(data) < 3 {
		return nil, nil
	}
	n, k := int(data[0]%10), int(data[1]%5)
	inRange := data[2]&1 == 1
	body := data[3:]
	if len(body) == 0 {
		body = []byte{0}
	}
	cat = make([][]float64, n)
	cont = make([][]float64, n)
	idx := 0
	for i := 0; i < n; i++ {
		cat[i] = make([]float64, k)
		cont[i] = make([]float64, k)
		for j := 0; j < k; j++ {
			b := body[idx%len(body)]
			idx++
			switch {
			case b%8 == 0:
				cat[i][j] = math.NaN()
			case inRange:
				cat[i][j] = float64(int(b)%5 + 1)
			default:
				cat[i][j] = float64(b % 8)
			}
			if b == 255 {
				cont[i][j] = math.NaN()
			} else {
				cont[i][j] = float64(int8(b)) / 3
			}
		}
	}
	return cat, cont
}

type bound struct{ lo, hi float64 }

var (
	unit     = bound{-1, 1}
	upTo1    = bound{math.Inf(-1), 1}
	unitProp = bound{0, 1}
	anyValue = bound{math.Inf(-1), math.Inf(1)}
)

func checkResult(t *testing.T, r Result, b bound, ciContains bool) {
	t.Helper()
	if _, err := json.Marshal(r); err != nil {
		t.Fatalf("%s: JSON: %v (%+v)", r.Name, err, r)
	}
	if r.Value == nil {
		if r.Reason == "" {
			t.Fatalf("%s: undefined without reason", r.Name)
		}
		if r.SE != nil || r.CI != nil {
			t.Fatalf("%s: undefined with SE/CI", r.Name)
		}
		return
	}
	v := *r.Value
	if !finite(v) {
		t.Fatalf("%s: value %v", r.Name, v)
	}
	if r.Reason != "" {
		t.Fatalf("%s: defined value with reason %q", r.Name, r.Reason)
	}
	const eps = 1e-9
	if v < b.lo-eps || v > b.hi+eps {
		t.Fatalf("%s = %v outside [%v, %v]", r.Name, v, b.lo, b.hi)
	}
	if r.SE != nil && (!finite(*r.SE) || *r.SE < 0) {
		t.Fatalf("%s: SE %v", r.Name, *r.SE)
	}
	if c := r.CI; c != nil {
		if !finite(c.Lower) || !finite(c.Upper) || c.Lower > c.Upper {
			t.Fatalf("%s: CI %+v", r.Name, *c)
		}
		if ciContains && (v < c.Lower-eps || v > c.Upper+eps) {
			t.Fatalf("%s = %v outside its CI %+v", r.Name, v, *c)
		}
	}
	for key, x := range r.Extra {
		if !finite(x) {
			t.Fatalf("%s: Extra[%s] = %v", r.Name, key, x)
		}
		if (key == "p" || key == "p_z") && (x < 0 || x > 1) {
			t.Fatalf("%s: %s = %v", r.Name, key, x)
		}
	}
}

func FuzzAgreement(f *testing.F) {
	f.Add([]byte{12, 2, 1, 1, 2, 3, 4, 5, 5, 4, 3, 2, 1})
	f.Add([]byte{6, 4, 0, 9, 2, 5, 8, 6, 1, 3, 2, 4, 4, 2, 6, 7, 10, 2, 6, 8, 9})
	f.Add([]byte{5, 3, 1, 5, 5, 5})
	f.Add([]byte{1, 1, 1, 3})
	f.Add([]byte{9, 3, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		cat, cont := decodeFuzz(data)
		levels := LevelRange(1, 5)
		k := maxRowLen(cat)

		for w := Unweighted; w <= Quadratic; w++ {
			b := upTo1
			if w == Unweighted {
				b = unit
			}
			checkResult(t, GwetAC(cat, levels, w), b, true)
			checkResult(t, GwetAC(cat, ObservedLevels(cat...), w), b, true)
			if k >= 2 {
				a, c := column(cat, 0), column(cat, 1)
				checkResult(t, CohenKappa(a, c, levels, w), b, true)
				checkResult(t, CohenKappa(a, c, ObservedLevels(a, c), w), b, true)
				if tab, _, err := CrossTab(a, c, levels); err == nil {
					checkResult(t, CohenKappaTable(tab, w), b, true)
					checkResult(t, GwetACTable(tab, w), b, true)
					checkResult(t, CohenKappaDisagreement(tab, [][]float64{
						{0, 1, 2, 3, 4}, {1, 0, 1, 2, 3}, {2, 1, 0, 1, 2}, {3, 2, 1, 0, 1}, {4, 3, 2, 1, 0},
					}), upTo1, true)
				}
			}
		}
		checkResult(t, FleissKappa(cat, levels), upTo1, true)
		for m := MetricNominal; m <= MetricRatio; m++ {
			checkResult(t, KrippendorffAlpha(cat, m), upTo1, true)
			checkResult(t, KrippendorffAlpha(cont, m), upTo1, true)
		}
		checkResult(t, Agreement(cat, 0), unitProp, true)
		checkResult(t, Agreement(cont, 1), unitProp, true)

		for f, r := range ICCAll(cont) {
			b := upTo1
			if f == int(ICC11) && k >= 2 {
				b = bound{-1/float64(k-1) - 1e-9, 1}
			}
			checkResult(t, r, b, true)
		}
		if k >= 2 {
			x, y := column(cont, 0), column(cont, 1)
			ba := BlandAltman(x, y)
			for _, r := range []Result{ba.Bias, ba.Lower, ba.Upper} {
				checkResult(t, r, anyValue, true)
			}
			checkResult(t, ba.SD, bound{0, math.Inf(1)}, true)
			checkResult(t, ba.MeanAbsDiff, bound{0, math.Inf(1)}, true)
			checkResult(t, Pearson(x, y), unit, true)
			checkResult(t, Spearman(x, y), unit, true)
		}
		if k >= 1 {
			x := column(cont, 0)
			s := Describe(x)
			for _, r := range []Result{s.Mean, s.SD, s.Min, s.Q1, s.Median, s.Q3, s.Max, s.IQR} {
				checkResult(t, r, anyValue, true)
			}
			if s.Min.Defined() && (*s.Min.Value > *s.Q1.Value || *s.Q1.Value > *s.Median.Value ||
				*s.Median.Value > *s.Q3.Value || *s.Q3.Value > *s.Max.Value) {
				t.Fatalf("quantiles out of order: %+v", s)
			}
			checkResult(t, PercentRank(x, 1), bound{0, 100}, true)
			z := ZScores(x)
			if _, err := json.Marshal(z); err != nil {
				t.Fatal(err)
			}
			for _, p := range z.Scores {
				if p != nil && !finite(*p) {
					t.Fatalf("z-score %v", *p)
				}
			}
		}
	})
}
