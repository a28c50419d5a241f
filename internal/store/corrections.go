package store

import (
	"context"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// AddCorrection records a correction of a finalised review. Corrections are
// append-only: there is no update or delete.
func (s *Store) AddCorrection(ctx context.Context, c fidelity.Correction) error {
	before, err := encodeInput(c.Before)
	if err != nil {
		return err
	}
	after, err := encodeInput(c.After)
	if err != nil {
		return err
	}
	row := correctionRow{
		ID: c.ID, ReviewID: c.ReviewID, ItemID: c.ItemID, BeforeInput: before, AfterInput: after,
		Reason: c.Reason, CorrectedBy: c.By, CreatedAt: formatInstant(c.CreatedAt),
	}
	return translate(s.w(ctx).Create(&row).Error, "correction "+c.ID)
}

// ListCorrections returns the corrections of a review, oldest first.
func (s *Store) ListCorrections(ctx context.Context, reviewID string) ([]fidelity.Correction, error) {
	var rows []correctionRow
	err := s.r(ctx).Where("review_id = ?", reviewID).Order("created_at, id").Find(&rows).Error
	if err != nil {
		return nil, translate(err, "corrections of review "+reviewID)
	}
	out := make([]fidelity.Correction, 0, len(rows))
	for _, r := range rows {
		var d decoder
		c := fidelity.Correction{
			ID: r.ID, ReviewID: r.ReviewID, ItemID: r.ItemID,
			Before: d.input(r.BeforeInput), After: d.input(r.AfterInput),
			Reason: r.Reason, By: r.CorrectedBy, CreatedAt: d.instant(r.CreatedAt),
		}
		if err := d.fail("correction " + r.ID); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}
