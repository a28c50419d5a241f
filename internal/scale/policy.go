package scale

import (
	"slices"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// ReviewPolicy is the review cycle of a scale: how soon the next fidelity
// review falls due after one, and which review types count as one. It is
// part of the scale because programmes that use the same scale in different
// countries may follow different cycles (Wisconsin and Finland: 6 months
// below good fidelity, 12 at or above; the Dutch IPS programme: every two
// years), and a self-assessment is not a fidelity review in any of them.
type ReviewPolicy struct {
	// MonthsBelowGood is the interval after a review below good fidelity.
	MonthsBelowGood int `yaml:"months_below_good"`
	// MonthsAtGood is the interval after a review at or above it.
	MonthsAtGood int `yaml:"months_at_good"`
	// GoodBands are the band ids that count as good fidelity.
	GoodBands []string `yaml:"good_bands"`
	// ResetTypes are the review types whose finalised reviews of this
	// scale reset the clock. ("Latest review" views show external and
	// remote reviews by default, whatever the policy: fidelity.
	// FidelityReviewTypes.)
	ResetTypes []fidelity.ReviewType `yaml:"resets_clock"`
	Note       Text                  `yaml:"note,omitempty"`
}

// DefaultReviewPolicy is the Wisconsin/Finland rule: 6 months below good
// fidelity, 12 at or above it; external and remote reviews reset the clock.
func DefaultReviewPolicy() ReviewPolicy {
	return ReviewPolicy{
		MonthsBelowGood: 6, MonthsAtGood: 12,
		GoodBands:  []string{"good", "exemplary"},
		ResetTypes: fidelity.FidelityReviewTypes(),
	}
}

// Policy returns the scale's review policy, the default when the file has
// none.
func (s *Scale) Policy() ReviewPolicy {
	if s == nil || s.ReviewPolicy == nil {
		return DefaultReviewPolicy()
	}
	return *s.ReviewPolicy
}

// reviewPolicy checks that the policy names real bands and review types.
func (c *checker) reviewPolicy() {
	p := c.s.ReviewPolicy
	if p == nil {
		return
	}
	base := path{"review_policy"}
	if p.MonthsBelowGood < 1 {
		c.add(base.with("months_below_good"), "months_below_good must be at least 1")
	}
	if p.MonthsAtGood < 1 {
		c.add(base.with("months_at_good"), "months_at_good must be at least 1")
	}
	for i, b := range p.GoodBands {
		if !slices.ContainsFunc(c.s.Bands, func(x Band) bool { return x.ID == b }) {
			c.add(base.with("good_bands", i), "good band %q is not a band of the scale", b)
		}
	}
	if len(p.ResetTypes) == 0 {
		c.add(base.with("resets_clock"), "resets_clock must name at least one review type")
	}
	for i, t := range p.ResetTypes {
		if !t.Valid() {
			c.add(base.with("resets_clock", i), "unknown review type %q (external, remote or self)", t)
		}
	}
}
