package scoring

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// FuzzScore decodes the fuzz bytes as JSON item inputs and scores them
// against the real SE Fidelity Scale and the Go-built mini scale. Scoring
// must never panic; errors must be KindInvalid with fields; a scorecard
// must be internally consistent.
func FuzzScore(f *testing.F) {
	if data, err := os.ReadFile(filepath.Join("testdata", "complete-review.json")); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`[{"item":"S1","values":{"active_clients":40,"specialist_fte":2}}]`))
	f.Add([]byte(`[{"item":"S3","elements":[],"score":2},{"item":"Sv7","specialists":[{"score":2},{"score":3}]}]`))
	f.Add([]byte(`[{"item":"CASE","values":{"clients":1e308,"fte":1e-300}},{"item":"SPM","choices":{"tracking":"none"},"specialists":[{}]}]`))
	ss := []*scale.Scale{seScale(f), miniScale()}
	f.Fuzz(func(t *testing.T, data []byte) {
		var in []fidelity.ItemInput
		if json.Unmarshal(data, &in) != nil {
			return
		}
		for _, s := range ss {
			c, err := Score(s, in)
			if err != nil {
				var fe *fidelity.Error
				if !errors.As(err, &fe) || fe.Kind != fidelity.KindInvalid || len(fe.Fields) == 0 {
					t.Fatalf("%s: error %v is not KindInvalid with fields", s.Ref(), err)
				}
				for _, f := range fe.Fields {
					if f.Field == "" || f.Reason == "" {
						t.Fatalf("%s: empty field error %+v", s.Ref(), f)
					}
				}
				continue
			}
			checkCard(t, s, c)
		}
	})
}

// checkCard asserts the invariants of a scorecard.
func checkCard(t *testing.T, s *scale.Scale, c fidelity.Scorecard) {
	t.Helper()
	if len(c.Items) != len(s.Items) || c.ItemCount != len(s.Items) {
		t.Fatalf("%s: %d items", s.Ref(), len(c.Items))
	}
	rated, sum := 0, 0
	var missing []string
	for k, it := range c.Items {
		if it.ItemID != s.Items[k].ID {
			t.Fatalf("items[%d] = %s, want %s", k, it.ItemID, s.Items[k].ID)
		}
		if it.Score == nil {
			if it.Method != MethodMissing {
				t.Fatalf("%s: no score but method %s", it.ItemID, it.Method)
			}
			missing = append(missing, it.ItemID)
			continue
		}
		if *it.Score < s.Levels.Min || *it.Score > s.Levels.Max {
			t.Fatalf("%s: score %d outside levels", it.ItemID, *it.Score)
		}
		if it.Value != nil && (math.IsNaN(*it.Value) || math.IsInf(*it.Value, 0)) {
			t.Fatalf("%s: value %v", it.ItemID, *it.Value)
		}
		rated++
		sum += *it.Score
	}
	if c.Rated != rated || len(c.Missing) != len(missing) || c.Complete != (len(missing) == 0) {
		t.Fatalf("rated %d/%d missing %v/%v", c.Rated, rated, c.Missing, missing)
	}
	secSum := 0
	for _, st := range c.Sections {
		secSum += st.Sum
		if st.Percent < 0 || st.Percent > 100 || st.Rated > st.Items {
			t.Fatalf("section %+v", st)
		}
	}
	if secSum != sum {
		t.Fatalf("sections sum to %d, items to %d", secSum, sum)
	}
	if c.Valid != (c.Total != nil) {
		t.Fatalf("valid %v total %v", c.Valid, c.Total)
	}
	if c.Total != nil {
		if *c.Total < c.Min || *c.Total > c.Max {
			t.Fatalf("total %v outside %v–%v", *c.Total, c.Min, c.Max)
		}
		if c.Band == "" {
			t.Fatalf("total %v has no band", *c.Total)
		}
	} else if c.InvalidReason == "" || c.Band != "" {
		t.Fatalf("invalid total without reason, or with band %q", c.Band)
	}
}

// ruleItems returns every item with a rule in the real and the mini scale.
func ruleItems(t testing.TB) []*scale.Item {
	var out []*scale.Item
	for _, s := range []*scale.Scale{seScale(t), miniScale()} {
		for k := range s.Items {
			if s.Items[k].Rule != nil {
				out = append(out, &s.Items[k])
			}
		}
	}
	return out
}

// FuzzInterval checks the interval lookup: inside the rule's domain
// exactly one interval contains x and the lookup returns it; NaN finds
// none; the result always contains x.
func FuzzInterval(f *testing.F) {
	items := ruleItems(f)
	for _, x := range []float64{0, 20, 20.01, 25, 30, 40, 40.01, 59.9, 60, 64, 64.5, 65, 96, 100, 270, 271, -1, 1e300, math.Inf(1)} {
		f.Add(uint8(0), x)
		f.Add(uint8(3), x)
	}
	f.Fuzz(func(t *testing.T, pick uint8, x float64) {
		it := items[int(pick)%len(items)]
		r := it.Rule
		k := findInterval(r, x)
		if math.IsNaN(x) {
			if k != -1 {
				t.Fatalf("%s: NaN found interval %d", it.ID, k)
			}
			return
		}
		n := 0
		for i := range r.Intervals {
			if r.Intervals[i].Contains(x) {
				if n == 0 && i != k {
					t.Fatalf("%s: x=%v first interval %d, lookup %d", it.ID, x, i, k)
				}
				n++
			}
		}
		inDomain := x >= r.Domain.Min && (r.Domain.Max == nil || x <= *r.Domain.Max)
		if inDomain && (n != 1 || k < 0) {
			t.Fatalf("%s: x=%v in domain is in %d intervals (lookup %d)", it.ID, x, n, k)
		}
		if k >= 0 {
			if !r.Intervals[k].Contains(x) {
				t.Fatalf("%s: interval %d does not contain %v", it.ID, k, x)
			}
			if boundsText(r.Intervals[k].Bounds) == "" {
				t.Fatalf("%s: empty bounds text", it.ID)
			}
		}
		if fmtNum(x) == "" {
			t.Fatal("empty number")
		}
	})
}
