package store

import (
	"context"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// OpenReviews reads the reviews not yet finalised of the given sites, one
// query per chunk of site ids, earliest visit first within each site.
func (s *Store) OpenReviews(ctx context.Context, siteIDs []string) (map[string][]fidelity.Review, error) {
	open := strs([]fidelity.ReviewStatus{fidelity.StatusPlanned, fidelity.StatusInProgress, fidelity.StatusConsensus})
	var rows []reviewRow
	for chunk := range chunks(nonEmpty(siteIDs)) {
		var part []reviewRow
		err := s.r(ctx).Table("reviews AS r").Select(reviewColumns).
			Where("r.status IN ? AND r.site_id IN ?", open, chunk).
			Order("r.site_id, r.visit_start, r.id").Scan(&part).Error
		if err != nil {
			return nil, translate(err, "open reviews")
		}
		rows = append(rows, part...)
	}
	reviews, err := s.withRaters(ctx, rows)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]fidelity.Review)
	for _, r := range reviews {
		out[r.SiteID] = append(out[r.SiteID], r)
	}
	return out, nil
}

// Groupings finds, among the given sites, those with at least one site
// below them and no review of their own (any type or status): a region or
// an office that only groups teams. A site that has been reviewed itself
// stays a unit of review even when teams are added below it.
func (s *Store) Groupings(ctx context.Context, siteIDs []string) (map[string]bool, error) {
	out := make(map[string]bool)
	for chunk := range chunks(nonEmpty(siteIDs)) {
		var ids []string
		err := s.r(ctx).Table("sites AS s").Select("s.id").
			Where("s.id IN ?", chunk).
			Where("EXISTS (SELECT 1 FROM sites c WHERE c.parent_id = s.id)").
			Where("NOT EXISTS (SELECT 1 FROM reviews r WHERE r.site_id = s.id)").
			Scan(&ids).Error
		if err != nil {
			return nil, translate(err, "site groupings")
		}
		for _, id := range ids {
			out[id] = true
		}
	}
	return out, nil
}
