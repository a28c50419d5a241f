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
// for hundreds of reviews instead of about ten per review), then the
// audit events; inside the caller's transaction. site_latest is not
// touched: the import refreshes the sites it touched once, at its end
// (RefreshSitesLatest).
func (s *Store) CreateImportedReviews(ctx context.Context, reviews []service.ImportedReview, events []fidelity.AuditEvent) error {
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
		if err := insertChunked(db, heads, 16); err != nil {
			return err
		}
		if err := insertChunked(db, raters, 3); err != nil {
			return err
		}
		if s.dialect == dialectPostgres {
			if err := s.unnestRatingSets(ctx, db, sets); err != nil {
				return err
			}
			if err := s.unnestRatings(ctx, db, items); err != nil {
				return err
			}
		} else {
			if err := insertChunked(db, sets, 7); err != nil {
				return err
			}
			if err := insertChunked(db, items, 6); err != nil {
				return err
			}
		}
		if len(audit) == 0 {
			return nil
		}
		if err := insertChunked(db, audit, 11); err != nil {
			return err
		}
		return bumpDataVersion(db)
	})
	return translate(err, "imported reviews")
}

// insertChunked inserts rows in multi-row INSERTs of at most maxParams
// bind parameters (columns is the row's column count).
func insertChunked[T any](db *gorm.DB, rows []T, columns int) error {
	if len(rows) == 0 {
		return nil
	}
	return db.CreateInBatches(rows, maxParams/columns).Error
}

// unnestChunk is how many rows one INSERT … SELECT FROM unnest(…) takes
// on PostgreSQL: one array parameter per column, whatever the rows.
const unnestChunk = 20000

// unnestRatings inserts item rows on PostgreSQL as one array per column:
// the server parses and plans one short statement instead of a multi-row
// VALUES list of tens of thousands of parameters, and pgx sends the arrays
// in binary. The arrays bypass gorm, which would expand a slice argument
// into a list, so the statement is counted here.
func (s *Store) unnestRatings(ctx context.Context, db *gorm.DB, rows []ratingRow) error {
	for start := 0; start < len(rows); start += unnestChunk {
		chunk := rows[start:min(start+unnestChunk, len(rows))]
		review, rater, item := make([]string, len(chunk)), make([]string, len(chunk)), make([]string, len(chunk))
		seq, score, input := make([]int32, len(chunk)), make([]*int32, len(chunk)), make([]*string, len(chunk))
		for i, r := range chunk {
			review[i], rater[i], item[i], seq[i], input[i] = r.ReviewID, r.RaterKey, r.ItemID, int32(r.Seq), r.Input
			if r.Score != nil {
				v := int32(*r.Score)
				score[i] = &v
			}
		}
		s.statements.Add(1)
		if _, err := db.Statement.ConnPool.ExecContext(ctx, `INSERT INTO ratings (review_id, rater_key, item_id, seq, score, input)
			SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::integer[], $6::text[])`,
			review, rater, item, seq, score, input); err != nil {
			return err
		}
	}
	return nil
}

// unnestRatingSets is unnestRatings for rating set rows.
func (s *Store) unnestRatingSets(ctx context.Context, db *gorm.DB, rows []ratingSetRow) error {
	for start := 0; start < len(rows); start += unnestChunk {
		chunk := rows[start:min(start+unnestChunk, len(rows))]
		review, rater, card := make([]string, len(chunk)), make([]string, len(chunk)), make([]string, len(chunk))
		submitted, submittedAt, updatedAt := make([]bool, len(chunk)), make([]*string, len(chunk)), make([]string, len(chunk))
		for i, r := range chunk {
			review[i], rater[i], card[i], submitted[i], submittedAt[i], updatedAt[i] =
				r.ReviewID, r.RaterKey, r.Scorecard, r.Submitted, r.SubmittedAt, r.UpdatedAt
		}
		s.statements.Add(1)
		if _, err := db.Statement.ConnPool.ExecContext(ctx, `INSERT INTO rating_sets (review_id, rater_key, scorecard, submitted, submitted_at, updated_at, version)
			SELECT r.*, 1 FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::text[], $6::text[]) AS r`,
			review, rater, card, submitted, submittedAt, updatedAt); err != nil {
			return err
		}
	}
	return nil
}
