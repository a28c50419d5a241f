package store

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// A kept scorecard decodes to exactly what encoding/json makes of its text,
// a receiver changing its copy does not change the next one, and another
// text is another scorecard.
func TestScorecardCacheDecodesByText(t *testing.T) {
	c := newScorecardCache(4)
	score, total := 4, 99.0
	card := fidelity.Scorecard{ScaleID: "se-fidelity", Total: &total, Missing: []string{},
		Items: []fidelity.ItemScore{{ItemID: "S1", Score: &score, Judge: []int{1, 2}}}}
	text, _ := json.Marshal(card)
	var want fidelity.Scorecard
	if err := json.Unmarshal(text, &want); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		var got fidelity.Scorecard
		if err := c.decode(string(text), &got); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("read %d: %+v, want %+v", i, got, want)
		}
		*got.Items[0].Score, *got.Total = 1, 0 // the receiver's own copy
		got.Items[0].Judge[0], got.Missing = 9, append(got.Missing, "x")
	}
	if c.entries.Len() != 1 {
		t.Fatalf("%d entries for one text", c.entries.Len())
	}
	*card.Items[0].Score = 2
	other, _ := json.Marshal(card)
	var got fidelity.Scorecard
	if err := c.decode(string(other), &got); err != nil || *got.Items[0].Score != 2 {
		t.Fatalf("another text: %+v, %v", got, err)
	}
	if err := c.decode(`{"items": 3}`, &got); err == nil {
		t.Fatal("malformed text decoded")
	}
}
