package store

import (
	"context"

	"gorm.io/gorm"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// ListRatingSetHeads returns a review's rating sets without their item
// inputs (and without the scorecard unless withScorecard): what the write
// paths and the score view need, in one query instead of decoding every
// item's input.
func (s *Store) ListRatingSetHeads(ctx context.Context, reviewID string, withScorecard bool) ([]fidelity.RatingSet, error) {
	what := "rating sets of review " + reviewID
	cols := "review_id, rater_key, submitted, submitted_at, updated_at, version"
	if withScorecard {
		cols += ", scorecard"
	}
	rows, err := scanRatingSetHeads(s.r(ctx).Raw("SELECT "+cols+" FROM rating_sets WHERE review_id = ? ORDER BY rater_key", reviewID), withScorecard)
	if err != nil {
		return nil, translate(err, what)
	}
	out := make([]fidelity.RatingSet, 0, len(rows))
	for _, row := range rows {
		var d decoder
		rs := fidelity.RatingSet{
			ReviewID: row.ReviewID, RaterKey: row.RaterKey, Submitted: row.Submitted,
			SubmittedAt: d.instantPtr(row.SubmittedAt), UpdatedAt: d.instant(row.UpdatedAt), Version: row.Version,
		}
		if withScorecard {
			d.scorecard(row.Scorecard, &rs.Scorecard)
		}
		if err := d.fail(ratingSetWhat(row.ReviewID, row.RaterKey)); err != nil {
			return nil, err
		}
		out = append(out, rs)
	}
	return out, nil
}

// scanRatingSetHeads runs q, a select of the head columns (and the
// scorecard last when withScorecard), scanning each row into typed fields:
// gorm's reflective scan was most of the allocations of reading them.
func scanRatingSetHeads(q *gorm.DB, withScorecard bool) ([]ratingSetRow, error) {
	rows, err := q.Rows()
	if err != nil {
		return nil, err
	}
	var r ratingSetRow
	dest := []any{&r.ReviewID, &r.RaterKey, &r.Submitted, &r.SubmittedAt, &r.UpdatedAt, &r.Version, &r.Scorecard}
	if !withScorecard {
		dest = dest[:6]
	}
	return scanEach(rows, &r, dest...)
}

// SetReviewState writes a review's status, finalisation time and
// denormalised consensus score where Version matches, and stores
// Version+1. Unlike UpdateReview it leaves the plan (site, dates, type,
// raters) alone, so the rating write path touches one row.
func (s *Store) SetReviewState(ctx context.Context, r fidelity.Review) error {
	row := toReviewRow(r)
	what := reviewWhat(r.ID)
	err := s.writeTx(ctx, func(db *gorm.DB) error {
		res := db.Exec(`UPDATE reviews SET status = ?, total = ?, band = ?, valid = ?, complete = ?,
			finalised_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
			row.Status, row.Total, row.Band, row.Valid, row.Complete, row.FinalisedAt, row.UpdatedAt, r.ID, r.Version)
		if err := versioned(db, res, "reviews", "id = ?", []any{r.ID}, what, r.Version); err != nil {
			return err
		}
		// Finalising and correcting change what the site's latest review
		// is or scored; reviews still being rated do not.
		if r.Status != fidelity.StatusFinalised {
			return nil
		}
		return s.refreshIfFinalised(db, r.ID)
	})
	return translate(err, what)
}
