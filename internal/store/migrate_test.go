package store_test

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
	"github.com/ipsfidelity/fidelity/migrations"
)

// TestMigrationsRoundTrip runs every migration up, all the way down, and
// up again on both dialects, checking the schema works after each climb.
func TestMigrationsRoundTrip(t *testing.T) {
	files, err := fs.Glob(migrations.FS, "*.sql")
	must(t, err)
	if len(files) == 0 {
		t.Fatal("no migrations embedded")
	}
	// The dialect-specific steps share the version sequence.
	files = append(files, store.DialectMigrationNames()...)
	urls := map[string]func(testing.TB) string{"sqlite": storetest.SQLiteURL, "postgres": storetest.PostgresURL}
	for _, name := range []string{"sqlite", "postgres"} {
		t.Run(name, func(t *testing.T) {
			s := storetest.Open(t, urls[name](t))
			ctx := ctxT(t)
			var out bytes.Buffer
			must(t, s.Migrate(ctx, "status", &out))
			if strings.Count(out.String(), "pending") != len(files) {
				t.Fatalf("status before up:\n%s", out.String())
			}
			up := func() {
				out.Reset()
				must(t, s.Migrate(ctx, "up", &out))
				st := site(t, s, nil, fidelity.SiteKindRegion, "After up")
				must(t, s.DeleteSite(ctx, st.ID))
			}
			up()
			if name == "postgres" {
				var n int
				must(t, s.SQLDB().QueryRowContext(ctx, `SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema()
					AND indexname IN ('sites_path_pattern_idx', 'reviews_finalised_site_idx')`).Scan(&n))
				if n != 2 {
					t.Fatalf("PostgreSQL-only indexes after up: %d of 2", n)
				}
			}
			out.Reset()
			must(t, s.Migrate(ctx, "up", &out))
			if !strings.Contains(out.String(), "no migrations to run") {
				t.Fatalf("second up:\n%s", out.String())
			}
			out.Reset()
			must(t, s.Migrate(ctx, "status", &out))
			if strings.Count(out.String(), "applied") != len(files) {
				t.Fatalf("status after up:\n%s", out.String())
			}
			for range files {
				must(t, s.Migrate(ctx, "down", &out))
			}
			st := fidelity.Site{ID: "x", Path: "/x/", Kind: "team", Name: "x"}
			if err := s.CreateSite(ctx, st); err == nil {
				t.Fatal("sites table still there after all downs")
			}
			out.Reset()
			must(t, s.Migrate(ctx, "status", &out))
			if strings.Count(out.String(), "pending") != len(files) {
				t.Fatalf("status after down:\n%s", out.String())
			}
			up()
			wantKind(t, s.Migrate(ctx, "sideways", &out), fidelity.KindInvalid)
		})
	}
}

func TestParseURL(t *testing.T) {
	for _, c := range []struct{ url, dialect, target string }{
		{"", "sqlite", store.DefaultSQLitePath},
		{"sqlite:/var/lib/fidelity/db.sqlite", "sqlite", "/var/lib/fidelity/db.sqlite"},
		{"sqlite:///var/lib/fidelity.db", "sqlite", "/var/lib/fidelity.db"},
		{"sqlite:data/f.db", "sqlite", "data/f.db"},
		{"sqlite::memory:", "sqlite", ":memory:"},
		{"./fidelity.db", "sqlite", "./fidelity.db"},
		{"/tmp/x.db", "sqlite", "/tmp/x.db"},
		{"postgres://u:p@db:5432/fidelity?sslmode=require", "postgres", "postgres://u:p@db:5432/fidelity?sslmode=require"},
		{"postgresql://db/fidelity", "postgres", "postgresql://db/fidelity"},
	} {
		d, target, err := store.ParseURL(c.url)
		if err != nil || d != c.dialect || target != c.target {
			t.Errorf("ParseURL(%q) = %q, %q, %v; want %q, %q", c.url, d, target, err, c.dialect, c.target)
		}
	}
	for _, bad := range []string{"mysql://u@h/db", "sqlite:", "sqlite://", "postgres://u@h:notaport/db", "redis:x"} {
		_, _, err := store.ParseURL(bad)
		wantKind(t, err, fidelity.KindInvalid)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := ctxT(t)
	_, err := store.Open(ctx, store.Config{URL: "mysql://root@localhost/fidelity"})
	wantKind(t, err, fidelity.KindInvalid, "unsupported database URL scheme")
	// Nothing listens on port 1.
	_, err = store.Open(ctx, store.Config{URL: "postgres://u@127.0.0.1:1/db?connect_timeout=2&sslmode=disable"})
	wantKind(t, err, fidelity.KindUnavailable)
	_, err = store.Open(ctx, store.Config{URL: "sqlite:" + t.TempDir() + "/missing-dir/f.db"})
	wantKind(t, err, fidelity.KindUnavailable)
}

func TestSQLiteMemory(t *testing.T) {
	s := storetest.Open(t, "sqlite::memory:")
	ctx := ctxT(t)
	var out bytes.Buffer
	must(t, s.Migrate(ctx, "up", &out))
	st := site(t, s, nil, fidelity.SiteKindRegion, "Memory")
	got, err := s.GetSite(ctx, st.ID)
	must(t, err)
	if got.Name != "Memory" || s.Dialect() != "sqlite" {
		t.Fatalf("%+v", got)
	}
}
