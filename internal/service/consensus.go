package service

import (
	"context"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scoring"
)

// ConsensusDraft returns the server's proposal for the consensus: items on
// which all raters agree are pre-filled, disagreements are listed with
// every rater's value.
func (s *Service) ConsensusDraft(ctx context.Context, reviewID string) (scoring.ConsensusDraft, error) {
	r, err := visibleReview(ctx, s.store, reviewID)
	if err != nil {
		return scoring.ConsensusDraft{}, err
	}
	sets, err := s.store.ListRatingSets(ctx, reviewID)
	if err != nil {
		return scoring.ConsensusDraft{}, err
	}
	if ratingsOpen(r.Status) {
		return scoring.ConsensusDraft{}, fidelity.Errorf(fidelity.KindConflict,
			"review %s: the consensus draft is available once every rater has submitted", reviewID)
	}
	sc, err := s.resolveScale(r.ScaleID, r.ScaleVersion)
	if err != nil {
		return scoring.ConsensusDraft{}, err
	}
	return scoring.ProposeConsensus(sc, raterInputs(r, sets))
}

// raterInputs orders the raters' inputs as the review lists its raters.
func raterInputs(r fidelity.Review, sets []fidelity.RatingSet) []scoring.RaterInputs {
	var out []scoring.RaterInputs
	for _, id := range r.RaterIDs {
		for _, rs := range sets {
			if rs.RaterKey == id {
				out = append(out, scoring.RaterInputs{Rater: id, Inputs: rs.Inputs})
			}
		}
	}
	return out
}

// SaveConsensus stores the agreed item inputs, scores them and copies the
// total and band onto the review.
func (s *Service) SaveConsensus(ctx context.Context, reviewID string, ifVersion int, items []fidelity.ItemInput) (fidelity.RatingSet, error) {
	if err := requireRole(ctx, fidelity.RoleLead, fidelity.RoleRater); err != nil {
		return fidelity.RatingSet{}, err
	}
	if len(items) > MaxItemsPerRequest {
		return fidelity.RatingSet{}, fidelity.Invalid("too many items", fidelity.FieldError{Field: "items", Reason: "at most 200 items per request"})
	}
	var out fidelity.RatingSet
	err := retryStale(ctx, func() error {
		return s.store.InTx(ctx, func(tx Store) error {
			r, path, err := lockedReviewAt(ctx, tx, reviewID)
			if err != nil {
				return err
			}
			if err := requireAssigned(ctx, r, "enter the consensus of"); err != nil {
				return err
			}
			switch r.Status {
			case fidelity.StatusPlanned, fidelity.StatusInProgress:
				return fidelity.Errorf(fidelity.KindConflict,
					"review %s is %s: consensus starts once every rater has submitted", reviewID, r.Status)
			case fidelity.StatusFinalised:
				return fidelity.Errorf(fidelity.KindConflict, "review %s is finalised and read-only; use a correction", reviewID)
			}
			rs, err := s.putConsensus(ctx, tx, r, ifVersion, items)
			if err != nil {
				return err
			}
			out = rs
			return s.record(ctx, tx, "consensus.save", fidelity.ResourceRatingSet, reviewID+"/"+fidelity.ConsensusKey, path,
				map[string]int{"version": rs.Version - 1}, rs)
		})
	})
	return out, err
}

// putConsensus scores and stores the consensus set and updates the
// review's denormalised score columns.
func (s *Service) putConsensus(ctx context.Context, tx Store, r fidelity.Review, ifVersion int, items []fidelity.ItemInput) (fidelity.RatingSet, error) {
	sc, err := s.resolveScale(r.ScaleID, r.ScaleVersion)
	if err != nil {
		return fidelity.RatingSet{}, err
	}
	card, err := scoring.Score(sc, items)
	if err != nil {
		return fidelity.RatingSet{}, err
	}
	sets, err := tx.ListRatingSetHeads(ctx, r.ID, false)
	if err != nil {
		return fidelity.RatingSet{}, err
	}
	rs := findSet(sets, fidelity.ConsensusKey)
	rs.ReviewID = r.ID
	if err := checkVersion("consensus", rs.Version, ifVersion); err != nil {
		return fidelity.RatingSet{}, err
	}
	rs.Inputs, rs.Scorecard, rs.UpdatedAt = items, card, s.now()
	if err := storeConsensus(ctx, tx, r, rs); err != nil {
		return fidelity.RatingSet{}, err
	}
	rs.Version++
	rs.ReviewVersion = r.Version + 1 // SetReviewState bumps it
	return rs, nil
}

// storeConsensus stores the scored consensus set rs and copies its total,
// band, validity and completeness onto the review r, both as of
// rs.UpdatedAt: the write consensus saves and corrections share.
func storeConsensus(ctx context.Context, tx Store, r fidelity.Review, rs fidelity.RatingSet) error {
	if err := tx.PutRatingSet(ctx, rs); err != nil {
		return err
	}
	card := rs.Scorecard
	r.Total, r.Band, r.Valid, r.Complete, r.UpdatedAt = card.Total, card.Band, card.Valid, card.Complete, rs.UpdatedAt
	return tx.SetReviewState(ctx, r)
}

// GetConsensus returns the consensus set (empty before anything is saved).
func (s *Service) GetConsensus(ctx context.Context, reviewID string) (fidelity.RatingSet, error) {
	if _, err := visibleReview(ctx, s.store, reviewID); err != nil {
		return fidelity.RatingSet{}, err
	}
	rs, err := s.store.GetRatingSet(ctx, reviewID, fidelity.ConsensusKey)
	if fidelity.KindOf(err) == fidelity.KindNotFound {
		return fidelity.RatingSet{ReviewID: reviewID, RaterKey: fidelity.ConsensusKey, Inputs: []fidelity.ItemInput{}}, nil
	}
	return rs, err
}

// SavedConsensus returns the consensus set once one has been saved, and
// KindNotFound before: the consensus exists for API clients (JSON and
// FHIR) once saved, while the web form starts from GetConsensus's empty
// set.
func (s *Service) SavedConsensus(ctx context.Context, reviewID string) (fidelity.RatingSet, error) {
	rs, err := s.GetConsensus(ctx, reviewID)
	if err == nil && rs.Version == 0 {
		return fidelity.RatingSet{}, fidelity.Errorf(fidelity.KindNotFound, "review %s has no consensus yet; it exists once saved with PUT", reviewID)
	}
	return rs, err
}

// Finalize closes a review whose consensus is complete under the scale's
// missing-data policy; afterwards only corrections change it.
func (s *Service) Finalize(ctx context.Context, reviewID string, ifVersion int) (ReviewView, error) {
	if err := requireRole(ctx, fidelity.RoleLead, fidelity.RoleRater); err != nil {
		return ReviewView{}, err
	}
	var out ReviewView
	err := s.store.InTx(ctx, func(tx Store) error {
		r, path, err := lockedReviewAt(ctx, tx, reviewID)
		if err != nil {
			return err
		}
		before := r
		if err := requireAssigned(ctx, r, "finalise"); err != nil {
			return err
		}
		if err := checkVersion("review", r.Version, ifVersion); err != nil {
			return err
		}
		if r.Status != fidelity.StatusConsensus {
			return fidelity.Errorf(fidelity.KindConflict, "review %s is %s; only a review in consensus can be finalised", reviewID, r.Status)
		}
		sets, err := tx.ListRatingSetHeads(ctx, reviewID, true)
		if err != nil {
			return err
		}
		rs := findSet(sets, fidelity.ConsensusKey)
		if rs.Version == 0 {
			return fidelity.Errorf(fidelity.KindConflict, "review %s has no consensus ratings yet", reviewID)
		}
		if !rs.Scorecard.Valid {
			return fidelity.Errorf(fidelity.KindConflict, "review %s cannot be finalised: %s", reviewID, rs.Scorecard.InvalidReason)
		}
		now := s.now()
		r.Status, r.FinalisedAt = fidelity.StatusFinalised, &now
		out, err = s.saveReview(ctx, tx, before, r, path, "review.finalize", tx.SetReviewState)
		return err
	})
	return out, err
}
