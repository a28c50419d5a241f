package store

import (
	"context"
	"database/sql"

	"gorm.io/gorm"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

func reviewWhat(id string) string { return "review " + id }

// CreateReview stores a new review (version 1) with its raters, atomically.
func (s *Store) CreateReview(ctx context.Context, r fidelity.Review) error {
	row := toReviewRow(r)
	row.Version = 1
	err := s.writeTx(ctx, func(db *gorm.DB) error {
		if err := db.Create(&row).Error; err != nil {
			return err
		}
		if err := insertReviewRaters(db, r.ID, r.RaterIDs); err != nil {
			return err
		}
		if r.Status == fidelity.StatusFinalised { // historic reviews enter finalised
			return s.refreshSiteLatest(db, r.SiteID)
		}
		return nil
	})
	return translate(err, reviewWhat(r.ID))
}

func insertReviewRaters(db *gorm.DB, reviewID string, raterIDs []string) error {
	if len(raterIDs) == 0 {
		return nil
	}
	rows := make([]reviewRaterRow, len(raterIDs))
	for i, id := range raterIDs {
		rows[i] = reviewRaterRow{ReviewID: reviewID, RaterID: id, Seq: i}
	}
	return db.Create(&rows).Error
}

func (s *Store) GetReview(ctx context.Context, id string) (fidelity.Review, error) {
	rows, err := s.r(ctx).Raw("SELECT "+reviewColumns+", "+s.ratersColumn()+" FROM reviews r WHERE r.id = ?", id).Rows()
	if err != nil {
		return fidelity.Review{}, translate(err, reviewWhat(id))
	}
	found, err := scanReviewRows(rows, false)
	if err != nil {
		return fidelity.Review{}, translate(err, reviewWhat(id))
	}
	if len(found) == 0 {
		return fidelity.Review{}, notFound(reviewWhat(id))
	}
	out, err := reviewsOf(found[:1])
	if err != nil {
		return fidelity.Review{}, err
	}
	return out[0], nil
}

// UpdateReview writes every field but ID and CreatedAt (status, type,
// dates, raters, scale version, site and the denormalised consensus score),
// where Version matches, and stores Version+1.
func (s *Store) UpdateReview(ctx context.Context, r fidelity.Review) error {
	row := toReviewRow(r)
	what := reviewWhat(r.ID)
	err := s.writeTx(ctx, func(db *gorm.DB) error {
		var was struct {
			SiteID string
			Status string
		}
		if err := db.Raw("SELECT site_id, status FROM reviews WHERE id = ?", r.ID).Scan(&was).Error; err != nil {
			return err
		}
		res := db.Exec(`UPDATE reviews SET site_id = ?, scale_id = ?, scale_version = ?,
			type = ?, status = ?, visit_start = ?, visit_end = ?, total = ?, band = ?,
			valid = ?, complete = ?, finalised_at = ?, updated_at = ?, version = version + 1
			WHERE id = ? AND version = ?`,
			row.SiteID, row.ScaleID, row.ScaleVersion, row.Type, row.Status,
			row.VisitStart, row.VisitEnd, row.Total, row.Band, row.Valid, row.Complete,
			row.FinalisedAt, row.UpdatedAt, r.ID, r.Version)
		if err := versioned(db, res, "reviews", "id = ?", []any{r.ID}, what, r.Version); err != nil {
			return err
		}
		if err := db.Exec("DELETE FROM review_raters WHERE review_id = ?", r.ID).Error; err != nil {
			return err
		}
		if err := insertReviewRaters(db, r.ID, r.RaterIDs); err != nil {
			return err
		}
		if was.Status == string(fidelity.StatusFinalised) && was.SiteID != r.SiteID {
			if err := s.refreshSiteLatest(db, was.SiteID); err != nil {
				return err
			}
		}
		if was.Status == string(fidelity.StatusFinalised) || r.Status == fidelity.StatusFinalised {
			return s.refreshSiteLatest(db, r.SiteID)
		}
		return nil
	})
	return translate(err, what)
}

func (s *Store) ListReviews(ctx context.Context, f service.ReviewFilter) ([]fidelity.Review, error) {
	rows, err := s.reviewPage(ctx, f, reviewColumns+", "+s.ratersColumn())
	if err != nil || rows == nil {
		return []fidelity.Review{}, err
	}
	page, err := scanReviewRows(rows, false)
	if err != nil {
		return nil, translate(err, "reviews")
	}
	return reviewsOf(page)
}

// ListReviewHeads returns the id and version of each review on the page
// ListReviews returns for f, in the same order, without reading the rest
// of the rows or their raters: what a kept list answer is checked against
// (Service.ReviewListAnswer).
func (s *Store) ListReviewHeads(ctx context.Context, f service.ReviewFilter) ([]service.ReviewHead, error) {
	rows, err := s.reviewPage(ctx, f, "r.id, r.version")
	if err != nil || rows == nil {
		return nil, err
	}
	var h service.ReviewHead
	out, err := scanEach(rows, &h, &h.ID, &h.Version)
	return out, translate(err, "reviews")
}

// reviewPage runs the page query of f with the columns cols (nil rows when
// f can match nothing), so that a list and its heads are the same page.
func (s *Store) reviewPage(ctx context.Context, f service.ReviewFilter, cols string) (*sql.Rows, error) {
	q, ok, err := s.filterReviews(ctx, s.r(ctx).Table("reviews AS r"), f, false)
	if err != nil || !ok {
		return nil, err
	}
	if f.After != "" {
		q = q.Where("r.id > ?", f.After)
	}
	rows, err := q.Select(cols).Order("r.id").Limit(pageLimit(f.Limit)).Rows()
	if err != nil {
		return nil, translate(err, "reviews")
	}
	return rows, nil
}

// scanReviewRows reads rows of reviewColumns followed by the raters column
// (scanEach); withPath says a site_path column comes between them
// (reviewAt). It closes rows.
func scanReviewRows(rows *sql.Rows, withPath bool) ([]reviewRaterRowAgg, error) {
	var a reviewRaterRowAgg
	return scanEach(rows, &a, a.dest(withPath)...)
}

// filterReviews narrows q, whose reviews table has alias r, by every field
// of f but Page; the lists, reports and exports share it so that one filter
// means the same everywhere. sitesJoined says q already joins sites as s
// (the subtree filters need it). ok is false when f can match nothing.
func (s *Store) filterReviews(ctx context.Context, q *gorm.DB, f service.ReviewFilter, sitesJoined bool) (*gorm.DB, bool, error) {
	if f.Subtree != "" || len(f.Subtrees) > 0 {
		if !sitesJoined {
			q = q.Joins("JOIN sites s ON s.id = r.site_id")
		}
		var ok bool
		var err error
		if q, ok, err = s.subtreeFilter(ctx, q, "s", f.Subtree, f.Subtrees); err != nil || !ok {
			return nil, false, err
		}
	}
	if f.SiteID != "" {
		q = q.Where("r.site_id = ?", f.SiteID)
	}
	if f.ScaleID != "" {
		q = q.Where("r.scale_id = ?", f.ScaleID)
	}
	if f.ScaleVersion != "" {
		q = q.Where("r.scale_version = ?", f.ScaleVersion)
	}
	if len(f.Status) > 0 {
		q = q.Where("r.status IN ?", strs(f.Status))
	}
	if len(f.Type) > 0 {
		q = q.Where("r.type IN ?", strs(f.Type))
	}
	if f.From != nil {
		q = q.Where("r.visit_end >= ?", formatDate(*f.From))
	}
	if f.To != nil {
		q = q.Where("r.visit_end <= ?", formatDate(*f.To))
	}
	if f.RaterID != "" {
		q = q.Where("EXISTS (SELECT 1 FROM review_raters rr WHERE rr.review_id = r.id AND rr.rater_id = ?)", f.RaterID)
	}
	return q, true, nil
}

// LatestFinalised picks, per site, the finalised review of one of types
// with the latest visit end (ties broken by id, i.e. the later created)
// with one window query per chunk of site ids, then loads their raters in
// one more. No types means none match: the caller states which count.
func (s *Store) LatestFinalised(ctx context.Context, siteIDs []string, types []fidelity.ReviewType) (map[string]fidelity.Review, error) {
	var rows []reviewRow
	if len(types) == 0 {
		return map[string]fidelity.Review{}, nil
	}
	for chunk := range chunks(nonEmpty(siteIDs)) {
		var part []reviewRow
		// site_latest holds each site's latest finalised review per scale
		// version and type, so the latest of a site's rows of the wanted
		// types is its latest finalised review of those types: a few rows
		// per site to rank instead of all its reviews.
		err := s.r(ctx).Raw(`SELECT `+reviewColumns+` FROM reviews r JOIN (
				SELECT l.id FROM (
					SELECT x.id, ROW_NUMBER() OVER (PARTITION BY x.site_id ORDER BY x.visit_end DESC, x.id DESC) AS rn
					FROM site_latest x WHERE x.type IN ? AND x.site_id IN ?
				) l WHERE l.rn = 1
			) p ON p.id = r.id`, strs(types), chunk).Scan(&part).Error
		if err != nil {
			return nil, translate(err, "finalised reviews")
		}
		rows = append(rows, part...)
	}
	reviews, err := s.withRaters(ctx, rows)
	if err != nil {
		return nil, err
	}
	out := make(map[string]fidelity.Review, len(reviews))
	for _, r := range reviews {
		out[r.SiteID] = r
	}
	return out, nil
}

// withRaters converts rows and attaches their rater ids, in the order they
// were given, with one query per chunk of reviews rather than one per review.
func (s *Store) withRaters(ctx context.Context, rows []reviewRow) ([]fidelity.Review, error) {
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	raters := make(map[string][]string, len(rows))
	for chunk := range chunks(ids) {
		var rr []reviewRaterRow
		err := s.r(ctx).Where("review_id IN ?", chunk).Order("review_id, seq").Find(&rr).Error
		if err != nil {
			return nil, translate(err, "raters of reviews")
		}
		for _, x := range rr {
			raters[x.ReviewID] = append(raters[x.ReviewID], x.RaterID)
		}
	}
	out := make([]fidelity.Review, 0, len(rows))
	for _, row := range rows {
		ids := raters[row.ID]
		if ids == nil {
			ids = []string{}
		}
		r, err := row.domain(ids)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// strs turns a slice of string-kinded enums into []string, the one slice
// type every driver binds.
func strs[T ~string](in []T) []string {
	out := make([]string, len(in))
	for i, v := range in {
		out[i] = string(v)
	}
	return out
}
