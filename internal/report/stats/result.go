package stats

import (
	"fmt"
	"math"
	"sort"
)

// Interval is a confidence interval.
type Interval struct {
	Lower float64 `json:"lower"`
	Upper float64 `json:"upper"`
	Level float64 `json:"level"` // coverage, e.g. 0.95
}

// Result is one statistic: either Value is set (finite), or Value is nil and
// Reason says why the statistic is not defined for the data.
type Result struct {
	// Name says exactly which variant was computed, e.g.
	// "Cohen's kappa (quadratic weights on the scale levels)".
	Name string `json:"name"`
	// Value is nil when the statistic is not defined.
	Value *float64 `json:"value"`
	// SE is the standard error where the method has one.
	SE *float64 `json:"se,omitempty"`
	// CI is the 95 % confidence interval where the method defines one.
	CI *Interval `json:"ci,omitempty"`
	// N is the number of units (subjects, reviews, pairs, values) used.
	N int `json:"n"`
	// Raters is the number of raters (columns), where meaningful.
	Raters int `json:"raters,omitempty"`
	// Dropped counts units left out (missing ratings, incomplete rows).
	Dropped int `json:"dropped,omitempty"`
	// Reason explains, in plain words, why Value is nil.
	Reason string `json:"reason,omitempty"`
	// Note explains a defined value whose SE or CI could not be given, or
	// a convention the reader should know.
	Note string `json:"note,omitempty"`
	// Extra holds named by-products, e.g. "pa", "pe", "F", "df1", "df2", "p".
	Extra map[string]float64 `json:"extra,omitempty"`
}

// Plain-words reasons shared by several statistics.
const (
	ReasonNoData         = "no ratings"
	ReasonFewUnits       = "fewer than 2 units"
	ReasonOneRater       = "only one rater"
	ReasonNoVariance     = "all ratings are equal (no variance)"
	ReasonLengthMismatch = "the rating lists have different lengths"
	ReasonFewLevels      = "the scale has fewer than 2 levels"
	ReasonNotFinite      = "the computation did not give a finite number"
)

// confLevel is the coverage of every confidence interval in this package.
const confLevel = 0.95

// z975 is the 0.975 quantile of the standard normal distribution.
const z975 = 1.959963984540054

// Defined reports whether the statistic has a value.
func (r Result) Defined() bool { return r.Value != nil }

// Float returns the value and whether it is defined.
func (r Result) Float() (float64, bool) {
	if r.Value == nil {
		return 0, false
	}
	return *r.Value, true
}

// Missing returns the missing-rating marker (NaN) for input slices.
func Missing() float64 { return math.NaN() }

// IsMissing reports whether x marks a missing rating (NaN).
func IsMissing(x float64) bool { return math.IsNaN(x) }

// FloatsFromInts converts domain scores (nil = missing) to a float64 slice
// with NaN for missing.
func FloatsFromInts(xs []*int) []float64 {
	out := make([]float64, len(xs))
	for i, p := range xs {
		if p == nil {
			out[i] = math.NaN()
		} else {
			out[i] = float64(*p)
		}
	}
	return out
}

// MatrixFromInts converts a units × raters matrix of domain scores (nil =
// missing) to the float64 form used by this package.
func MatrixFromInts(rows [][]*int) [][]float64 {
	out := make([][]float64, len(rows))
	for i, r := range rows {
		out[i] = FloatsFromInts(r)
	}
	return out
}

// LevelRange returns the levels min, min+1, …, max (empty when max < min).
func LevelRange(min, max int) []int {
	if max < min {
		return nil
	}
	out := make([]int, 0, max-min+1)
	for v := min; v <= max; v++ {
		out = append(out, v)
	}
	return out
}

// ObservedLevels returns the sorted distinct integer values found in the
// given rating slices (NaN and non-integers are ignored). Using them as the
// levels reproduces R irr's convention of weighting the observed categories
// only.
func ObservedLevels(ratings ...[]float64) []int {
	seen := map[int]bool{}
	for _, rs := range ratings {
		for _, x := range rs {
			if isInt(x) {
				seen[int(x)] = true
			}
		}
	}
	out := make([]int, 0, len(seen))
	for v := range seen {
		out = append(out, v)
	}
	sort.Ints(out)
	return out
}

// PairableOnly returns the rows that hold at least two non-missing ratings.
// Coefficients that, like irrCAC, estimate chance agreement from every rated
// unit give the "pairable units only" variant when fed these rows.
func PairableOnly(ratings [][]float64) [][]float64 {
	var out [][]float64
	for _, row := range ratings {
		c := 0
		for _, x := range row {
			if !math.IsNaN(x) {
				c++
			}
		}
		if c >= 2 {
			out = append(out, row)
		}
	}
	return out
}

func isInt(x float64) bool {
	return !math.IsNaN(x) && !math.IsInf(x, 0) && x == math.Trunc(x) && math.Abs(x) < 1<<52
}

// finite reports whether x is neither NaN nor ±Inf.
func finite(x float64) bool { return math.Abs(x) <= math.MaxFloat64 }

func undefined(name, reason string) Result {
	return Result{Name: name, Reason: reason}
}

// setValue stores v, or marks the result undefined if v is not finite.
func (r *Result) setValue(v float64) {
	if !finite(v) {
		r.Value = nil
		r.SE = nil
		r.CI = nil
		if r.Reason == "" {
			r.Reason = ReasonNotFinite
		}
		return
	}
	if v == 0 {
		v = 0 // normalise -0
	}
	r.Value = &v
}

// setSE stores a finite, non-negative standard error.
func (r *Result) setSE(se float64) {
	if finite(se) && se >= 0 {
		r.SE = &se
	}
}

// setCI stores a finite, ordered interval; otherwise it leaves CI nil and
// adds a note.
func (r *Result) setCI(lo, hi float64) {
	if !finite(lo) || !finite(hi) || lo > hi {
		r.CI = nil
		r.addNote("confidence interval not defined for these data")
		return
	}
	r.CI = &Interval{Lower: lo, Upper: hi, Level: confLevel}
}

// put stores a finite extra value; non-finite values are left out.
func (r *Result) put(key string, v float64) {
	if !finite(v) {
		return
	}
	if r.Extra == nil {
		r.Extra = map[string]float64{}
	}
	r.Extra[key] = v
}

func (r *Result) addNote(s string) {
	if r.Note == "" {
		r.Note = s
	} else if r.Note != s {
		r.Note += "; " + s
	}
}

// sanitize is the last step of every constructor: it guarantees the
// no-NaN/no-Inf contract even if a formula misbehaves on odd input.
func (r Result) sanitize() Result {
	if r.Value != nil && !finite(*r.Value) {
		r.Value = nil
		if r.Reason == "" {
			r.Reason = ReasonNotFinite
		}
	}
	if r.Value == nil {
		r.SE = nil
		r.CI = nil
		if r.Reason == "" {
			r.Reason = ReasonNotFinite
		}
	} else {
		r.Reason = ""
	}
	if r.SE != nil && (!finite(*r.SE) || *r.SE < 0) {
		r.SE = nil
	}
	if r.CI != nil && (!finite(r.CI.Lower) || !finite(r.CI.Upper) || r.CI.Lower > r.CI.Upper) {
		r.CI = nil
	}
	if r.CI != nil && r.Value != nil {
		// An approximate interval that excludes its own estimate (e.g. the
		// Satterthwaite-df interval of ICC(2,·) for strongly negative
		// estimates, where ν → 0) is not shown.
		v := *r.Value
		tol := 1e-9 * math.Max(1, math.Abs(v))
		if v < r.CI.Lower-tol || v > r.CI.Upper+tol {
			r.CI = nil
			r.addNote("the approximate confidence interval is not usable for these data (it excludes the estimate)")
		}
	}
	for k, v := range r.Extra {
		if !finite(v) {
			delete(r.Extra, k)
		}
	}
	if len(r.Extra) == 0 {
		r.Extra = nil
	}
	return r
}

// levelIndex validates levels and returns a lookup from value to position.
type levelIndex struct {
	levels     []int
	pos        map[int]int
	contiguous bool // levels are min, min+1, …: index is x − min
}

func newLevelIndex(levels []int) (levelIndex, string) {
	if len(levels) < 2 {
		return levelIndex{}, ReasonFewLevels
	}
	ls := append([]int(nil), levels...)
	sort.Ints(ls)
	pos := make(map[int]int, len(ls))
	for i, v := range ls {
		if _, dup := pos[v]; dup {
			return levelIndex{}, "the scale levels contain duplicates"
		}
		pos[v] = i
	}
	return levelIndex{levels: ls, pos: pos, contiguous: ls[len(ls)-1]-ls[0] == len(ls)-1}, ""
}

// index returns the position of rating x, or ok=false if x is not a level.
func (li levelIndex) index(x float64) (int, bool) {
	if !isInt(x) {
		return 0, false
	}
	if li.contiguous {
		i := int(x) - li.levels[0]
		return i, i >= 0 && i < len(li.levels)
	}
	i, ok := li.pos[int(x)]
	return i, ok
}

func (li levelIndex) outside(x float64) string {
	return "rating " + formatFloat(x) + " is not one of the scale levels " + formatLevels(li.levels)
}

func formatLevels(ls []int) string {
	if len(ls) == 0 {
		return "{}"
	}
	contiguous := true
	for i := 1; i < len(ls); i++ {
		if ls[i] != ls[i-1]+1 {
			contiguous = false
			break
		}
	}
	if contiguous && len(ls) > 2 {
		return itoa(ls[0]) + "–" + itoa(ls[len(ls)-1])
	}
	s := "{"
	for i, v := range ls {
		if i > 0 {
			s += ","
		}
		s += itoa(v)
	}
	return s + "}"
}

func itoa(v int) string { return fmt.Sprint(v) }

func formatFloat(x float64) string { return fmt.Sprintf("%g", x) }
