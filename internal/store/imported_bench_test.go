package store_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// BenchmarkImportedReviewsBatchPostgres writes one import batch: 100
// finalised reviews with two raters' sets and the consensus, 25 item rows
// each (7,500 item rows), and their audit events, in a transaction that is
// rolled back, so every iteration writes into the same table sizes.
//
//	CI=true go test ./internal/store -run '^$' -bench ImportedReviewsBatch -benchmem
func BenchmarkImportedReviewsBatchPostgres(b *testing.B) {
	s := storetest.Postgres(b)
	ctx := ctxT(b)
	team := site(b, s, nil, "team", "Team")
	raters := []string{rater(b, s, "Kari").ID, rater(b, s, "Ola").ID}
	errRollback := errors.New("rollback")
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		var batch []service.ImportedReview
		var events []fidelity.AuditEvent
		for i := range 100 {
			end := day(2000, 1, 1).AddDate(0, 0, 7*i)
			total := float64(i % 125)
			rv := fidelity.Review{ID: newID(b), SiteID: team.ID, ScaleID: "se-fidelity", ScaleVersion: "2008",
				Type: fidelity.ReviewExternal, Status: fidelity.StatusFinalised, VisitStart: end, VisitEnd: end,
				RaterIDs: raters, Total: &total, Band: "fair", Valid: true, Complete: true,
				FinalisedAt: &end, CreatedAt: now(), UpdatedAt: now()}
			ir := service.ImportedReview{Review: rv}
			for _, key := range append([]string{fidelity.ConsensusKey}, raters...) {
				card := fidelity.Scorecard{ScaleID: "se-fidelity", ScaleVersion: "2008", Total: &total}
				var inputs []fidelity.ItemInput
				for k := range 25 {
					score := 1 + (i+k)%5
					id := fmt.Sprintf("I%d", k)
					card.Items = append(card.Items, fidelity.ItemScore{ItemID: id, Score: &score, Method: "direct"})
					inputs = append(inputs, fidelity.ItemInput{ItemID: id, Score: &score})
				}
				at := now()
				ir.Sets = append(ir.Sets, fidelity.RatingSet{ReviewID: rv.ID, RaterKey: key, Inputs: inputs,
					Scorecard: card, Submitted: key != fidelity.ConsensusKey, SubmittedAt: &at, UpdatedAt: at})
			}
			batch = append(batch, ir)
			events = append(events, fidelity.AuditEvent{ID: newID(b), At: now(), Action: "import.review",
				ResourceType: "review", ResourceID: rv.ID, SitePath: team.Path, After: `{"review":"` + rv.ID + `"}`})
		}
		b.StartTimer()
		err := s.InTx(ctx, func(tx service.Store) error {
			if err := tx.CreateImportedReviews(ctx, batch, events); err != nil {
				return err
			}
			return errRollback
		})
		if !errors.Is(err, errRollback) {
			b.Fatal(err)
		}
	}
	b.ReportMetric(7500*float64(b.N)/b.Elapsed().Seconds(), "itemrows/s")
}
