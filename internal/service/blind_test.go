package service_test

import (
	"context"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// TestRemovingTheLastOpenRaterClosesTheRatings: rater A has submitted, rater
// B never started and is taken off the review. Every remaining rater has
// submitted, so the review moves to consensus, as B's submission would
// have moved it, and A's and the others' ratings are no longer blind. Before,
// the review stayed in progress for good: nobody could submit any more.
func TestRemovingTheLastOpenRaterClosesTheRatings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		review := w.plan(t, w.teamA)
		if _, err := w.svc.SaveRatings(as(fidelity.RoleRater, w.raterA), review, w.raterA, service.AnyVersion, w.complete(t, 4, 1), true); err != nil {
			t.Fatal(err)
		}
		only := []string{w.raterA}
		v, err := w.svc.UpdateReview(as(fidelity.RoleLead, ""), review, service.AnyVersion, service.ReviewPatch{RaterIDs: &only})
		if err != nil {
			t.Fatal(err)
		}
		if v.Status != fidelity.StatusConsensus {
			t.Fatalf("status %s after the only rater left has submitted, want consensus", v.Status)
		}
		if _, err := w.svc.ConsensusDraft(as(fidelity.RoleRater, w.raterA), review); err != nil {
			t.Fatalf("consensus draft: %v", err)
		}
	})
}

// TestBlindRatingHoldsInExports: rater B exports while A has saved (not
// submitted) a complete set; B's export holds B's own rows and none of A's.
func TestBlindRatingHoldsInExports(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		review := w.plan(t, w.teamA)
		if _, err := w.svc.SaveRatings(as(fidelity.RoleRater, w.raterA), review, w.raterA, service.AnyVersion, w.complete(t, 4, 1), false); err != nil {
			t.Fatal(err)
		}
		ctxB := as(fidelity.RoleRater, w.raterB)
		if _, err := w.svc.SaveRatings(ctxB, review, w.raterB, service.AnyVersion, w.complete(t, 3, 2), false); err != nil {
			t.Fatal(err)
		}
		rows := map[string]int{}
		err := w.svc.ExportRatings(ctxB, service.ReportQuery{}, nil, func(r service.ExportRating) error {
			rows[r.RaterKey]++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if rows[w.raterA] != 0 || rows[w.raterB] == 0 {
			t.Fatalf("rater B's export: %v rows per rater, want only B's", rows)
		}
		// A lead runs the review and sees both.
		rows = map[string]int{}
		_ = w.svc.ExportRatings(context.Background(), service.ReportQuery{}, nil, func(r service.ExportRating) error {
			rows[r.RaterKey]++
			return nil
		})
		if rows[w.raterA] == 0 || rows[w.raterB] == 0 {
			t.Fatalf("admin's export: %v rows per rater, want both", rows)
		}
	})
}
