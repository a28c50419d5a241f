package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// TestRatersSavingDifferentSetsNeverConflict has the ten raters of one
// review save their own rating sets at the same time, five drafts each,
// every draft conditional on the ETag of the previous one. The writes touch
// different sets, so none conflicts with another: every save must succeed
// the first time (no 409 "too many concurrent writes", no 412), and every
// draft must be there at the end. On PostgreSQL this used to fail: each
// write bumps the review row, and writers that lost the optimistic race on
// it gave up after eight retries.
func TestRatersSavingDifferentSetsNeverConflict(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		ctx := fidelity.WithPrincipal(context.Background(), fidelity.System)
		site, err := e.svc.CreateSite(ctx, service.SiteInput{Kind: "team", Code: "T", Name: "Team"})
		if err != nil {
			t.Fatal(err)
		}
		const raters, drafts = 10, 5
		var ids []string
		for i := range raters {
			r, err := e.svc.CreateRater(ctx, service.RaterInput{Name: fmt.Sprint("Rater ", i), Email: fmt.Sprintf("r%d@example.no", i)})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, r.ID)
		}
		day := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
		rv, err := e.svc.PlanReview(ctx, service.ReviewInput{SiteID: site.ID, Scale: "se-fidelity@2008",
			Type: fidelity.ReviewExternal, VisitStart: day, VisitEnd: day, RaterIDs: ids})
		if err != nil {
			t.Fatal(err)
		}
		items := []string{"O6", "Sv1", "Sv3", "O4", "Sv11"} // ordinal: a direct score is a whole input
		var wg sync.WaitGroup
		errs := make(chan error, raters*drafts)
		start := make(chan struct{})
		for _, rater := range ids {
			wg.Go(func() {
				<-start
				path := "/v1/reviews/" + rv.ID + "/ratings/" + rater
				etag := "*"
				for d := range drafts {
					var body []map[string]any
					for _, item := range items[:d+1] {
						body = append(body, map[string]any{"item": item, "score": d%5 + 1})
					}
					w := e.doQuiet("PUT", path, map[string]any{"items": body}, "If-Match", etag)
					if w.Code != http.StatusOK {
						errs <- fmt.Errorf("rater %s draft %d: %d %s", rater, d+1, w.Code, w.Body)
						return
					}
					etag = w.Header.Get("ETag")
				}
			})
		}
		close(start)
		wg.Wait()
		close(errs)
		failed := 0
		for err := range errs {
			failed++
			t.Error(err)
		}
		if failed > 0 {
			t.Fatalf("%d of %d raters had a save refused although no two wrote the same set", failed, raters)
		}
		for _, rater := range ids {
			var rs struct {
				Items   []fidelity.ItemInput
				Version int
			}
			e.do("GET", "/v1/reviews/"+rv.ID+"/ratings/"+rater, nil).want(http.StatusOK).json(&rs)
			if len(rs.Items) != drafts || rs.Version != drafts {
				t.Fatalf("rater %s: %d items at version %d, want %d and %d (a save was lost)", rater, len(rs.Items), rs.Version, drafts, drafts)
			}
		}
		r, err := e.svc.GetReview(ctx, rv.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The first save started the review; drafts do not change the
		// review as clients see it, so its version moved once.
		if r.Status != fidelity.StatusInProgress || r.Version != 2 {
			t.Fatalf("review %s at version %d, want in_progress at version 2", r.Status, r.Version)
		}
	})
}
