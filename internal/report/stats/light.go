package stats

import (
	"fmt"
	"math"
	"sort"
)

// PairKappa is Cohen's kappa of one pair of raters, the columns A < B of a
// reliability matrix, over the units both rated.
type PairKappa struct {
	A     int    `json:"a"`
	B     int    `json:"b"`
	Kappa Result `json:"kappa"`
}

// PairwiseKappas returns Cohen's kappa (unweighted, linear or quadratic
// weights on the positions of the scale levels) for every pair of columns
// of ratings[unit][rater] that share at least one unit, in column order
// (0,1), (0,2), …, (1,2), …. NaN is missing; each pair uses the units both
// rated (the units only one of them rated are in Dropped). Each result is
// exactly [CohenKappa] on the pair's two columns.
func PairwiseKappas(ratings [][]float64, levels []int, w Weighting) []PairKappa {
	if !w.valid() {
		return pairwiseByColumns(ratings, levels, w)
	}
	li, reason := newLevelIndex(levels)
	if reason != "" {
		return pairwiseByColumns(ratings, levels, w)
	}
	tabs, ok := pairTables(ratings, li)
	if !ok {
		// A rating outside the levels: every pair that meets it says so.
		return pairwiseByColumns(ratings, levels, w)
	}
	name := kappaName(w, " on the scale levels "+formatLevels(li.levels))
	weights := AgreementWeights(len(li.levels), w)
	out := make([]PairKappa, 0, len(tabs.pairs))
	for _, pt := range tabs.pairs {
		r := kappaFromTable(name, pt.table, weights)
		r.Dropped = tabs.rated[pt.a] + tabs.rated[pt.b] - 2*pt.both
		out = append(out, PairKappa{A: pt.a, B: pt.b, Kappa: r})
	}
	return out
}

// pairTable is the contingency table of one pair of columns.
type pairTable struct {
	a, b  int
	both  int // units both rated
	table [][]float64
}

// pairSet holds the pairs' tables in column order and, per column, the
// number of units it rated.
type pairSet struct {
	pairs []*pairTable
	rated []int
}

// pairTables builds every column pair's levels × levels table in one pass
// over the units, visiting only the ratings present in each unit, so the
// cost grows with the ratings per unit rather than with the number of
// possible pairs. ok is false when a rating is not one of the levels.
func pairTables(ratings [][]float64, li levelIndex) (pairSet, bool) {
	k := maxRowLen(ratings)
	q := len(li.levels)
	set := pairSet{rated: make([]int, k)}
	byKey := map[[2]int]*pairTable{}
	type entry struct{ col, lev int }
	present := make([]entry, 0, 8)
	for _, row := range ratings {
		present = present[:0]
		for j, x := range row {
			if math.IsNaN(x) {
				continue
			}
			lev, ok := li.index(x)
			if !ok {
				return pairSet{}, false
			}
			present = append(present, entry{j, lev})
			set.rated[j]++
		}
		for i := 0; i < len(present); i++ {
			for j := i + 1; j < len(present); j++ {
				ea, eb := present[i], present[j]
				key := [2]int{ea.col, eb.col}
				pt := byKey[key]
				if pt == nil {
					pt = &pairTable{a: ea.col, b: eb.col, table: make([][]float64, q)}
					for l := range pt.table {
						pt.table[l] = make([]float64, q)
					}
					byKey[key] = pt
					set.pairs = append(set.pairs, pt)
				}
				pt.both++
				pt.table[ea.lev][eb.lev]++
			}
		}
	}
	sort.Slice(set.pairs, func(i, j int) bool {
		if set.pairs[i].a != set.pairs[j].a {
			return set.pairs[i].a < set.pairs[j].a
		}
		return set.pairs[i].b < set.pairs[j].b
	})
	return set, true
}

// pairwiseByColumns is PairwiseKappas by [CohenKappa] on each pair of
// columns; it carries the reason of invalid input (a rating outside the
// levels, unknown weighting) to every pair.
func pairwiseByColumns(ratings [][]float64, levels []int, w Weighting) []PairKappa {
	k := maxRowLen(ratings)
	var out []PairKappa
	a := make([]float64, 0, len(ratings))
	b := make([]float64, 0, len(ratings))
	for i := 0; i < k; i++ {
		for j := i + 1; j < k; j++ {
			a, b = a[:0], b[:0]
			shared := 0
			for _, row := range ratings {
				x, y := cell(row, i), cell(row, j)
				if math.IsNaN(x) && math.IsNaN(y) {
					continue
				}
				if !math.IsNaN(x) && !math.IsNaN(y) {
					shared++
				}
				a, b = append(a, x), append(b, y)
			}
			if shared == 0 {
				continue
			}
			out = append(out, PairKappa{A: i, B: j, Kappa: CohenKappa(a, b, levels, w)})
		}
	}
	return out
}

// cell returns row[j], NaN (missing) for an absent cell.
func cell(row []float64, j int) float64 {
	if j < len(row) {
		return row[j]
	}
	return math.NaN()
}

// LightKappa returns Light's (1971) kappa for any number of raters: the
// mean of Cohen's kappa over every pair of raters (columns) that rated at
// least one unit in common, as R irr's kappam.light does for complete data.
// With w Linear or Quadratic it is the mean of the pairs' weighted kappas
// (weights on the positions of the scale levels). A pair whose kappa is
// undefined (too few shared units, no variance) is left out of the mean and
// counted in Extra "pairs_undefined"; Extra "pairs" counts the pairs
// averaged, "min" and "max" give their range. N is the number of units
// rated at least twice. There is no standard error: the pairs share units,
// so their kappas are not independent.
func LightKappa(ratings [][]float64, levels []int, w Weighting) Result {
	name := "Light's kappa (mean pairwise Cohen's kappa, " + w.String()
	if w != Unweighted {
		name += " weights on the scale levels " + formatLevels(sortedCopy(levels))
	}
	name += ")"
	if !w.valid() {
		return undefined(name, "unknown weighting")
	}
	if _, reason := newLevelIndex(levels); reason != "" {
		return undefined(name, reason)
	}
	r := Result{Name: name}
	used := make([]bool, maxRowLen(ratings))
	for _, row := range ratings {
		m := 0
		for j, x := range row {
			if !math.IsNaN(x) {
				used[j] = true
				m++
			}
		}
		switch {
		case m >= 2:
			r.N++
		case len(row) > 0:
			r.Dropped++
		}
	}
	for _, u := range used {
		if u {
			r.Raters++
		}
	}
	if r.Raters < 2 {
		r.Reason = ReasonOneRater
		return r.sanitize()
	}
	pairs := PairwiseKappas(ratings, levels, w)
	sum, lo, hi := 0.0, math.Inf(1), math.Inf(-1)
	defined, undefinedPairs := 0, 0
	firstReason := ""
	for _, p := range pairs {
		v, ok := p.Kappa.Float()
		if !ok {
			if firstReason == "" && p.Kappa.Reason != "" && isOutside(p.Kappa.Reason) {
				firstReason = p.Kappa.Reason
			}
			undefinedPairs++
			continue
		}
		defined++
		sum += v
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if firstReason != "" {
		r.Reason = firstReason
		return r.sanitize()
	}
	if defined == 0 {
		r.Reason = "no rater pair has a defined kappa (each pair needs at least 2 shared units with some variation)"
		return r.sanitize()
	}
	r.setValue(sum / float64(defined))
	r.put("pairs", float64(defined))
	r.put("pairs_undefined", float64(undefinedPairs))
	r.put("min", lo)
	r.put("max", hi)
	if undefinedPairs > 0 {
		r.addNote(fmt.Sprintf("mean over %d of %d rater pairs; the other pairs' kappa is not defined", defined, defined+undefinedPairs))
	}
	return r.sanitize()
}

// isOutside reports whether a Cohen's kappa reason is a rating outside the
// scale levels, which invalidates the whole matrix rather than one pair.
func isOutside(reason string) bool {
	const prefix = "rating "
	return len(reason) > len(prefix) && reason[:len(prefix)] == prefix
}
