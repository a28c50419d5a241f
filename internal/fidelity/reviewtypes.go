package fidelity

import "slices"

// Valid reports whether t is one of the review types.
func (t ReviewType) Valid() bool {
	return t == ReviewExternal || t == ReviewSelf || t == ReviewRemote
}

// FidelityReviewTypes are the review types that count as a fidelity review:
// external and remote reviews by trained reviewers from outside the team.
// A self-assessment is the team's own view, useful for learning but not a
// fidelity review, so "latest review" views (league tables, transitions,
// heatmaps, due dates) use these types unless a caller chooses otherwise.
func FidelityReviewTypes() []ReviewType { return []ReviewType{ReviewExternal, ReviewRemote} }

// ReviewTypesOr returns types, or the fidelity review types when it is
// empty, sorted and without repeats so reports state them the same way
// however they were asked for.
func ReviewTypesOr(types []ReviewType) []ReviewType {
	if len(types) == 0 {
		return FidelityReviewTypes()
	}
	out := slices.Clone(types)
	slices.Sort(out)
	return slices.Compact(out)
}
