package store_test

import (
	"reflect"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// A re-scored scorecard round-trips on both dialects; the same re-scoring
// (review, target version, map, review version) cannot be stored twice,
// a new review version can, and a review that does not exist is refused.
func TestRescoredScorecards(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := ctxT(t)
		team := site(t, s, nil, "team", "Team Bergen")
		r := review(t, s, team.ID, finalised(day(2007, 3, 15), 44), func(r *fidelity.Review) { r.ScaleID, r.ScaleVersion = "ips-15", "1996" })
		card := fidelity.Scorecard{ScaleID: "se-fidelity", ScaleVersion: "2008", ScaleEncoding: 3,
			Items:    []fidelity.ItemScore{{ItemID: "S1", Section: "staffing", Score: fidelity.IntPtr(4), Method: "rule"}},
			Sections: []fidelity.Subtotal{}, Missing: []string{"S2"}, Rated: 1, ItemCount: 25, Min: 25, Max: 125}
		rs := fidelity.RescoredScorecard{
			ID: newID(t), ReviewID: r.ID, ReviewVersion: 1, SourceScaleID: "ips-15", SourceScaleVersion: "1996",
			MapChecksum: "abc", Scorecard: card,
			Carried:    []fidelity.CarriedItem{{From: "S1", To: "S1", How: "rescore"}},
			NotCarried: []fidelity.NotCarriedItem{{From: []string{"O1"}, To: []string{"O1", "O2"}, Reason: "split"}},
			CreatedAt:  now(), CreatedBy: "admin",
		}
		must(t, s.PutRescored(ctx, rs))
		got, err := s.ListRescored(ctx, []string{r.ID, "", r.ID}, "se-fidelity", "2008")
		must(t, err)
		if len(got) != 1 || !reflect.DeepEqual(got[0], rs) {
			t.Fatalf("round trip:\n got %+v\nwant %+v", got, rs)
		}
		if other, _ := s.ListRescored(ctx, []string{r.ID}, "se-fidelity", "2099"); len(other) != 0 {
			t.Fatalf("another target version lists %d", len(other))
		}
		again := rs
		again.ID = newID(t)
		wantKind(t, s.PutRescored(ctx, again), fidelity.KindConflict)
		again.ReviewVersion = 2
		must(t, s.PutRescored(ctx, again))
		orphan := rs
		orphan.ID, orphan.ReviewID = newID(t), newID(t)
		wantKind(t, s.PutRescored(ctx, orphan), fidelity.KindConflict)
		if got, _ := s.ListRescored(ctx, []string{r.ID}, "se-fidelity", "2008"); len(got) != 2 {
			t.Fatalf("%d stored, want 2", len(got))
		}
	})
}
