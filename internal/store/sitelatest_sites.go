package store

import (
	"context"

	"gorm.io/gorm"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// RefreshSitesLatest rewrites the site_latest rows of the given sites
// from their finalised reviews, inside the caller's transaction. The
// import calls it once, at its end, for the sites it gave finalised
// reviews.
func (s *Store) RefreshSitesLatest(ctx context.Context, siteIDs []string) error {
	if len(siteIDs) == 0 {
		return nil
	}
	return translate(s.writeTx(ctx, func(db *gorm.DB) error {
		return s.fillSiteLatest(db, siteIDs)
	}), "latest reviews")
}

// fillSiteLatest rewrites the site_latest rows of the given sites, or of
// all sites when siteIDs is nil: one DELETE and one INSERT … SELECT per
// maxInParams sites, whatever the number of sites and reviews. A single
// review write (refreshSiteLatest), an import (RefreshSitesLatest) and a
// rebuild (RebuildSiteLatest) all go through it, so the rows cannot
// depend on which of them wrote last.
func (s *Store) fillSiteLatest(db *gorm.DB, siteIDs []string) error {
	if siteIDs == nil {
		if err := db.Exec("DELETE FROM site_latest").Error; err != nil {
			return err
		}
		return db.Exec(s.fillSiteLatestSQL(""), fidelity.ConsensusKey, string(fidelity.StatusFinalised)).Error
	}
	for chunk := range chunks(siteIDs) {
		if err := db.Exec("DELETE FROM site_latest WHERE site_id IN ?", chunk).Error; err != nil {
			return err
		}
		err := db.Exec(s.fillSiteLatestSQL(" AND r.site_id IN ?"),
			fidelity.ConsensusKey, string(fidelity.StatusFinalised), chunk).Error
		if err != nil {
			return err
		}
	}
	return nil
}

// fillSiteLatestSQL is the INSERT … SELECT of fillSiteLatest: the latest
// finalised review per site, scale version and type (latestPartition) of
// the reviews that siteFilter keeps, with its consensus item scores
// aggregated in order.
//
// The item scores are encoded by the database as decodeItemScores reads
// them ("O1=4,O2=3,…", item ids in byte order: COLLATE "C" on
// PostgreSQL, SQLite's BINARY default).
func (s *Store) fillSiteLatestSQL(siteFilter string) string {
	byteOrder := `rt.item_id COLLATE "C"`
	if s.dialect != dialectPostgres {
		byteOrder = "rt.item_id" // SQLite's BINARY default is byte order
	}
	items := s.joined("rt.item_id || '=' || rt.score", byteOrder)
	return `INSERT INTO site_latest (site_id, scale_id, scale_version, type, id, status, visit_start, visit_end, total, band, items)
		SELECT l.site_id, l.scale_id, l.scale_version, l.type, l.id, l.status, l.visit_start, l.visit_end, l.total, l.band,
			COALESCE((SELECT ` + items + ` FROM ratings rt
				WHERE rt.review_id = l.id AND rt.rater_key = ? AND rt.score IS NOT NULL), '')
		FROM (SELECT ` + scoreColumns + `, ` + latestPartition + `
			FROM reviews AS r WHERE r.status = ?` + siteFilter + `) AS l
		WHERE l.rn = 1`
}
