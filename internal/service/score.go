package service

import (
	"context"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scoring"
)

// ReviewScore is everything scored on a review: per rater, the consensus,
// and the disagreements between raters.
type ReviewScore struct {
	Review        fidelity.Review
	Consensus     *fidelity.Scorecard
	Raters        []RatingSummary
	Disagreements []PairDisagreement
}

// PairDisagreement lists the items two raters scored differently.
type PairDisagreement struct {
	A, B  string
	Items []fidelity.Disagreement
}

// Score reads the stored scorecards of a review (never recomputing them)
// and compares raters pairwise once blind rating allows it.
func (s *Service) Score(ctx context.Context, reviewID string) (ReviewScore, error) {
	r, err := visibleReview(ctx, s.store, reviewID)
	if err != nil {
		return ReviewScore{}, err
	}
	sets, err := s.store.ListRatingSetHeads(ctx, reviewID, true)
	if err != nil {
		return ReviewScore{}, err
	}
	return s.scoreOf(ctx, r, sets), nil
}

// scoreOf is Score once the review and its rating sets (with their
// scorecards) are read.
func (s *Service) scoreOf(ctx context.Context, r fidelity.Review, sets []fidelity.RatingSet) ReviewScore {
	out := ReviewScore{Review: r, Disagreements: []PairDisagreement{}}
	cards := map[string]fidelity.Scorecard{}
	for _, rs := range sets {
		if rs.RaterKey == fidelity.ConsensusKey {
			card := rs.Scorecard
			out.Consensus = &card
			continue
		}
		cards[rs.RaterKey] = rs.Scorecard
	}
	out.Raters = s.summaries(ctx, r, sets)
	blind := s.blindRuleFor(ctx)
	for i, a := range r.RaterIDs {
		for _, b := range r.RaterIDs[i+1:] {
			ca, okA := cards[a]
			cb, okB := cards[b]
			if !okA || !okB || !blind.shows(r.Status, a) || !blind.shows(r.Status, b) {
				continue
			}
			out.Disagreements = append(out.Disagreements, PairDisagreement{A: a, B: b, Items: scoring.Compare(ca, cb)})
		}
	}
	return out
}

// ScoreInputs scores inputs against a scale without storing anything (the
// live score a rater sees while typing; offline checks).
func (s *Service) ScoreInputs(ref string, items []fidelity.ItemInput) (fidelity.Scorecard, error) {
	sc, err := s.scales.Resolve(ref)
	if err != nil {
		return fidelity.Scorecard{}, &fidelity.Error{Kind: fidelity.KindNotFound, Message: "unknown scale",
			Fields: []fidelity.FieldError{{Field: "scale", Reason: "no scale " + ref + " is published"}}}
	}
	if len(items) > MaxItemsPerRequest {
		return fidelity.Scorecard{}, fidelity.Invalid("too many items", fidelity.FieldError{Field: "items", Reason: "at most 200 items per request"})
	}
	return scoring.Score(sc, items)
}
