package stats

import (
	"math"
	"strings"
	"testing"
)

// tolFor returns half a unit in the last printed decimal of want, e.g.
// "0.7964094" → 5e-8, so a test passes exactly when the computed value
// rounds to the published figure.
func tolFor(want string) float64 {
	want = strings.TrimPrefix(strings.TrimPrefix(want, "-"), "−")
	i := strings.IndexByte(want, '.')
	if i < 0 {
		return 0.5
	}
	return 0.5*math.Pow(10, -float64(len(want)-i-1)) + 1e-12
}

func parse(t *testing.T, s string) float64 {
	t.Helper()
	s = strings.Replace(s, "−", "-", 1)
	var v float64
	var sign float64 = 1
	if strings.HasPrefix(s, "-") {
		sign = -1
		s = s[1:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	for _, c := range intPart {
		v = v*10 + float64(c-'0')
	}
	scale := 0.1
	for _, c := range frac {
		v += float64(c-'0') * scale
		scale /= 10
	}
	return sign * v
}

// near checks got against the published decimal string want.
func near(t *testing.T, label string, got float64, want string) {
	t.Helper()
	w := parse(t, want)
	if tol := tolFor(want); math.Abs(got-w) > tol {
		t.Errorf("%s = %.10g, want %s (±%.1g)", label, got, want, tol)
	}
}

// value returns the defined value of r or fails.
func value(t *testing.T, r Result) float64 {
	t.Helper()
	v, ok := r.Float()
	if !ok {
		t.Fatalf("%s: not defined: %s", r.Name, r.Reason)
	}
	return v
}

func nearResult(t *testing.T, r Result, want string) {
	t.Helper()
	near(t, r.Name, value(t, r), want)
}

func extra(t *testing.T, r Result, key string) float64 {
	t.Helper()
	v, ok := r.Extra[key]
	if !ok {
		t.Fatalf("%s: Extra[%q] missing (have %v)", r.Name, key, r.Extra)
	}
	return v
}

func se(t *testing.T, r Result) float64 {
	t.Helper()
	if r.SE == nil {
		t.Fatalf("%s: no SE", r.Name)
	}
	return *r.SE
}

func ci(t *testing.T, r Result) Interval {
	t.Helper()
	if r.CI == nil {
		t.Fatalf("%s: no CI (note %q)", r.Name, r.Note)
	}
	return *r.CI
}

const na = -999 // marks missing in test tables

// rows converts an int table with na for missing into the float form.
func rows(m [][]int) [][]float64 {
	out := make([][]float64, len(m))
	for i, r := range m {
		out[i] = make([]float64, len(r))
		for j, x := range r {
			if x == na {
				out[i][j] = math.NaN()
			} else {
				out[i][j] = float64(x)
			}
		}
	}
	return out
}

// transpose turns coders × units into units × coders.
func transpose(m [][]float64) [][]float64 {
	if len(m) == 0 {
		return nil
	}
	out := make([][]float64, len(m[0]))
	for j := range out {
		out[j] = make([]float64, len(m))
		for i := range m {
			out[j][i] = m[i][j]
		}
	}
	return out
}

func floats(xs ...int) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = float64(x)
	}
	return out
}

func table(m [][]int) [][]float64 { return rows(m) }
