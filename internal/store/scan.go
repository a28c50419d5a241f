package store

import "database/sql"

// scanEach reads every row of rows into *row through dest (scan targets
// pointing into *row, set up once per query) and returns the rows read in
// order. *row is reset before each row, so a NULL column leaves the zero
// value rather than the previous row's. It closes rows.
//
// Why typed scans: gorm's reflective scan of the hot reads (a page of
// reviews, a site's due facts, rating-set heads) was a fifth to a third of
// their CPU.
func scanEach[T any](rows *sql.Rows, row *T, dest ...any) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		var zero T
		*row = zero
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, *row)
	}
	return out, rows.Err()
}
