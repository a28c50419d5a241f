package scale

import (
	"cmp"
	"math"
	"slices"
)

// cut is a point between real numbers: {v, false} lies just below v (v is
// to its right), {v, true} just above v. An interval is the stretch between
// a lower and an upper cut, so GT/GE/LT/LE and open ends compare uniformly
// and "x ≤ 20" followed by "20 < x" meets exactly, while "x ≤ 20" followed
// by "x ≥ 21" leaves 20 < x < 21 uncovered.
type cut struct {
	v     float64
	after bool
}

func (a cut) compare(b cut) int {
	if c := cmp.Compare(a.v, b.v); c != 0 {
		return c
	}
	switch {
	case a.after == b.after:
		return 0
	case a.after:
		return 1
	}
	return -1
}

func (a cut) less(b cut) bool { return a.compare(b) < 0 }

func maxCut(a, b cut) cut {
	if a.less(b) {
		return b
	}
	return a
}

func minCut(a, b cut) cut {
	if a.less(b) {
		return a
	}
	return b
}

// lowerCut and upperCut read a Bounds value; with both GT and GE (or LT and
// LE) set, the tighter one wins here and checkBounds reports the mistake.
func lowerCut(b Bounds) cut {
	c := cut{v: math.Inf(-1)}
	if b.GE != nil {
		c = cut{v: *b.GE}
	}
	if b.GT != nil {
		c = maxCut(c, cut{v: *b.GT, after: true})
	}
	return c
}

func upperCut(b Bounds) cut {
	c := cut{v: math.Inf(1)}
	if b.LE != nil {
		c = cut{v: *b.LE, after: true}
	}
	if b.LT != nil {
		c = minCut(c, cut{v: *b.LT})
	}
	return c
}

// between renders the values from lo up to hi as a Bounds string.
func between(lo, hi cut) string {
	if lo.v == hi.v && !lo.after && hi.after {
		return "x = " + num(lo.v)
	}
	var b Bounds
	if !math.IsInf(lo.v, -1) {
		v := lo.v
		if lo.after {
			b.GT = &v
		} else {
			b.GE = &v
		}
	}
	if !math.IsInf(hi.v, 1) {
		v := hi.v
		if hi.after {
			b.LE = &v
		} else {
			b.LT = &v
		}
	}
	return b.String()
}

// coverageIssue is one fault found by sweep. Index is the interval it
// concerns (-1: the end of the range); Other is the interval overlapped.
type coverageIssue struct {
	kind   issueKind
	index  int
	other  int
	values string
}

type issueKind int

const (
	issueEmpty issueKind = iota
	issueOutside
	issueGap
	issueOverlap
)

// sweep checks that the intervals (keyed by their index in the file) cover [lo, hi) of the cut line exactly
// once. Intervals are visited in order of their lower cut while pos tracks
// how far the range is covered: a lower cut beyond pos is a gap, one before
// pos an overlap. Intervals may reach beyond the range (an open "x ≥ 96"
// on a 0–100 percentage), but not lie wholly outside it.
func sweep(bounds map[int]Bounds, lo, hi cut) []coverageIssue {
	type span struct {
		index  int
		lo, hi cut
	}
	spans := make([]span, 0, len(bounds))
	for i, b := range bounds {
		spans = append(spans, span{index: i, lo: lowerCut(b), hi: upperCut(b)})
	}
	// Ties on the lower cut go by index so the report does not depend on
	// map order.
	slices.SortFunc(spans, func(a, b span) int { return cmp.Or(a.lo.compare(b.lo), cmp.Compare(a.index, b.index)) })

	var issues []coverageIssue
	pos, last := lo, -1
	for _, s := range spans {
		switch {
		case !s.lo.less(s.hi):
			issues = append(issues, coverageIssue{kind: issueEmpty, index: s.index, other: -1})
			continue
		case !s.lo.less(hi) || !lo.less(s.hi):
			issues = append(issues, coverageIssue{kind: issueOutside, index: s.index, other: -1})
			continue
		}
		start := maxCut(s.lo, lo)
		switch start.compare(pos) {
		case 1:
			issues = append(issues, coverageIssue{kind: issueGap, index: s.index, other: -1, values: between(pos, start)})
		case -1:
			issues = append(issues, coverageIssue{kind: issueOverlap, index: s.index, other: last, values: between(start, minCut(pos, s.hi))})
		}
		if pos.less(s.hi) {
			pos, last = s.hi, s.index
		}
	}
	if pos.less(hi) {
		issues = append(issues, coverageIssue{kind: issueGap, index: -1, other: -1, values: between(pos, hi)})
	}
	return issues
}
