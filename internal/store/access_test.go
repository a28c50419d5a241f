package store_test

import (
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

func apiKey(t testing.TB, name string, role fidelity.Role) fidelity.APIKey {
	t.Helper()
	id := newID(t)
	sum := sha256.Sum256([]byte("secret-" + id))
	return fidelity.APIKey{ID: id, Prefix: "fk_" + id[len(id)-10:], Hash: hex.EncodeToString(sum[:]),
		Name: name, Role: role, CreatedAt: now(), CreatedBy: "system"}
}

func TestAPIKeys(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := ctxT(t)
		n, err := s.CountKeys(ctx)
		must(t, err)
		if n != 0 {
			t.Fatalf("CountKeys on an empty store = %d", n)
		}
		if keys, err := s.ListKeys(ctx); err != nil || len(keys) != 0 {
			t.Fatalf("ListKeys on an empty store = %v, %v", keys, err)
		}

		r := rater(t, s, "Kari")
		region := site(t, s, nil, fidelity.SiteKindRegion, "Region")
		exp := now().Add(90 * 24 * time.Hour)
		rk := apiKey(t, "Kari's key", fidelity.RoleRater)
		rk.RaterID, rk.Scope, rk.ExpiresAt = r.ID, []string{region.ID, "other"}, &exp
		admin := apiKey(t, "Admin", fidelity.RoleAdmin)
		admin.Scope = []string{} // stored as [], read back as nil
		must(t, s.CreateKey(ctx, rk))
		must(t, s.CreateKey(ctx, admin))
		admin.Scope = nil

		got, err := s.GetKey(ctx, rk.ID)
		must(t, err)
		if !reflect.DeepEqual(got, rk) {
			t.Fatalf("GetKey = %+v\nwant      %+v", got, rk)
		}
		got, err = s.KeyByHash(ctx, admin.Hash)
		must(t, err)
		if !reflect.DeepEqual(got, admin) {
			t.Fatalf("KeyByHash = %+v\nwant        %+v", got, admin)
		}
		_, err = s.KeyByHash(ctx, strings.Repeat("ab", 32))
		wantKind(t, err, fidelity.KindNotFound, "API key not found")
		_, err = s.GetKey(ctx, "missing")
		wantKind(t, err, fidelity.KindNotFound, "API key missing not found")

		// Each unique column conflicts on its own; the first key is intact.
		dup := apiKey(t, "Duplicate prefix", fidelity.RoleReader)
		dup.Prefix = rk.Prefix
		wantKind(t, s.CreateKey(ctx, dup), fidelity.KindConflict, "already exists")
		dup = apiKey(t, "Duplicate hash", fidelity.RoleReader)
		dup.Hash = rk.Hash
		wantKind(t, s.CreateKey(ctx, dup), fidelity.KindConflict, "already exists")
		dup = apiKey(t, "Duplicate id", fidelity.RoleReader)
		dup.ID = rk.ID
		wantKind(t, s.CreateKey(ctx, dup), fidelity.KindConflict, "already exists")
		bad := apiKey(t, "Bad role", fidelity.Role("owner"))
		wantKind(t, s.CreateKey(ctx, bad), fidelity.KindConflict)
		bad = apiKey(t, "No such rater", fidelity.RoleRater)
		bad.RaterID = newID(t)
		wantKind(t, s.CreateKey(ctx, bad), fidelity.KindConflict)

		reader := apiKey(t, "Reader", fidelity.RoleReader)
		must(t, s.CreateKey(ctx, reader))
		keys, err := s.ListKeys(ctx)
		must(t, err)
		if want := []string{rk.ID, admin.ID, reader.ID}; !reflect.DeepEqual(keyIDs(keys), want) {
			t.Fatalf("ListKeys = %v, want %v", keyIDs(keys), want)
		}
		if !reflect.DeepEqual(keys[0], rk) {
			t.Fatalf("listed %+v\nwant   %+v", keys[0], rk)
		}

		// Revoking keeps the first revocation time; the key is still found.
		t1 := now()
		must(t, s.RevokeKey(ctx, reader.ID, t1))
		must(t, s.RevokeKey(ctx, reader.ID, t1.Add(time.Hour)))
		got, err = s.KeyByHash(ctx, reader.Hash)
		must(t, err)
		if got.RevokedAt == nil || !got.RevokedAt.Equal(t1) || got.Usable(t1) {
			t.Fatalf("revoked key = %+v", got)
		}
		wantKind(t, s.RevokeKey(ctx, "missing", t1), fidelity.KindNotFound, "API key missing not found")
		n, err = s.CountKeys(ctx)
		must(t, err)
		if n != 3 {
			t.Fatalf("CountKeys = %d, want 3 (revoked keys count)", n)
		}
	})
}

func TestTouchKey(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := ctxT(t)
		k := apiKey(t, "Touched", fidelity.RoleLead)
		must(t, s.CreateKey(ctx, k))
		lastUsed := func() *time.Time {
			t.Helper()
			got, err := s.GetKey(ctx, k.ID)
			must(t, err)
			return got.LastUsedAt
		}
		if lu := lastUsed(); lu != nil {
			t.Fatalf("new key last used at %v", lu)
		}
		t0 := now()
		for _, c := range []struct {
			name string
			at   time.Time
			want time.Time
		}{
			{"first use", t0, t0},
			{"within the minute", t0.Add(59 * time.Second), t0},
			{"exactly a minute", t0.Add(time.Minute), t0},
			{"over a minute", t0.Add(time.Minute + time.Microsecond), t0.Add(time.Minute + time.Microsecond)},
			{"clock behind", t0.Add(-time.Hour), t0.Add(time.Minute + time.Microsecond)},
			{"much later", t0.Add(time.Hour), t0.Add(time.Hour)},
		} {
			must(t, s.TouchKey(ctx, k.ID, c.at))
			if lu := lastUsed(); lu == nil || !lu.Equal(c.want) {
				t.Fatalf("%s: last used at %v, want %v", c.name, lu, c.want)
			}
		}
		must(t, s.TouchKey(ctx, "missing", t0))
	})
}

func keyIDs(keys []fidelity.APIKey) []string {
	return ids(keys, func(k fidelity.APIKey) string { return k.ID })
}
