package scale

import (
	"math"
	"strconv"
	"strings"
)

// Bounds is an interval of the real line given by up to one lower bound (GT
// or GE) and up to one upper bound (LT or LE); a missing bound is unbounded.
type Bounds struct {
	GT *float64 `yaml:"gt,omitempty"`
	GE *float64 `yaml:"ge,omitempty"`
	LT *float64 `yaml:"lt,omitempty"`
	LE *float64 `yaml:"le,omitempty"`
}

// Contains reports whether x lies in the interval.
func (b Bounds) Contains(x float64) bool {
	if b.GT != nil && !(x > *b.GT) {
		return false
	}
	if b.GE != nil && !(x >= *b.GE) {
		return false
	}
	if b.LT != nil && !(x < *b.LT) {
		return false
	}
	if b.LE != nil && !(x <= *b.LE) {
		return false
	}
	return true
}

// LowerOr is the interval's lower cut-off (GE, else GT), or open when it
// has none: the one reading of where a band starts, for ordering bands
// and drawing or printing their ranges. A valid interval has at most one
// of GE and GT (checkBounds).
func (b Bounds) LowerOr(open float64) float64 {
	switch {
	case b.GE != nil:
		return *b.GE
	case b.GT != nil:
		return *b.GT
	}
	return open
}

// UpperOr is the interval's upper cut-off (LE, else LT), or open when it
// has none.
func (b Bounds) UpperOr(open float64) float64 {
	switch {
	case b.LE != nil:
		return *b.LE
	case b.LT != nil:
		return *b.LT
	}
	return open
}

// Lower is LowerOr(−Inf): bands open below sort first.
func (b Bounds) Lower() float64 { return b.LowerOr(math.Inf(-1)) }

// String renders the interval for people, e.g. "20 < x ≤ 25" or "x ≥ 96".
func (b Bounds) String() string {
	var parts []string
	switch {
	case b.GT != nil:
		parts = append(parts, num(*b.GT)+" <")
	case b.GE != nil:
		parts = append(parts, num(*b.GE)+" ≤")
	}
	parts = append(parts, "x")
	switch {
	case b.LT != nil:
		parts = append(parts, "< "+num(*b.LT))
	case b.LE != nil:
		parts = append(parts, "≤ "+num(*b.LE))
	}
	return strings.Join(parts, " ")
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
