package httpapi_test

import (
	"bytes"
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// TestReviewListAnswerFollowsEveryChange: pages of the review list are
// answered from kept answers while the reviews on them are as they were.
// A programme lead and rater One (scoped to region A, rating two of its
// reviews) page through the list while the lead re-plans a review, assigns
// a rater, plans a new review and a rating is submitted. After every step
// each answer is byte for byte what a service keeping no answers gives on
// the same database, and One's page never shows a review outside One's
// scope although the lead's page, read just before, did.
func TestReviewListAnswerFollowsEveryChange(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d.Name, func(t *testing.T) {
			w := newBlindWorld(t, d.New(t), 0)
			asLead, asOne := w.leadAndOne(t)
			fresh := freshEnv(t, w.e)
			ctx := fidelity.WithPrincipal(context.Background(), fidelity.System)
			pages := []string{
				"/v1/reviews",
				"/v1/reviews?limit=2",
				"/v1/reviews?status=planned,in_progress",
				// One review on the page: a full page of one has a next
				// cursor, the same review on a page of two has none.
				"/v1/reviews?site_id=" + w.teamB + "&limit=1",
				"/v1/reviews?site_id=" + w.teamB + "&limit=2",
				// Once planned, the self-assessment is alone on this page
				// at the same version as team B's review on the first
				// page of one: the reviews' ids tell the pages apart.
				"/v1/reviews?type=self&limit=1",
			}
			check := func(step string) {
				t.Helper()
				for _, who := range [][]string{asLead, asOne} {
					for _, path := range pages {
						for range 2 { // the second read is answered from what the first kept
							got := w.e.do("GET", path, nil, who...).want(http.StatusOK).Body
							want := fresh.do("GET", path, nil, who...).want(http.StatusOK).Body
							if !bytes.Equal(got, want) {
								t.Fatalf("%s: GET %s as %s answered\n%s\nwant\n%s", step, path, who[1][:12], got, want)
							}
						}
					}
				}
				var one struct {
					Items []struct {
						SiteID string `json:"site_id"`
					} `json:"items"`
				}
				w.e.do("GET", "/v1/reviews", nil, asOne...).want(http.StatusOK).json(&one)
				for _, r := range one.Items {
					if r.SiteID == w.teamB {
						t.Fatalf("%s: One, scoped to region A, is shown a review of team B", step)
					}
				}
			}
			check("at the start")

			day := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
			w.e.do("PATCH", "/v1/reviews/"+w.drafting, map[string]any{"visit_start": day, "visit_end": day},
				append([]string{"If-Match", "*"}, asLead...)...).want(http.StatusOK)
			check("after the lead moved the visit")

			three, err := w.e.svc.CreateRater(ctx, service.RaterInput{Name: "Three", Email: "three@example.no"})
			if err != nil {
				t.Fatal(err)
			}
			w.e.do("PATCH", "/v1/reviews/"+w.drafting, map[string]any{"rater_ids": []string{w.one, w.two, three.ID}},
				append([]string{"If-Match", "*"}, asLead...)...).want(http.StatusOK)
			check("after the lead assigned a third rater")

			w.e.do("POST", "/v1/reviews", map[string]any{"site_id": w.teamB, "scale": "se-fidelity@2008", "type": "self",
				"visit_start": day, "visit_end": day, "rater_ids": []string{w.two}},
				asLead...).want(http.StatusCreated)
			check("after the lead planned a self-assessment of team B")

			w.e.do("PUT", "/v1/reviews/"+w.submitted+"/ratings/"+w.one,
				map[string]any{"items": ratingsFor(t, baseTargets(), 9), "submit": true},
				append([]string{"If-Match", "*"}, asOne...)...).want(http.StatusOK)
			check("after One submitted, closing the ratings")
		})
	}
}

// freshEnv is e's database served by a service that keeps no answers and
// caches no reports: what every request computes from scratch.
func freshEnv(t *testing.T, e *env) *env {
	t.Helper()
	cfg := service.DefaultConfig()
	cfg.ReportCacheEntries = 0
	svc, h := apiOn(t, e.store, cfg, func() time.Time { return e.now })
	return &env{t: t, handler: h, store: e.store, router: e.router, now: e.now, svc: svc}
}
