package store

import (
	"context"

	"gorm.io/gorm"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

type raterHomeSiteRow struct {
	RaterID string
	SiteID  string
}

func (raterHomeSiteRow) TableName() string { return "rater_home_sites" }

// CreateImportedDirectory writes the sites an import creates (parents
// before their children, as given), their history rows and the raters it
// creates, with their home sites, in multi-row INSERTs inside the
// caller's transaction: a few statements per batch instead of two or three
// per site and rater. The audit events travel with the reviews'
// (CreateImportedReviews).
func (s *Store) CreateImportedDirectory(ctx context.Context, sites []fidelity.Site, changes []fidelity.SiteChange, raters []fidelity.Rater) error {
	siteRows := make([]siteRow, len(sites))
	for i, site := range sites {
		siteRows[i] = toSiteRow(site)
		siteRows[i].Version = 1
	}
	changeRows := make([]siteChangeRow, len(changes))
	for i, c := range changes {
		row, err := toSiteChangeRow(c)
		if err != nil {
			return err
		}
		changeRows[i] = row
	}
	raterRows := make([]raterRow, len(raters))
	var homes []raterHomeSiteRow
	for i, r := range raters {
		raterRows[i] = toRaterRow(r)
		raterRows[i].Version = 1
		if r.HomeSiteID != "" {
			homes = append(homes, raterHomeSiteRow{RaterID: r.ID, SiteID: r.HomeSiteID})
		}
	}
	err := s.writeTx(ctx, func(db *gorm.DB) error {
		if err := insertChunked(db, siteRows); err != nil {
			return err
		}
		if err := insertChunked(db, changeRows); err != nil {
			return err
		}
		if err := insertChunked(db, raterRows); err != nil {
			return err
		}
		return insertChunked(db, homes)
	})
	return translate(err, "imported sites and raters")
}
