package store_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// Every start runs "up". On a database that has every migration it costs
// one query; a missing migration or a pending read-model rebuild still
// takes goose's path, so a replica is never ready on an old schema.
func TestMigrateUpOnCurrentSchemaIsOneQueryAndStillMigrates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := ctxT(t)
		db := s.SQLDB()
		var out bytes.Buffer
		before := s.Statements()
		must(t, s.Migrate(ctx, "up", &out))
		if got := s.Statements() - before; got != 1 || !strings.Contains(out.String(), "no migrations to run; version ") {
			t.Fatalf("up on a current schema: %d statements, output %q; want 1 statement", got, out.String())
		}

		// The latest migration rolled back (an older schema, as before a
		// release): up applies it again.
		must(t, s.Migrate(ctx, "down", &out))
		out.Reset()
		must(t, s.Migrate(ctx, "up", &out))
		if strings.Contains(out.String(), "no migrations to run") {
			t.Fatalf("up after a rollback did nothing: %q", out.String())
		}
		var n int
		must(t, db.QueryRowContext(ctx, "SELECT COUNT(*) FROM rescored_scorecards").Scan(&n))

		// A read-model rebuild left pending (a start that stopped between
		// migration and rebuild): up still rebuilds.
		_, err := db.ExecContext(ctx, "INSERT INTO read_model_rebuilds (name) VALUES ('site_latest')")
		must(t, err)
		must(t, s.Migrate(ctx, "up", &out))
		must(t, db.QueryRowContext(ctx, "SELECT COUNT(*) FROM read_model_rebuilds").Scan(&n))
		if n != 0 {
			t.Fatalf("pending rebuild left after up: %d", n)
		}
	})
}
