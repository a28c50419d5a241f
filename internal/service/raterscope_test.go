package service_test

import (
	"context"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// TestRaterHomeFollowsTheSiteTree: a rater belonging to Team Bergen is the
// lead of Vest's while the team is in Vest, and the lead of Nord's once the
// team has moved to Nord: scope is read from the site tree as it is now.
func TestRaterHomeFollowsTheSiteTree(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		vest, nord := as(fidelity.RoleLead, "", w.regionA), as(fidelity.RoleLead, "", w.regionB)
		r, err := w.svc.CreateRater(vest, service.RaterInput{Name: "Ola Vest", Email: "ola@example.no", HomeSiteID: w.teamA})
		if err != nil {
			t.Fatal(err)
		}
		sees := func(ctx context.Context) bool {
			t.Helper()
			_, err := w.svc.GetRater(ctx, r.ID)
			if err != nil && fidelity.KindOf(err) != fidelity.KindNotFound {
				t.Fatal(err)
			}
			list, _, lerr := w.svc.ListRaters(ctx, service.RaterFilter{})
			if lerr != nil {
				t.Fatal(lerr)
			}
			listed := false
			for _, x := range list {
				listed = listed || x.ID == r.ID
			}
			if listed != (err == nil) {
				t.Fatalf("the list (%v) and the read (%v) disagree", listed, err)
			}
			return err == nil
		}
		if !sees(vest) || sees(nord) {
			t.Fatal("a rater of Team Bergen in Vest must be seen by the lead of Vest only")
		}
		if _, err := w.svc.MoveSite(context.Background(), w.teamA, service.AnyVersion, w.regionB); err != nil {
			t.Fatal(err)
		}
		if sees(vest) || !sees(nord) {
			t.Fatal("after Team Bergen moved to Nord its rater must be seen by the lead of Nord only")
		}
		if _, err := w.svc.UpdateRater(vest, r.ID, service.AnyVersion, service.RaterPatch{Active: new(bool)}); fidelity.KindOf(err) != fidelity.KindNotFound {
			t.Fatalf("the lead of Vest deactivated a rater of Nord: %v", err)
		}
		if _, err := w.svc.UpdateRater(nord, r.ID, service.AnyVersion, service.RaterPatch{Active: new(bool)}); err != nil {
			t.Fatalf("the lead of Nord: %v", err)
		}
	})
}
