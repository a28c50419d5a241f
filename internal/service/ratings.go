package service

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/scoring"
)

// MaxItemsPerRequest bounds the inputs of one write; a scale has at most a
// few dozen items, so more is a mistake or an attack.
const MaxItemsPerRequest = 200

// RatingSummary is what everyone on a review may see of a rater's work.
type RatingSummary struct {
	RaterID     string
	Submitted   bool
	SubmittedAt *time.Time
	Rated       int
	// Scorecard is nil while blind rating hides it from the caller.
	Scorecard *fidelity.Scorecard
}

// SaveRatings stores a rater's item inputs (replacing what they saved
// before), scores them, and, with submit, hands them in. The first save
// starts a planned review; the last submission moves it to consensus.
func (s *Service) SaveRatings(ctx context.Context, reviewID, raterID string, ifVersion int, items []fidelity.ItemInput, submit bool) (fidelity.RatingSet, error) {
	if err := s.MayWriteRatings(ctx, raterID); err != nil {
		return fidelity.RatingSet{}, err
	}
	if err := checkItemCount(items); err != nil {
		return fidelity.RatingSet{}, err
	}
	return s.saveRatings(ctx, reviewID, raterID, ifVersion, func(*scale.Scale) (DecodedRatings, error) {
		return DecodedRatings{Items: items, Submit: submit}, nil
	})
}

// DecodedRatings is a rating set read from a body in an exchange format.
type DecodedRatings struct {
	Items  []fidelity.ItemInput
	Submit bool
	// Field names a field of the scoring engine's errors ("items[3].score")
	// as the body named it; nil leaves the engine's names.
	Field func(engineField string) string
}

// RatingsDecoder reads a body once the review's scale is known (a FHIR
// QuestionnaireResponse answers the scale's Questionnaire).
type RatingsDecoder func(sc *scale.Scale) (DecodedRatings, error)

// ImportRatings saves a rater's rating set sent in an exchange format:
// the role is checked before anything is read; then, in one transaction,
// the review is read and locked, its scale decodes the body, and the set
// is saved under the rules of SaveRatings. The engine's errors name the
// fields as the body did.
func (s *Service) ImportRatings(ctx context.Context, reviewID, raterID string, ifVersion int, decode RatingsDecoder) (fidelity.RatingSet, error) {
	if err := s.MayWriteRatings(ctx, raterID); err != nil {
		return fidelity.RatingSet{}, err
	}
	return s.saveRatings(ctx, reviewID, raterID, ifVersion, decode)
}

func checkItemCount(items []fidelity.ItemInput) error {
	if len(items) > MaxItemsPerRequest {
		return fidelity.Invalid("too many items", fidelity.FieldError{Field: "items", Reason: "at most 200 items per request"})
	}
	return nil
}

// saveRatings is SaveRatings once the caller's role is checked: decode
// gives the inputs under the review's scale.
func (s *Service) saveRatings(ctx context.Context, reviewID, raterID string, ifVersion int, decode RatingsDecoder) (fidelity.RatingSet, error) {
	var out fidelity.RatingSet
	var named func(string) string
	err := retryStale(ctx, func() error {
		return s.store.InTx(ctx, func(tx Store) error {
			r, path, err := lockedReviewAt(ctx, tx, reviewID)
			if err != nil {
				return err
			}
			sc, err := s.resolveScale(r.ScaleID, r.ScaleVersion)
			if err != nil {
				return err
			}
			in, err := decode(sc)
			if err != nil {
				return err
			}
			items, submit := in.Items, in.Submit
			named = in.Field
			if err := checkItemCount(items); err != nil {
				return err
			}
			if !slices.Contains(r.RaterIDs, raterID) {
				return fidelity.Errorf(fidelity.KindForbidden, "rater %s is not assigned to review %s", raterID, reviewID)
			}
			switch r.Status {
			case fidelity.StatusConsensus, fidelity.StatusFinalised:
				return fidelity.Errorf(fidelity.KindConflict, "review %s is in status %s; individual ratings are closed", reviewID, r.Status)
			}
			card, err := scoring.Score(sc, items)
			if err != nil {
				return err
			}
			if submit && !card.Valid {
				return fidelity.Invalid("the ratings cannot be submitted yet",
					fidelity.FieldError{Field: "items", Reason: card.InvalidReason})
			}
			sets, err := tx.ListRatingSetHeads(ctx, reviewID, false)
			if err != nil {
				return err
			}
			rs := findSet(sets, raterID)
			rs.ReviewID = reviewID
			if rs.Submitted {
				return fidelity.Errorf(fidelity.KindConflict, "rater %s has already submitted; submitted ratings are final", raterID)
			}
			if err := checkVersion("rating set", rs.Version, ifVersion); err != nil {
				return err
			}
			now := s.now()
			rs.Inputs, rs.Scorecard, rs.UpdatedAt = items, card, now
			if submit {
				rs.Submitted, rs.SubmittedAt = true, &now
			}
			if err := tx.PutRatingSet(ctx, rs); err != nil {
				return err
			}
			rs.Version++
			if err := s.advanceAfterRating(ctx, tx, r, replaceSet(sets, rs), submit); err != nil {
				return err
			}
			action := "rating.save"
			if submit {
				action = "rating.submit"
			}
			// The state before is the previous event's "after"; recording
			// only the version here keeps the write path to one extra row.
			if err := s.record(ctx, tx, action, fidelity.ResourceRatingSet, reviewID+"/"+raterID, path,
				map[string]int{"version": rs.Version - 1}, rs); err != nil {
				return err
			}
			out = rs
			return nil
		})
	})
	return out, renameFields(err, named)
}

// renameFields renames the fields of an invalid-input error with name
// (nil: as they are).
func renameFields(err error, name func(string) string) error {
	var fe *fidelity.Error
	if name == nil || !errors.As(err, &fe) || fe.Kind != fidelity.KindInvalid {
		return err
	}
	out := *fe
	out.Fields = make([]fidelity.FieldError, len(fe.Fields))
	for i, f := range fe.Fields {
		f.Field = name(f.Field)
		out.Fields[i] = f
	}
	return &out
}

// MayWriteRatings checks the caller's role before anything is read: leads
// and raters write ratings, a rater only their own. SaveRatings starts with
// it; an adapter that must read the review before it can decode a body
// (the FHIR import) asks first, so it answers exactly like the JSON write.
func (s *Service) MayWriteRatings(ctx context.Context, raterID string) error {
	if err := requireRole(ctx, fidelity.RoleLead, fidelity.RoleRater); err != nil {
		return err
	}
	if p := caller(ctx); p.Role == fidelity.RoleRater && p.RaterID != raterID {
		return fidelity.Errorf(fidelity.KindForbidden, "raters may only save their own ratings")
	}
	return nil
}

// advanceAfterRating moves the review on after a rating write: planned →
// in_progress on the first save, in_progress → consensus once every
// assigned rater has submitted. sets are the review's rating sets
// including the one just written.
//
// The review row is written only when the review as clients see it
// changes — its status, or its list of raters who have submitted — so its
// ETag moves exactly then. An autosave leaves it alone: concurrent writes
// to one review are serialised by the review's row lock (LockReviewAt),
// not by its version, and other raters cannot watch a rater work by
// watching the review's version move.
func (s *Service) advanceAfterRating(ctx context.Context, tx Store, r fidelity.Review, sets []fidelity.RatingSet, submitted bool) error {
	before := r.Status
	if r.Status == fidelity.StatusPlanned {
		r.Status = fidelity.StatusInProgress
	}
	if allSubmitted(r, sets) {
		r.Status = fidelity.StatusConsensus
	}
	if r.Status == before && !submitted {
		return nil
	}
	r.UpdatedAt = s.now()
	return tx.SetReviewState(ctx, r)
}

// findSet returns the set of raterKey, or a new empty one (Version 0).
func findSet(sets []fidelity.RatingSet, raterKey string) fidelity.RatingSet {
	for _, rs := range sets {
		if rs.RaterKey == raterKey {
			return rs
		}
	}
	return fidelity.RatingSet{RaterKey: raterKey}
}

// replaceSet returns sets with rs in place of the set of the same rater.
func replaceSet(sets []fidelity.RatingSet, rs fidelity.RatingSet) []fidelity.RatingSet {
	out := make([]fidelity.RatingSet, 0, len(sets)+1)
	for _, s := range sets {
		if s.RaterKey != rs.RaterKey {
			out = append(out, s)
		}
	}
	return append(out, rs)
}

// allSubmitted reports whether every assigned rater has submitted.
func allSubmitted(r fidelity.Review, sets []fidelity.RatingSet) bool {
	n := 0
	for _, rs := range sets {
		if rs.Submitted && slices.Contains(r.RaterIDs, rs.RaterKey) {
			n++
		}
	}
	return n == len(r.RaterIDs)
}

// GetRatings returns one rater's ratings with their scorecard.
func (s *Service) GetRatings(ctx context.Context, reviewID, raterID string) (fidelity.RatingSet, error) {
	r, err := visibleReview(ctx, s.store, reviewID)
	if err != nil {
		return fidelity.RatingSet{}, err
	}
	if !slices.Contains(r.RaterIDs, raterID) {
		return fidelity.RatingSet{}, notFound("rater on this review", raterID)
	}
	if !s.blindRuleFor(ctx).shows(r.Status, raterID) {
		return fidelity.RatingSet{}, fidelity.Errorf(fidelity.KindForbidden,
			"another rater's ratings stay hidden until every rater has submitted (independent rating)")
	}
	rs, err := s.store.GetRatingSet(ctx, reviewID, raterID)
	if fidelity.KindOf(err) == fidelity.KindNotFound {
		return fidelity.RatingSet{ReviewID: reviewID, RaterKey: raterID, Inputs: []fidelity.ItemInput{}}, nil
	}
	return rs, err
}

// RatingSummaries lists every assigned rater's progress on a review.
func (s *Service) RatingSummaries(ctx context.Context, reviewID string) ([]RatingSummary, error) {
	r, err := visibleReview(ctx, s.store, reviewID)
	if err != nil {
		return nil, err
	}
	sets, err := s.store.ListRatingSetHeads(ctx, reviewID, true)
	if err != nil {
		return nil, err
	}
	return s.summaries(ctx, r, sets), nil
}

// summaries builds the progress list from rating-set heads with scorecards,
// hiding scorecards the caller may not see yet.
func (s *Service) summaries(ctx context.Context, r fidelity.Review, sets []fidelity.RatingSet) []RatingSummary {
	blind := s.blindRuleFor(ctx)
	out := make([]RatingSummary, 0, len(r.RaterIDs))
	for _, id := range r.RaterIDs {
		sum := RatingSummary{RaterID: id}
		for _, rs := range sets {
			if rs.RaterKey != id {
				continue
			}
			sum.Submitted, sum.Rated, sum.SubmittedAt = rs.Submitted, rs.Scorecard.Rated, rs.SubmittedAt
			if blind.shows(r.Status, id) {
				card := rs.Scorecard
				sum.Scorecard = &card
			}
		}
		out = append(out, sum)
	}
	return out
}
