package service

import (
	"context"
	"slices"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scoring"
)

// Correct changes one item of a finalised review's consensus. The original
// input is kept in the correction record with who, when and why, and the
// review's scores are recomputed (3rd-edition manual: an earlier error is
// acknowledged, not silently overwritten).
func (s *Service) Correct(ctx context.Context, reviewID string, ifVersion int, item fidelity.ItemInput, reason string) (fidelity.Correction, error) {
	if err := requireRole(ctx, fidelity.RoleLead); err != nil {
		return fidelity.Correction{}, err
	}
	var c checks
	c.text("reason", reason, 1, 2000)
	c.text("item.item", item.ItemID, 1, 40)
	if err := c.err("the correction is not valid"); err != nil {
		return fidelity.Correction{}, err
	}
	var out fidelity.Correction
	err := retryStale(ctx, func() error {
		return s.store.InTx(ctx, func(tx Store) error {
			r, path, err := lockedReviewAt(ctx, tx, reviewID)
			if err != nil {
				return err
			}
			if r.Status != fidelity.StatusFinalised {
				return fidelity.Errorf(fidelity.KindConflict,
					"review %s is %s; corrections apply to finalised reviews (change the consensus directly instead)", reviewID, r.Status)
			}
			if err := checkVersion("review", r.Version, ifVersion); err != nil {
				return err
			}
			cons, err := tx.GetRatingSet(ctx, reviewID, fidelity.ConsensusKey)
			if err != nil {
				return err
			}
			sc, err := s.resolveScale(r.ScaleID, r.ScaleVersion)
			if err != nil {
				return err
			}
			cc, err := planCorrection(r, cons, []fidelity.ItemInput{item}, func(items []fidelity.ItemInput) (fidelity.Scorecard, error) {
				return scoring.Score(sc, items)
			})
			if err != nil {
				return err
			}
			done, err := s.applyCorrection(ctx, tx, path, cc, reason)
			if err != nil {
				return err
			}
			out = done[0]
			return nil
		})
	})
	return out, err
}

// consensusCorrection is a correction of a finalised review's consensus,
// computed and not yet written: the consensus with its new inputs and
// scorecard, and each changed item's value before and after.
type consensusCorrection struct {
	review  fidelity.Review
	set     fidelity.RatingSet
	changes []fidelity.Correction // ItemID, Before and After
}

// planCorrection puts changed into the stored consensus cons and scores
// the result; a correction must leave the review with a valid total.
func planCorrection(r fidelity.Review, cons fidelity.RatingSet, changed []fidelity.ItemInput,
	score func([]fidelity.ItemInput) (fidelity.Scorecard, error)) (consensusCorrection, error) {
	items := slices.Clone(cons.Inputs)
	cc := consensusCorrection{review: r, set: cons}
	for _, in := range changed {
		c := fidelity.Correction{ItemID: in.ItemID, Before: fidelity.ItemInput{ItemID: in.ItemID}, After: in}
		if i := slices.IndexFunc(items, func(have fidelity.ItemInput) bool { return have.ItemID == in.ItemID }); i >= 0 {
			c.Before, items[i] = items[i], in
		} else {
			items = append(items, in)
		}
		cc.changes = append(cc.changes, c)
	}
	card, err := score(items)
	if err != nil {
		return consensusCorrection{}, prefixFields(err, "item")
	}
	if !card.Valid {
		return consensusCorrection{}, fidelity.Invalid("the correction would leave the review without a valid total",
			fidelity.FieldError{Field: "item", Reason: card.InvalidReason})
	}
	cc.set.Inputs, cc.set.Scorecard = items, card
	return cc, nil
}

// applyCorrection writes a planned correction in tx: the consensus, the
// review's new scores (and with them the site's latest review), one
// correction record and one audit event per changed item.
func (s *Service) applyCorrection(ctx context.Context, tx Store, path string, cc consensusCorrection, reason string) ([]fidelity.Correction, error) {
	now, r := s.now(), cc.review
	rs := cc.set
	rs.ReviewID, rs.RaterKey, rs.UpdatedAt = r.ID, fidelity.ConsensusKey, now
	if err := storeConsensus(ctx, tx, r, rs); err != nil {
		return nil, err
	}
	out := make([]fidelity.Correction, len(cc.changes))
	for i, c := range cc.changes {
		c.ID, c.ReviewID, c.Reason, c.By, c.CreatedAt = s.newID(), r.ID, strings.TrimSpace(reason), caller(ctx).Name, now
		c.ReviewVersion = r.Version + 1 // SetReviewState bumps it
		if err := tx.AddCorrection(ctx, c); err != nil {
			return nil, err
		}
		if err := s.record(ctx, tx, "review.correct", fidelity.ResourceCorrection, c.ID, path, c.Before, c); err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

// Corrections lists a review's corrections, oldest first.
func (s *Service) Corrections(ctx context.Context, reviewID string) ([]fidelity.Correction, error) {
	if _, err := visibleReview(ctx, s.store, reviewID); err != nil {
		return nil, err
	}
	return s.store.ListCorrections(ctx, reviewID)
}

// Correction returns one correction of a review visible to the caller.
func (s *Service) Correction(ctx context.Context, reviewID, correctionID string) (fidelity.Correction, error) {
	cs, err := s.Corrections(ctx, reviewID)
	if err != nil {
		return fidelity.Correction{}, err
	}
	for _, c := range cs {
		if c.ID == correctionID {
			return c, nil
		}
	}
	return fidelity.Correction{}, notFound("correction", correctionID)
}

// prefixFields rewrites "items[i].x" field paths of a scoring error for an
// endpoint that takes a single item under another name.
func prefixFields(err error, prefix string) error {
	return renameFields(err, func(field string) string {
		if j := strings.Index(field, "]"); strings.HasPrefix(field, "items[") && j > 0 {
			return prefix + field[j+1:]
		}
		return field
	})
}
