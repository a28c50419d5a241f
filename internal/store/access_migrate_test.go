package store_test

import (
	"bytes"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
	"github.com/ipsfidelity/fidelity/migrations"
)

// TestAccessMigrationRoundTrip migrates up, rolls back to just before
// 00003_access_audit.sql (its tables go, the earlier schema stays), climbs
// again, and then goes all the way down and up, on both dialects.
func TestAccessMigrationRoundTrip(t *testing.T) {
	files, err := fs.Glob(migrations.FS, "*.sql")
	must(t, err)
	slices.Sort(files)
	idx := slices.Index(files, "00003_access_audit.sql")
	if idx < 0 {
		t.Fatalf("00003_access_audit.sql not embedded: %v", files)
	}
	// Downs that undo 00003 and everything after it, dialect-specific
	// steps (all later than 00003) included.
	downs := len(files) - idx + len(store.DialectMigrationNames())

	urls := map[string]func(testing.TB) string{"sqlite": storetest.SQLiteURL, "postgres": storetest.PostgresURL}
	for _, name := range []string{"sqlite", "postgres"} {
		t.Run(name, func(t *testing.T) {
			s := storetest.Open(t, urls[name](t))
			ctx := ctxT(t)
			var out bytes.Buffer
			migrate := func(cmd string, times int) {
				t.Helper()
				for range times {
					out.Reset()
					must(t, s.Migrate(ctx, cmd, &out))
				}
			}
			gone := func() {
				t.Helper()
				if _, err := s.CountKeys(ctx); err == nil {
					t.Fatal("api_keys still there")
				}
				if _, err := s.ListAudit(ctx, service.AuditFilter{}); err == nil {
					t.Fatal("audit_events still there")
				}
				if _, err := s.PurgeIdempotent(ctx, now()); err == nil {
					t.Fatal("idempotency_keys still there")
				}
			}

			migrate("up", 1)
			exerciseAccess(t, s)

			migrate("down", downs)
			gone()
			out.Reset()
			must(t, s.Migrate(ctx, "status", &out))
			if !strings.Contains(out.String(), "pending") || !strings.Contains(out.String(), "00003_access_audit.sql") {
				t.Fatalf("status after rolling back 00003:\n%s", out.String())
			}
			if idx > 0 {
				// The earlier schema is intact.
				st := site(t, s, nil, fidelity.SiteKindRegion, "Kept")
				must(t, s.DeleteSite(ctx, st.ID))
			}

			migrate("up", 1)
			exerciseAccess(t, s)

			migrate("down", len(files))
			gone()
			migrate("up", 1)
			exerciseAccess(t, s)
		})
	}
}

// exerciseAccess writes to and reads from each table of 00003 on an empty
// schema, and leaves them empty again where the store allows.
func exerciseAccess(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := ctxT(t)
	st := site(t, s, nil, fidelity.SiteKindRegion, "Scoped")
	k := apiKey(t, "Migrated", fidelity.RoleLead)
	k.Scope = []string{st.ID}
	must(t, s.CreateKey(ctx, k))
	got, err := s.KeyByHash(ctx, k.Hash)
	must(t, err)
	if got.ID != k.ID || !slices.Equal(got.Scope, k.Scope) {
		t.Fatalf("key = %+v", got)
	}
	dup := apiKey(t, "Same prefix", fidelity.RoleReader)
	dup.Prefix = k.Prefix
	wantKind(t, s.CreateKey(ctx, dup), fidelity.KindConflict)

	ev := fidelity.AuditEvent{ID: newID(t), At: now(), KeyID: k.ID, Action: "site.create",
		ResourceType: "site", ResourceID: st.ID, SitePath: st.Path, After: `{}`}
	must(t, s.AppendAudit(ctx, ev))
	events, err := s.ListAudit(ctx, service.AuditFilter{Subtrees: k.Scope})
	must(t, err)
	if len(events) != 1 || events[0].ID != ev.ID {
		t.Fatalf("audit = %+v", events)
	}

	r := idemRequest(k.ID, "m", now())
	if _, started, err := s.BeginIdempotent(ctx, r); err != nil || !started {
		t.Fatalf("Begin: %v %v", started, err)
	}
	if _, started, err := s.BeginIdempotent(ctx, r); err != nil || started {
		t.Fatalf("second Begin: %v %v", started, err)
	}
	n, err := s.PurgeIdempotent(ctx, now().Add(1))
	must(t, err)
	if n != 1 {
		t.Fatalf("purged %d", n)
	}
}
