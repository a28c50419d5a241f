package store_test

import (
	"fmt"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// BenchmarkPutRatingSet saves a 25-item rating set over and over, as a
// rater does while filling in a review: an update with version check that
// replaces the 25 item rows, in one transaction.
func BenchmarkPutRatingSet(b *testing.B) {
	for _, d := range storetest.Dialects() {
		b.Run(d.Name, func(b *testing.B) {
			s := d.New(b)
			ctx := ctxT(b)
			st := site(b, s, nil, fidelity.SiteKindTeam, "Team")
			r := rater(b, s, "R")
			rv := review(b, s, st.ID, func(x *fidelity.Review) { x.RaterIDs = []string{r.ID} })
			items := make([]string, 25)
			scores := map[string]int{}
			inputs := make([]fidelity.ItemInput, 25)
			for i := range items {
				items[i] = fmt.Sprintf("Sv%d", i+1)
				scores[items[i]] = i%5 + 1
				inputs[i] = fidelity.ItemInput{ItemID: items[i], Score: fidelity.IntPtr(i%5 + 1), Evidence: "seen in records"}
			}
			rs := fidelity.RatingSet{ReviewID: rv.ID, RaterKey: r.ID, Inputs: inputs,
				Scorecard: scorecard(scores, items...), UpdatedAt: now()}
			must(b, s.PutRatingSet(ctx, rs))
			rs.Version = 1
			b.ReportAllocs()
			for b.Loop() {
				if err := s.PutRatingSet(ctx, rs); err != nil {
					b.Fatal(err)
				}
				rs.Version++
			}
		})
	}
}

// BenchmarkListReviews lists one page of 50 reviews of a region subtree
// with a status filter, from 100 sites × 20 reviews × 2 raters.
func BenchmarkListReviews(b *testing.B) {
	for _, d := range storetest.Dialects() {
		b.Run(d.Name, func(b *testing.B) {
			s := d.New(b)
			ctx := ctxT(b)
			var region fidelity.Site
			must(b, s.InTx(ctx, func(tx service.Store) error {
				ts := tx.(*store.Store)
				raters := []fidelity.Rater{rater(b, ts, "A"), rater(b, ts, "B"), rater(b, ts, "C")}
				for reg := range 4 {
					rg := site(b, ts, nil, fidelity.SiteKindRegion, fmt.Sprintf("Region %d", reg))
					if reg == 0 {
						region = rg
					}
					for range 25 {
						team := site(b, ts, &rg, fidelity.SiteKindTeam, "Team")
						for i := range 20 {
							review(b, ts, team.ID, func(x *fidelity.Review) {
								x.RaterIDs = []string{raters[i%3].ID, raters[(i+1)%3].ID}
								if i%2 == 0 {
									x.Status = fidelity.StatusFinalised
								}
							})
						}
					}
				}
				return nil
			}))
			// Statistics, as autovacuum (PostgreSQL) and PRAGMA optimize at
			// Open (SQLite) keep them in a running system.
			must(b, store.ExecRaw(ctx, s, "ANALYZE"))
			f := service.ReviewFilter{Subtree: region.ID, Status: []fidelity.ReviewStatus{fidelity.StatusFinalised},
				Page: service.Page{Limit: 50}}
			b.ReportAllocs()
			for b.Loop() {
				got, err := s.ListReviews(ctx, f)
				if err != nil {
					b.Fatal(err)
				}
				if len(got) != 50 {
					b.Fatalf("%d reviews", len(got))
				}
			}
		})
	}
}
