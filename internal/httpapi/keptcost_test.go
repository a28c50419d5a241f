package httpapi_test

import (
	"net/http"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// TestKeptAnswersCostOneLightRead: a repeated request for a page whose
// reviews did not change is answered from what was kept, after one light
// read (two for the score view: the review for the scope check, then its
// rating sets' versions). Without this, a key that never matched would
// pass every freshness test while every request paid the full reads.
func TestKeptAnswersCostOneLightRead(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d.Name, func(t *testing.T) {
			w := newBlindWorld(t, d.New(t), 0)
			asLead, asOne := w.leadAndOne(t)
			// A scoped caller's list first reads the paths of its scope's
			// sites (subtreeFilter): one statement more for One.
			for _, c := range []struct {
				path         string
				lead, scoped int64
			}{
				{"/v1/reviews?limit=50", 1, 2},
				{"/v1/reviews?status=in_progress,planned&limit=2", 1, 2},
				{"/v1/sites/" + w.teamA, 1, 1},
				{"/v1/sites/" + w.regionA + "?types=self", 1, 1},
				{"/v1/reviews/" + w.drafting + "/score", 2, 2},
				{"/v1/reviews/" + w.finished + "/score", 2, 2},
			} {
				for i, who := range [][]string{asLead, asOne} {
					want := []int64{c.lead, c.scoped}[i]
					w.e.do("GET", c.path, nil, who...).want(http.StatusOK)
					// The key's own reads are cached for 2 s (keyCacheTTL),
					// so only the answer's reads are counted.
					before := w.e.store.Statements()
					w.e.do("GET", c.path, nil, who...).want(http.StatusOK)
					if n := w.e.store.Statements() - before; n != want {
						t.Errorf("repeated GET %s as %s cost %d statements, want %d", c.path, who[1][:12], n, want)
					}
				}
			}
		})
	}
}
