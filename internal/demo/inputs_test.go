package demo

import (
	"math/rand/v2"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/scoring"
)

// Every level of every item of every shipped scale must be reachable by the
// generator, or demo and benchmark seeding fails halfway.
func TestInputForReachesEveryLevel(t *testing.T) {
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, sc := range cat.List() {
		for i := range sc.Items {
			it := &sc.Items[i]
			for lvl := sc.Levels.Min; lvl <= sc.Levels.Max; lvl++ {
				for range 5 {
					in, err := InputFor(sc, it, lvl, rng)
					if err != nil {
						t.Fatalf("%s %s level %d: %v", sc.Ref(), it.ID, lvl, err)
					}
					got, problems := scoring.ScoreItem(sc, it, in)
					if len(problems) > 0 || got.Score == nil || *got.Score != lvl {
						t.Fatalf("%s %s level %d: input %+v scored %+v %v", sc.Ref(), it.ID, lvl, in, got, problems)
					}
				}
			}
		}
	}
}
