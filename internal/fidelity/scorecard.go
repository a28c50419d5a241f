package fidelity

import "slices"

// Scorecard is the computed result of scoring one set of item inputs
// against one exact scale version. It is stored with every rating set so
// lists and reports read numbers instead of recomputing them.
type Scorecard struct {
	ScaleID      string `json:"scale"`
	ScaleVersion string `json:"scale_version"`
	// ScaleEncoding is the encoding revision of the scale file that
	// computed this scorecard; 0 in scorecards stored before revisions
	// were recorded, which were all computed by encoding 1.
	ScaleEncoding int             `json:"scale_encoding,omitempty"`
	Items         []ItemScore     `json:"items"`
	Sections      []Subtotal      `json:"sections"`
	Groupings     []GroupingScore `json:"groupings,omitempty"`
	// Total is the aggregate (sum or mean, per the scale) when Valid; nil otherwise.
	Total *float64 `json:"total"`
	// Min and Max are the possible range of Total under the scale.
	Min float64 `json:"min"`
	Max float64 `json:"max"`
	// Band is the id of the band Total falls in, "" when there is no valid total.
	Band string `json:"band"`
	// BandVerification is "partly_verified" or "recalled" when a cut-off of
	// Band is not verified against the published form.
	BandVerification string `json:"band_verification,omitempty"`
	// Rated and ItemCount count items with a score and items in the scale.
	Rated     int `json:"rated"`
	ItemCount int `json:"item_count"`
	// Complete is true when every item has a score.
	Complete bool `json:"complete"`
	// Missing lists the ids of items without a score, in scale order.
	Missing []string `json:"missing"`
	// Valid is true when the missing-data policy allows a total.
	Valid bool `json:"valid"`
	// InvalidReason says, in plain words, why there is no total.
	InvalidReason string `json:"invalid_reason,omitempty"`
	// Imputed is true when missing items were imputed under the policy.
	Imputed bool `json:"imputed,omitempty"`
}

// ItemScore is one item's score and how it came about.
type ItemScore struct {
	ItemID  string `json:"item"`
	Section string `json:"section"`
	// Score is 1–5, nil when the item has no (complete) input.
	Score *int `json:"score"`
	// Method is how the score was derived: "direct", "rule", "checklist",
	// "per-specialist", "judged" (a rule interval left the choice to the
	// rater), or "missing".
	Method string `json:"method"`
	// Value is the measured or derived number the rule was applied to
	// (caseload ratio, percentage, days, element count, specialist mean).
	Value *float64 `json:"value,omitempty"`
	// Rule describes the interval or condition that fired, e.g.
	// "20 < x ≤ 25 → 4 (printed: 21–25)" or "cap: no tracking → at most 2".
	Rule string `json:"rule,omitempty"`
	// Detail holds further explanation (per-specialist scores and the tie rule).
	Detail string `json:"detail,omitempty"`
	// Verification is "partly_verified" or "recalled" when the item is not
	// fully checked against the published form, "" when it is; reports
	// show it beside the score.
	Verification string `json:"verification,omitempty"`
	// Judge lists the scores the rule leaves to the rater for this input
	// (S3 with no phase: 1 or 2), whether or not one was chosen; empty
	// where the rule decides.
	Judge []int `json:"judge,omitempty"`
	// Problem explains why an input that was given could not be scored
	// (only set when Score is nil and something was entered).
	Problem string `json:"problem,omitempty"`
}

// Subtotal aggregates the items of one section or group.
type Subtotal struct {
	ID      string  `json:"id"`
	Sum     int     `json:"sum"`
	Max     int     `json:"max"`
	Percent float64 `json:"percent"` // Sum / Max of the rated items × 100
	Mean    float64 `json:"mean"`    // mean of rated items, 0 when none
	Rated   int     `json:"rated"`
	Items   int     `json:"items"`
}

// GroupingScore holds the subtotals of one extra grouping (IPS principles,
// EUSE stages).
type GroupingScore struct {
	ID     string     `json:"id"`
	Groups []Subtotal `json:"groups"`
}

// Score returns the item's score and whether it has one.
func (c Scorecard) Score(itemID string) (int, bool) {
	for _, it := range c.Items {
		if it.ItemID == itemID && it.Score != nil {
			return *it.Score, true
		}
	}
	return 0, false
}

// Disagreement is the difference between two scorecards on one item.
type Disagreement struct {
	ItemID string `json:"item"`
	A      *int   `json:"a"`
	B      *int   `json:"b"`
	// Size is |A−B|; 0 when either side has no score.
	Size int `json:"size"`
	// OneSided is true when only one side has a score.
	OneSided bool `json:"one_sided,omitempty"`
}

// Clone returns a copy of c that shares no memory with it (pointers and
// slices are copied), so a scorecard kept in a cache can be handed out
// and changed by its receiver without changing the cached one.
func (c Scorecard) Clone() Scorecard {
	out := c
	if c.Total != nil {
		t := *c.Total
		out.Total = &t
	}
	if c.Items != nil {
		out.Items = make([]ItemScore, len(c.Items))
		copy(out.Items, c.Items)
		// One allocation for every item's score and one for every value,
		// instead of one per item.
		scores := make([]int, len(c.Items))
		values := make([]float64, len(c.Items))
		for i := range out.Items {
			it := &out.Items[i]
			if it.Score != nil {
				scores[i] = *it.Score
				it.Score = &scores[i]
			}
			if it.Value != nil {
				values[i] = *it.Value
				it.Value = &values[i]
			}
			it.Judge = slices.Clone(it.Judge)
		}
	}
	out.Sections = slices.Clone(c.Sections)
	if c.Groupings != nil {
		out.Groupings = make([]GroupingScore, len(c.Groupings))
		for i, g := range c.Groupings {
			out.Groupings[i] = GroupingScore{ID: g.ID, Groups: slices.Clone(g.Groups)}
		}
	}
	out.Missing = slices.Clone(c.Missing)
	return out
}
