package scale

import (
	"fmt"
	"slices"
)

// CheckRevision reports whether next may replace prev as a later encoding
// revision of the same printed form (see "Encoding revisions" in
// scales/README.md): same id and version, a higher encoding number, and the
// same form — levels, aggregation, sections, the items in their order with
// their numbers, sections and types, and the bands. Texts, rules for
// degenerate inputs, verification flags, notes and groupings may differ;
// anything that changes what the form asks or how totals are read needs a
// new version instead.
func CheckRevision(prev, next *Scale) error {
	if prev.ID != next.ID || prev.Version != next.Version {
		return fmt.Errorf("%s is not a revision of %s", next.Ref(), prev.Ref())
	}
	if next.Revision() <= prev.Revision() {
		return fmt.Errorf("%s changed without a higher encoding number (stored: %d, this file: %d); raise encoding for a correction of the same form, or publish a new version",
			next.Ref(), prev.Revision(), next.Revision())
	}
	if prev.Levels != next.Levels || prev.Aggregation != next.Aggregation {
		return fmt.Errorf("encoding %d of %s changes the levels or the aggregation; that is a new version", next.Revision(), next.Ref())
	}
	ids := func(n int, f func(int) string) []string {
		out := make([]string, n)
		for i := range n {
			out[i] = f(i)
		}
		return out
	}
	if !slices.Equal(ids(len(prev.Sections), func(i int) string { return prev.Sections[i].ID }),
		ids(len(next.Sections), func(i int) string { return next.Sections[i].ID })) {
		return fmt.Errorf("encoding %d of %s changes the sections; that is a new version", next.Revision(), next.Ref())
	}
	form := func(s *Scale) []string {
		return ids(len(s.Items), func(i int) string {
			it := &s.Items[i]
			return fmt.Sprintf("%s #%d %s %s", it.ID, it.Number, it.Section, it.Type)
		})
	}
	if !slices.Equal(form(prev), form(next)) {
		return fmt.Errorf("encoding %d of %s changes the items (ids, numbers, sections or types); that is a new version", next.Revision(), next.Ref())
	}
	for i := range prev.Items {
		if ruleKey(prev.Items[i].Rule) != ruleKey(next.Items[i].Rule) {
			return fmt.Errorf("encoding %d of %s changes the intervals or caps of item %s, so the same inputs could score differently; that is a new version",
				next.Revision(), next.Ref(), next.Items[i].ID)
		}
	}
	bands := func(s *Scale) []string {
		return ids(len(s.Bands), func(i int) string { return s.Bands[i].ID + " " + s.Bands[i].Bounds.String() })
	}
	if !slices.Equal(bands(prev), bands(next)) {
		return fmt.Errorf("encoding %d of %s changes the bands; that is a new version", next.Revision(), next.Ref())
	}
	return nil
}

// ruleKey renders what of a rule decides scores for inputs the rule already
// rated: derive, intervals and caps. Degenerate cases and alternatives are
// left out; a revision may add them for inputs that had no score before.
func ruleKey(r *Rule) string {
	if r == nil {
		return ""
	}
	k := fmt.Sprintf("%v|", r.Derive)
	for _, iv := range r.Intervals {
		k += fmt.Sprintf("%s→%d%v;", iv.Bounds, iv.Score, iv.Judge)
	}
	for _, c := range r.Caps {
		lt := ""
		if c.LT != nil {
			lt = num(*c.LT)
		}
		k += fmt.Sprintf("cap %s %v <%s →%d;", c.Input, c.In, lt, c.MaxScore)
	}
	return k
}
