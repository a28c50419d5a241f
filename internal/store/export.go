package store

import (
	"context"
	"database/sql"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// exportColumns is the long export row; the rater's name comes from a LEFT
// JOIN because the consensus's rater key names no rater.
const exportColumns = "r.id, r.site_id, s.code, s.name, s.path, r.scale_id, r.scale_version, " +
	"r.type, r.status, r.visit_start, r.visit_end, rt.rater_key, COALESCE(ra.name, ''), " +
	"rt.item_id, rt.seq, rt.score"

// StreamRatings runs one statement and scans its rows one at a time from
// the driver's cursor (both drivers stream results rather than buffer
// them), so an export of any size holds one row at a time. Ordering by
// rt.review_id rather than r.id lets PostgreSQL read ratings in primary-key
// order and sort only within each rating set.
//
// fn runs while the statement is open: it must not use this Store, whose
// connection (inside a transaction, the only one) is busy streaming.
func (s *Store) StreamRatings(ctx context.Context, f service.ReviewFilter, fn func(service.ExportRating) error) error {
	cancel := func() {}
	qctx := ctx
	if !s.inTx {
		// Stopping early (fn failed) cancels the statement instead of
		// letting Close read the rest of a possibly huge result; that costs
		// the pool one connection, which must never be a transaction's.
		qctx, cancel = context.WithCancel(ctx)
	}
	defer cancel()
	q := s.read.WithContext(qctx).Table("ratings AS rt").
		Joins("JOIN reviews r ON r.id = rt.review_id").
		Joins("JOIN sites s ON s.id = r.site_id").
		Joins("LEFT JOIN raters ra ON ra.id = rt.rater_key")
	q, ok, err := s.filterReviews(ctx, q, f, true)
	if err != nil || !ok {
		return err
	}
	rows, err := q.Select(exportColumns).Order("rt.review_id, rt.rater_key, rt.seq").Rows()
	if err != nil {
		return translate(err, "ratings export")
	}
	defer func() {
		cancel() // first, so that Close does not drain
		_ = rows.Close()
	}()
	return scanExport(ctx, rows, fn)
}

// scanExport converts and hands over the rows; errors from fn come back
// as they are. The review's columns repeat on each of its ~75 rows, so its
// dates are parsed once per review.
func scanExport(ctx context.Context, rows *sql.Rows, fn func(service.ExportRating) error) error {
	const what = "ratings export"
	var (
		e                    service.ExportRating
		typ, status          string
		visitStart, visitEnd string
		score                sql.NullInt64
		lastReview           string
		n                    int
	)
	for rows.Next() {
		// The driver notices cancellation only when it next waits for the
		// network; rows it has already buffered would all still go to fn.
		if n++; n%256 == 0 {
			if err := ctx.Err(); err != nil {
				return translate(err, what)
			}
		}
		if err := rows.Scan(&e.ReviewID, &e.SiteID, &e.SiteCode, &e.SiteName, &e.SitePath,
			&e.ScaleID, &e.ScaleVersion, &typ, &status, &visitStart, &visitEnd,
			&e.RaterKey, &e.RaterName, &e.ItemID, &e.Seq, &score); err != nil {
			return translate(err, what)
		}
		if e.ReviewID != lastReview {
			var d decoder
			e.ReviewType, e.ReviewStatus = fidelity.ReviewType(typ), fidelity.ReviewStatus(status)
			e.VisitStart, e.VisitEnd = d.date(visitStart), d.date(visitEnd)
			if err := d.fail("review " + e.ReviewID); err != nil {
				return err
			}
			lastReview = e.ReviewID
		}
		e.Score = nil
		if score.Valid {
			v := int(score.Int64)
			e.Score = &v
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return translate(rows.Err(), what)
}
