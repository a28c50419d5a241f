package scale

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// withPolicy returns the example scale with a review_policy block appended.
func withPolicy(t *testing.T, block string) ([]byte, error) {
	t.Helper()
	data, err := os.ReadFile("testdata/valid/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return append(data, []byte(block)...), nil
}

func TestAScaleWithoutAReviewPolicyFollowsTheWisconsinRule(t *testing.T) {
	data, _ := withPolicy(t, "")
	s, err := Parse("example.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	p := s.Policy()
	if p.MonthsBelowGood != 6 || p.MonthsAtGood != 12 ||
		!slices.Equal(p.ResetTypes, []fidelity.ReviewType{fidelity.ReviewExternal, fidelity.ReviewRemote}) {
		t.Fatalf("default policy %+v, want 6/12 months reset by external and remote reviews", p)
	}
}

func TestTheDutchTwoYearCycleIsExpressible(t *testing.T) {
	data, _ := withPolicy(t, `review_policy:
  months_below_good: 24
  months_at_good: 24
  good_bands: [good]
  resets_clock: [external]
`)
	s, err := Parse("example.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	p := s.Policy()
	if p.MonthsBelowGood != 24 || p.MonthsAtGood != 24 || !slices.Equal(p.ResetTypes, []fidelity.ReviewType{fidelity.ReviewExternal}) {
		t.Fatalf("policy %+v, want a two-year cycle reset by external reviews only", p)
	}
}

func TestAReviewPolicyMustNameRealBandsAndTypes(t *testing.T) {
	for name, c := range map[string]struct{ block, field string }{
		"unknown band": {"review_policy: {months_below_good: 6, months_at_good: 12, good_bands: [superb], resets_clock: [external]}\n", "review_policy.good_bands[0]"},
		"unknown type": {"review_policy: {months_below_good: 6, months_at_good: 12, good_bands: [good], resets_clock: [peer]}\n", "review_policy.resets_clock[0]"},
		"no type":      {"review_policy: {months_below_good: 6, months_at_good: 12, good_bands: [good], resets_clock: []}\n", "review_policy.resets_clock"},
		"zero months":  {"review_policy: {months_below_good: 0, months_at_good: 12, good_bands: [good], resets_clock: [external]}\n", "review_policy.months_below_good"},
	} {
		t.Run(name, func(t *testing.T) {
			data, _ := withPolicy(t, c.block)
			_, err := Parse("example.yaml", data)
			if fidelity.KindOf(err) != fidelity.KindInvalid {
				t.Fatalf("got %v, want invalid", err)
			}
			found := false
			for _, f := range fidelity.FieldsOf(err) {
				found = found || strings.Contains(f.Field+" "+f.Reason, c.field)
			}
			if !found {
				t.Fatalf("no problem at %s: %v", c.field, fidelity.FieldsOf(err))
			}
		})
	}
}

func TestTheShippedScalesStateTheirReviewPolicy(t *testing.T) {
	cat := NewCatalog()
	if err := LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{"se-fidelity@2008", "ips-15@1996", "goi@2004"} {
		s, err := cat.Resolve(ref)
		if err != nil {
			t.Fatal(err)
		}
		if s.ReviewPolicy == nil || s.ReviewPolicy.MonthsBelowGood != 6 || s.ReviewPolicy.MonthsAtGood != 12 {
			t.Errorf("%s: review policy %+v, want the 6/12-month rule written out", ref, s.ReviewPolicy)
		}
	}
}
