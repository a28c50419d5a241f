package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"

	"gorm.io/gorm"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

var _ service.ReportStore = (*Store)(nil)

// scoreBatch is how many reviews ListReviewScores reads per round trip: big
// enough that the per-query overhead vanishes, small enough that a batch
// with every rater's item scores (~40k rows) stays a few megabytes. A
// variable so that tests can cross batch boundaries with little data.
var scoreBatch = 500

// itemsHint presizes the item maps: the scales in use have 15–25 items,
// and growing a map step by step while scanning costs more than the slack.
const itemsHint = 25

// scoreRow is the part of a review the reports read.
type scoreRow struct {
	ID           string
	SiteID       string
	ScaleID      string
	ScaleVersion string
	Type         string
	Status       string
	VisitStart   string
	VisitEnd     string
	Total        *float64
	Band         string
	// Items is site_latest's item-score text; reads of reviews leave it "".
	Items string
}

// scoreColumns selects a scoreRow from reviews aliased r.
const scoreColumns = "r.id, r.site_id, r.scale_id, r.scale_version, r.type, r.status, " +
	"r.visit_start, r.visit_end, r.total, r.band"

func (r scoreRow) domain(withRaters bool) (fidelity.ReviewScores, error) {
	var d decoder
	out := fidelity.ReviewScores{
		ReviewID: r.ID, SiteID: r.SiteID, ScaleID: r.ScaleID, ScaleVersion: r.ScaleVersion,
		Type: fidelity.ReviewType(r.Type), Status: fidelity.ReviewStatus(r.Status),
		VisitStart: d.date(r.VisitStart), VisitEnd: d.date(r.VisitEnd),
		Total: r.Total, Band: r.Band, Consensus: make(map[string]int, itemsHint),
	}
	if withRaters {
		out.Raters = map[string]map[string]int{}
	}
	return out, d.fail("review " + r.ID)
}

// ListReviewScores pages through the matching reviews by keyset (id > the
// last id seen), so each batch is an index range scan whatever the offset
// and memory holds one batch. Batches are separate statements, not one
// snapshot: a review written meanwhile may or may not be seen, which is
// what a report started a moment earlier or later would show anyway, and
// it keeps fn's pace (e.g. a slow HTTP client) from pinning a transaction.
func (s *Store) ListReviewScores(ctx context.Context, f service.ReviewFilter, withRaters bool, fn func(fidelity.ReviewScores) error) error {
	q, ok, err := s.filterReviews(ctx, s.r(ctx).Table("reviews AS r"), f, false)
	if err != nil || !ok {
		return err
	}
	// A new session makes q a template: every batch below adds its keyset
	// condition to a copy instead of piling them up on q.
	q = q.Select(scoreColumns).Session(&gorm.Session{})
	last := ""
	for {
		var rows []scoreRow
		if err := q.Where("r.id > ?", last).Order("r.id").Limit(scoreBatch).Scan(&rows).Error; err != nil {
			return translate(err, "reviews")
		}
		if len(rows) == 0 {
			return nil
		}
		batch, err := s.reviewScores(ctx, rows, withRaters)
		if err != nil {
			return err
		}
		for _, rs := range batch {
			if err := fn(rs); err != nil {
				return err
			}
		}
		if len(rows) < scoreBatch {
			return nil
		}
		last = rows[len(rows)-1].ID
	}
}

// LatestScores ranks the finalised reviews of each site in SQL (one window
// query, not one query per site) and then loads the winners' consensus
// scores. Site ids beyond maxInParams are split into several window
// queries; a site falls into exactly one of them, so the union is exact.
func (s *Store) LatestScores(ctx context.Context, f service.LatestFilter) ([]fidelity.ReviewScores, error) {
	siteIDs := nonEmpty(f.SiteIDs)
	if len(f.SiteIDs) > 0 && len(siteIDs) == 0 {
		return []fidelity.ReviewScores{}, nil
	}
	slices.Sort(siteIDs)
	siteIDs = slices.Compact(siteIDs)
	if f.From == nil && f.To == nil {
		// The national views ask for the latest review as of now, which
		// site_latest holds ready.
		return s.latestFromReadModel(ctx, f, siteIDs)
	}
	rf := service.ReviewFilter{
		Subtree: f.Subtree, Subtrees: f.Subtrees, ScaleID: f.ScaleID, ScaleVersion: f.ScaleVersion,
		Status: []fidelity.ReviewStatus{fidelity.StatusFinalised}, Type: f.Type, From: f.From, To: f.To,
	}
	rows, err := s.latestPerSite(ctx, "reviews", rf, siteIDs, false)
	if err != nil {
		return nil, err
	}
	return s.reviewScores(ctx, rows, false)
}

// latestPerSite ranks the reviews of table ("reviews" or its read model
// "site_latest") that rf keeps within each site, in SQL, and returns each
// site's latest, in site order: of the given sites, a window query per
// maxInParams of them (a site falls into exactly one, so the union is
// exact), or of all sites when siteIDs is empty. withItems reads
// site_latest's item scores too.
func (s *Store) latestPerSite(ctx context.Context, table string, rf service.ReviewFilter, siteIDs []string, withItems bool) ([]scoreRow, error) {
	columns := "l.id, l.site_id, l.scale_id, l.scale_version, l.type, l.status, l.visit_start, l.visit_end, l.total, l.band"
	inner := scoreColumns
	if withItems {
		columns += ", l.items"
		inner += ", r.items"
	}
	var rows []scoreRow
	latest := func(ids []string) error {
		q, ok, err := s.filterReviews(ctx, s.r(ctx).Table(table+" AS r"), rf, false)
		if err != nil || !ok {
			return err
		}
		if ids != nil {
			q = q.Where("r.site_id IN ?", ids)
		}
		q = q.Select(inner + ", ROW_NUMBER() OVER (PARTITION BY r.site_id ORDER BY r.visit_end DESC, r.id DESC) AS rn")
		var part []scoreRow
		if err := s.r(ctx).Table("(?) AS l", q).Select(columns).Where("l.rn = 1").Scan(&part).Error; err != nil {
			return translate(err, "latest finalised reviews")
		}
		rows = append(rows, part...)
		return nil
	}
	if len(siteIDs) == 0 {
		if err := latest(nil); err != nil {
			return nil, err
		}
	}
	for chunk := range chunks(siteIDs) {
		if err := latest(chunk); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(rows, func(a, b scoreRow) int { return cmp.Compare(a.SiteID, b.SiteID) })
	return rows, nil
}

// reviewScores converts rows, in their order, and fills in their item
// scores.
func (s *Store) reviewScores(ctx context.Context, rows []scoreRow, withRaters bool) ([]fidelity.ReviewScores, error) {
	out := make([]fidelity.ReviewScores, len(rows))
	byID := make(map[string]*fidelity.ReviewScores, len(rows))
	ids := make([]string, len(rows))
	for i, row := range rows {
		rs, err := row.domain(withRaters)
		if err != nil {
			return nil, err
		}
		out[i] = rs
		byID[row.ID] = &out[i]
		ids[i] = row.ID
	}
	err := s.itemScores(ctx, ids, withRaters, func(reviewID, raterKey, itemID string, score int) {
		rs := byID[reviewID]
		if raterKey == fidelity.ConsensusKey {
			rs.Consensus[itemID] = score
			return
		}
		m := rs.Raters[raterKey]
		if m == nil {
			m = make(map[string]int, itemsHint)
			rs.Raters[raterKey] = m
		}
		m[itemID] = score
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// itemScores calls add for every scored item of the consensus of the given
// reviews and, withRaters, of every rater listed on the review: a rating
// set left behind by a rater since removed from the review is not theirs
// to report any more. One statement per chunk of review ids; rows are
// scanned straight from the cursor, as there are ~25 per rating set, and
// the consensus-only form does not even fetch the rater key.
func (s *Store) itemScores(ctx context.Context, reviewIDs []string, withRaters bool, add func(reviewID, raterKey, itemID string, score int)) error {
	for chunk := range chunks(reviewIDs) {
		var rows *sql.Rows
		var err error
		if withRaters {
			rows, err = s.r(ctx).Raw(`SELECT rt.review_id, rt.rater_key, rt.item_id, rt.score FROM ratings rt
				WHERE rt.review_id IN ? AND rt.score IS NOT NULL AND (rt.rater_key = ? OR EXISTS (
					SELECT 1 FROM review_raters rr WHERE rr.review_id = rt.review_id AND rr.rater_id = rt.rater_key))`,
				chunk, fidelity.ConsensusKey).Rows()
		} else {
			rows, err = s.r(ctx).Raw(`SELECT rt.review_id, rt.item_id, rt.score FROM ratings rt
				WHERE rt.review_id IN ? AND rt.rater_key = ? AND rt.score IS NOT NULL`,
				chunk, fidelity.ConsensusKey).Rows()
		}
		if err == nil {
			err = scanItemScores(rows, withRaters, add)
		}
		if err != nil {
			return translate(err, "item scores")
		}
	}
	return nil
}

func scanItemScores(rows *sql.Rows, withRaters bool, add func(reviewID, raterKey, itemID string, score int)) error {
	defer rows.Close()
	reviewID, raterKey, itemID := "", fidelity.ConsensusKey, ""
	var score int64
	dest := []any{&reviewID, &itemID, &score}
	if withRaters {
		dest = []any{&reviewID, &raterKey, &itemID, &score}
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		add(reviewID, raterKey, itemID, int(score))
	}
	return rows.Err()
}
