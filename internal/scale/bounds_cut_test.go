package scale

import (
	"math"
	"testing"
)

// A band's cut-offs read the same wherever bands are ordered, drawn or
// printed: GE or GT below, LE or LT above, the caller's value when open.
func TestBoundsCutOffs(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	cases := []struct {
		b            Bounds
		lower, upper float64
	}{
		{Bounds{GE: f(100), LE: f(114)}, 100, 114},
		{Bounds{GT: f(73.5), LT: f(100)}, 73.5, 100},
		{Bounds{LE: f(73)}, -1, 73},
		{Bounds{GE: f(115)}, 115, 999},
	}
	for _, c := range cases {
		if lo, hi := c.b.LowerOr(-1), c.b.UpperOr(999); lo != c.lower || hi != c.upper {
			t.Errorf("%s: %v..%v, want %v..%v", c.b, lo, hi, c.lower, c.upper)
		}
	}
	if l := (Bounds{LE: f(73)}).Lower(); !math.IsInf(l, -1) {
		t.Errorf("a band open below starts at %v, want −Inf", l)
	}
}
