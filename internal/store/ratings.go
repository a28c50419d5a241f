package store

import (
	"context"
	"encoding/json"
	"strings"

	"gorm.io/gorm"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

func ratingSetWhat(reviewID, raterKey string) string {
	return "rating set of " + raterKey + " for review " + reviewID
}

// GetRatingSet returns KindNotFound when the rater has saved nothing yet.
func (s *Store) GetRatingSet(ctx context.Context, reviewID, raterKey string) (fidelity.RatingSet, error) {
	what := ratingSetWhat(reviewID, raterKey)
	var row ratingSetRow
	err := s.r(ctx).Where("review_id = ? AND rater_key = ?", reviewID, raterKey).Take(&row).Error
	if err != nil {
		return fidelity.RatingSet{}, translate(err, what)
	}
	var items []ratingRow
	err = s.r(ctx).Where("review_id = ? AND rater_key = ?", reviewID, raterKey).Order("seq").Find(&items).Error
	if err != nil {
		return fidelity.RatingSet{}, translate(err, what)
	}
	return row.domain(items)
}

// PutRatingSet inserts (Version 0, stored as 1) or updates (Version must
// match) a rating set and replaces its item rows, in one transaction.
func (s *Store) PutRatingSet(ctx context.Context, rs fidelity.RatingSet) error {
	what := ratingSetWhat(rs.ReviewID, rs.RaterKey)
	card, err := json.Marshal(rs.Scorecard)
	if err != nil {
		return fidelity.Wrap(fidelity.KindInvalid, err, "scorecard of "+what+" cannot be stored")
	}
	items, err := ratingRows(rs)
	if err != nil {
		return err
	}
	row := ratingSetRow{
		ReviewID: rs.ReviewID, RaterKey: rs.RaterKey, Scorecard: string(card),
		Submitted: rs.Submitted, SubmittedAt: formatInstantPtr(rs.SubmittedAt),
		UpdatedAt: formatInstant(rs.UpdatedAt), Version: 1,
	}
	err = s.writeTx(ctx, func(db *gorm.DB) error {
		if rs.Version == 0 {
			if err := db.Create(&row).Error; err != nil {
				if classify(err) == classDuplicate {
					// Another request created the set first: the caller's
					// read is stale, and a retry will update instead.
					return &fidelity.Error{Kind: fidelity.KindConflict, Err: fidelity.ErrStale,
						Message: what + " already exists (someone else created it first)"}
				}
				return err
			}
			if len(items) > 0 {
				if err := db.Create(&items).Error; err != nil {
					return err
				}
			}
		} else {
			key := "review_id = ? AND rater_key = ?"
			keyArgs := []any{rs.ReviewID, rs.RaterKey}
			res := db.Exec(`UPDATE rating_sets SET scorecard = ?, submitted = ?, submitted_at = ?,
				updated_at = ?, version = version + 1
				WHERE `+key+` AND version = ?`,
				row.Scorecard, row.Submitted, row.SubmittedAt, row.UpdatedAt,
				rs.ReviewID, rs.RaterKey, rs.Version)
			if err := versioned(db, res, "rating_sets", key, keyArgs, what, rs.Version); err != nil {
				return err
			}
			if err := s.replaceRatingRows(db, rs.ReviewID, rs.RaterKey, items); err != nil {
				return err
			}
		}
		if rs.RaterKey == fidelity.ConsensusKey {
			return s.refreshIfFinalised(db, rs.ReviewID)
		}
		return nil
	})
	return translate(err, what)
}

// replaceRatingRows makes items the item rows of a stored rating set.
//
// On PostgreSQL that is one statement: the rows of items are upserted on
// their primary key — rewritten only where seq, score or input changed,
// so an autosave that changed one answer writes one row, not 25 deleted
// and 25 inserted — and the rows of items no longer in the set are
// deleted. The two parts touch disjoint rows (an item id is either in
// items or not), which is what makes them safe in one statement: both see
// the same snapshot, so a DELETE of all rows plus an INSERT of the same
// keys would fail on the primary key (the data-modifying CTE that nothing
// reads runs after the main statement), and a row may not be modified
// twice by one statement.
//
// SQLite, a single local writer with no round trips to save, keeps the
// DELETE of all rows and one multi-row INSERT.
func (s *Store) replaceRatingRows(db *gorm.DB, reviewID, raterKey string, items []ratingRow) error {
	if s.dialect != dialectPostgres || len(items) == 0 {
		if err := db.Exec("DELETE FROM ratings WHERE review_id = ? AND rater_key = ?", reviewID, raterKey).Error; err != nil {
			return err
		}
		if len(items) == 0 {
			return nil
		}
		return db.Create(&items).Error
	}
	var sql strings.Builder
	args := make([]any, 0, 6*len(items)+3)
	ids := make([]string, len(items))
	sql.WriteString(`WITH gone AS (DELETE FROM ratings WHERE review_id = ? AND rater_key = ? AND item_id NOT IN ?)
		INSERT INTO ratings (review_id, rater_key, item_id, seq, score, input) VALUES `)
	for i, it := range items {
		ids[i] = it.ItemID
	}
	args = append(args, reviewID, raterKey, ids)
	for i, it := range items {
		if i > 0 {
			sql.WriteString(", ")
		}
		sql.WriteString("(?, ?, ?, ?, ?, ?)")
		args = append(args, it.ReviewID, it.RaterKey, it.ItemID, it.Seq, it.Score, it.Input)
	}
	sql.WriteString(` ON CONFLICT (review_id, rater_key, item_id) DO UPDATE
		SET seq = EXCLUDED.seq, score = EXCLUDED.score, input = EXCLUDED.input
		WHERE (ratings.seq, ratings.score, ratings.input) IS DISTINCT FROM (EXCLUDED.seq, EXCLUDED.score, EXCLUDED.input)`)
	return db.Exec(sql.String(), args...).Error
}

// ratingRows lays a rating set out as one row per item: the entered items
// first, in input order, then the scored items that have no input. The
// score is the computed one from the scorecard, not what the rater typed.
func ratingRows(rs fidelity.RatingSet) ([]ratingRow, error) {
	scores := make(map[string]*int, len(rs.Scorecard.Items))
	for _, it := range rs.Scorecard.Items {
		scores[it.ItemID] = it.Score
	}
	rows := make([]ratingRow, 0, max(len(rs.Inputs), len(rs.Scorecard.Items)))
	seen := make(map[string]bool, len(rs.Inputs))
	for _, in := range rs.Inputs {
		js, err := encodeInput(in)
		if err != nil {
			return nil, err
		}
		seen[in.ItemID] = true
		rows = append(rows, ratingRow{
			ReviewID: rs.ReviewID, RaterKey: rs.RaterKey, ItemID: in.ItemID,
			Seq: len(rows), Score: scores[in.ItemID], Input: &js,
		})
	}
	for _, it := range rs.Scorecard.Items {
		if seen[it.ItemID] {
			continue
		}
		seen[it.ItemID] = true
		rows = append(rows, ratingRow{
			ReviewID: rs.ReviewID, RaterKey: rs.RaterKey, ItemID: it.ItemID,
			Seq: len(rows), Score: it.Score,
		})
	}
	return rows, nil
}

// ListRatingSets returns the rating sets of a review ordered by rater key,
// with two queries whatever their number.
func (s *Store) ListRatingSets(ctx context.Context, reviewID string) ([]fidelity.RatingSet, error) {
	what := "rating sets of review " + reviewID
	var sets []ratingSetRow
	if err := s.r(ctx).Where("review_id = ?", reviewID).Order("rater_key").Find(&sets).Error; err != nil {
		return nil, translate(err, what)
	}
	if len(sets) == 0 {
		return []fidelity.RatingSet{}, nil
	}
	var items []ratingRow
	if err := s.r(ctx).Where("review_id = ?", reviewID).Order("rater_key, seq").Find(&items).Error; err != nil {
		return nil, translate(err, what)
	}
	byKey := make(map[string][]ratingRow, len(sets))
	for _, it := range items {
		byKey[it.RaterKey] = append(byKey[it.RaterKey], it)
	}
	out := make([]fidelity.RatingSet, 0, len(sets))
	for _, set := range sets {
		rs, err := set.domain(byKey[set.RaterKey])
		if err != nil {
			return nil, err
		}
		out = append(out, rs)
	}
	return out, nil
}

func (r ratingSetRow) domain(items []ratingRow) (fidelity.RatingSet, error) {
	var d decoder
	rs := fidelity.RatingSet{
		ReviewID: r.ReviewID, RaterKey: r.RaterKey, Inputs: []fidelity.ItemInput{},
		Submitted: r.Submitted, SubmittedAt: d.instantPtr(r.SubmittedAt),
		UpdatedAt: d.instant(r.UpdatedAt), Version: r.Version,
	}
	d.scorecard(r.Scorecard, &rs.Scorecard)
	for _, it := range items {
		if it.Input != nil {
			rs.Inputs = append(rs.Inputs, d.input(*it.Input))
		}
	}
	return rs, d.fail(ratingSetWhat(r.ReviewID, r.RaterKey))
}
