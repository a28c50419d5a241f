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

// ratersColumn is a select-list column "raters": the ids of review r's
// raters in their order, comma-separated (” for none). Ids are UUIDs and
// hold no commas.
func (s *Store) ratersColumn() string {
	agg := "string_agg(rr.rater_id, ',' ORDER BY rr.seq)"
	if s.dialect == dialectSQLite {
		agg = "group_concat(rr.rater_id, ',' ORDER BY rr.seq)"
	}
	return "COALESCE((SELECT " + agg + " FROM review_raters rr WHERE rr.review_id = r.id), '') AS raters"
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
