package fidelity

// ItemInput is what one rater (or the consensus) records for one item.
// Exactly which fields are used depends on the item's type in the scale:
//
//   - ordinal items: Score (1–5) chosen from the anchor text;
//   - measured items: Values (e.g. "active_clients": 38, "specialist_fte": 2)
//     and Choices for categorical inputs; a Score may be given as well where
//     the rule leaves the choice to the rater ("judge" intervals);
//   - checklist items: Elements, the ids of the elements found present;
//   - per-specialist items: Specialists, one entry per employment specialist.
//
// Evidence and Sources document the rating; they never change the score.
type ItemInput struct {
	ItemID  string             `json:"item"`
	Score   *int               `json:"score,omitempty"`
	Values  map[string]float64 `json:"values,omitempty"`
	Choices map[string]string  `json:"choices,omitempty"`
	// Elements is nil when the checklist is not rated yet and an empty,
	// non-nil list when none of its elements is present; the JSON form keeps
	// the difference (null vs []).
	Elements    []string          `json:"elements"`
	Specialists []SpecialistInput `json:"specialists,omitempty"`
	Evidence    string            `json:"evidence,omitempty"`
	Sources     []string          `json:"sources,omitempty"`
}

// SpecialistInput is one employment specialist's value for a per-specialist
// item (Sv6 contacts per week, Sv7 quality of contact).
type SpecialistInput struct {
	Label   string             `json:"label,omitempty"`
	Score   *int               `json:"score,omitempty"`
	Values  map[string]float64 `json:"values,omitempty"`
	Choices map[string]string  `json:"choices,omitempty"`
}

// IsEmpty reports whether the input records nothing that could produce a
// score (evidence and sources alone do not).
func (in ItemInput) IsEmpty() bool {
	return in.Score == nil && len(in.Values) == 0 && len(in.Choices) == 0 &&
		in.Elements == nil && len(in.Specialists) == 0
}

// IntPtr is a convenience for literals in tests and fixtures.
func IntPtr(v int) *int { return &v }
