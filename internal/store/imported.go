package store

import (
	"context"
	"encoding/json"

	"gorm.io/gorm"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// maxParams bounds the bind parameters of one multi-row INSERT, under
// SQLite's 32,766 and PostgreSQL's 65,535.
const maxParams = 30000

// CreateImportedReviews writes new reviews of an import with their raters,
// rating sets and item rows in multi-row INSERTs (a handful of statements
// for hundreds of reviews instead of about ten per review; on PostgreSQL
// the rating sets and item rows with COPY, copyFrom), then the audit
// events; inside the caller's transaction. site_latest is not
// touched: the import refreshes the sites it touched once, at its end
// (RefreshSitesLatest).
func (s *Store) CreateImportedReviews(ctx context.Context, reviews []service.ImportedReview, events []fidelity.AuditEvent) error {
	if !s.inTx {
		// COPY needs the connection of a transaction opened by InTx.
		return s.InTx(ctx, func(tx service.Store) error { return tx.CreateImportedReviews(ctx, reviews, events) })
	}
	var heads []reviewRow
	var raters []reviewRaterRow
	var sets []ratingSetRow
	var items []ratingRow
	for _, ir := range reviews {
		row := toReviewRow(ir.Review)
		row.Version = 1
		heads = append(heads, row)
		for i, id := range ir.Review.RaterIDs {
			raters = append(raters, reviewRaterRow{ReviewID: ir.Review.ID, RaterID: id, Seq: i})
		}
		for _, rs := range ir.Sets {
			card, err := json.Marshal(rs.Scorecard)
			if err != nil {
				return fidelity.Wrap(fidelity.KindInvalid, err, "scorecard of "+ratingSetWhat(rs.ReviewID, rs.RaterKey)+" cannot be stored")
			}
			sets = append(sets, ratingSetRow{
				ReviewID: rs.ReviewID, RaterKey: rs.RaterKey, Scorecard: string(card),
				Submitted: rs.Submitted, SubmittedAt: formatInstantPtr(rs.SubmittedAt),
				UpdatedAt: formatInstant(rs.UpdatedAt), Version: 1,
			})
			rows, err := ratingRows(rs)
			if err != nil {
				return err
			}
			items = append(items, rows...)
		}
	}
	audit := make([]auditEventRow, len(events))
	for i, e := range events {
		audit[i] = toAuditEventRow(e)
	}
	err := s.writeTx(ctx, func(db *gorm.DB) error {
		if err := insertChunked(db, heads); err != nil {
			return err
		}
		if err := insertChunked(db, raters); err != nil {
			return err
		}
		if s.dialect == dialectPostgres {
			if err := s.copyRatingSets(ctx, sets); err != nil {
				return err
			}
			if err := s.copyRatings(ctx, items); err != nil {
				return err
			}
		} else {
			if err := insertChunked(db, sets); err != nil {
				return err
			}
			if err := insertChunked(db, items); err != nil {
				return err
			}
		}
		if len(audit) == 0 {
			return nil
		}
		if err := insertChunked(db, audit); err != nil {
			return err
		}
		return s.bumpDataVersion(db)
	})
	return translate(err, "imported reviews")
}

// insertChunked inserts rows in multi-row INSERTs of at most maxParams
// bind parameters; the columns per row are the ones gorm writes for T, so
// a column added to a row type cannot push a batch past the limit.
func insertChunked[T any](db *gorm.DB, rows []T) error {
	if len(rows) == 0 {
		return nil
	}
	stmt := &gorm.Statement{DB: db}
	if err := stmt.Parse(&rows[0]); err != nil {
		return err
	}
	return db.CreateInBatches(rows, maxParams/max(1, len(stmt.Schema.DBNames))).Error
}

var (
	ratingSetColumns = []string{"review_id", "rater_key", "scorecard", "submitted", "submitted_at", "updated_at", "version"}
	ratingColumns    = []string{"review_id", "rater_key", "item_id", "seq", "score", "input"}
)

// copyRatingSets and copyRatings write an import's rating sets and item
// rows with COPY on PostgreSQL (copyFrom).
func (s *Store) copyRatingSets(ctx context.Context, rows []ratingSetRow) error {
	return s.copyFrom(ctx, "rating_sets", ratingSetColumns, len(rows), func(i int) ([]any, error) {
		r := rows[i]
		return []any{r.ReviewID, r.RaterKey, r.Scorecard, r.Submitted, r.SubmittedAt, r.UpdatedAt, int32(r.Version)}, nil
	})
}

func (s *Store) copyRatings(ctx context.Context, rows []ratingRow) error {
	return s.copyFrom(ctx, "ratings", ratingColumns, len(rows), func(i int) ([]any, error) {
		r := rows[i]
		var score *int32
		if r.Score != nil {
			v := int32(*r.Score)
			score = &v
		}
		return []any{r.ReviewID, r.RaterKey, r.ItemID, int32(r.Seq), score, r.Input}, nil
	})
}
