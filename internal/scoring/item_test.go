package scoring

import (
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

func TestFullMini(t *testing.T) {
	s := miniScale()
	c := mustScore(t, s, fullInputs())
	want := map[string]int{"CASE": 5, "PCT": 4, "EMP": 3, "PH": 5, "ORD": 3, "CHK": 4, "SPS": 3, "SPM": 4}
	for id, w := range want {
		if got := scoreOf(t, c, id); got == nil || *got != w {
			t.Errorf("%s = %s, want %d", id, str(got), w)
		}
	}
	if !c.Complete || !c.Valid || c.Total == nil || *c.Total != fullTotal {
		t.Fatalf("total: complete=%v valid=%v total=%v, want %d", c.Complete, c.Valid, c.Total, fullTotal)
	}
	if c.Band != "mid" || c.Min != 8 || c.Max != 40 || c.Rated != 8 || c.ItemCount != 8 || len(c.Missing) != 0 {
		t.Errorf("card = %+v", c)
	}
	if c.ScaleID != "mini" || c.ScaleVersion != "1" {
		t.Errorf("scale = %s@%s", c.ScaleID, c.ScaleVersion)
	}
	for k, it := range c.Items {
		if it.ItemID != s.Items[k].ID || it.Section != s.Items[k].Section {
			t.Errorf("items[%d] = %s/%s, want scale order", k, it.ItemID, it.Section)
		}
	}
}

func TestOrdinal(t *testing.T) {
	s := miniScale()
	it := itemOfScale(t, s, "ORD")
	for score := 1; score <= 5; score++ {
		got, errs := ScoreItem(s, it, fidelity.ItemInput{ItemID: "ORD", Score: ip(score)})
		if len(errs) > 0 || got.Score == nil || *got.Score != score || got.Method != MethodDirect {
			t.Errorf("score %d: %+v %v", score, got, errs)
		}
	}
	got, errs := ScoreItem(s, it, fidelity.ItemInput{ItemID: "ORD", Evidence: "notes only"})
	if len(errs) > 0 || got.Score != nil || got.Method != MethodMissing || got.Problem != "" {
		t.Errorf("evidence only: %+v %v", got, errs)
	}
}

func TestMeasuredCaseload(t *testing.T) {
	s := miniScale()
	it := itemOfScale(t, s, "CASE")
	cases := []struct {
		clients, fte float64
		want         int
		rule         string
	}{
		{0, 1, 5, "x ≤ 20 → 5 (printed: ≤20)"},
		{40, 2, 5, "x ≤ 20 → 5 (printed: ≤20)"},
		{40.02, 2, 4, "20 < x ≤ 25 → 4 (printed: 21–25)"},
		{50, 2, 4, "20 < x ≤ 25 → 4 (printed: 21–25)"},
		{50.02, 2, 3, "25 < x ≤ 30 → 3 (printed: 26–30)"},
		{30, 1, 3, "25 < x ≤ 30 → 3 (printed: 26–30)"},
		{30.01, 1, 2, "30 < x ≤ 40 → 2 (printed: 31–40)"},
		{80, 2, 2, "30 < x ≤ 40 → 2 (printed: 31–40)"},
		{80.02, 2, 1, "x > 40 → 1 (printed: ≥41)"},
		{41, 1, 1, "x > 40 → 1 (printed: ≥41)"},
		{21, 0.5, 1, "x > 40 → 1 (printed: ≥41)"},
		{10, 0.5, 5, "x ≤ 20 → 5 (printed: ≤20)"},
	}
	for _, tc := range cases {
		got, errs := ScoreItem(s, it, fidelity.ItemInput{Values: map[string]float64{"clients": tc.clients, "fte": tc.fte}})
		if len(errs) > 0 {
			t.Errorf("%v/%v: %v", tc.clients, tc.fte, errs)
			continue
		}
		if got.Score == nil || *got.Score != tc.want || got.Rule != tc.rule || got.Method != MethodRule {
			t.Errorf("%v/%v: score %s rule %q method %s, want %d %q", tc.clients, tc.fte, str(got.Score), got.Rule, got.Method, tc.want, tc.rule)
		}
		if got.Value == nil || *got.Value != tc.clients/tc.fte {
			t.Errorf("%v/%v: value %v", tc.clients, tc.fte, got.Value)
		}
	}
}

func TestIncomplete(t *testing.T) {
	s := miniScale()
	cases := []struct {
		name, item string
		in         fidelity.ItemInput
		problem    string
	}{
		{"clients without fte", "CASE", fidelity.ItemInput{Values: map[string]float64{"clients": 30}}, "still needed: fte"},
		{"fte without clients", "CASE", fidelity.ItemInput{Values: map[string]float64{"fte": 2}}, "still needed: clients"},
		{"judge without score", "PH", fidelity.ItemInput{Values: map[string]float64{"phases": 0}},
			"still needed: a score of 1 or 2: for x < 1 the rule leaves the choice to the rater"},
		{"judge score before value", "PH", fidelity.ItemInput{Score: ip(2)}, "still needed: phases"},
		{"checklist values only", "EMP", fidelity.ItemInput{Choices: map[string]string{"listed": "no"}}, "still needed: employers; jobs"},
		{"specialists none", "SPS", fidelity.ItemInput{Evidence: "x", Sources: []string{"DOC"}}, ""},
		{"specialist without score", "SPS", fidelity.ItemInput{Specialists: []fidelity.SpecialistInput{{Score: ip(3)}, {Label: "Bo"}}},
			"still needed: Bo: a score"},
		{"specialist measure without tracking", "SPM", fidelity.ItemInput{Specialists: []fidelity.SpecialistInput{{Values: map[string]float64{"contacts": 3}}}},
			"still needed: specialist 1: tracking"},
		{"measure item-level only", "SPM", fidelity.ItemInput{Choices: map[string]string{"tracking": "weekly"}},
			"still needed: one entry per employment specialist"},
	}
	for _, tc := range cases {
		got, errs := ScoreItem(s, itemOfScale(t, s, tc.item), tc.in)
		if len(errs) > 0 {
			t.Errorf("%s: unexpected errors %v", tc.name, errs)
			continue
		}
		if got.Score != nil || got.Method != MethodMissing || got.Problem != tc.problem {
			t.Errorf("%s: %+v, want problem %q", tc.name, got, tc.problem)
		}
	}
	// The whole card: an incomplete item is missing, not an error.
	in := fullInputs()
	in[0] = fidelity.ItemInput{ItemID: "CASE", Values: map[string]float64{"clients": 30}}
	c := mustScore(t, s, in)
	if c.Complete || c.Valid || c.Total != nil || len(c.Missing) != 1 || c.Missing[0] != "CASE" {
		t.Errorf("card = %+v", c)
	}
}

func TestCaps(t *testing.T) {
	s := miniScale()
	it := itemOfScale(t, s, "EMP")
	cases := []struct {
		name string
		in   fidelity.ItemInput
		want int
		rule string
	}{
		{"no cap", fidelity.ItemInput{Values: map[string]float64{"employers": 20, "jobs": 20}}, 5, "x ≥ 96 → 5 (printed: ≥96%)"},
		{"jobs cap", fidelity.ItemInput{Values: map[string]float64{"employers": 9, "jobs": 9}}, 1,
			"x ≥ 96 → 5 (printed: ≥96%); cap: fewer than 10 jobs → at most 1"},
		{"jobs cap at 10 does not hold", fidelity.ItemInput{Values: map[string]float64{"employers": 10, "jobs": 10}}, 5, "x ≥ 96 → 5 (printed: ≥96%)"},
		{"cap that does not lower is not shown", fidelity.ItemInput{Values: map[string]float64{"employers": 5, "jobs": 9}}, 1, "x < 60 → 1 (printed: <60%)"},
		{"optional cap given", fidelity.ItemInput{Values: map[string]float64{"employers": 20, "jobs": 20}, Choices: map[string]string{"listed": "no"}}, 3,
			"x ≥ 96 → 5 (printed: ≥96%); cap: listed is no → at most 3"},
		{"optional cap not holding", fidelity.ItemInput{Values: map[string]float64{"employers": 20, "jobs": 20}, Choices: map[string]string{"listed": "yes"}}, 5,
			"x ≥ 96 → 5 (printed: ≥96%)"},
		{"two caps", fidelity.ItemInput{Values: map[string]float64{"employers": 5, "jobs": 5}, Choices: map[string]string{"listed": "no"}}, 1,
			"x ≥ 96 → 5 (printed: ≥96%); cap: fewer than 10 jobs → at most 1; cap: listed is no → at most 3"},
	}
	for _, tc := range cases {
		got, errs := ScoreItem(s, it, tc.in)
		if len(errs) > 0 || got.Score == nil || *got.Score != tc.want || got.Rule != tc.rule {
			t.Errorf("%s: score %s rule %q errs %v, want %d %q", tc.name, str(got.Score), got.Rule, errs, tc.want, tc.rule)
		}
	}
}

func TestJudge(t *testing.T) {
	s := miniScale()
	it := itemOfScale(t, s, "PH")
	for _, score := range []int{1, 2} {
		got, errs := ScoreItem(s, it, fidelity.ItemInput{Score: ip(score), Values: map[string]float64{"phases": 0}})
		if len(errs) > 0 || got.Score == nil || *got.Score != score || got.Method != MethodJudged {
			t.Fatalf("judged %d: %+v %v", score, got, errs)
		}
		if want := "x < 1 → judged 1 or 2, rated " + str(ip(score)) + " (printed: refers out)"; got.Rule != want {
			t.Errorf("rule %q, want %q", got.Rule, want)
		}
		if got.Value == nil || *got.Value != 0 {
			t.Errorf("value %v", got.Value)
		}
	}
	for phases, want := range []int{0: 0, 1: 3, 2: 3, 3: 3, 4: 3, 5: 4, 6: 5} {
		got, errs := ScoreItem(s, it, fidelity.ItemInput{Values: map[string]float64{"phases": float64(phases)}})
		if len(errs) > 0 {
			t.Fatalf("%d phases: %v", phases, errs)
		}
		if want == 0 {
			if got.Score != nil || got.Value == nil || !strings.Contains(got.Problem, "a score of 1 or 2") {
				t.Errorf("0 phases without score: %+v", got)
			}
			continue
		}
		if got.Score == nil || *got.Score != want || got.Method != MethodRule {
			t.Errorf("%d phases: %+v, want %d", phases, got, want)
		}
	}
}

func TestChecklist(t *testing.T) {
	s := miniScale()
	it := itemOfScale(t, s, "CHK")
	all := []string{"a", "b", "c", "d", "e"}
	for n, want := range []int{1, 1, 2, 3, 4, 5} {
		got, errs := ScoreItem(s, it, fidelity.ItemInput{Elements: append([]string{}, all[:n]...)})
		if len(errs) > 0 || got.Score == nil || *got.Score != want || got.Method != MethodChecklist {
			t.Errorf("%d elements: %+v %v, want %d", n, got, errs, want)
		}
		if got.Value == nil || *got.Value != float64(n) {
			t.Errorf("%d elements: value %v", n, got.Value)
		}
	}
	got, _ := ScoreItem(s, it, fidelity.ItemInput{Elements: []string{"e"}})
	if got.Rule != "x ≤ 1 → 1 (printed: 0–1)" {
		t.Errorf("rule %q", got.Rule)
	}
	got, _ = ScoreItem(s, it, fidelity.ItemInput{Elements: []string{"e", "a", "c"}})
	if got.Rule != "2 < x ≤ 3 → 3 (printed: 3)" {
		t.Errorf("rule %q", got.Rule)
	}
	// nil means not rated yet.
	got, errs := ScoreItem(s, it, fidelity.ItemInput{ItemID: "CHK"})
	if len(errs) > 0 || got.Score != nil || got.Problem != "" {
		t.Errorf("nil elements: %+v %v", got, errs)
	}
}

func TestPerSpecialistRounding(t *testing.T) {
	s := miniScale()
	it := itemOfScale(t, s, "SPS")
	spec := func(scores ...int) []fidelity.SpecialistInput {
		out := make([]fidelity.SpecialistInput, len(scores))
		for i, v := range scores {
			out[i] = fidelity.SpecialistInput{Score: ip(v)}
		}
		return out
	}
	many := func(n3, n4 int) []int { // n3 threes and n4 fours
		var out []int
		for range n3 {
			out = append(out, 3)
		}
		for range n4 {
			out = append(out, 4)
		}
		return out
	}
	cases := []struct {
		name   string
		scores []int
		want   int
		mean   float64
	}{
		{"one", []int{4}, 4, 4},
		{"2.5 ties up", []int{2, 3}, 3, 2.5},
		{"1.5 ties up", []int{1, 2}, 2, 1.5},
		{"3.5 ties up", []int{3, 4}, 4, 3.5},
		{"4.5 ties up", []int{5, 4}, 5, 4.5},
		{"3.49 down", many(51, 49), 3, 3.49},
		{"3.51 up", many(49, 51), 4, 3.51},
		{"2.33 down", []int{2, 2, 3}, 2, 7.0 / 3},
		{"2.67 up", []int{2, 3, 3}, 3, 8.0 / 3},
		{"1.25 down", []int{1, 1, 1, 2}, 1, 1.25},
		{"1.75 up", []int{1, 2, 2, 2}, 2, 1.75},
	}
	for _, tc := range cases {
		got, errs := ScoreItem(s, it, fidelity.ItemInput{Specialists: spec(tc.scores...)})
		if len(errs) > 0 || got.Score == nil || *got.Score != tc.want || got.Method != MethodPerSpecialist {
			t.Errorf("%s: %+v %v, want %d", tc.name, got, errs, tc.want)
			continue
		}
		if got.Value == nil || *got.Value != tc.mean {
			t.Errorf("%s: value %v, want %v", tc.name, got.Value, tc.mean)
		}
		if !strings.Contains(got.Detail, "rounds up") {
			t.Errorf("%s: detail does not state the tie rule: %q", tc.name, got.Detail)
		}
	}
	got, _ := ScoreItem(s, it, fidelity.ItemInput{Specialists: []fidelity.SpecialistInput{{Label: "Ann", Score: ip(2)}, {Score: ip(3)}}})
	want := "per specialist: Ann 2; specialist 2 3; mean 2.5 rounds to 3 (nearest level; a mean exactly halfway between two levels rounds up)"
	if got.Detail != want || got.Rule != "mean of 2 specialists 2.5 → 3" {
		t.Errorf("detail %q rule %q", got.Detail, got.Rule)
	}
}

func TestRoundMean(t *testing.T) {
	for n := 1; n <= 40; n++ {
		for sum := -3 * n; sum <= 6*n; sum++ {
			got := roundMean(sum, n)
			// Nearest integer, ties up: got − ½ ≤ sum/n < got + ½, in
			// integers (2·got − 1)·n ≤ 2·sum < (2·got + 1)·n.
			if !((2*got-1)*n <= 2*sum && 2*sum < (2*got+1)*n) {
				t.Fatalf("roundMean(%d, %d) = %d", sum, n, got)
			}
		}
	}
}

func TestPerSpecialistMeasure(t *testing.T) {
	s := miniScale()
	it := itemOfScale(t, s, "SPM")
	sp := func(label string, contacts float64, tracking string) fidelity.SpecialistInput {
		out := fidelity.SpecialistInput{Label: label, Values: map[string]float64{"contacts": contacts}}
		if tracking != "" {
			out.Choices = map[string]string{"tracking": tracking}
		}
		return out
	}
	cases := []struct {
		name  string
		in    fidelity.ItemInput
		want  int
		value float64
	}{
		{"item-level tracking", fidelity.ItemInput{Choices: map[string]string{"tracking": "weekly"},
			Specialists: []fidelity.SpecialistInput{sp("A", 6, ""), sp("B", 5, "")}}, 5, 4.5},
		{"item-level cap applies per specialist", fidelity.ItemInput{Choices: map[string]string{"tracking": "none"},
			Specialists: []fidelity.SpecialistInput{sp("A", 6, ""), sp("B", 1, "")}}, 2, 1.5},
		{"specialist overrides item level", fidelity.ItemInput{Choices: map[string]string{"tracking": "none"},
			Specialists: []fidelity.SpecialistInput{sp("A", 6, "weekly"), sp("B", 6, "")}}, 4, 3.5},
		{"monthly cap", fidelity.ItemInput{
			Specialists: []fidelity.SpecialistInput{sp("A", 7, "monthly"), sp("B", 5, "weekly")}}, 4, 3.5},
		{"item-level contacts shared", fidelity.ItemInput{Values: map[string]float64{"contacts": 4}, Choices: map[string]string{"tracking": "weekly"},
			Specialists: []fidelity.SpecialistInput{{Label: "A"}, sp("B", 2, "")}}, 3, 2.5},
	}
	for _, tc := range cases {
		got, errs := ScoreItem(s, it, tc.in)
		if len(errs) > 0 || got.Score == nil || *got.Score != tc.want || got.Value == nil || *got.Value != tc.value {
			t.Errorf("%s: %+v %v, want %d (mean %v)", tc.name, got, errs, tc.want, tc.value)
		}
	}
	got, _ := ScoreItem(s, it, cases[1].in)
	want := "per specialist: A 2 [x = 6: x ≥ 6 → 5 (printed: 6+); cap: no tracking → at most 2]; B 1 [x = 1: x < 2 → 1 (printed: <2)]; " +
		"mean 1.5 rounds to 2 (nearest level; a mean exactly halfway between two levels rounds up)"
	if got.Detail != want {
		t.Errorf("detail\n got %q\nwant %q", got.Detail, want)
	}
}

func TestScoreItemWrongID(t *testing.T) {
	s := miniScale()
	got, errs := ScoreItem(s, itemOfScale(t, s, "ORD"), fidelity.ItemInput{ItemID: "CASE", Score: ip(3)})
	if len(errs) != 1 || errs[0].Field != "item" || got.Score != nil || !strings.HasPrefix(got.Problem, "invalid input: item is") {
		t.Errorf("%+v %v", got, errs)
	}
}
