package store_test

import (
	"fmt"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// An import's batch larger than one multi-row INSERT (260 reviews × 25
// item rows: 6,500 item rows, over SQLite's 5,000 rows of six columns per
// statement) is written whole, with its raters and audit events, and the
// site's latest review is the newest after the refresh.
func TestImportedReviewsBatchSpansSeveralInserts(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d.Name, func(t *testing.T) {
			s := d.New(t)
			ctx := ctxT(t)
			team := site(t, s, nil, "team", "Team")
			r := rater(t, s, "Kari")
			var batch []service.ImportedReview
			var events []fidelity.AuditEvent
			for i := range 260 {
				end := day(2000, 1, 1).AddDate(0, 0, 7*i)
				total := float64(i)
				rv := fidelity.Review{ID: newID(t), SiteID: team.ID, ScaleID: "se-fidelity", ScaleVersion: "2008",
					Type: fidelity.ReviewExternal, Status: fidelity.StatusFinalised, VisitStart: end, VisitEnd: end,
					RaterIDs: []string{r.ID}, Total: &total, Band: "fair", Valid: true, Complete: true,
					FinalisedAt: &end, CreatedAt: now(), UpdatedAt: now()}
				card := fidelity.Scorecard{ScaleID: "se-fidelity", ScaleVersion: "2008", Total: &total}
				for k := range 25 {
					score := 1 + k%5
					card.Items = append(card.Items, fidelity.ItemScore{ItemID: fmt.Sprintf("I%d", k), Score: &score, Method: "direct"})
				}
				batch = append(batch, service.ImportedReview{Review: rv, Sets: []fidelity.RatingSet{
					{ReviewID: rv.ID, RaterKey: fidelity.ConsensusKey, Scorecard: card, UpdatedAt: now()}}})
				events = append(events, fidelity.AuditEvent{ID: newID(t), At: now(), Action: "import.review",
					ResourceType: "review", ResourceID: rv.ID, SitePath: team.Path})
			}
			must(t, s.InTx(ctx, func(tx service.Store) error {
				if err := tx.CreateImportedReviews(ctx, batch, events); err != nil {
					return err
				}
				return tx.RefreshSitesLatest(ctx, []string{team.ID})
			}))
			sets, err := s.ListRatingSets(ctx, batch[259].Review.ID)
			must(t, err)
			if len(sets) != 1 || len(sets[0].Scorecard.Items) != 25 {
				t.Fatalf("the last review's sets: %+v", sets)
			}
			got, err := s.GetReview(ctx, batch[130].Review.ID)
			must(t, err)
			if len(got.RaterIDs) != 1 || got.RaterIDs[0] != r.ID {
				t.Errorf("raters of a review in the middle: %v", got.RaterIDs)
			}
			latest, err := s.LatestFinalised(ctx, []string{team.ID}, []fidelity.ReviewType{fidelity.ReviewExternal})
			must(t, err)
			if latest[team.ID].ID != batch[259].Review.ID {
				t.Errorf("latest review %s, want the newest %s", latest[team.ID].ID, batch[259].Review.ID)
			}
			audit, err := s.ListAudit(ctx, service.AuditFilter{ResourceType: "review", Page: service.Page{Limit: 500}})
			must(t, err)
			if len(audit) != 260 {
				t.Errorf("%d audit events, want 260", len(audit))
			}
		})
	}
}
