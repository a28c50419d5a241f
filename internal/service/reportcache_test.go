package service_test

import (
	"context"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// finalise takes a planned review through both raters and consensus.
func (w world) finalise(t *testing.T, review string, level int) {
	t.Helper()
	ctx := context.Background()
	for i, r := range []string{w.raterA, w.raterB} {
		if _, err := w.svc.SaveRatings(ctx, review, r, service.AnyVersion, w.complete(t, level, uint64(i+1)), true); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.svc.SaveConsensus(ctx, review, service.AnyVersion, w.complete(t, level, 7)); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.Finalize(ctx, review, service.AnyVersion); err != nil {
		t.Fatal(err)
	}
}

func heatmapSites(t *testing.T, svc *service.Service, ctx context.Context) map[string]bool {
	t.Helper()
	h, err := svc.Heatmap(ctx, service.ReportQuery{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, row := range h.Sites {
		if row.Total != nil {
			out[row.SiteID] = true
		}
	}
	return out
}

// A programme lead opens the national heatmap twice: the second time is
// served from the cache. A review finalised in between is on the next
// heatmap at once, and a lead of another region never gets the first
// lead's cached heatmap.
func TestReportCacheServesUntilAWrite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		w.finalise(t, w.plan(t, w.teamA), 4)
		admin := as(fidelity.RoleAdmin, "")

		first := heatmapSites(t, w.svc, admin)
		before := w.svc.ReportCacheStats()
		again := heatmapSites(t, w.svc, admin)
		after := w.svc.ReportCacheStats()
		if after.Hits != before.Hits+1 || after.Misses != before.Misses {
			t.Fatalf("second identical heatmap was not a cache hit: %+v → %+v", before, after)
		}
		if len(first) != 1 || !first[w.teamA] || len(again) != 1 {
			t.Fatalf("heatmap sites: first %v, again %v; want only team A", first, again)
		}

		// A lead scoped to region B asks the same question: a different
		// scope is a different entry.
		leadB := as(fidelity.RoleLead, "", w.regionB)
		if got := heatmapSites(t, w.svc, leadB); len(got) != 0 {
			t.Fatalf("lead of region B sees %v: a cached result crossed scopes", got)
		}

		// Team B's review is finalised: the admin's next heatmap has it.
		w.finalise(t, w.plan(t, w.teamB), 3)
		if got := heatmapSites(t, w.svc, admin); !got[w.teamB] || !got[w.teamA] {
			t.Fatalf("heatmap after a finalised review: %v, want teams A and B (stale cache)", got)
		}
		if got := heatmapSites(t, w.svc, leadB); len(got) != 1 || !got[w.teamB] {
			t.Fatalf("lead of region B after the write: %v, want team B only", got)
		}
	})
}

// Two replicas share one PostgreSQL database: a review finalised through
// one is on the other's next comparison, although the other had the
// comparison cached.
func TestReportCacheAcrossReplicas(t *testing.T) {
	url := storetest.PostgresURL(t)
	one := storetest.Open(t, url)
	if err := one.Migrate(context.Background(), "up", discard{}); err != nil {
		t.Fatal(err)
	}
	two := storetest.Open(t, url)
	w := newWorld(t, one)
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	other := service.New(two, cat, service.DefaultConfig())
	admin := as(fidelity.RoleAdmin, "")

	w.finalise(t, w.plan(t, w.teamA), 4)
	ranked := func() int {
		c, err := other.Comparison(admin, service.ReportQuery{})
		if err != nil {
			t.Fatal(err)
		}
		return len(c.League)
	}
	if n := ranked(); n != 1 {
		t.Fatalf("replica two ranks %d sites, want 1", n)
	}
	if n := ranked(); n != 1 || other.ReportCacheStats().Hits != 1 {
		t.Fatalf("replica two: %d sites, stats %+v; want a cache hit", n, other.ReportCacheStats())
	}
	w.finalise(t, w.plan(t, w.teamB), 3) // through replica one
	if n := ranked(); n != 2 {
		t.Fatalf("replica two ranks %d sites after a write on replica one, want 2 (stale report)", n)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
