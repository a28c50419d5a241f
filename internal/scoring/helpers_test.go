package scoring

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

func fp(v float64) *float64 { return &v }
func ip(v int) *int         { return &v }

var boundsRE = regexp.MustCompile(`^(?:(-?[0-9.]+)(<=|<))?x(?:(<=|<|>=|>|=)(-?[0-9.]+))?$`)

// bnd parses "20<x<=25", "x<=20", "x>40", "90<=x<96", "x=3" into Bounds.
func bnd(spec string) scale.Bounds {
	m := boundsRE.FindStringSubmatch(spec)
	if m == nil {
		panic("bad bounds " + spec)
	}
	var b scale.Bounds
	val := func(s string) *float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			panic(err)
		}
		return &v
	}
	switch m[2] {
	case "<=":
		b.GE = val(m[1])
	case "<":
		b.GT = val(m[1])
	}
	switch m[3] {
	case "<=":
		b.LE = val(m[4])
	case "<":
		b.LT = val(m[4])
	case ">=":
		b.GE = val(m[4])
	case ">":
		b.GT = val(m[4])
	case "=":
		b.GE, b.LE = val(m[4]), val(m[4])
	}
	return b
}

// iv builds a scored interval.
func iv(spec string, score int, printed string) scale.Interval {
	return scale.Interval{Bounds: bnd(spec), Score: score, Printed: printed}
}

// judge builds a judge interval.
func judge(spec string, printed string, scores ...int) scale.Interval {
	return scale.Interval{Bounds: bnd(spec), Judge: scores, Printed: printed}
}

func numInput(id string, min, max *float64, minExcl bool) scale.Input {
	return scale.Input{ID: id, Kind: "number", Min: min, Max: max, MinExclusive: minExcl}
}

func choiceInput(id string, optional bool, options ...string) scale.Input {
	in := scale.Input{ID: id, Kind: "choice", Optional: optional}
	for _, o := range options {
		in.Options = append(in.Options, scale.Option{ID: o})
	}
	return in
}

func countIntervals(n int) []scale.Interval {
	// 0–1 → 1 for five elements, as the SE Fidelity Scale prints it; in
	// general: count ≤ n-4 → 1, then one level per element.
	out := []scale.Interval{iv(fmt.Sprintf("x<=%d", n-4), 1, fmt.Sprintf("0–%d", n-4))}
	for k := n - 3; k <= n; k++ {
		out = append(out, iv(fmt.Sprintf("%d<x<=%d", k-1, k), k-(n-5), strconv.Itoa(k)))
	}
	return out
}

// miniScale is a small scale with one item of every kind:
//
//	CASE  measured ratio clients ÷ fte (caseload intervals)
//	PCT   measured value percent (employment-services intervals)
//	EMP   measured percent employers ÷ jobs, cap jobs < 10 → 1, optional
//	      choice cap "listed" = no → at most 3
//	PH    measured value phases 0–6, 0 is a judge interval (1 or 2)
//	ORD   ordinal
//	CHK   checklist of five elements a–e
//	SPS   per specialist, score
//	SPM   per specialist, measure: contacts per week, tracking choice
//	      (none → at most 2, monthly → at most 3)
func miniScale() *scale.Scale {
	pct := []scale.Interval{
		iv("x<60", 1, "<60%"), iv("60<=x<75", 2, "60–74%"), iv("75<=x<90", 3, "75–89%"),
		iv("90<=x<96", 4, "90–95%"), iv("x>=96", 5, "≥96%"),
	}
	s := &scale.Scale{
		ID: "mini", Version: "1", Title: scale.Text{EN: "Mini Scale"},
		Levels:      scale.Levels{Min: 1, Max: 5},
		Aggregation: scale.AggregateSum,
		Sections:    []scale.Section{{ID: "a"}, {ID: "b"}, {ID: "c"}},
		Groupings: []scale.Grouping{{ID: "g", Groups: []scale.Group{
			{ID: "g1", Items: []string{"ORD", "CASE"}},
			{ID: "g2", Items: []string{"CHK"}},
		}}},
		Items: []scale.Item{
			{ID: "CASE", Section: "a", Type: scale.TypeMeasured, Rule: &scale.Rule{
				Inputs: []scale.Input{numInput("clients", fp(0), nil, false), numInput("fte", fp(0), fp(50), true)},
				Derive: scale.Derive{Kind: scale.DeriveRatio, Numerator: "clients", Denominator: "fte"},
				Domain: scale.Domain{Min: 0},
				Intervals: []scale.Interval{
					iv("x<=20", 5, "≤20"), iv("20<x<=25", 4, "21–25"), iv("25<x<=30", 3, "26–30"),
					iv("30<x<=40", 2, "31–40"), iv("x>40", 1, "≥41"),
				},
			}},
			{ID: "PCT", Section: "a", Type: scale.TypeMeasured, Rule: &scale.Rule{
				Inputs:    []scale.Input{numInput("percent", fp(0), fp(100), false)},
				Derive:    scale.Derive{Kind: scale.DeriveValue, Of: "percent"},
				Domain:    scale.Domain{Min: 0, Max: fp(100)},
				Intervals: pct,
			}},
			{ID: "EMP", Section: "b", Type: scale.TypeMeasured, Rule: &scale.Rule{
				Inputs: []scale.Input{
					numInput("employers", fp(0), nil, false), numInput("jobs", fp(0), nil, false),
					choiceInput("listed", true, "yes", "no"),
				},
				Derive:    scale.Derive{Kind: scale.DerivePercent, Numerator: "employers", Denominator: "jobs"},
				Domain:    scale.Domain{Min: 0, Max: fp(100)},
				Intervals: pct,
				Caps: []scale.Cap{
					{Input: "jobs", LT: fp(10), MaxScore: 1, Printed: scale.Text{EN: "fewer than 10 jobs"}},
					{Input: "listed", In: []string{"no"}, MaxScore: 3},
				},
			}},
			{ID: "PH", Section: "b", Type: scale.TypeMeasured, Rule: &scale.Rule{
				Inputs: []scale.Input{numInput("phases", fp(0), fp(6), false)},
				Derive: scale.Derive{Kind: scale.DeriveValue, Of: "phases"},
				Domain: scale.Domain{Min: 0, Max: fp(6)},
				Intervals: []scale.Interval{
					judge("x<1", "refers out", 1, 2), iv("1<=x<5", 3, "1–4 phases"),
					iv("5<=x<6", 4, "5 phases"), iv("x=6", 5, "all 6"),
				},
			}},
			{ID: "ORD", Section: "b", Type: scale.TypeOrdinal},
			{ID: "CHK", Section: "c", Type: scale.TypeChecklist,
				Elements: []scale.Element{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}, {ID: "e"}},
				Rule: &scale.Rule{
					Derive:    scale.Derive{Kind: scale.DeriveCount},
					Domain:    scale.Domain{Min: 0, Max: fp(5)},
					Intervals: countIntervals(5),
				}},
			{ID: "SPS", Section: "c", Type: scale.TypePerSpecialist, Specialist: "score"},
			{ID: "SPM", Section: "c", Type: scale.TypePerSpecialist, Specialist: "measure", Rule: &scale.Rule{
				Inputs: []scale.Input{
					numInput("contacts", fp(0), fp(100), false),
					choiceInput("tracking", false, "none", "monthly", "weekly"),
				},
				Derive: scale.Derive{Kind: scale.DeriveValue, Of: "contacts"},
				Domain: scale.Domain{Min: 0, Max: fp(100)},
				Intervals: []scale.Interval{
					iv("x<2", 1, "<2"), iv("2<=x<4", 2, "2–3"), iv("4<=x<5", 3, "4"),
					iv("5<=x<6", 4, "5"), iv("x>=6", 5, "6+"),
				},
				Caps: []scale.Cap{
					{Input: "tracking", In: []string{"none"}, MaxScore: 2, Printed: scale.Text{EN: "no tracking"}},
					{Input: "tracking", In: []string{"monthly"}, MaxScore: 3},
				},
			}},
		},
	}
	// 8 items: total 8–40.
	s.Bands = []scale.Band{
		{ID: "low", Bounds: bnd("8<=x<=19")},
		{ID: "mid", Bounds: bnd("19<x<32")},
		{ID: "high", Bounds: bnd("32<=x<=40")},
	}
	return s
}

// fullInputs rates every item of miniScale (scores in the comments).
func fullInputs() []fidelity.ItemInput {
	return []fidelity.ItemInput{
		{ItemID: "CASE", Values: map[string]float64{"clients": 40, "fte": 2}},                    // 20 → 5
		{ItemID: "PCT", Values: map[string]float64{"percent": 92}},                               // 4
		{ItemID: "EMP", Values: map[string]float64{"employers": 16, "jobs": 20}},                 // 80 → 3
		{ItemID: "PH", Values: map[string]float64{"phases": 6}},                                  // 5
		{ItemID: "ORD", Score: ip(3)},                                                            // 3
		{ItemID: "CHK", Elements: []string{"a", "b", "d", "e"}},                                  // 4
		{ItemID: "SPS", Specialists: []fidelity.SpecialistInput{{Score: ip(2)}, {Score: ip(3)}}}, // 2.5 → 3
		{ItemID: "SPM", Choices: map[string]string{"tracking": "weekly"}, Specialists: []fidelity.SpecialistInput{
			{Label: "Ann", Values: map[string]float64{"contacts": 6}},
			{Label: "Bo", Values: map[string]float64{"contacts": 4}},
		}}, // 5, 3 → 4
	}
}

// fullTotal is the total of fullInputs: 5+4+3+5+3+4+3+4.
const fullTotal = 31

func mustScore(t testing.TB, s *scale.Scale, in []fidelity.ItemInput) fidelity.Scorecard {
	t.Helper()
	c, err := Score(s, in)
	if err != nil {
		t.Fatalf("Score: %v", err)
	}
	return c
}

func scoreOf(t testing.TB, c fidelity.Scorecard, id string) *int {
	t.Helper()
	for _, it := range c.Items {
		if it.ItemID == id {
			return it.Score
		}
	}
	t.Fatalf("no item %s in scorecard", id)
	return nil
}

func itemOf(t testing.TB, c fidelity.Scorecard, id string) fidelity.ItemScore {
	t.Helper()
	for _, it := range c.Items {
		if it.ItemID == id {
			return it
		}
	}
	t.Fatalf("no item %s in scorecard", id)
	return fidelity.ItemScore{}
}

func itemOfScale(t testing.TB, s *scale.Scale, id string) *scale.Item {
	t.Helper()
	it, ok := s.Item(id)
	if !ok {
		t.Fatalf("no item %s in %s", id, s.Ref())
	}
	return it
}

func str(p *int) string {
	if p == nil {
		return "nil"
	}
	return strconv.Itoa(*p)
}
