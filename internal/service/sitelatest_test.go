package service_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// planAt plans a review of the given type visited on day.
func (w world) planAt(t *testing.T, site string, typ fidelity.ReviewType, day time.Time) string {
	t.Helper()
	v, err := w.svc.PlanReview(context.Background(), service.ReviewInput{
		SiteID: site, Scale: "se-fidelity@2008", Type: typ,
		VisitStart: day, VisitEnd: day, RaterIDs: []string{w.raterA, w.raterB},
	})
	if err != nil {
		t.Fatal(err)
	}
	return v.ID
}

// The latest review per site is kept current by every write that can
// change it, and rebuilding it from the reviews gives the same rows: a
// site's external reviews over two years, a self-assessment after them,
// a correction of the newest external review, a review left unfinished,
// a site moved to another region and one deactivated.
func TestSiteLatestRebuiltEqualsMaintained(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		ctx := context.Background()
		day := func(y int, m time.Month) time.Time { return time.Date(y, m, 15, 0, 0, 0, 0, time.UTC) }

		w.finalise(t, w.planAt(t, w.teamA, fidelity.ReviewExternal, day(2024, 3)), 2)
		w.finalise(t, w.planAt(t, w.teamA, fidelity.ReviewExternal, day(2024, 9)), 3)
		newest := w.planAt(t, w.teamA, fidelity.ReviewExternal, day(2025, 3))
		w.finalise(t, newest, 4)
		w.finalise(t, w.planAt(t, w.teamA, fidelity.ReviewSelf, day(2025, 6)), 5)
		w.finalise(t, w.planAt(t, w.teamB, fidelity.ReviewRemote, day(2025, 1)), 3)
		w.planAt(t, w.teamB, fidelity.ReviewExternal, day(2025, 8)) // planned, never finalised

		if _, err := w.svc.Correct(ctx, newest, service.AnyVersion,
			fidelity.ItemInput{ItemID: "O6", Score: ptr(1)}, "zero exclusion was misread at the visit"); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.MoveSite(ctx, w.teamB, service.AnyVersion, w.regionA); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.DeactivateSite(ctx, w.teamA, service.AnyVersion, day(2026, 1)); err != nil {
			t.Fatal(err)
		}

		maintained, err := st.SiteLatestRows(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// Team A: the newest external and the self-assessment; team B: the remote review.
		if len(maintained) != 3 {
			t.Fatalf("maintained rows: %d, want 3 (A external, A self, B remote):\n%v", len(maintained), maintained)
		}
		if err := st.RebuildSiteLatest(ctx); err != nil {
			t.Fatal(err)
		}
		rebuilt, err := st.SiteLatestRows(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(maintained, rebuilt) {
			t.Fatalf("rebuilt ≠ maintained:\nmaintained %v\nrebuilt    %v", maintained, rebuilt)
		}

		// The read model answers as the window over all reviews does, for
		// every type: its item scores are encoded by the database and
		// decoded in Go, the window's are read row by row.
		long := day(1990, 1)
		var fromModel []fidelity.ReviewScores
		for _, types := range [][]fidelity.ReviewType{{fidelity.ReviewExternal, fidelity.ReviewRemote}, {fidelity.ReviewSelf}} {
			sc := service.LatestFilter{ScaleID: "se-fidelity", Type: types}
			model, err := st.LatestScores(ctx, sc)
			if err != nil {
				t.Fatal(err)
			}
			sc.From = &long
			fromReviews, err := st.LatestScores(ctx, sc)
			if err != nil {
				t.Fatal(err)
			}
			if len(model) == 0 || len(model) != len(fromReviews) {
				t.Fatalf("latest %v reviews: model %d, reviews %d", types, len(model), len(fromReviews))
			}
			for i := range model {
				a, b := model[i], fromReviews[i]
				if a.ReviewID != b.ReviewID || *a.Total != *b.Total || a.Band != b.Band || len(a.Consensus) != 25 ||
					!mapsEqual(a.Consensus, b.Consensus) {
					t.Fatalf("site %s: model %+v\nreviews %+v", a.SiteID, a, b)
				}
			}
			if fromModel == nil {
				fromModel = model
			}
		}
		if len(fromModel) != 2 {
			t.Fatalf("latest fidelity reviews: %d, want 2", len(fromModel))
		}
		if fromModel[0].ReviewID != newest && fromModel[1].ReviewID != newest {
			t.Fatalf("team A's latest external review is not the corrected one %s: %+v", newest, fromModel)
		}
		for _, r := range fromModel {
			if r.ReviewID == newest && r.Consensus["O6"] != 1 {
				t.Fatalf("the corrected O6 score is %d in the read model, want 1", r.Consensus["O6"])
			}
		}
	})
}

// A database that held reviews before the read model existed gets it
// filled by the next migration run.
func TestSiteLatestFilledByMigrate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		ctx := context.Background()
		w.finalise(t, w.plan(t, w.teamA), 4)
		// As the database stood before migration 00013 had run.
		for _, q := range []string{"DELETE FROM site_latest", "INSERT INTO read_model_rebuilds (name) VALUES ('site_latest')"} {
			if _, err := st.SQLDB().ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.Migrate(ctx, "up", discard{}); err != nil {
			t.Fatal(err)
		}
		rows, err := st.SiteLatestRows(ctx)
		if err != nil || len(rows) != 1 {
			t.Fatalf("after migrate: %v rows, %v; want team A's review", rows, err)
		}
	})
}

func ptr[T any](v T) *T { return &v }

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
