package scoring

import (
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

func TestValidation(t *testing.T) {
	s := miniScale()
	type fe struct{ Field, Reason string } // local, so literals can stay short
	sp := func(score int) fidelity.SpecialistInput { return fidelity.SpecialistInput{Score: ip(score)} }
	cases := []struct {
		name string
		in   []fidelity.ItemInput
		want []fe
	}{
		{"missing item id", []fidelity.ItemInput{{Score: ip(3)}},
			[]fe{{"items[0].item", "is required"}}},
		{"unknown item", []fidelity.ItemInput{{ItemID: "S99", Score: ip(3)}},
			[]fe{{"items[0].item", `unknown item "S99" in mini@1`}}},
		{"duplicate item", []fidelity.ItemInput{{ItemID: "ORD", Score: ip(3)}, {ItemID: "PCT"}, {ItemID: "ORD", Score: ip(4)}},
			[]fe{{"items[2].item", "duplicate of items[0] (item ORD)"}}},
		{"ordinal score above levels", []fidelity.ItemInput{{ItemID: "ORD", Score: ip(6)}},
			[]fe{{"items[0].score", "must be between 1 and 5"}}},
		{"ordinal score below levels", []fidelity.ItemInput{{ItemID: "ORD", Score: ip(0)}},
			[]fe{{"items[0].score", "must be between 1 and 5"}}},
		{"ordinal with values", []fidelity.ItemInput{{ItemID: "ORD", Score: ip(3), Values: map[string]float64{"x": 1}}},
			[]fe{{"items[0].values.x", `unknown input "x"; item ORD is rated by a direct score`}}},
		{"ordinal with elements", []fidelity.ItemInput{{ItemID: "ORD", Elements: []string{"a"}}},
			[]fe{{"items[0].elements", "item ORD has no checklist"}}},
		{"ordinal with specialists", []fidelity.ItemInput{{ItemID: "ORD", Specialists: []fidelity.SpecialistInput{sp(3)}}},
			[]fe{{"items[0].specialists", "item ORD is not rated per specialist"}}},
		{"fte zero", []fidelity.ItemInput{{ItemID: "CASE", Values: map[string]float64{"clients": 30, "fte": 0}}},
			[]fe{{"items[0].values.fte", "must be greater than 0"}}},
		{"fte negative and above max", []fidelity.ItemInput{{ItemID: "CASE", Values: map[string]float64{"clients": -1, "fte": 51}}},
			[]fe{{"items[0].values.clients", "must be at least 0"}, {"items[0].values.fte", "must be at most 50"}}},
		{"NaN", []fidelity.ItemInput{{ItemID: "CASE", Values: map[string]float64{"clients": math.NaN(), "fte": 1}}},
			[]fe{{"items[0].values.clients", "must be a finite number"}}},
		{"Inf", []fidelity.ItemInput{{ItemID: "PCT", Values: map[string]float64{"percent": math.Inf(1)}}},
			[]fe{{"items[0].values.percent", "must be a finite number"}}},
		{"percent above 100", []fidelity.ItemInput{{ItemID: "PCT", Values: map[string]float64{"percent": 100.5}}},
			[]fe{{"items[0].values.percent", "must be at most 100"}}},
		{"percent below 0", []fidelity.ItemInput{{ItemID: "PCT", Values: map[string]float64{"percent": -0.1}}},
			[]fe{{"items[0].values.percent", "must be at least 0"}}},
		{"unknown input", []fidelity.ItemInput{{ItemID: "CASE", Values: map[string]float64{"clients": 3, "fte": 1, "staff": 2}}},
			[]fe{{"items[0].values.staff", `unknown input "staff"; item CASE takes clients, fte`}}},
		{"unknown choice input", []fidelity.ItemInput{{ItemID: "CASE", Choices: map[string]string{"kind": "x"}}},
			[]fe{{"items[0].choices.kind", `unknown input "kind"; item CASE has no choice inputs`}}},
		{"number given as choice", []fidelity.ItemInput{{ItemID: "CASE", Choices: map[string]string{"fte": "2"}}},
			[]fe{{"items[0].choices.fte", "is a number input; record it under values"}}},
		{"choice given as number", []fidelity.ItemInput{{ItemID: "EMP", Values: map[string]float64{"listed": 1}}},
			[]fe{{"items[0].values.listed", "is a choice input; record it under choices"}}},
		{"unknown option", []fidelity.ItemInput{{ItemID: "EMP", Choices: map[string]string{"listed": "maybe"}}},
			[]fe{{"items[0].choices.listed", `unknown option "maybe"; must be one of yes, no`}}},
		{"more employers than jobs", []fidelity.ItemInput{{ItemID: "EMP", Values: map[string]float64{"employers": 12, "jobs": 10}}},
			[]fe{{"items[0].values.employers", "must not be more than jobs (10): the percentage would be 120"}}},
		{"zero denominator", []fidelity.ItemInput{{ItemID: "EMP", Values: map[string]float64{"employers": 0, "jobs": 0}}},
			[]fe{{"items[0].values.jobs", "must be greater than 0 (it divides employers)"}}},
		{"huge ratio", []fidelity.ItemInput{{ItemID: "CASE", Values: map[string]float64{"clients": 1e308, "fte": 1e-10}}},
			[]fe{{"items[0].values.clients", "gives a value that is too large to rate (1e+308 ÷ 1e-10)"}}},
		{"score on measured item", []fidelity.ItemInput{{ItemID: "CASE", Score: ip(4), Values: map[string]float64{"clients": 3, "fte": 1}}},
			[]fe{{"items[0].score", "is not used by measured item CASE: the score follows from the inputs"}}},
		{"score on checklist", []fidelity.ItemInput{{ItemID: "CHK", Score: ip(4)}},
			[]fe{{"items[0].score", "is not used by checklist item CHK: the score follows from the inputs"}}},
		{"judge score outside judge values", []fidelity.ItemInput{{ItemID: "PH", Score: ip(3), Values: map[string]float64{"phases": 0}}},
			[]fe{{"items[0].score", "must be 1 or 2 (the scores the rule leaves to the rater)"}}},
		{"judge score outside levels", []fidelity.ItemInput{{ItemID: "PH", Score: ip(9)}},
			[]fe{{"items[0].score", "must be between 1 and 5"}}},
		{"score where a non-judge interval fired", []fidelity.ItemInput{{ItemID: "PH", Score: ip(2), Values: map[string]float64{"phases": 3}}},
			[]fe{{"items[0].score", "is not used here: x = 3 gives 3 by the rule (1 ≤ x < 5)"}}},
		{"phases above max", []fidelity.ItemInput{{ItemID: "PH", Values: map[string]float64{"phases": 7}}},
			[]fe{{"items[0].values.phases", "must be at most 6"}}},
		{"unknown element", []fidelity.ItemInput{{ItemID: "CHK", Elements: []string{"a", "z"}}},
			[]fe{{"items[0].elements[1]", `unknown element "z"; item CHK has a, b, c, d, e`}}},
		{"duplicate element", []fidelity.ItemInput{{ItemID: "CHK", Elements: []string{"a", "b", "a"}}},
			[]fe{{"items[0].elements[2]", `duplicate of elements[0] ("a")`}}},
		{"values on checklist", []fidelity.ItemInput{{ItemID: "CHK", Values: map[string]float64{"count": 3}}},
			[]fe{{"items[0].values.count", `unknown input "count"; item CHK is rated by its elements`}}},
		{"item score on per-specialist item", []fidelity.ItemInput{{ItemID: "SPS", Score: ip(3)}},
			[]fe{{"items[0].score", "is not used by per-specialist item SPS: score each specialist; the item score is their rounded mean"}}},
		{"specialist score outside levels", []fidelity.ItemInput{{ItemID: "SPS", Specialists: []fidelity.SpecialistInput{sp(3), sp(6)}}},
			[]fe{{"items[0].specialists[1].score", "must be between 1 and 5"}}},
		{"specialist values on a score item", []fidelity.ItemInput{{ItemID: "SPS", Specialists: []fidelity.SpecialistInput{
			{Score: ip(3), Values: map[string]float64{"contacts": 3}, Choices: map[string]string{"t": "x"}}}}},
			[]fe{{"items[0].specialists[0].values", "not used: item SPS takes a score per specialist"},
				{"items[0].specialists[0].choices", "not used: item SPS takes a score per specialist"}}},
		{"item values on a score item", []fidelity.ItemInput{{ItemID: "SPS", Values: map[string]float64{"contacts": 3}}},
			[]fe{{"items[0].values", "not used: item SPS is rated by a score per specialist"}}},
		{"specialist score on a measure item", []fidelity.ItemInput{{ItemID: "SPM", Specialists: []fidelity.SpecialistInput{
			{Score: ip(3), Values: map[string]float64{"contacts": 3}}}}},
			[]fe{{"items[0].specialists[0].score", "is not used by per_specialist item SPM: the score follows from the inputs"}}},
		{"specialist value out of range", []fidelity.ItemInput{{ItemID: "SPM", Specialists: []fidelity.SpecialistInput{
			{Values: map[string]float64{"contacts": -3}, Choices: map[string]string{"tracking": "daily"}}}}},
			[]fe{{"items[0].specialists[0].values.contacts", "must be at least 0"},
				{"items[0].specialists[0].choices.tracking", `unknown option "daily"; must be one of none, monthly, weekly`}}},
		{"specialist unknown input", []fidelity.ItemInput{{ItemID: "SPM", Specialists: []fidelity.SpecialistInput{
			{Values: map[string]float64{"calls": 3}}}}},
			[]fe{{"items[0].specialists[0].values.calls", `unknown input "calls"; item SPM takes contacts`}}},
		{"elements on per-specialist", []fidelity.ItemInput{{ItemID: "SPM", Elements: []string{}}},
			[]fe{{"items[0].elements", "item SPM has no checklist"}}},
		{"every problem is listed, in input order", []fidelity.ItemInput{
			{ItemID: "CASE", Values: map[string]float64{"fte": 0, "clients": -2}},
			{ItemID: "X"},
			{ItemID: "ORD", Score: ip(7)},
			{ItemID: "CHK", Elements: []string{"q"}},
		}, []fe{
			{"items[0].values.clients", "must be at least 0"},
			{"items[0].values.fte", "must be greater than 0"},
			{"items[1].item", `unknown item "X" in mini@1`},
			{"items[2].score", "must be between 1 and 5"},
			{"items[3].elements[0]", `unknown element "q"; item CHK has a, b, c, d, e`},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Score(s, tc.in)
			if err == nil {
				t.Fatalf("no error; card %+v", c)
			}
			var ferr *fidelity.Error
			if !errors.As(err, &ferr) || ferr.Kind != fidelity.KindInvalid {
				t.Fatalf("error %v is not KindInvalid", err)
			}
			want := make([]fidelity.FieldError, len(tc.want))
			for i, w := range tc.want {
				want[i] = fidelity.FieldError(w)
			}
			if !reflect.DeepEqual(ferr.Fields, want) {
				t.Errorf("fields\n got %q\nwant %q", ferr.Fields, want)
			}
			if !reflect.DeepEqual(c, fidelity.Scorecard{}) {
				t.Errorf("card on error should be zero, got %+v", c)
			}
		})
	}
}

// TestValidationMessage checks the summary message and that ScoreItem
// reports the same problems relative to the item, with a Problem for the
// web UI.
func TestValidationMessage(t *testing.T) {
	s := miniScale()
	_, err := Score(s, []fidelity.ItemInput{{ItemID: "CASE", Values: map[string]float64{"clients": 3, "fte": 0}}})
	if got := fidelity.MessageOf(err); got != "1 problem in the ratings for mini@1" {
		t.Errorf("message %q", got)
	}
	got, errs := ScoreItem(s, itemOfScale(t, s, "CASE"), fidelity.ItemInput{Values: map[string]float64{"clients": 3, "fte": 0}})
	if len(errs) != 1 || errs[0].Field != "values.fte" || got.Score != nil || got.Method != MethodMissing ||
		got.Problem != "invalid input: values.fte must be greater than 0" {
		t.Errorf("%+v %v", got, errs)
	}
}

func TestNilScale(t *testing.T) {
	if _, err := Score(nil, nil); fidelity.KindOf(err) != fidelity.KindInternal {
		t.Errorf("nil scale: %v", err)
	}
}

func TestManyElements(t *testing.T) {
	s := miniScale()
	els := []string{"a", "b"}
	for range 30 {
		els = append(els, "a")
	}
	els = append(els, "zz")
	_, errs := ScoreItem(s, itemOfScale(t, s, "CHK"), fidelity.ItemInput{Elements: els})
	if len(errs) != 31 || errs[0] != (fidelity.FieldError{Field: "elements[2]", Reason: `duplicate of elements[0] ("a")`}) ||
		errs[30].Field != "elements[32]" || errs[30].Reason != `unknown element "zz"; item CHK has a, b, c, d, e` {
		t.Errorf("%d errors: %v", len(errs), errs)
	}
}

// TestScaleDefects covers scales the loader would reject: scoring reports
// a problem instead of panicking or inventing a score.
func TestScaleDefects(t *testing.T) {
	pctIn := fidelity.ItemInput{Values: map[string]float64{"percent": 60}}
	cases := []struct {
		name   string
		breakS func(*scale.Item)
		in     fidelity.ItemInput
		want   fidelity.FieldError
	}{
		{"domain max below the input's", func(it *scale.Item) { it.Rule.Domain.Max = fp(50) }, pctIn,
			fidelity.FieldError{Field: "values.percent", Reason: "gives 60, above the rule's range (at most 50)"}},
		{"domain min above the input's", func(it *scale.Item) { it.Rule.Domain.Min = 70 }, pctIn,
			fidelity.FieldError{Field: "values.percent", Reason: "gives 60, below the rule's range (at least 70)"}},
		{"gap in the intervals", func(it *scale.Item) { it.Rule.Intervals = it.Rule.Intervals[:1] }, pctIn,
			fidelity.FieldError{Field: "values.percent", Reason: "gives 60, which no interval of the rule for item PCT covers"}},
		{"no rule", func(it *scale.Item) { it.Rule = nil }, pctIn,
			fidelity.FieldError{Field: "values.percent", Reason: `unknown input "percent"; item PCT has no number inputs`}},
		{"unknown type", func(it *scale.Item) { it.Type = "slider" }, pctIn,
			fidelity.FieldError{Field: "", Reason: `item PCT has type "slider", which this service cannot score`}},
		{"interval score outside levels", func(it *scale.Item) { it.Rule.Intervals[1].Score = 9 }, pctIn,
			fidelity.FieldError{Field: "", Reason: "the scale's rule gives a score outside its levels"}},
		{"derive names an undefined input", func(it *scale.Item) { it.Rule.Derive.Of = "share" }, pctIn,
			fidelity.FieldError{}},
	}
	for _, tc := range cases {
		s := miniScale()
		it := itemOfScale(t, s, "PCT")
		tc.breakS(it)
		got, errs := ScoreItem(s, it, tc.in)
		if got.Score != nil {
			t.Errorf("%s: score %d", tc.name, *got.Score)
		}
		if tc.want == (fidelity.FieldError{}) {
			if len(errs) != 0 {
				t.Errorf("%s: errors %v", tc.name, errs)
			}
			continue
		}
		if len(errs) != 1 || errs[0] != tc.want {
			t.Errorf("%s: errors %v, want %v", tc.name, errs, tc.want)
		}
	}
}
