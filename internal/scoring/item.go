package scoring

import (
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// Methods reported in fidelity.ItemScore.Method.
const (
	MethodDirect        = "direct"
	MethodRule          = "rule"
	MethodChecklist     = "checklist"
	MethodPerSpecialist = "per-specialist"
	MethodJudged        = "judged"
	MethodMissing       = "missing"
)

// ScoreItem scores one item's input under the scale, as the web UI does
// while a rater types. It returns the item score and the problems with the
// input, with fields relative to the item input ("values.specialist_fte",
// "specialists[1].score"); Score prefixes them with "items[i].". When there
// are problems the score is nil, Method is "missing" and Problem names the
// first of them. Incomplete but valid input is not a problem: the score is
// nil and Problem says what is still needed.
func ScoreItem(s *scale.Scale, it *scale.Item, in fidelity.ItemInput) (fidelity.ItemScore, []fidelity.FieldError) {
	res := fidelity.ItemScore{ItemID: it.ID, Section: it.Section, Method: MethodMissing}
	var p problems
	if in.ItemID != "" && in.ItemID != it.ID {
		p.add("item", "is %q, but the input is scored as item %s", in.ItemID, it.ID)
	}
	switch it.Type {
	case scale.TypeOrdinal:
		scoreOrdinal(s, it, in, &res, &p)
	case scale.TypeMeasured, scale.TypeChecklist:
		scoreByRule(s, it, in, &res, &p)
	case scale.TypePerSpecialist:
		scoreSpecialists(s, it, in, &res, &p)
	default:
		p.add("", "item %s has type %q, which this service cannot score", it.ID, it.Type)
	}
	if len(p) > 0 {
		first := p[0]
		reason := first.Reason
		if first.Field != "" {
			reason = first.Field + " " + reason
		}
		res = fidelity.ItemScore{ItemID: it.ID, Section: it.Section, Method: MethodMissing,
			Problem: "invalid input: " + reason}
		return res, []fidelity.FieldError(p)
	}
	if res.Score != nil && (*res.Score < s.Levels.Min || *res.Score > s.Levels.Max) {
		// Only a scale whose intervals or caps name scores outside its
		// levels gets here; the loader rejects such scales.
		res = fidelity.ItemScore{ItemID: it.ID, Section: it.Section, Method: MethodMissing,
			Problem: "the scale's rule gives a score outside its levels"}
		return res, []fidelity.FieldError{{Field: "", Reason: res.Problem}}
	}
	return res, nil
}

// missingItem is the score of an item with no input at all.
func missingItem(it *scale.Item) fidelity.ItemScore {
	return fidelity.ItemScore{ItemID: it.ID, Section: it.Section, Method: MethodMissing}
}

// noSpecialists reports specialist entries on an item not rated per
// specialist.
func noSpecialists(it *scale.Item, in fidelity.ItemInput, p *problems) {
	if len(in.Specialists) > 0 {
		p.add("specialists", "item %s is not rated per specialist", it.ID)
	}
}

func scoreOrdinal(s *scale.Scale, it *scale.Item, in fidelity.ItemInput, res *fidelity.ItemScore, p *problems) {
	checkValues(it, in.Values, "", p)
	checkChoices(it, in.Choices, "", p)
	checkElements(it, in.Elements, p)
	noSpecialists(it, in, p)
	if in.Score == nil {
		return
	}
	if checkLevel(s, *in.Score, "score", p) {
		res.Score = intPtr(*in.Score)
		res.Method = MethodDirect
	}
}

func scoreByRule(s *scale.Scale, it *scale.Item, in fidelity.ItemInput, res *fidelity.ItemScore, p *problems) {
	n := len(*p)
	checkValues(it, in.Values, "", p)
	checkChoices(it, in.Choices, "", p)
	checkElements(it, in.Elements, p)
	noSpecialists(it, in, p)
	score := in.Score
	if !checkRuleScore(s, it, in.Score, "score", p) {
		score = nil
	}
	if len(*p) > n || in.IsEmpty() {
		return
	}
	e := env{values: in.Values, choices: in.Choices, count: len(in.Elements), counted: in.Elements != nil}
	out := evalRule(it, &e, score, "score", p)
	if len(*p) > n {
		return
	}
	if out.hasValue {
		res.Value = floatPtr(out.value)
	}
	res.Judge = out.judge
	if len(out.need) > 0 {
		res.Problem = "still needed: " + strings.Join(out.need, "; ")
		return
	}
	res.Score = intPtr(out.score)
	res.Rule = out.rule
	switch {
	case out.judged:
		res.Method = MethodJudged
	case it.Type == scale.TypeChecklist:
		res.Method = MethodChecklist
	default:
		res.Method = MethodRule
	}
}

func intPtr(v int) *int           { return &v }
func floatPtr(v float64) *float64 { return &v }
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
