package store

import (
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// reviewRaterRowAgg is a review row with its rater ids, in order, read in the
// same statement (ratersColumn) instead of a second query on review_raters.
type reviewRaterRowAgg struct {
	Review reviewRow `gorm:"embedded"`
	Raters string
}

// dest returns scan targets into a for reviewColumns followed by the
// raters column, with a site_path column between them when withPath.
func (a *reviewRaterRowAgg) dest(withPath bool) []any {
	r := &a.Review
	dest := []any{&r.ID, &r.SiteID, &r.ScaleID, &r.ScaleVersion, &r.Type, &r.Status,
		&r.VisitStart, &r.VisitEnd, &r.Total, &r.Band, &r.Valid, &r.Complete, &r.FinalisedAt,
		&r.CreatedAt, &r.UpdatedAt, &r.Version}
	if withPath {
		dest = append(dest, &r.SitePath)
	}
	return append(dest, &a.Raters)
}

// ratersColumn is a select-list column "raters": the ids of review r's
// raters in their order, comma-separated (” for none). Ids are UUIDs and
// hold no commas.
func (s *Store) ratersColumn() string {
	return "COALESCE((SELECT " + s.joined("rr.rater_id", "rr.seq") + " FROM review_raters rr WHERE rr.review_id = r.id), '') AS raters"
}

func splitRaters(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

// reviewsOf converts rows read with ratersColumn.
func reviewsOf(rows []reviewRaterRowAgg) ([]fidelity.Review, error) {
	out := make([]fidelity.Review, 0, len(rows))
	for _, row := range rows {
		r, err := row.Review.domain(splitRaters(row.Raters))
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}
