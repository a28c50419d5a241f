package store_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// TestSiteCodeIndex checks that the database itself keeps codes unique
// among active siblings (roots included, whose parent is NULL), whatever
// the caller checked before: a second active "R01" at the root or under
// one parent is refused, re-coding onto a sibling's code is refused, and a
// deactivated site or another parent holds nothing.
func TestSiteCodeIndex(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := ctxT(t)
		withCode := func(parent *fidelity.Site, code string) fidelity.Site {
			st := fidelity.Site{ID: newID(t), Kind: fidelity.SiteKindOffice, Name: "Site " + code, Code: code,
				CreatedAt: now(), UpdatedAt: now(), Version: 1}
			st.Path = "/" + st.ID + "/"
			if parent != nil {
				st.ParentID, st.Path = parent.ID, parent.Path+st.ID+"/"
			}
			return st
		}
		root := withCode(nil, "R01")
		must(t, s.CreateSite(ctx, root))
		wantKind(t, s.CreateSite(ctx, withCode(nil, "R01")), fidelity.KindConflict)
		wantKind(t, s.CreateSite(ctx, withCode(nil, "r01")), fidelity.KindConflict)

		a := withCode(&root, "4601")
		must(t, s.CreateSite(ctx, a))
		wantKind(t, s.CreateSite(ctx, withCode(&root, "4601")), fidelity.KindConflict)
		b := withCode(&root, "4602")
		must(t, s.CreateSite(ctx, b))
		b.Code = "4601"
		wantKind(t, s.UpdateSite(ctx, b), fidelity.KindConflict)

		other := withCode(nil, "R02")
		must(t, s.CreateSite(ctx, other))
		must(t, s.CreateSite(ctx, withCode(&other, "4601")))
		must(t, s.CreateSite(ctx, withCode(&root, "")))
		must(t, s.CreateSite(ctx, withCode(&root, "")))

		end := now()
		a.ActiveTo = &end
		must(t, s.UpdateSite(ctx, a))
		must(t, s.CreateSite(ctx, withCode(&root, "4601")))
		for code, want := range map[string]bool{"4601": true, "4602": true, "4603": false, "": false} {
			got, err := s.SiteCodeTaken(ctx, root.ID, code, "")
			must(t, err)
			if got != want {
				t.Fatalf("SiteCodeTaken(%q) = %v, want %v", code, got, want)
			}
		}
		if got, _ := s.SiteCodeTaken(ctx, "", "R01", root.ID); got {
			t.Fatal("a site's own code counts as taken")
		}
	})
}

// TestSiteCodeMigrationRefusesDuplicates: sites that already share a code
// make migration 00004 fail loudly, naming the index, and leave it pending;
// once the data owner has resolved the duplicate, it applies.
func TestSiteCodeMigrationRefusesDuplicates(t *testing.T) {
	urls := map[string]func(testing.TB) string{"sqlite": storetest.SQLiteURL, "postgres": storetest.PostgresURL}
	for _, name := range []string{"sqlite", "postgres"} {
		t.Run(name, func(t *testing.T) {
			s := storetest.Open(t, urls[name](t))
			ctx := ctxT(t)
			var out bytes.Buffer
			must(t, s.Migrate(ctx, "up", &out))
			// Roll back to just before 00004, whatever came after it.
			for range 100 {
				out.Reset()
				must(t, s.Migrate(ctx, "status", &out))
				if strings.Contains(out.String(), "pending") && pendingLine(out.String(), "00004_hardening.sql") {
					break
				}
				must(t, s.Migrate(ctx, "down", &out))
			}
			one := siteWithCode(t, s, "R01")
			siteWithCode(t, s, "R01")
			err := s.Migrate(ctx, "up", &out)
			if err == nil || !strings.Contains(err.Error(), "sites_sibling_code_key") {
				t.Fatalf("migrating over duplicate codes: %v; want a failure naming sites_sibling_code_key", err)
			}
			out.Reset()
			must(t, s.Migrate(ctx, "status", &out))
			if !strings.Contains(out.String(), "pending") || !strings.Contains(out.String(), "00004_hardening.sql") {
				t.Fatalf("status after the refused migration:\n%s", out.String())
			}
			one.Code = "R01-old"
			must(t, s.UpdateSite(ctx, one))
			must(t, s.Migrate(ctx, "up", &out))
		})
	}
}

func siteWithCode(t *testing.T, s *store.Store, code string) fidelity.Site {
	t.Helper()
	st := fidelity.Site{ID: newID(t), Kind: fidelity.SiteKindRegion, Name: "Region " + code, Code: code,
		CreatedAt: now(), UpdatedAt: now()}
	st.Path = "/" + st.ID + "/"
	must(t, s.CreateSite(ctxT(t), st))
	st.Version = 1
	return st
}

// pendingLine reports whether the status listing shows file as pending.
func pendingLine(status, file string) bool {
	for _, line := range strings.Split(status, "\n") {
		if strings.Contains(line, file) && strings.HasPrefix(strings.TrimSpace(line), "pending") {
			return true
		}
	}
	return false
}
