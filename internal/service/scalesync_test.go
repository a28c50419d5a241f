package service_test

import (
	"context"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

func embeddedCatalog(t *testing.T) *scale.Catalog {
	t.Helper()
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	return cat
}

// Every replica syncs the scales at each start. With the scale files
// unchanged a restart reads the stored scales once and writes nothing.
func TestScaleSyncOnRestartIsOneReadAndNoWrite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		first := embeddedCatalog(t)
		before := st.Statements()
		if err := service.New(st, first, service.DefaultConfig()).SyncScales(ctx); err != nil {
			t.Fatal(err)
		}
		if got, want := st.Statements()-before, int64(1+len(first.List())); got != want {
			t.Fatalf("first start: %d statements, want %d (one read, one insert per scale)", got, want)
		}
		stored, err := st.ListScales(ctx)
		if err != nil || len(stored) != len(first.List()) {
			t.Fatalf("first start stored %d scales (%v), want %d", len(stored), err, len(first.List()))
		}

		before = st.Statements()
		if err := service.New(st, embeddedCatalog(t), service.DefaultConfig()).SyncScales(ctx); err != nil {
			t.Fatal(err)
		}
		if got := st.Statements() - before; got != 1 {
			t.Fatalf("restart: %d statements, want 1 (the read)", got)
		}
		again, err := st.ListScales(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for i := range again {
			if again[i].Checksum != stored[i].Checksum || !again[i].CreatedAt.Equal(stored[i].CreatedAt) {
				t.Fatalf("restart rewrote %s@%s", again[i].ID, again[i].Version)
			}
		}
	})
}

// A restart still records a scale file it has not seen (a new
// --scales-dir file), and still loads what another replica stored.
func TestScaleSyncOnRestartRecordsNewAndLoadsStoredScales(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		// The database first knows only the old encoding of se-fidelity@2008…
		old := catalogOf(t, "se-fidelity/2008.yaml", encoding1(t))
		if err := service.New(st, old, service.DefaultConfig()).SyncScales(ctx); err != nil {
			t.Fatal(err)
		}
		// …and a replica started with another scale, stored directly here.
		other, err := embeddedCatalog(t).Get("goi", "2004")
		if err != nil {
			t.Fatal(err)
		}
		if err := st.PutScale(ctx, service.StoredScale{
			ID: other.ID, Version: other.Version, Checksum: other.Checksum, Source: other.Raw, Origin: "upload",
		}); err != nil {
			t.Fatal(err)
		}

		// A start with the new encoding of se-fidelity@2008 and nothing else.
		cur, _ := embeddedCatalog(t).Get("se-fidelity", "2008")
		cat := scale.NewCatalog()
		if err := cat.Add(cur); err != nil {
			t.Fatal(err)
		}
		if err := service.New(st, cat, service.DefaultConfig()).SyncScales(ctx); err != nil {
			t.Fatal(err)
		}
		stored, err := st.GetScale(ctx, "se-fidelity", "2008")
		if err != nil || stored.Checksum != cur.Checksum {
			t.Fatalf("changed scale file not synced: stored %.12s, file %.12s (%v)", stored.Checksum, cur.Checksum, err)
		}
		if _, err := cat.Get(other.ID, other.Version); err != nil {
			t.Fatalf("scale stored by another replica not loaded: %v", err)
		}
	})
}
