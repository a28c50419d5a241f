package scoring

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func readReview(t testing.TB, name string) []fidelity.ItemInput {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var in []fidelity.ItemInput
	if err := dec.Decode(&in); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return in
}

// TestGoldenCompleteReview scores a complete, realistic review of a team
// with three employment specialists. The total was worked out by hand:
//
//	Staffing      S1 52/2.5 = 20.8 → 4, S2 72/75 = 96 % → 5, S3 6 phases → 5      = 14
//	Organization  O1 41/45 = 91.1 % → 5, O2 4 el. → 4, O3 3, O4 4, O5 3 el. → 3,
//	              O6 5, O7 4 el. → 4, O8 2 el. → 2                                = 30
//	Services      Sv1 4, Sv2 3 el. → 4, Sv3 4, Sv4 45 days → 4, Sv5 34/40 = 85 % → 4,
//	              Sv6 Kari 6.5 → 5, Ola 4 → 3, Nina 5.5 → 4, mean 4 → 4,
//	              Sv7 4, 3, 3 → 3.33 → 3, Sv8 14/19 = 73.7 % → 4,
//	              Sv9 17/19 = 89.5 % → 5, Sv10 18/19 = 94.7 % → 4, Sv11 4, Sv12 3,
//	              Sv13 48/75 = 64 % → 4, Sv14 5 strategies → 4                    = 55
//	Total 14 + 30 + 55 = 99: fair fidelity (74–99), one point short of good.
func TestGoldenCompleteReview(t *testing.T) {
	s := seScale(t)
	in := readReview(t, "complete-review.json")
	c, err := Score(s, in)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{
		"S1": 4, "S2": 5, "S3": 5,
		"O1": 5, "O2": 4, "O3": 3, "O4": 4, "O5": 3, "O6": 5, "O7": 4, "O8": 2,
		"Sv1": 4, "Sv2": 4, "Sv3": 4, "Sv4": 4, "Sv5": 4, "Sv6": 4, "Sv7": 3, "Sv8": 4,
		"Sv9": 5, "Sv10": 4, "Sv11": 4, "Sv12": 3, "Sv13": 4, "Sv14": 4,
	}
	for id, w := range want {
		if got := scoreOf(t, c, id); got == nil || *got != w {
			t.Errorf("%s = %s, want %d", id, str(got), w)
		}
	}
	if c.Total == nil || *c.Total != 99 || c.Band != "fair" || !c.Valid || !c.Complete || c.Rated != 25 {
		t.Fatalf("total %v band %q valid %v complete %v", c.Total, c.Band, c.Valid, c.Complete)
	}
	for i, want := range []int{14, 30, 55} {
		if c.Sections[i].Sum != want {
			t.Errorf("section %s = %d, want %d", c.Sections[i].ID, c.Sections[i].Sum, want)
		}
	}
	if c.ScaleID != "se-fidelity" || c.ScaleVersion != "2008" {
		t.Errorf("scale %s@%s", c.ScaleID, c.ScaleVersion)
	}

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(c); err != nil {
		t.Fatal(err)
	}
	got := buf.Bytes()
	golden := filepath.Join("testdata", "complete-review.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wantJSON, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, wantJSON) {
		t.Errorf("scorecard differs from %s (run with -update after checking the change):\n%s", golden, got)
	}
}

// TestGoldenConsensus runs the consensus draft on the golden review and a
// second rater who differs on two items.
func TestGoldenConsensus(t *testing.T) {
	s := seScale(t)
	a := readReview(t, "complete-review.json")
	b := readReview(t, "complete-review.json")
	for i := range b {
		switch b[i].ItemID {
		case "O3":
			b[i].Score = ip(4)
		case "S1":
			b[i].Values["active_clients"] = 49 // 19.6 → 5
		}
	}
	d, err := ProposeConsensus(s, []RaterInputs{{Rater: "r1", Inputs: a}, {Rater: "r2", Inputs: b}})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Agreed) != 23 || len(d.Disagreements) != 2 || d.Disagreements[0].ItemID != "S1" || d.Disagreements[1].ItemID != "O3" {
		t.Fatalf("draft agreed %v disagreements %+v", d.Agreed, d.Disagreements)
	}
	if d.Scorecard.Rated != 23 || d.Scorecard.Valid {
		t.Errorf("draft scorecard %+v", d.Scorecard)
	}
	ca, cb := d.Scorecards[0], d.Scorecards[1]
	dis := Compare(ca, cb)
	if len(dis) != 2 || dis[0].ItemID != "S1" || dis[0].Size != 1 || dis[1].ItemID != "O3" || dis[1].Size != 1 {
		t.Errorf("Compare %+v", dis)
	}
}
