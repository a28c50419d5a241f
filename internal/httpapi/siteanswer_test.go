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

// TestSiteAnswerFollowsEveryChange: a site's page (the site, its latest
// review and its due state) is answered from kept answers while what it
// shows is unchanged. A programme lead and rater One (scoped to region A)
// read the teams, the region and an empty office while the lead renames a
// team, plans and finalises reviews, the read model loses a row and is
// rebuilt, the lead plans a new team's first review, moves the region under
// a new root and back, gives the office a team and takes it away again,
// and deactivates a team, and the days go by. After every step each answer and its ETag are
// what a service keeping no answers gives on the same database.
func TestSiteAnswerFollowsEveryChange(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d.Name, func(t *testing.T) {
			w := newBlindWorld(t, d.New(t), 0)
			asLead, asOne := w.leadAndOne(t)
			ctx := fidelity.WithPrincipal(context.Background(), fidelity.System)
			lead2 := append([]string{"If-Match", "*"}, asLead...)
			office := w.e.do("POST", "/v1/sites", map[string]any{"parent_id": w.regionA, "kind": "office", "code": "4601", "name": "NAV Bergenhus"},
				asLead...).want(http.StatusCreated).obj()["id"].(string)
			sites := []string{w.teamA, w.regionA, w.teamB, office}
			check := func(step string) {
				t.Helper()
				fresh := freshEnv(t, w.e)
				for _, who := range [][]string{asLead, asOne} {
					for _, id := range sites {
						for _, q := range []string{"", "?types=self", "?types=external,self"} {
							path := "/v1/sites/" + id + q
							want := fresh.do("GET", path, nil, who...)
							for range 2 { // the second read is answered from what the first kept
								got := w.e.do("GET", path, nil, who...)
								if got.Code != want.Code || !bytes.Equal(got.Body, want.Body) || got.Header.Get("ETag") != want.Header.Get("ETag") {
									t.Fatalf("%s: GET %s as %s answered %d %s %s\nwant %d %s %s", step, path, who[1][:12],
										got.Code, got.Header.Get("ETag"), got.Body, want.Code, want.Header.Get("ETag"), want.Body)
								}
							}
						}
					}
				}
			}
			check("at the start")

			w.e.do("PATCH", "/v1/sites/"+w.teamA, map[string]any{"name": "IPS-team Bergen sentrum"}, lead2...).want(http.StatusOK)
			check("after the lead renamed team A")

			day := "2026-11-20"
			self := w.e.do("POST", "/v1/reviews", map[string]any{"site_id": w.teamA, "scale": "se-fidelity@2008", "type": "self",
				"visit_start": day, "visit_end": day, "rater_ids": []string{w.two}}, asLead...).want(http.StatusCreated).obj()["id"].(string)
			check("after the lead planned a self-assessment of team A")

			good := ratingsFor(t, baseTargets(), 3)
			must := func(_ any, err error) {
				t.Helper()
				if err != nil {
					t.Fatal(err)
				}
			}
			must(w.e.svc.SaveRatings(ctx, self, w.two, service.AnyVersion, good, true))
			must(w.e.svc.SaveConsensus(ctx, self, service.AnyVersion, good))
			must(w.e.svc.Finalize(ctx, self, service.AnyVersion))
			check("after the self-assessment was finalised")

			must(w.e.svc.SaveRatings(ctx, w.submitted, w.one, service.AnyVersion, good, true))
			must(w.e.svc.SaveConsensus(ctx, w.submitted, service.AnyVersion, good))
			must(w.e.svc.Finalize(ctx, w.submitted, service.AnyVersion))
			check("after an external review of team A was finalised")

			// A read model that lost a row, then was repaired: the page
			// shows the repaired state, not what was kept before.
			if _, err := w.e.store.SQLDB().Exec("DELETE FROM site_latest WHERE site_id = '" + w.teamA + "' AND type = 'self'"); err != nil {
				t.Fatal(err)
			}
			check("after team A's self-assessment left the read model")
			if err := w.e.store.RebuildSiteLatest(context.Background()); err != nil {
				t.Fatal(err)
			}
			check("after the read model was rebuilt")

			teamC := w.e.do("POST", "/v1/sites", map[string]any{"parent_id": w.regionA, "kind": "team", "code": "4601-3", "name": "IPS-team Fana"},
				asLead...).want(http.StatusCreated).obj()["id"].(string)
			sites = append(sites, teamC)
			check("after the lead created team C")
			w.e.do("POST", "/v1/reviews", map[string]any{"site_id": teamC, "scale": "se-fidelity@2008", "type": "external",
				"visit_start": day, "visit_end": day, "rater_ids": []string{w.one, w.two}}, asLead...).want(http.StatusCreated)
			check("after the lead planned team C's first review")

			root := w.e.do("POST", "/v1/sites", map[string]any{"kind": "country", "code": "NO", "name": "Norge"},
				asLead...).want(http.StatusCreated).obj()["id"].(string)
			w.e.do("POST", "/v1/sites/"+w.regionA+"/move", map[string]any{"parent_id": root}, lead2...).want(http.StatusOK)
			check("after region A moved under a new root")
			w.e.do("POST", "/v1/sites/"+w.regionA+"/move", map[string]any{"parent_id": nil}, lead2...).want(http.StatusOK)
			check("after region A moved back")

			team := w.e.do("POST", "/v1/sites", map[string]any{"parent_id": office, "kind": "team", "code": "4601-1", "name": "IPS-team Bergenhus"},
				asLead...).want(http.StatusCreated).obj()["id"].(string)
			check("after the office got a team")
			w.e.do("POST", "/v1/sites/"+team+"/move", map[string]any{"parent_id": w.teamB}, lead2...).want(http.StatusOK)
			check("after the office's team moved away")

			w.e.do("POST", "/v1/sites/"+w.teamA+"/deactivate", map[string]any{"active_to": "2026-12-01"}, lead2...).want(http.StatusOK)
			check("after team A was deactivated")

			w.setNow(time.Date(2027, 11, 1, 9, 0, 0, 0, time.UTC))
			check("a year later")
			w.setNow(time.Date(2027, 11, 2, 9, 0, 0, 0, time.UTC))
			check("a day after that")
		})
	}
}
