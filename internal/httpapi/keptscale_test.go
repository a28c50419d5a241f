package httpapi_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
	"github.com/ipsfidelity/fidelity/internal/testtool"
)

// TestKeptAnswersFollowTheScalesLoaded: what a page shows also depends on
// the scales the process has loaded (band labels, a scale's review
// cycle). Replica A publishes a scale with the Dutch two-year cycle and a
// review of team B on it is finalised there; replica B, which has not
// loaded that scale yet, shows the review without a band label and team
// B on the default cycle, and keeps those answers. Once B loads the scale,
// its next answers show the label and the two-year cycle.
func TestKeptAnswersFollowTheScalesLoaded(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d.Name, func(t *testing.T) {
			w := newBlindWorld(t, d.New(t), 0)
			asLead, _ := w.leadAndOne(t)
			src := testtool.EditedScaleFile(t, "se-fidelity/2008.yaml", [2]string{`version: "2008"`, `version: "2099"`},
				[2]string{"months_below_good: 6", "months_below_good: 24"}, [2]string{"months_at_good: 12", "months_at_good: 24"})
			ctx := fidelity.WithPrincipal(context.Background(), fidelity.System)
			must := func(_ any, err error) {
				t.Helper()
				if err != nil {
					t.Fatal(err)
				}
			}

			// Replica A: the same database, its own catalog.
			a, _ := apiOn(t, w.e.store, service.DefaultConfig(), func() time.Time { return w.e.now })
			if _, _, err := a.UploadScale(ctx, src); err != nil {
				t.Fatal(err)
			}
			day := time.Date(2026, 10, 25, 0, 0, 0, 0, time.UTC)
			rv, err := a.PlanReview(ctx, service.ReviewInput{SiteID: w.teamB, Scale: "se-fidelity@2099", Type: fidelity.ReviewExternal,
				VisitStart: day, VisitEnd: day, RaterIDs: []string{w.one}})
			if err != nil {
				t.Fatal(err)
			}
			good := ratingsFor(t, baseTargets(), 4)
			must(a.SaveRatings(ctx, rv.ID, w.one, service.AnyVersion, good, true))
			must(a.SaveConsensus(ctx, rv.ID, service.AnyVersion, good))
			must(a.Finalize(ctx, rv.ID, service.AnyVersion))

			type page struct {
				Items []struct {
					ID        string  `json:"id"`
					BandLabel *string `json:"band_label"`
				} `json:"items"`
			}
			label := func() *string {
				t.Helper()
				var p page
				for range 2 { // the second read is B's kept answer, if it still holds
					w.e.do("GET", "/v1/reviews?site_id="+w.teamB, nil, asLead...).want(http.StatusOK).json(&p)
				}
				for _, it := range p.Items {
					if it.ID == rv.ID {
						return it.BandLabel
					}
				}
				t.Fatalf("the review of team B on se-fidelity@2099 is not listed")
				return nil
			}
			reason := func() string {
				t.Helper()
				var s struct {
					Reason *string `json:"next_review_reason"`
				}
				for range 2 {
					w.e.do("GET", "/v1/sites/"+w.teamB, nil, asLead...).want(http.StatusOK).json(&s)
				}
				if s.Reason == nil {
					return ""
				}
				return *s.Reason
			}
			if l := label(); l != nil {
				t.Fatalf("B shows band label %q for a scale it has not loaded", *l)
			}
			if r := reason(); strings.Contains(r, "24 months") {
				t.Fatalf("B applies a cycle it has not loaded: %s", r)
			}

			if _, _, err := w.e.svc.UploadScale(ctx, src); err != nil {
				t.Fatal(err)
			}
			if l := label(); l == nil {
				t.Errorf("after B loaded se-fidelity@2099 its review list still shows no band label (kept across the catalog change)")
			}
			if r := reason(); !strings.Contains(r, "24 months") {
				t.Errorf("after B loaded se-fidelity@2099 team B's page says %q, want the two-year cycle", r)
			}
		})
	}
}
