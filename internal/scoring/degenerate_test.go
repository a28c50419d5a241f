package scoring

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// Every degenerate case of every shipped scale does what its file says: a
// team with no current jobs, no jobs or no employer contacts gets the
// stated score (never a refused total), and a value that is no real team
// state (no specialist time, no scheduled hours, no clients) is refused
// with the file's reason.
func TestEveryDegenerateCaseOfTheShippedScales(t *testing.T) {
	files, _ := filepath.Glob("../../scales/*/*.yaml")
	// scales/maps holds item maps between versions, not scales.
	files = slices.DeleteFunc(files, func(f string) bool { return filepath.Base(filepath.Dir(f)) == "maps" })
	if len(files) < 3 {
		t.Fatalf("found %d scale files", len(files))
	}
	cases := 0
	for _, f := range files {
		s, err := scale.LoadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i := range s.Items {
			it := &s.Items[i]
			if it.Rule == nil {
				continue
			}
			for _, d := range it.Rule.Degenerate {
				cases++
				t.Run(s.Ref()+"/"+it.ID+"/"+d.Input, func(t *testing.T) {
					// The degenerate input at its value, every other number
					// at 0 (no part of an empty whole), the first option of
					// every choice.
					values := map[string]float64{}
					choices := map[string]string{}
					for _, in := range it.Rule.Inputs {
						switch {
						case in.Kind == "choice":
							choices[in.ID] = in.Options[0].ID
						case in.ID == d.Input:
							values[in.ID] = d.EQ
						case !in.Optional:
							values[in.ID] = 0
						}
					}
					in := fidelity.ItemInput{ItemID: it.ID, Values: values, Choices: choices}
					if it.Type == scale.TypePerSpecialist {
						in = fidelity.ItemInput{ItemID: it.ID, Specialists: []fidelity.SpecialistInput{{Values: values, Choices: choices}}}
					}
					if len(d.Judge) > 0 {
						in.Score = &d.Judge[0]
					}
					got, errs := ScoreItem(s, it, in)
					if d.Reject {
						if len(errs) == 0 || !strings.Contains(errs[0].Reason, d.Reason.EN) {
							t.Fatalf("want refused with the file's reason, got %+v %v", got, errs)
						}
						return
					}
					want := d.Score
					if len(d.Judge) > 0 {
						want = d.Judge[0]
					}
					if len(errs) > 0 || got.Score == nil || *got.Score != want {
						t.Fatalf("want %d, got %+v %v", want, got, errs)
					}
					if !strings.Contains(got.Rule, d.Reason.EN) {
						t.Errorf("rule %q does not give the reason", got.Rule)
					}
				})
			}
		}
	}
	if cases < 10 {
		t.Fatalf("only %d degenerate cases in the shipped scales", cases)
	}
}
