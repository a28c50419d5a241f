package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// oracleProbe is one request naming an object by id (in the path, the query
// or the body, written @ID@) and the kind of object it names.
type oracleProbe struct {
	op, path string
	body     any
	kind     string // site, review, rater, action
}

// oracleExempt are the operations that name no object of a site's subtree:
// scales are shared by every key, keys are administered by unscoped admins
// only, and the rest is outside /v1 or takes no id.
var oracleExempt = []string{
	"GET /v1/scales", "POST /v1/scales", "GET /v1/scales/{ref}", "GET /v1/scales/{ref}/source", "POST /v1/score",
	"GET /v1/scales/{ref}/fhir",
	"GET /v1/raters", "GET /v1/exports/codebook", "GET /v1/keys", "POST /v1/keys", "POST /v1/keys/{id}/revoke",
	"GET /healthz", "GET /readyz", "GET /metrics", "GET /openapi.yaml", "GET /docs",
	// statistics exports: scripts and the import template come from the scale alone
	"GET /v1/exports/reviews.sps", "GET /v1/exports/reviews.do", "GET /v1/exports/reviews.R",
	"GET /v1/exports/ratings.sps", "GET /v1/exports/ratings.do", "GET /v1/exports/ratings.R",
	"GET /v1/scales/{ref}/template.xlsx",
	"GET /v1/scale-maps",
	// Import jobs belong to the caller who uploaded the file; anyone else's
	// job id is 404 whatever its sites (import_test.go).
	"POST /v1/imports", "GET /v1/imports/{id}", "POST /v1/imports/{id}/commit",
}

func oracleProbes(w *world) []oracleProbe {
	site := func(op, path string, body any) oracleProbe { return oracleProbe{op, path, body, "site"} }
	review := func(op, path string, body any) oracleProbe { return oracleProbe{op, path, body, "review"} }
	rating := map[string]any{"items": []map[string]any{{"item": "O6", "score": 4}}}
	var fhirRating map[string]any
	_ = jsonUnmarshal([]byte(qrBody(`{"linkId":"O6.score","answer":[{"valueCoding":{"code":"4"}}]}`)), &fhirRating)
	plan := func(siteID, raterID string) map[string]any {
		return map[string]any{"site_id": siteID, "scale": "se-fidelity@2008", "type": "self", "visit_start": "2026-10-01", "visit_end": "2026-10-01", "rater_ids": []string{raterID}}
	}
	return []oracleProbe{
		site("GET /v1/sites", "/v1/sites?subtree=@ID@", nil),
		site("POST /v1/sites", "/v1/sites", map[string]any{"parent_id": "@ID@", "kind": "team", "code": "x", "name": "x"}),
		site("GET /v1/sites/{id}", "/v1/sites/@ID@", nil),
		site("PATCH /v1/sites/{id}", "/v1/sites/@ID@", map[string]any{"name": "x"}),
		site("DELETE /v1/sites/{id}", "/v1/sites/@ID@", nil),
		site("POST /v1/sites/{id}/move", "/v1/sites/@ID@/move", map[string]any{"parent_id": w.regionA}),
		site("POST /v1/sites/{id}/move", "/v1/sites/"+w.teamA+"/move", map[string]any{"parent_id": "@ID@"}),
		site("POST /v1/sites/{id}/deactivate", "/v1/sites/@ID@/deactivate", map[string]any{"active_to": "2030-01-01"}),
		site("GET /v1/sites/{id}/history", "/v1/sites/@ID@/history", nil),
		site("GET /v1/sites/{id}/outcomes", "/v1/sites/@ID@/outcomes", nil),
		site("POST /v1/sites/{id}/outcomes", "/v1/sites/@ID@/outcomes", map[string]any{"measure": "m", "period_start": "2026-01-01", "period_end": "2026-06-30", "value": 0.3}),
		site("POST /v1/raters", "/v1/raters", map[string]any{"name": "N", "organisation": "", "email": "n@example.no", "home_site_id": "@ID@"}),
		{"GET /v1/raters/{id}", "/v1/raters/@ID@", nil, "rater"},
		{"PATCH /v1/raters/{id}", "/v1/raters/@ID@", map[string]any{"active": false}, "rater"},
		{"PATCH /v1/raters/{id}", "/v1/raters/" + w.r2, map[string]any{"home_site_id": "@ID@"}, "site"},
		site("GET /v1/reviews", "/v1/reviews?subtree=@ID@", nil),
		site("GET /v1/reviews", "/v1/reviews?site_id=@ID@", nil),
		{"GET /v1/reviews", "/v1/reviews?rater_id=@ID@", nil, "rater"},
		site("POST /v1/reviews", "/v1/reviews", plan("@ID@", w.r1)),
		{"POST /v1/reviews", "/v1/reviews", plan(w.teamA, "@ID@"), "rater"},
		review("GET /v1/reviews/{id}", "/v1/reviews/@ID@", nil),
		review("PATCH /v1/reviews/{id}", "/v1/reviews/@ID@", map[string]any{"visit_end": "2026-10-02"}),
		{"PATCH /v1/reviews/{id}", "/v1/reviews/" + w.reviewA, map[string]any{"rater_ids": []string{w.r1, w.r2, "@ID@"}}, "rater"},
		review("POST /v1/reviews/{id}/start", "/v1/reviews/@ID@/start", nil),
		review("GET /v1/reviews/{id}/ratings", "/v1/reviews/@ID@/ratings", nil),
		review("GET /v1/reviews/{id}/ratings/{rater_id}", "/v1/reviews/@ID@/ratings/"+w.r1, nil),
		{"GET /v1/reviews/{id}/ratings/{rater_id}", "/v1/reviews/" + w.reviewA + "/ratings/@ID@", nil, "rater"},
		review("PUT /v1/reviews/{id}/ratings/{rater_id}", "/v1/reviews/@ID@/ratings/"+w.r1, rating),
		review("GET /v1/reviews/{id}/fhir", "/v1/reviews/@ID@/fhir", nil),
		{"GET /v1/reviews/{id}/fhir", "/v1/reviews/" + w.reviewA + "/fhir?rater=@ID@", nil, "rater"},
		review("POST /v1/reviews/{id}/ratings/{rater_id}/fhir", "/v1/reviews/@ID@/ratings/"+w.r1+"/fhir", fhirRating),
		{"POST /v1/reviews/{id}/ratings/{rater_id}/fhir", "/v1/reviews/" + w.reviewA + "/ratings/@ID@/fhir", fhirRating, "rater"},
		review("GET /v1/reviews/{id}/consensus/draft", "/v1/reviews/@ID@/consensus/draft", nil),
		review("GET /v1/reviews/{id}/consensus", "/v1/reviews/@ID@/consensus", nil),
		review("PUT /v1/reviews/{id}/consensus", "/v1/reviews/@ID@/consensus", rating),
		review("POST /v1/reviews/{id}/finalize", "/v1/reviews/@ID@/finalize", nil),
		review("GET /v1/reviews/{id}/corrections", "/v1/reviews/@ID@/corrections", nil),
		review("POST /v1/reviews/{id}/corrections", "/v1/reviews/@ID@/corrections", map[string]any{"item": map[string]any{"item": "O6", "score": 5}, "reason": "r"}),
		review("GET /v1/reviews/{id}/corrections/{correction_id}", "/v1/reviews/@ID@/corrections/01a2089c-0000-7000-8000-0000000000cc", nil),
		review("GET /v1/reviews/{id}/score", "/v1/reviews/@ID@/score", nil),
		review("GET /v1/reviews/{id}/actions", "/v1/reviews/@ID@/actions", nil),
		review("GET /v1/reviews/{id}/report", "/v1/reviews/@ID@/report", nil),
		review("GET /v1/reviews/{id}/report", "/v1/reviews/@ID@/report?format=pdf&lang=nb", nil),
		review("POST /v1/reviews/{id}/actions", "/v1/reviews/@ID@/actions", map[string]any{"title": "t"}),
		{"PATCH /v1/actions/{id}", "/v1/actions/@ID@", map[string]any{"status": "done"}, "action"},
		review("GET /v1/reviews/{id}/report/narrative", "/v1/reviews/@ID@/report/narrative", nil),
		review("PUT /v1/reviews/{id}/report/narrative", "/v1/reviews/@ID@/report/narrative", map[string]any{"summary": "s"}),
		review("POST /v1/reviews/{id}/report/issue", "/v1/reviews/@ID@/report/issue", map[string]any{"to": "t"}),
		review("POST /v1/reviews/{id}/report/comments", "/v1/reviews/@ID@/report/comments", map[string]any{"text": "t"}),
		review("POST /v1/reviews/{id}/report/final", "/v1/reviews/@ID@/report/final", map[string]any{}),
		review("GET /v1/reviews/{id}/report/actions", "/v1/reviews/@ID@/report/actions", nil),
		review("PATCH /v1/reviews/{id}/report/actions/{action}", "/v1/reviews/@ID@/report/actions/01a2089c-0000-7000-8000-0000000000cd", map[string]any{"decision": "accept"}),
		review("POST /v1/reviews/{id}/evidence/purge", "/v1/reviews/@ID@/evidence/purge", nil),
		site("GET /v1/reports/trend", "/v1/reports/trend?site=@ID@", nil),
		site("GET /v1/reports/comparison", "/v1/reports/comparison?subtree=@ID@", nil),
		site("GET /v1/reports/transitions", "/v1/reports/transitions?subtree=@ID@&a_to=2025-01-01&b_to=2026-11-01", nil),
		site("GET /v1/reports/heatmap", "/v1/reports/heatmap?subtree=@ID@", nil),
		site("GET /v1/reports/agreement", "/v1/reports/agreement?subtree=@ID@", nil),
		site("GET /v1/reports/actions", "/v1/reports/actions?subtree=@ID@", nil),
		site("GET /v1/reports/due", "/v1/reports/due?subtree=@ID@", nil),
		site("GET /v1/exports/ratings.csv", "/v1/exports/ratings.csv?subtree=@ID@", nil),
		site("GET /v1/exports/reviews.csv", "/v1/exports/reviews.csv?subtree=@ID@", nil),
		site("GET /v1/exports/workbook.xlsx", "/v1/exports/workbook.xlsx?subtree=@ID@", nil),
		site("GET /v1/charts/trend.svg", "/v1/charts/trend.svg?site=@ID@", nil),
		review("GET /v1/charts/profile.{format}", "/v1/charts/profile.svg?review=@ID@", nil),
		site("GET /v1/charts/heatmap.{format}", "/v1/charts/heatmap.svg?subtree=@ID@", nil),
		site("GET /v1/charts/bands.{format}", "/v1/charts/bands.svg?subtree=@ID@", nil),
		site("GET /v1/audit", "/v1/audit?subtree=@ID@", nil),
		review("GET /v1/audit", "/v1/audit?resource_id=@ID@", nil),
		review("GET /v1/reviews/{id}/rescored", "/v1/reviews/@ID@/rescored", nil),
		site("POST /v1/admin/rescore", "/v1/admin/rescore", map[string]any{"to": "se-fidelity@2008", "site": "@ID@"}),
	}
}

// TestOutOfScopeIsAnsweredAsAbsent sends every operation of the contract
// that names an object by id, once with the id of an object of region Nord
// and once with an id that exists nowhere, as the lead, rater and reader
// keys of region Vest. The two answers must be the same: status, problem
// type, title, detail and field errors, with the id itself set aside; so
// no answer tells whether an id exists outside the caller's scope. Every
// operation of the contract is a probe here or exempt. Before, PATCH
// /v1/actions/{id} said "action X not found" for an action of Nord and
// "action item X not found" for an unknown id.
func TestOutOfScopeIsAnsweredAsAbsent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		w.e.t = t
		ctx := fidelity.WithPrincipal(context.Background(), fidelity.System)
		action, err := w.e.svc.CreateAction(ctx, w.reviewB, service.ActionInput{Title: "Plan of Nord"})
		if err != nil {
			t.Fatal(err)
		}
		hidden := map[string]string{"site": w.teamB, "review": w.reviewB, "rater": w.r3, "action": action.ID}
		const absent = "01a2089c-0000-7000-8000-0000000000ab"
		probes := oracleProbes(w)
		probed := map[string]bool{}
		for _, p := range probes {
			probed[p.op] = true
		}
		for _, op := range oracleExempt {
			probed[op] = true
		}
		for _, op := range specOperations(t) {
			if !probed[op] {
				t.Errorf("operation %s is neither probed for an existence oracle nor exempt", op)
			}
		}
		for _, p := range probes {
			for _, role := range []string{"lead", "rater", "reader"} {
				answer := func(id string) string {
					path := strings.ReplaceAll(p.path, "@ID@", id)
					var body any
					if p.body != nil {
						raw, _ := json.Marshal(p.body)
						body = strings.ReplaceAll(string(raw), "@ID@", id)
					}
					r := w.as(role, strings.Fields(p.op)[0], path, body, "If-Match", "*")
					return fmt.Sprint(r.Code, " ", strings.ReplaceAll(string(comparable(t, r)), id, "@ID@"))
				}
				if a, b := answer(hidden[p.kind]), answer(absent); a != b {
					t.Errorf("%s %s as %s: a %s out of scope and an absent one are told apart:\n  out of scope: %.300s\n  absent:       %.300s",
						p.op, p.path, role, p.kind, a, b)
				}
			}
		}
	})
}
