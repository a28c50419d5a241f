package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pressly/goose/v3"
)

// dialectMigration is a schema step that only one dialect needs, such as
// an index form SQLite lacks. It has a version in the same sequence as the
// SQL files in migrations/, so both databases record the same history: on
// the other dialect the version is recorded and nothing runs. The logical
// schema (tables, columns, constraints) stays in the portable SQL files;
// only physical tuning goes here.
type dialectMigration struct {
	version  int64
	dialect  string // dialectPostgres or dialectSQLite
	why      string
	up, down []string
}

// dialectMigrations are in version order; a version must not be used by a
// file in migrations/ (goose refuses to start if it is).
var dialectMigrations = []dialectMigration{
	{
		version: 14,
		dialect: dialectPostgres,
		why: "subtree filters are path prefix matches (LIKE '/id/%'), which a b-tree index serves " +
			"under a non-C collation only with text_pattern_ops; the latest-review windows of trends " +
			"and dated comparisons read only finalised reviews, newest first per site",
		up: []string{
			"CREATE INDEX sites_path_pattern_idx ON sites (path text_pattern_ops)",
			"CREATE INDEX reviews_finalised_site_idx ON reviews (site_id, visit_end DESC, id DESC) WHERE status = 'finalised'",
		},
		down: []string{
			"DROP INDEX reviews_finalised_site_idx",
			"DROP INDEX sites_path_pattern_idx",
		},
	},
	{
		version: 19,
		dialect: dialectPostgres,
		why: "an evidence purge finds a review's rating-set events by resource id prefix (LIKE '<review>/%'), " +
			"which the resource index serves under a non-C collation only with text_pattern_ops; " +
			"equality and the newest-first order by id are served as before",
		up: []string{
			"DROP INDEX audit_events_resource_idx",
			"CREATE INDEX audit_events_resource_idx ON audit_events (resource_type, resource_id text_pattern_ops, id)",
		},
		down: []string{
			"DROP INDEX audit_events_resource_idx",
			"CREATE INDEX audit_events_resource_idx ON audit_events (resource_type, resource_id, id)",
		},
	},
}

// goMigrations turns dialectMigrations into goose migrations for dialect.
func goMigrations(dialect string) []*goose.Migration {
	out := make([]*goose.Migration, 0, len(dialectMigrations))
	for _, m := range dialectMigrations {
		if m.dialect != dialect {
			// Recorded as applied, runs nothing.
			out = append(out, goose.NewGoMigration(m.version, &goose.GoFunc{}, &goose.GoFunc{}))
			continue
		}
		out = append(out, goose.NewGoMigration(m.version,
			&goose.GoFunc{RunTx: execAll(m.up)}, &goose.GoFunc{RunTx: execAll(m.down)}))
	}
	return out
}

func execAll(stmts []string) func(context.Context, *sql.Tx) error {
	return func(ctx context.Context, tx *sql.Tx) error {
		for _, q := range stmts {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	}
}

// DialectMigrationNames names the dialect-specific steps, one per version,
// for status listings and tests.
func DialectMigrationNames() []string {
	out := make([]string, len(dialectMigrations))
	for i, m := range dialectMigrations {
		out[i] = fmt.Sprintf("%05d (%s only): %s", m.version, m.dialect, m.why)
	}
	return out
}

func dialectMigrationName(version int64) string {
	for _, m := range dialectMigrations {
		if m.version == version {
			return fmt.Sprintf("%05d %s-only step (store/migrate_dialect.go)", m.version, m.dialect)
		}
	}
	return fmt.Sprintf("%05d", version)
}
