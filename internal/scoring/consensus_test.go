package scoring

import (
	"reflect"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

func TestProposeConsensus(t *testing.T) {
	s := miniScale()
	ann := fullInputs()
	ann[0].Evidence = "Ann's note on caseload"
	bo := fullInputs()
	// Bo: CASE same score (5) from different numbers; PCT differs (92 → 4 vs
	// 97 → 5); ORD missing; CHK same count, other elements.
	bo[0].Values = map[string]float64{"clients": 30, "fte": 2}
	bo[1].Values = map[string]float64{"percent": 97}
	bo[4] = fidelity.ItemInput{ItemID: "ORD", Evidence: "not decided"}
	bo[5].Elements = []string{"a", "b", "c", "d"}
	// Both leave PH unrated.
	ann[3] = fidelity.ItemInput{ItemID: "PH", Values: map[string]float64{"phases": 0}}
	bo[3] = fidelity.ItemInput{ItemID: "PH"}

	d, err := ProposeConsensus(s, []RaterInputs{{Rater: "ann", Inputs: ann}, {Rater: "bo", Inputs: bo}})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"CASE", "EMP", "CHK", "SPS", "SPM"}; !reflect.DeepEqual(d.Agreed, want) {
		t.Errorf("agreed %v, want %v", d.Agreed, want)
	}
	if want := []string{"PH"}; !reflect.DeepEqual(d.Unrated, want) {
		t.Errorf("unrated %v", d.Unrated)
	}
	if len(d.Disagreements) != 2 {
		t.Fatalf("disagreements %+v", d.Disagreements)
	}
	pct, ord := d.Disagreements[0], d.Disagreements[1]
	if pct.ItemID != "PCT" || pct.Spread != 1 || pct.OneSided || len(pct.Raters) != 2 ||
		pct.Raters[0].Rater != "ann" || *pct.Raters[0].Score != 4 || *pct.Raters[0].Value != 92 ||
		pct.Raters[1].Rater != "bo" || *pct.Raters[1].Score != 5 || pct.Raters[1].Input == nil ||
		pct.Raters[1].Input.Values["percent"] != 97 || pct.Raters[0].Rule == "" {
		t.Errorf("PCT disagreement %+v", pct)
	}
	if ord.ItemID != "ORD" || !ord.OneSided || ord.Spread != 0 || ord.Raters[1].Score != nil ||
		ord.Raters[1].Method != MethodMissing || ord.Raters[1].Input == nil || ord.Raters[1].Input.Evidence != "not decided" {
		t.Errorf("ORD disagreement %+v", ord)
	}
	// Pre-filled inputs are copies of the first rater's, in scale order.
	if len(d.Inputs) != 5 || d.Inputs[0].ItemID != "CASE" || d.Inputs[0].Evidence != "Ann's note on caseload" ||
		d.Inputs[0].Values["clients"] != 40 || d.Inputs[2].ItemID != "CHK" || len(d.Inputs[2].Elements) != 4 || d.Inputs[2].Elements[2] != "d" {
		t.Errorf("inputs %+v", d.Inputs)
	}
	d.Inputs[0].Values["clients"] = 1
	d.Inputs[4].Specialists[0].Values["contacts"] = 0
	if ann[0].Values["clients"] != 40 || ann[7].Specialists[0].Values["contacts"] != 6 {
		t.Error("the draft aliases the rater's input")
	}
	if d.Scorecard.Rated != 5 || d.Scorecard.Valid || d.ScaleID != "mini" || d.ScaleVersion != "1" ||
		!reflect.DeepEqual(d.Raters, []string{"ann", "bo"}) || len(d.Scorecards) != 2 || d.Scorecards[1].Rated != 6 {
		t.Errorf("draft %+v", d)
	}
}

func TestProposeConsensusAllAgree(t *testing.T) {
	s := miniScale()
	d, err := ProposeConsensus(s, []RaterInputs{{Rater: "a", Inputs: fullInputs()}, {Rater: "b", Inputs: fullInputs()}, {Rater: "c", Inputs: fullInputs()}})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Agreed) != 8 || len(d.Disagreements) != 0 || len(d.Unrated) != 0 || !d.Scorecard.Valid || *d.Scorecard.Total != fullTotal {
		t.Errorf("draft %+v", d)
	}
	if !reflect.DeepEqual(d.Inputs, fullInputs()) {
		t.Errorf("inputs differ from the rater's")
	}
}

func TestProposeConsensusErrors(t *testing.T) {
	s := miniScale()
	d, err := ProposeConsensus(s, nil)
	if err != nil || len(d.Unrated) != 8 || len(d.Agreed) != 0 || d.Scorecard.Rated != 0 {
		t.Errorf("no raters: %+v %v", d, err)
	}
	_, err = ProposeConsensus(s, []RaterInputs{
		{Rater: "a", Inputs: fullInputs()},
		{Rater: "a", Inputs: []fidelity.ItemInput{{ItemID: "ORD", Score: ip(8)}}},
		{Inputs: nil},
	})
	want := []fidelity.FieldError{
		{Field: "raters[1].rater", Reason: `duplicate of raters[0] ("a")`},
		{Field: "raters[1].items[0].score", Reason: "must be between 1 and 5"},
		{Field: "raters[2].rater", Reason: "is required"},
	}
	if fidelity.KindOf(err) != fidelity.KindInvalid || !reflect.DeepEqual(fidelity.FieldsOf(err), want) {
		t.Errorf("err %v", err)
	}
	if _, err := ProposeConsensus(nil, nil); fidelity.KindOf(err) != fidelity.KindInternal {
		t.Errorf("nil scale: %v", err)
	}
}
