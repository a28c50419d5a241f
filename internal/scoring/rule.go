package scoring

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/scale"
)

// env holds the inputs available to one evaluation of a rule: the
// specialist's own entries (top) over the item-level ones (base), or just
// the item-level ones. Field paths are relative to the item input.
type env struct {
	values      map[string]float64
	choices     map[string]string
	prefix      string // field prefix of values/choices ("" or "specialists[2]")
	baseValues  map[string]float64
	baseChoices map[string]string
	count       int  // distinct checklist elements present
	counted     bool // Elements was given (non-nil)
}

func (e *env) value(id string) (float64, string, bool) {
	if v, ok := e.values[id]; ok {
		return v, join(e.prefix, "values."+id), true
	}
	if v, ok := e.baseValues[id]; ok {
		return v, "values." + id, true
	}
	return 0, join(e.prefix, "values."+id), false
}

func (e *env) choice(id string) (string, bool) {
	if c, ok := e.choices[id]; ok {
		return c, true
	}
	c, ok := e.baseChoices[id]
	return c, ok
}

func (e *env) has(in *scale.Input) bool {
	if in.Kind == "choice" {
		_, ok := e.choice(in.ID)
		return ok
	}
	_, _, ok := e.value(in.ID)
	return ok
}

// outcome is the result of applying a rule.
type outcome struct {
	score    int // 0 when there is no score
	value    float64
	hasValue bool
	judged   bool
	judge    []int    // the scores a judged case leaves to the rater
	rule     string   // interval (and caps) that fired
	need     []string // what is still needed before a score is possible
}

// findInterval returns the index of the first interval containing x, or -1.
// For a rule accepted by the scale loader exactly one interval contains any
// value of the domain.
func findInterval(r *scale.Rule, x float64) int {
	if math.IsNaN(x) {
		return -1
	}
	for i := range r.Intervals {
		if r.Intervals[i].Contains(x) {
			return i
		}
	}
	return -1
}

// evalRule applies the item's rule to the inputs in e. score is the rater's
// direct score, already checked by checkRuleScore (nil when absent or
// invalid). Problems with the derived value are reported relative to the
// item input; scoreField names the score for messages.
func evalRule(it *scale.Item, e *env, score *int, scoreField string, p *problems) outcome {
	var out outcome
	r := it.Rule
	if r == nil {
		p.add("", "item %s has no rule in the scale", it.ID)
		return out
	}
	derived := deriveInputs(r.Derive)
	for i := range r.Inputs {
		in := &r.Inputs[i]
		if (!in.Optional || slices.Contains(derived, in.ID)) && !e.has(in) {
			out.need = append(out.need, describeInput(in))
		}
	}
	for _, id := range derived {
		if _, ok := inputByID(r, id); !ok {
			out.need = append(out.need, id) // the scale names an input it does not define
		}
	}
	if r.Derive.Kind == scale.DeriveCount && !e.counted {
		out.need = append(out.need, "the elements present (an empty list means none)")
	}
	if len(out.need) > 0 {
		return out
	}
	if !numeratorFits(r, e, p) {
		return out
	}
	var b strings.Builder
	if d, field := degenerateCase(r, e); d != nil {
		// The derived value is undefined (a zero denominator); the scale
		// says what this team state scores instead.
		if d.Reject {
			p.add(field, "must not be %s: %s", num(d.EQ), d.Reason.EN)
			return out
		}
		fmt.Fprintf(&b, "%s = %s → ", d.Input, num(d.EQ))
		at := d.Input + " = " + num(d.EQ)
		if !decide(&out, &b, d.Score, d.Judge, score, scoreField, where{at, "", at, ""}, p) {
			return out
		}
		fmt.Fprintf(&b, " (%s)", d.Reason.EN)
		out.score = applyCaps(r, e, out.score, &b)
		out.rule = b.String()
		return out
	}
	x, field, ok := derive(r, e, p)
	if !ok {
		return out
	}
	out.value, out.hasValue = x, true
	k := findInterval(r, x)
	if k < 0 {
		p.add(field, "gives %s, which no interval of the rule for item %s covers", fmtNum(x), it.ID)
		return out
	}
	iv := &r.Intervals[k]
	b.WriteString(boundsText(iv.Bounds))
	b.WriteString(" → ")
	bt, xt := boundsText(iv.Bounds), "x = "+fmtNum(x)
	if !decide(&out, &b, iv.Score, iv.Judge, score, scoreField, where{bt, " (" + xt + ")", xt, " (" + bt + ")"}, p) {
		return out
	}
	if iv.Printed != "" {
		fmt.Fprintf(&b, " (printed: %s)", iv.Printed)
	}
	if !out.judged {
		out.score = applyAlternatives(r, e, x, out.score, &b)
	}
	out.score = applyCaps(r, e, out.score, &b)
	out.rule = b.String()
	return out
}

// where names, for messages, the case a score comes from: "x ≤ 0" with
// " (x = 0)", or "jobs = 0"; lhs and tail frame "gives N by the rule".
type where struct{ at, value, lhs, tail string }

// decide sets out.score from a fixed score or, for a judged outcome, from
// the rater's direct score, and writes the outcome to b. It reports false
// when no score results (a judged outcome without a valid direct score, or
// a direct score where the rule decides).
func decide(out *outcome, b *strings.Builder, fixed int, judge []int, score *int, scoreField string, w where, p *problems) bool {
	if len(judge) > 0 {
		fmt.Fprintf(b, "judged %s", orList(judge))
		out.judge = judge
		if score == nil {
			out.need = append(out.need, fmt.Sprintf("a score of %s: for %s the rule leaves the choice to the rater", orList(judge), w.at))
			return false
		}
		if !slices.Contains(judge, *score) {
			p.add(scoreField, "must be %s for %s%s", orList(judge), w.at, w.value)
			return false
		}
		out.score, out.judged = *score, true
		fmt.Fprintf(b, ", rated %d", *score)
		return true
	}
	if score != nil {
		p.add(scoreField, "is not used here: %s gives %d by the rule%s", w.lhs, fixed, w.tail)
		return false
	}
	out.score = fixed
	fmt.Fprintf(b, "%d", fixed)
	return true
}

// degenerateCase returns the rule's degenerate case the inputs hit, with
// the field of its input, or nil.
func degenerateCase(r *scale.Rule, e *env) (*scale.Degenerate, string) {
	for i := range r.Degenerate {
		d := &r.Degenerate[i]
		if v, field, ok := e.value(d.Input); ok && v == d.EQ {
			return d, field
		}
	}
	return nil, ""
}

// numeratorFits reports a percentage whose part exceeds its whole (more
// competitive jobs than jobs), also when the whole is zero and a
// degenerate case would otherwise score it.
func numeratorFits(r *scale.Rule, e *env, p *problems) bool {
	if r.Derive.Kind != scale.DerivePercent {
		return true
	}
	n, nField, ok1 := e.value(r.Derive.Numerator)
	den, _, ok2 := e.value(r.Derive.Denominator)
	if ok1 && ok2 && den == 0 && n > 0 { // den > 0 is checked with the percentage
		p.add(nField, "must not be more than %s (%s)", r.Derive.Denominator, fmtNum(den))
		return false
	}
	return true
}

// applyAlternatives lifts score by every alternative that holds: the
// condition input is given and below its limit, and the derived value x
// reaches the alternative's threshold.
func applyAlternatives(r *scale.Rule, e *env, x float64, score int, b *strings.Builder) int {
	for i := range r.Alternatives {
		a := &r.Alternatives[i]
		v, _, ok := e.value(a.When.Input)
		if !ok || !(v < a.When.LT) {
			continue
		}
		of, _, ok := e.value(a.Reach.Of)
		if !ok || x < snap(a.Reach.Times*of) || a.Score <= score {
			continue
		}
		fmt.Fprintf(b, "; alternative: %s < %s and x ≥ %s × %s = %s → %d", a.When.Input, num(a.When.LT),
			num(a.Reach.Times), a.Reach.Of, fmtNum(snap(a.Reach.Times*of)), a.Score)
		score = a.Score
	}
	return score
}

// deriveInputs lists the inputs the derived value is computed from.
func deriveInputs(d scale.Derive) []string {
	switch d.Kind {
	case scale.DeriveValue:
		return []string{d.Of}
	case scale.DeriveRatio, scale.DerivePercent:
		return []string{d.Numerator, d.Denominator}
	}
	return nil
}

// derive computes the rule's value. A zero denominator, a percentage above
// 100, a non-finite result or a value outside the rule's domain is a
// problem with the input, reported on the input that causes it.
func derive(r *scale.Rule, e *env, p *problems) (float64, string, bool) {
	d := r.Derive
	switch d.Kind {
	case scale.DeriveCount:
		return checkDomain(r, float64(e.count), "elements", p)
	case scale.DeriveValue:
		x, field, _ := e.value(d.Of)
		return checkDomain(r, x, field, p)
	case scale.DeriveRatio, scale.DerivePercent:
		n, nField, _ := e.value(d.Numerator)
		den, dField, _ := e.value(d.Denominator)
		if !(den > 0) {
			p.add(dField, "must be greater than 0 (it divides %s)", d.Numerator)
			return 0, nField, false
		}
		var x float64
		if d.Kind == scale.DerivePercent {
			x = snap(100 * n / den)
			if x > 100 {
				p.add(nField, "must not be more than %s (%s): the percentage would be %s",
					d.Denominator, fmtNum(den), fmtNum(x))
				return 0, nField, false
			}
		} else {
			x = snap(n / den)
		}
		if math.IsNaN(x) || math.IsInf(x, 0) {
			p.add(nField, "gives a value that is too large to rate (%s ÷ %s)", fmtNum(n), fmtNum(den))
			return 0, nField, false
		}
		return checkDomain(r, x, nField, p)
	}
	p.add("", "unknown derive kind %q in the scale", d.Kind)
	return 0, "", false
}

// snap rounds a derived value to nine decimal places, so that binary
// floating point does not move it across a threshold: 10.2 hours of 17 is
// exactly 60 %, but 100 × 10.2 ÷ 17 computes to 59.99999999999999, and
// 22 clients on 1.1 FTE to 20.000000000000004. No input is recorded to
// nine decimals, so the rounding never changes a real distinction.
// Values of a million or more are left as they are.
func snap(x float64) float64 {
	if math.Abs(x) >= 1e6 {
		return x
	}
	return math.Round(x*1e9) / 1e9
}

func checkDomain(r *scale.Rule, x float64, field string, p *problems) (float64, string, bool) {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		p.add(field, "must be a finite number")
	case x < r.Domain.Min:
		p.add(field, "gives %s, below the rule's range (at least %s)", fmtNum(x), num(r.Domain.Min))
	case r.Domain.Max != nil && x > *r.Domain.Max:
		p.add(field, "gives %s, above the rule's range (at most %s)", fmtNum(x), num(*r.Domain.Max))
	default:
		return x, field, true
	}
	return 0, field, false
}

// applyCaps lowers score by every cap whose condition holds and appends the
// caps that lowered it to b. A cap on an optional input that was not given
// does not apply (required inputs are present by the time caps run).
func applyCaps(r *scale.Rule, e *env, score int, b *strings.Builder) int {
	capped := score
	for i := range r.Caps {
		c := &r.Caps[i]
		if !capHolds(c, e) {
			continue
		}
		if c.MaxScore < score {
			fmt.Fprintf(b, "; cap: %s", capText(c))
			capped = min(capped, c.MaxScore)
		}
	}
	return capped
}

func capHolds(c *scale.Cap, e *env) bool {
	if len(c.In) > 0 {
		v, ok := e.choice(c.Input)
		return ok && slices.Contains(c.In, v)
	}
	if c.LT != nil {
		v, _, ok := e.value(c.Input)
		return ok && v < *c.LT
	}
	return false
}

// capText describes a cap and its consequence: the scale's printed text
// when it states the consequence itself ("Fewer than 10 current jobs → 1"),
// otherwise the condition followed by "→ at most N".
func capText(c *scale.Cap) string {
	cond := c.Printed.EN
	switch {
	case strings.Contains(cond, "→"):
		return cond
	case cond != "":
	case len(c.In) > 0:
		cond = c.Input + " is " + strings.Join(c.In, " or ")
	case c.LT != nil:
		cond = c.Input + " < " + num(*c.LT)
	default:
		cond = c.Input
	}
	return fmt.Sprintf("%s → at most %d", cond, c.MaxScore)
}

func describeInput(in *scale.Input) string {
	if in.Label.EN != "" {
		return in.ID + " (" + in.Label.EN + ")"
	}
	return in.ID
}

// boundsText renders an interval with x first where it has one bound
// ("x > 40", "x ≤ 20"); a closed interval of one point reads "x = 3".
func boundsText(b scale.Bounds) string {
	switch {
	case b.GE != nil && b.LE != nil && *b.GE == *b.LE:
		return "x = " + num(*b.GE)
	case b.LT == nil && b.LE == nil && b.GT != nil:
		return "x > " + num(*b.GT)
	case b.LT == nil && b.LE == nil && b.GE != nil:
		return "x ≥ " + num(*b.GE)
	}
	return b.String()
}

// num renders a bound exactly as written in the scale.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// fmtNum renders a derived value for people: at most six decimals, so
// 20.000000000000004 reads 20 but 20.01 stays 20.01.
func fmtNum(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e15 || (v != 0 && math.Abs(v) < 1e-6) {
		return strconv.FormatFloat(v, 'g', 6, 64)
	}
	r := math.Round(v*1e6) / 1e6
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}
