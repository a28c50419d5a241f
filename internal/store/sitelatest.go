package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// latestPartition ranks finalised reviews within each site, scale version
// and type: rn = 1 is the row site_latest holds.
const latestPartition = "ROW_NUMBER() OVER (PARTITION BY r.site_id, r.scale_id, r.scale_version, r.type " +
	"ORDER BY r.visit_end DESC, r.id DESC) AS rn"

// refreshSiteLatest rewrites the site_latest rows of one site from its
// finalised reviews, inside the transaction db of the review write that
// calls it (CreateReview, UpdateReview, SetReviewState, PutRatingSet of a
// consensus): the read model
// commits with the write or not at all, whichever use case made it.
func (s *Store) refreshSiteLatest(db *gorm.DB, siteID string) error {
	return s.fillSiteLatest(db, []string{siteID})
}

// refreshIfFinalised refreshes the site of a review when the review is
// finalised: its consensus scores or total just changed.
func (s *Store) refreshIfFinalised(db *gorm.DB, reviewID string) error {
	var r struct {
		SiteID string
		Status string
	}
	if err := db.Raw("SELECT site_id, status FROM reviews WHERE id = ?", reviewID).Scan(&r).Error; err != nil {
		return err
	}
	if r.Status != string(fidelity.StatusFinalised) {
		return nil
	}
	return s.refreshSiteLatest(db, r.SiteID)
}

// RebuildSiteLatest recomputes the whole table from the reviews, in one
// transaction: `fidelity repair latest`, and the first migration run on a
// database that already held reviews.
func (s *Store) RebuildSiteLatest(ctx context.Context) error {
	return translate(s.writeTx(ctx, func(db *gorm.DB) error {
		if err := s.fillSiteLatest(db, nil); err != nil {
			return err
		}
		return db.Exec("DELETE FROM read_model_rebuilds WHERE name = 'site_latest'").Error
	}), "latest reviews")
}

// SiteLatestRows returns the whole table in key order, for the test that
// compares a rebuilt table with the maintained one.
func (s *Store) SiteLatestRows(ctx context.Context) ([]string, error) {
	var rows []scoreRow // site_latest has a scoreRow's columns (migrations/00013_site_latest.sql)
	err := s.r(ctx).Table("site_latest").Order("site_id, scale_id, scale_version, type").Find(&rows).Error
	if err != nil {
		return nil, translate(err, "latest reviews")
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		total := "null"
		if r.Total != nil {
			total = fmt.Sprint(*r.Total)
		}
		out[i] = fmt.Sprintf("%s %s@%s %s → %s %s..%s %s %s %s", r.SiteID, r.ScaleID, r.ScaleVersion, r.Type,
			r.ID, r.VisitStart, r.VisitEnd, total, r.Band, r.Items)
	}
	return out, nil
}

// rebuildPendingReadModels rebuilds the read models that a migration asked
// for (read_model_rebuilds), once, after the schema is up to date.
func (s *Store) rebuildPendingReadModels(ctx context.Context) error {
	var n int64
	if err := s.w(ctx).Raw("SELECT COUNT(*) FROM read_model_rebuilds WHERE name = 'site_latest'").Scan(&n).Error; err != nil {
		return translate(err, "read models")
	}
	if n == 0 {
		return nil
	}
	return s.RebuildSiteLatest(ctx)
}

// latestFromReadModel answers LatestScores from site_latest: the latest of
// each site's rows that match the filter. It serves queries without a
// period; a period needs the reviews themselves.
func (s *Store) latestFromReadModel(ctx context.Context, f service.LatestFilter, siteIDs []string) ([]fidelity.ReviewScores, error) {
	rf := service.ReviewFilter{
		Subtree: f.Subtree, Subtrees: f.Subtrees, ScaleID: f.ScaleID, ScaleVersion: f.ScaleVersion, Type: f.Type,
	}
	rows, err := s.latestPerSite(ctx, "site_latest", rf, siteIDs, true)
	if err != nil {
		return nil, err
	}
	out := make([]fidelity.ReviewScores, len(rows))
	for i, row := range rows {
		rs, err := row.domain(false)
		if err != nil {
			return nil, err
		}
		if err := decodeItemScores(row.Items, rs.Consensus); err != nil {
			return nil, fidelity.Wrap(fidelity.KindInternal, err, "latest review "+row.ID+": item scores are not readable")
		}
		out[i] = rs
	}
	return out, nil
}

// Item scores are kept in site_latest as "O1=4,O2=3,…" (item ids in
// byte order, written by fillSiteLatestSQL): a national view decodes one
// such text per site on every uncached request, and this takes a fraction
// of what a JSON object did (BenchmarkDecodeItemScores). Item ids are
// letters and digits, never "," or "=".
//
// decodeItemScores adds the scores of text to into.
func decodeItemScores(text string, into map[string]int) error {
	for text != "" {
		pair, rest, _ := strings.Cut(text, ",")
		text = rest
		id, score, ok := strings.Cut(pair, "=")
		if !ok {
			return fmt.Errorf("item scores: %q has no score", pair)
		}
		n, err := strconv.Atoi(score)
		if err != nil {
			return fmt.Errorf("item scores: %q: %w", pair, err)
		}
		into[id] = n
	}
	return nil
}
