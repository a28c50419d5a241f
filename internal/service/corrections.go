package service

import (
	"context"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
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
			r, path, err := visibleReviewAt(ctx, tx, reviewID)
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
			items := make([]fidelity.ItemInput, 0, len(cons.Inputs)+1)
			var before fidelity.ItemInput
			found := false
			for _, in := range cons.Inputs {
				if in.ItemID == item.ItemID {
					before, found = in, true
					items = append(items, item)
					continue
				}
				items = append(items, in)
			}
			if !found {
				before = fidelity.ItemInput{ItemID: item.ItemID}
				items = append(items, item)
			}
			rs, err := s.putConsensus(ctx, tx, r, AnyVersion, items)
			if err != nil {
				return prefixFields(err, "item")
			}
			if !rs.Scorecard.Valid {
				return fidelity.Invalid("the correction would leave the review without a valid total",
					fidelity.FieldError{Field: "item", Reason: rs.Scorecard.InvalidReason})
			}
			out = fidelity.Correction{
				ID: s.newID(), ReviewID: reviewID, ItemID: item.ItemID, Before: before, After: item,
				Reason: strings.TrimSpace(reason), By: caller(ctx).Name, CreatedAt: s.now(),
			}
			if err := tx.AddCorrection(ctx, out); err != nil {
				return err
			}
			return s.record(ctx, tx, "review.correct", "correction", out.ID, path, before, out)
		})
	})
	return out, err
}

// Corrections lists a review's corrections, oldest first.
func (s *Service) Corrections(ctx context.Context, reviewID string) ([]fidelity.Correction, error) {
	if _, err := visibleReview(ctx, s.store, reviewID); err != nil {
		return nil, err
	}
	return s.store.ListCorrections(ctx, reviewID)
}

// prefixFields rewrites "items[i].x" field paths of a scoring error for an
// endpoint that takes a single item under another name.
func prefixFields(err error, prefix string) error {
	fe := fidelity.FieldsOf(err)
	if len(fe) == 0 {
		return err
	}
	out := make([]fidelity.FieldError, len(fe))
	for i, f := range fe {
		field := f.Field
		if j := strings.Index(field, "]"); strings.HasPrefix(field, "items[") && j > 0 {
			field = prefix + field[j+1:]
		}
		out[i] = fidelity.FieldError{Field: field, Reason: f.Reason}
	}
	return &fidelity.Error{Kind: fidelity.KindOf(err), Message: fidelity.MessageOf(err), Fields: out}
}
