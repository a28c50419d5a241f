package service_test

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/demo"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

type world struct {
	svc            *service.Service
	sc             *scale.Scale
	regionA, teamA string
	regionB, teamB string
	raterA, raterB string
}

func newWorld(t *testing.T, st *store.Store) world {
	t.Helper()
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	return newWorldWith(t, st, cat)
}

// newWorldWith is newWorld over the scales of cat.
func newWorldWith(t *testing.T, st *store.Store, cat *scale.Catalog) world {
	t.Helper()
	return newWorldOn(t, service.New(st, cat, service.DefaultConfig()), cat)
}

// newWorldOn builds the two regions, their teams and two raters on svc.
func newWorldOn(t *testing.T, svc *service.Service, cat *scale.Catalog) world {
	t.Helper()
	ctx := context.Background()
	if err := svc.SyncScales(ctx); err != nil {
		t.Fatal(err)
	}
	w := world{svc: svc}
	w.sc, _ = cat.Get("se-fidelity", "2008")
	mk := func(parent, kind, name string) string {
		v, err := svc.CreateSite(ctx, service.SiteInput{ParentID: parent, Kind: kind, Code: name, Name: name})
		if err != nil {
			t.Fatal(err)
		}
		return v.ID
	}
	w.regionA = mk("", "region", "Vest")
	w.teamA = mk(mk(w.regionA, "office", "Bergen"), "team", "Team Bergen")
	w.regionB = mk("", "region", "Nord")
	w.teamB = mk(mk(w.regionB, "office", "Bodø"), "team", "Team Bodø")
	for i, name := range []string{"A", "B"} {
		r, err := svc.CreateRater(ctx, service.RaterInput{Name: "Rater " + name, Email: name + "@example.no"})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			w.raterA = r.ID
		} else {
			w.raterB = r.ID
		}
	}
	return w
}

func (w world) plan(t *testing.T, site string) string {
	t.Helper()
	day := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	v, err := w.svc.PlanReview(context.Background(), service.ReviewInput{
		SiteID: site, Scale: "se-fidelity@2008", Type: fidelity.ReviewExternal,
		VisitStart: day, VisitEnd: day, RaterIDs: []string{w.raterA, w.raterB},
	})
	if err != nil {
		t.Fatal(err)
	}
	return v.ID
}

func (w world) complete(t *testing.T, level int, seed uint64) []fidelity.ItemInput {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, seed))
	var out []fidelity.ItemInput
	for i := range w.sc.Items {
		in, err := demo.InputFor(w.sc, &w.sc.Items[i], level, rng)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, in)
	}
	return out
}

func as(role fidelity.Role, rater string, scope ...string) context.Context {
	return fidelity.WithPrincipal(context.Background(), fidelity.Principal{Name: string(role), Role: role, RaterID: rater, Scope: scope})
}

func TestBlindRatings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		review := w.plan(t, w.teamA)
		ctxA, ctxB := as(fidelity.RoleRater, w.raterA), as(fidelity.RoleRater, w.raterB)
		if _, err := w.svc.SaveRatings(ctxA, review, w.raterA, service.AnyVersion, w.complete(t, 4, 1), true); err != nil {
			t.Fatal(err)
		}
		// B has not submitted: B may not see A's ratings, nor A's total.
		if _, err := w.svc.GetRatings(ctxB, review, w.raterA); fidelity.KindOf(err) != fidelity.KindForbidden {
			t.Fatalf("B read A's ratings before submitting: %v", err)
		}
		sums, err := w.svc.RatingSummaries(ctxB, review)
		if err != nil || sums[0].Scorecard != nil || !sums[0].Submitted {
			t.Fatalf("summary leaks A's scorecard to B: %+v %v", sums, err)
		}
		// A rater may not write another rater's set.
		if _, err := w.svc.SaveRatings(ctxB, review, w.raterA, service.AnyVersion, nil, false); fidelity.KindOf(err) != fidelity.KindForbidden {
			t.Fatalf("B wrote A's ratings: %v", err)
		}
		// A lead sees progress at any time.
		if _, err := w.svc.GetRatings(as(fidelity.RoleLead, ""), review, w.raterA); err != nil {
			t.Fatalf("lead: %v", err)
		}
		if _, err := w.svc.SaveRatings(ctxB, review, w.raterB, service.AnyVersion, w.complete(t, 3, 2), true); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.GetRatings(ctxB, review, w.raterA); err != nil {
			t.Fatalf("after both submitted B should see A's ratings: %v", err)
		}
	})
}

func TestScopeHidesOtherSubtrees(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		review := w.plan(t, w.teamB)
		ctx := as(fidelity.RoleReader, "", w.regionA)
		if _, err := w.svc.GetSite(ctx, w.teamB); fidelity.KindOf(err) != fidelity.KindNotFound {
			t.Fatalf("site outside scope: %v, want not found", err)
		}
		if _, err := w.svc.GetReview(ctx, review); fidelity.KindOf(err) != fidelity.KindNotFound {
			t.Fatalf("review outside scope: %v, want not found", err)
		}
		sites, _, err := w.svc.ListSites(ctx, service.SiteFilter{})
		if err != nil || len(sites) != 3 {
			t.Fatalf("scoped list: %d sites, %v", len(sites), err)
		}
		reviews, _, err := w.svc.ListReviews(ctx, service.ReviewFilter{})
		if err != nil || len(reviews) != 0 {
			t.Fatalf("scoped review list: %d, %v", len(reviews), err)
		}
		if _, err := w.svc.CreateSite(ctx, service.SiteInput{ParentID: w.teamA, Kind: "team", Name: "x"}); fidelity.KindOf(err) != fidelity.KindForbidden {
			t.Fatalf("reader created a site: %v", err)
		}
	})
}

// Two raters submitting at the same moment must both land, and the last
// submission must move the review to consensus: the review row serialises
// them through its version, and the loser of a race retries.
func TestConcurrentSubmissionsAdvanceTheReview(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		const reviews = 8
		ids := make([]string, reviews)
		for i := range ids {
			ids[i] = w.plan(t, w.teamA)
		}
		inA, inB := w.complete(t, 4, 1), w.complete(t, 3, 2)
		var wg sync.WaitGroup
		errs := make(chan error, 2*reviews)
		for _, id := range ids {
			for _, r := range []struct {
				id string
				in []fidelity.ItemInput
			}{{w.raterA, inA}, {w.raterB, inB}} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, err := w.svc.SaveRatings(as(fidelity.RoleRater, r.id), id, r.id, service.AnyVersion, r.in, true)
					errs <- err
				}()
			}
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("concurrent submission failed: %v", err)
			}
		}
		for _, id := range ids {
			v, err := w.svc.GetReview(context.Background(), id)
			if err != nil || v.Status != fidelity.StatusConsensus || len(v.Submitted) != 2 {
				t.Fatalf("review %s: status %s, submitted %v, %v", id, v.Status, v.Submitted, err)
			}
		}
	})
}
