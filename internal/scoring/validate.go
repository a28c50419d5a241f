package scoring

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// problems collects field errors in the order they are found.
type problems []fidelity.FieldError

func (p *problems) add(field, format string, args ...any) {
	*p = append(*p, fidelity.FieldError{Field: field, Reason: fmt.Sprintf(format, args...)})
}

// join prefixes a relative field path ("values.x") with a parent path.
func join(prefix, field string) string {
	if prefix == "" {
		return field
	}
	if field == "" {
		return prefix
	}
	return prefix + "." + field
}

// inputByID returns the rule input with the given id.
func inputByID(r *scale.Rule, id string) (*scale.Input, bool) {
	if r == nil {
		return nil, false
	}
	for i := range r.Inputs {
		if r.Inputs[i].ID == id {
			return &r.Inputs[i], true
		}
	}
	return nil, false
}

// inputIDs lists the ids of the rule inputs of the given kind ("" = all).
func inputIDs(r *scale.Rule, kind string) []string {
	if r == nil {
		return nil
	}
	var ids []string
	for _, in := range r.Inputs {
		if kind == "" || in.Kind == kind {
			ids = append(ids, in.ID)
		}
	}
	return ids
}

// checkLevel reports a score outside the scale's levels.
func checkLevel(s *scale.Scale, score int, field string, p *problems) bool {
	if score < s.Levels.Min || score > s.Levels.Max {
		p.add(field, "must be between %d and %d", s.Levels.Min, s.Levels.Max)
		return false
	}
	return true
}

// takes describes what an item accepts, for "unknown input" reasons.
func takes(it *scale.Item, kind string) string {
	ids := inputIDs(it.Rule, kind)
	if len(ids) > 0 {
		return "item " + it.ID + " takes " + strings.Join(ids, ", ")
	}
	switch {
	case it.Type == scale.TypeOrdinal:
		return "item " + it.ID + " is rated by a direct score"
	case it.Type == scale.TypeChecklist:
		return "item " + it.ID + " is rated by its elements"
	case it.Type == scale.TypePerSpecialist && it.Specialist == "score":
		return "item " + it.ID + " is rated by a score per specialist"
	}
	if kind == "choice" {
		return "item " + it.ID + " has no choice inputs"
	}
	return "item " + it.ID + " has no number inputs"
}

// checkValues validates numeric inputs against the rule: known id, number
// kind, finite, within the input's range. Keys are visited in sorted order;
// field paths are only built for problems.
func checkValues(it *scale.Item, values map[string]float64, prefix string, p *problems) {
	if len(values) == 0 {
		return
	}
	for _, id := range slices.Sorted(maps.Keys(values)) {
		v := values[id]
		in, ok := inputByID(it.Rule, id)
		switch {
		case !ok:
			p.add(join(prefix, "values."+id), "unknown input %q; %s", id, takes(it, "number"))
		case in.Kind != "number":
			p.add(join(prefix, "values."+id), "is a choice input; record it under choices")
		default:
			if format, arg := numberProblem(it.Rule, in, v); format != "" {
				p.add(join(prefix, "values."+id), format, arg...)
			}
		}
	}
}

// wholeUnits are the units that count things (clients, jobs, contacts,
// job seekers): their values are whole numbers. FTE, hours, days,
// averages per week and percentages are not.
var wholeUnits = map[string]bool{"clients": true, "count": true}

// numberProblem says what is wrong with a number for its input (a format
// and its arguments, so the reason can be translated), "" if nothing is. A
// value the rule refuses as a degenerate case gets the scale's reason.
func numberProblem(r *scale.Rule, in *scale.Input, v float64) (string, []any) {
	if r != nil {
		for _, d := range r.Degenerate {
			if d.Reject && d.Input == in.ID && v == d.EQ {
				return "must not be %s: %s", []any{num(d.EQ), d.Reason.EN}
			}
		}
	}
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "must be a finite number", nil
	case wholeUnits[in.Unit] && v != math.Trunc(v):
		return "must be a whole number: it is a count (%s given)", []any{fmtNum(v)}
	case in.Min != nil && in.MinExclusive && !(v > *in.Min):
		return "must be greater than %s", []any{num(*in.Min)}
	case in.Min != nil && !in.MinExclusive && v < *in.Min:
		return "must be at least %s", []any{num(*in.Min)}
	case in.Max != nil && v > *in.Max:
		return "must be at most %s", []any{num(*in.Max)}
	}
	return "", nil
}

// checkChoices validates choice inputs: known id, choice kind, known option.
func checkChoices(it *scale.Item, choices map[string]string, prefix string, p *problems) {
	if len(choices) == 0 {
		return
	}
	for _, id := range slices.Sorted(maps.Keys(choices)) {
		c := choices[id]
		in, ok := inputByID(it.Rule, id)
		switch {
		case !ok:
			p.add(join(prefix, "choices."+id), "unknown input %q; %s", id, takes(it, "choice"))
			continue
		case in.Kind != "choice":
			p.add(join(prefix, "choices."+id), "is a number input; record it under values")
			continue
		}
		if slices.ContainsFunc(in.Options, func(o scale.Option) bool { return o.ID == c }) {
			continue
		}
		opts := make([]string, 0, len(in.Options))
		for _, o := range in.Options {
			opts = append(opts, o.ID)
		}
		p.add(join(prefix, "choices."+id), "unknown option %q; must be one of %s", c, strings.Join(opts, ", "))
	}
}

// checkElements validates checklist elements: known ids, no duplicates.
func checkElements(it *scale.Item, elements []string, p *problems) {
	if it.Type != scale.TypeChecklist {
		if elements != nil {
			p.add("elements", "item %s has no checklist", it.ID)
		}
		return
	}
	var first map[string]int // for long lists only; short ones are scanned
	if len(elements) > 16 {
		first = make(map[string]int, len(elements))
	}
	for i, e := range elements {
		j := -1
		if first != nil {
			if k, ok := first[e]; ok {
				j = k
			} else {
				first[e] = i
			}
		} else {
			j = slices.Index(elements[:i], e)
		}
		if j >= 0 {
			p.add(fmt.Sprintf("elements[%d]", i), "duplicate of elements[%d] (%q)", j, e)
			continue
		}
		if !slices.ContainsFunc(it.Elements, func(el scale.Element) bool { return el.ID == e }) {
			ids := make([]string, 0, len(it.Elements))
			for _, el := range it.Elements {
				ids = append(ids, el.ID)
			}
			p.add(fmt.Sprintf("elements[%d]", i), "unknown element %q; item %s has %s", e, it.ID, strings.Join(ids, ", "))
		}
	}
}

// judgeScores lists every score any judge interval of the rule allows, in
// ascending order without duplicates.
func judgeScores(r *scale.Rule) []int {
	if r == nil {
		return nil
	}
	var out []int
	lists := make([][]int, 0, len(r.Intervals)+len(r.Degenerate))
	for _, iv := range r.Intervals {
		lists = append(lists, iv.Judge)
	}
	for _, d := range r.Degenerate {
		lists = append(lists, d.Judge)
	}
	for _, l := range lists {
		for _, j := range l {
			if !slices.Contains(out, j) {
				out = append(out, j)
			}
		}
	}
	slices.Sort(out)
	return out
}

// checkRuleScore validates a direct score on a rule-rated item (or one
// specialist of it) before the value is known: the rule must have judge
// intervals, and the score must be one some judge interval allows.
func checkRuleScore(s *scale.Scale, it *scale.Item, score *int, field string, p *problems) bool {
	if score == nil {
		return true
	}
	if !checkLevel(s, *score, field, p) {
		return false
	}
	js := judgeScores(it.Rule)
	if len(js) == 0 {
		p.add(field, "is not used by %s item %s: the score follows from the inputs", it.Type, it.ID)
		return false
	}
	if !slices.Contains(js, *score) {
		p.add(field, "must be %s (the scores the rule leaves to the rater)", orList(js))
		return false
	}
	return true
}

// orList renders 1, 2 as "1 or 2" and 1, 2, 3 as "1, 2 or 3".
func orList(v []int) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = fmt.Sprint(x)
	}
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}
