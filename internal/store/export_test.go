package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// ExecRaw runs a statement past the Store API, for tests that must show the
// schema itself rejects bad data.
func ExecRaw(ctx context.Context, s *Store, sql string, args ...any) error {
	return translate(s.db.WithContext(ctx).Exec(sql, args...).Error, "raw statement")
}

// QueryInt runs a query returning one integer.
func QueryInt(ctx context.Context, s *Store, sql string, args ...any) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Raw(sql, args...).Scan(&n).Error
	return n, translate(err, "raw query")
}

// ParseURL exposes the URL parser to the external tests.
var ParseURL = parseURL

// Explain returns the query plan lines of a statement.
func Explain(ctx context.Context, s *Store, sql string, args ...any) ([]string, error) {
	var rows []map[string]any
	prefix := "EXPLAIN QUERY PLAN "
	if s.dialect == dialectPostgres {
		prefix = "EXPLAIN ANALYZE "
	}
	err := s.read.WithContext(ctx).Raw(prefix+sql, args...).Scan(&rows).Error
	var out []string
	for _, r := range rows {
		out = append(out, fmt.Sprint(r))
	}
	return out, err
}

// SetScoreBatch sets how many reviews ListReviewScores reads per batch,
// until the test ends.
func SetScoreBatch(t interface{ Cleanup(func()) }, n int) {
	old := scoreBatch
	scoreBatch = n
	t.Cleanup(func() { scoreBatch = old })
}

// DecodeItemScores exposes the reader of the site_latest item text.
var DecodeItemScores = decodeItemScores

// EncodeItemScores writes item scores as fillSiteLatestSQL has the
// database write them, for the tests and benchmark of the reader.
func EncodeItemScores(scores map[string]int) string {
	ids := slices.Sorted(maps.Keys(scores))
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(id)
		b.WriteByte('=')
		b.WriteString(strconv.Itoa(scores[id]))
	}
	return b.String()
}
