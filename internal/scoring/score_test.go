package scoring

import (
	"reflect"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// ordinalScale has n ordinal items in two sections (first half "x", rest
// "y") and the given aggregation and policy.
func ordinalScale(n int, agg scale.Aggregation, maxMissing int, impute string) *scale.Scale {
	s := &scale.Scale{
		ID: "ord", Version: "2", Title: scale.Text{EN: "Ordinal Scale"},
		Levels: scale.Levels{Min: 1, Max: 5}, Aggregation: agg,
		Missing:  scale.MissingData{MaxMissing: maxMissing, Impute: impute},
		Sections: []scale.Section{{ID: "x"}, {ID: "y"}},
	}
	for i := range n {
		sec := "x"
		if i >= n/2 {
			sec = "y"
		}
		s.Items = append(s.Items, scale.Item{ID: "I" + string(rune('A'+i)), Section: sec, Type: scale.TypeOrdinal})
	}
	return s
}

func ordinalInputs(s *scale.Scale, scores ...int) []fidelity.ItemInput {
	var out []fidelity.ItemInput
	for i, v := range scores {
		if v == 0 {
			continue // missing
		}
		out = append(out, fidelity.ItemInput{ItemID: s.Items[i].ID, Score: ip(v)})
	}
	return out
}

func TestSubtotals(t *testing.T) {
	s := miniScale()
	in := fullInputs()
	in = in[1:] // CASE missing
	c := mustScore(t, s, in)
	want := []fidelity.Subtotal{
		// a: CASE (missing), PCT 4
		{ID: "a", Sum: 4, Max: 10, Percent: 80, Mean: 4, Rated: 1, Items: 2},
		// b: EMP 3, PH 5, ORD 3
		{ID: "b", Sum: 11, Max: 15, Percent: 100 * 11.0 / 15, Mean: 11.0 / 3, Rated: 3, Items: 3},
		// c: CHK 4, SPS 3, SPM 4
		{ID: "c", Sum: 11, Max: 15, Percent: 100 * 11.0 / 15, Mean: 11.0 / 3, Rated: 3, Items: 3},
	}
	if !reflect.DeepEqual(c.Sections, want) {
		t.Errorf("sections\n got %+v\nwant %+v", c.Sections, want)
	}
	wantG := []fidelity.GroupingScore{{ID: "g", Groups: []fidelity.Subtotal{
		{ID: "g1", Sum: 3, Max: 10, Percent: 60, Mean: 3, Rated: 1, Items: 2}, // ORD 3, CASE missing
		{ID: "g2", Sum: 4, Max: 5, Percent: 80, Mean: 4, Rated: 1, Items: 1},
	}}}
	if !reflect.DeepEqual(c.Groupings, wantG) {
		t.Errorf("groupings\n got %+v\nwant %+v", c.Groupings, wantG)
	}
	empty := mustScore(t, s, nil)
	for _, st := range empty.Sections {
		if st.Percent != 0 || st.Mean != 0 || st.Sum != 0 || st.Rated != 0 || st.Max == 0 {
			t.Errorf("empty section %+v", st)
		}
	}
	if empty.Total != nil || empty.Valid || empty.InvalidReason != "no item has a score yet" || len(empty.Missing) != 8 {
		t.Errorf("empty card %+v", empty)
	}
}

func TestMissingAllRequired(t *testing.T) {
	s := ordinalScale(6, scale.AggregateSum, 0, "")
	c := mustScore(t, s, ordinalInputs(s, 3, 0, 4, 0, 0, 5))
	if c.Valid || c.Total != nil || c.Band != "" || c.Complete || c.Rated != 3 {
		t.Errorf("card %+v", c)
	}
	if want := []string{"IB", "ID", "IE"}; !reflect.DeepEqual(c.Missing, want) {
		t.Errorf("missing %v", c.Missing)
	}
	if want := "3 of 6 items have no score (IB, ID, IE); the Ordinal Scale needs all items for a total"; c.InvalidReason != want {
		t.Errorf("reason %q", c.InvalidReason)
	}
	c = mustScore(t, s, ordinalInputs(s, 3, 3, 4, 0, 3, 5))
	if want := "1 of 6 items has no score (ID); the Ordinal Scale needs all items for a total"; c.InvalidReason != want {
		t.Errorf("reason %q", c.InvalidReason)
	}
}

func TestPersonMean(t *testing.T) {
	s := ordinalScale(6, scale.AggregateSum, 2, ImputePersonMean)
	s.Bands = []scale.Band{{ID: "lo", Bounds: bnd("6<=x<20")}, {ID: "hi", Bounds: bnd("20<=x<=30")}}
	cases := []struct {
		name    string
		scores  []int
		valid   bool
		total   float64
		imputed bool
		band    string
		reason  string
	}{
		{"complete", []int{3, 3, 3, 3, 4, 3}, true, 19, false, "lo", ""},
		// 5 rated, sum 16: 16 + 16/5 = 19.2 → band on 19.
		{"one missing", []int{3, 3, 3, 3, 4, 0}, true, 19.2, true, "lo", ""},
		// 4 rated, sum 13: 13 × 6/4 = 19.5 → rounds half up to 20 → hi.
		{"tie rounds up for the band", []int{3, 3, 3, 0, 4, 0}, true, 19.5, true, "hi", ""},
		// 4 rated, sum 12: 18.
		{"two missing", []int{3, 3, 3, 0, 3, 0}, true, 18, true, "lo", ""},
		{"three missing", []int{3, 0, 3, 0, 3, 0}, false, 0, false, "",
			"3 of 6 items have no score (IB, ID, IF); the Ordinal Scale allows at most 2 items without a score"},
	}
	for _, tc := range cases {
		c := mustScore(t, s, ordinalInputs(s, tc.scores...))
		if c.Valid != tc.valid || c.Imputed != tc.imputed || c.Band != tc.band || c.InvalidReason != tc.reason {
			t.Errorf("%s: valid %v imputed %v band %q reason %q", tc.name, c.Valid, c.Imputed, c.Band, c.InvalidReason)
		}
		if tc.valid && (c.Total == nil || *c.Total != tc.total) {
			t.Errorf("%s: total %v, want %v", tc.name, c.Total, tc.total)
		}
		if !tc.valid && c.Total != nil {
			t.Errorf("%s: total %v, want nil", tc.name, *c.Total)
		}
	}
}

func TestMeanAggregation(t *testing.T) {
	s := ordinalScale(4, scale.AggregateMean, 1, "none")
	s.Bands = []scale.Band{{ID: "lo", Bounds: bnd("1<=x<3")}, {ID: "hi", Bounds: bnd("3<=x<=5")}}
	c := mustScore(t, s, ordinalInputs(s, 2, 3, 4, 0))
	if !c.Valid || c.Total == nil || *c.Total != 3 || c.Band != "hi" || c.Imputed || c.Min != 1 || c.Max != 5 {
		t.Errorf("card %+v", c)
	}
	c = mustScore(t, s, ordinalInputs(s, 2, 3, 3, 3))
	if *c.Total != 2.75 || c.Band != "lo" {
		t.Errorf("mean %v band %q", *c.Total, c.Band)
	}
	c = mustScore(t, s, ordinalInputs(s, 2, 3, 0, 0))
	if c.Valid || c.Total != nil {
		t.Errorf("two missing of max one: %+v", c)
	}
}

func TestBandBoundaries(t *testing.T) {
	s := miniScale()
	// Drive the total with the ordinal-like items: use fullInputs (31) and
	// move ORD (3) between 1 and 5 and PCT between its intervals.
	cases := []struct {
		ord     int
		percent float64
		total   float64
		band    string
	}{
		{1, 92, 29, "mid"},
		{5, 92, 33, "high"},
		{4, 92, 32, "high"}, // 32 is the lower edge of high
		{3, 92, 31, "mid"},  // 31 the last of mid
		{1, 10, 26, "mid"},
	}
	for _, tc := range cases {
		in := fullInputs()
		in[4].Score = ip(tc.ord)
		in[1].Values = map[string]float64{"percent": tc.percent}
		c := mustScore(t, s, in)
		if c.Total == nil || *c.Total != tc.total || c.Band != tc.band {
			t.Errorf("ORD %d PCT %v: total %v band %q, want %v %q", tc.ord, tc.percent, c.Total, c.Band, tc.total, tc.band)
		}
	}
	// The band function itself at every edge.
	for _, tc := range []struct {
		x    float64
		band string
	}{{8, "low"}, {19, "low"}, {19.0001, "mid"}, {31.999, "mid"}, {32, "high"}, {40, "high"}, {7.9, ""}, {40.1, ""}} {
		if got := band(s, tc.x); got != tc.band {
			t.Errorf("band(%v) = %q, want %q", tc.x, got, tc.band)
		}
	}
}

func TestDeterministic(t *testing.T) {
	s := miniScale()
	in := fullInputs()
	a := mustScore(t, s, in)
	for range 20 {
		if b := mustScore(t, s, in); !reflect.DeepEqual(a, b) {
			t.Fatal("Score is not deterministic")
		}
	}
	bad := []fidelity.ItemInput{{ItemID: "CASE", Values: map[string]float64{"a": 1, "b": 2, "c": 3, "d": 4, "fte": -1, "clients": -1}}}
	_, e1 := Score(s, bad)
	for range 20 {
		_, e2 := Score(s, bad)
		if !reflect.DeepEqual(fidelity.FieldsOf(e1), fidelity.FieldsOf(e2)) {
			t.Fatal("field errors are not in a stable order")
		}
	}
	// Inputs are not modified.
	before := fullInputs()
	mustScore(t, s, in)
	if !reflect.DeepEqual(before, in) {
		t.Error("Score modified its inputs")
	}
}

func TestCompare(t *testing.T) {
	s := ordinalScale(6, scale.AggregateSum, 0, "")
	a := mustScore(t, s, ordinalInputs(s, 3, 4, 0, 5, 0, 2))
	b := mustScore(t, s, ordinalInputs(s, 3, 2, 4, 1, 0, 2))
	got := Compare(a, b)
	want := []fidelity.Disagreement{
		{ItemID: "IB", A: ip(4), B: ip(2), Size: 2},
		{ItemID: "IC", A: nil, B: ip(4), OneSided: true},
		{ItemID: "ID", A: ip(5), B: ip(1), Size: 4},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Compare\n got %+v\nwant %+v", got, want)
	}
	if d := Compare(a, a); len(d) != 0 {
		t.Errorf("self-compare: %+v", d)
	}
	// Symmetric up to A/B.
	rev := Compare(b, a)
	for i := range rev {
		if rev[i].ItemID != want[i].ItemID || rev[i].Size != want[i].Size || rev[i].OneSided != want[i].OneSided {
			t.Errorf("reverse %+v", rev[i])
		}
	}
	// Items in b only come after a's, in b's order; a different order in b
	// is matched by id.
	b2 := b
	b2.Items = []fidelity.ItemScore{b.Items[5], b.Items[1], {ItemID: "EXTRA", Score: ip(3)}}
	a2 := a
	a2.Items = a.Items[:3]
	got = Compare(a2, b2)
	want = []fidelity.Disagreement{
		{ItemID: "IA", A: ip(3), B: nil, OneSided: true},
		{ItemID: "IB", A: ip(4), B: ip(2), Size: 2},
		{ItemID: "IF", A: nil, B: ip(2), OneSided: true},
		{ItemID: "EXTRA", A: nil, B: ip(3), OneSided: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Compare reordered\n got %+v\nwant %+v", got, want)
	}
	// The result does not alias the scorecards.
	d := Compare(a, b)
	*d[0].A = 99
	if *a.Items[1].Score != 4 {
		t.Error("Compare aliases scorecard scores")
	}
}
