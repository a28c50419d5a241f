package httpapi_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// reportTargets: good fidelity with three items below 4 (O6 2, Sv3 3,
// Sv4 2), so issuing proposes three actions; every item but S1 is below 5.
func reportTargets() map[string]int {
	m := baseTargets()
	m["O6"], m["Sv3"], m["Sv4"] = 2, 3, 2
	return m
}

// finaliseWorldReview takes review A of the access world (raters One and
// Two, visit 1 October 2026) to finalised, with evidence notes.
func finaliseWorldReview(t *testing.T, w *world) {
	t.Helper()
	ctx := fidelity.WithPrincipal(context.Background(), fidelity.System)
	noted := func(seed uint64) []fidelity.ItemInput {
		in := ratingsFor(t, reportTargets(), seed)
		for i := range in {
			in[i].Evidence = "Interview with Per Hansen, participant"
		}
		return in
	}
	for i, r := range []string{w.r1, w.r2} {
		if _, err := w.e.svc.SaveRatings(ctx, w.reviewA, r, service.AnyVersion, noted(uint64(i+1)), true); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.e.svc.SaveConsensus(ctx, w.reviewA, service.AnyVersion, noted(9)); err != nil {
		t.Fatal(err)
	}
	if _, err := w.e.svc.Finalize(ctx, w.reviewA, service.AnyVersion); err != nil {
		t.Fatal(err)
	}
}

func itemTexts(ids []string, rec string) map[string]any {
	out := map[string]any{}
	for _, id := range ids {
		out[id] = map[string]any{"strength": "Engaged staff on " + id, "recommendation": rec + " " + id}
	}
	return out
}

// The written report through the REST API: a rater writes and issues,
// the site's lead comments and decides on the proposed actions, the rater
// makes it final and the lead purges the evidence; bad input is answered
// with problem+json naming the field, roles and scope are enforced.
func TestWrittenReportOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		w.e.t = t
		finaliseWorldReview(t, w)
		base := "/v1/reviews/" + w.reviewA + "/report"
		below5 := []string{"S2", "S3", "O1", "O2", "O3", "O4", "O5", "O6", "O7", "O8",
			"Sv1", "Sv2", "Sv3", "Sv4", "Sv5", "Sv6", "Sv7", "Sv8", "Sv9", "Sv10", "Sv11", "Sv12", "Sv13", "Sv14"}

		// Unknown items and over-long texts are refused by field.
		p := w.as("rater", "PUT", base+"/narrative", map[string]any{"items": map[string]any{"X99": map[string]any{"recommendation": "x"}}}).problem(400)
		if !strings.Contains(fieldErrors(p), "items.X99") {
			t.Errorf("unknown item not named: %s", fieldErrors(p))
		}
		p = w.as("rater", "PUT", base+"/narrative", map[string]any{"summary": strings.Repeat("x", 20001)}).problem(400)
		if !strings.Contains(fieldErrors(p), "summary") {
			t.Errorf("long summary not named: %s", fieldErrors(p))
		}
		w.as("rater", "PUT", base+"/narrative", map[string]any{"sumary": "typo"}).problem(400)
		// Only the review's raters write.
		w.as("lead", "PUT", base+"/narrative", map[string]any{"summary": "x"}).problem(403)

		// A draft without O6's recommendation cannot be issued.
		partial := itemTexts(slices.DeleteFunc(slices.Clone(below5), func(id string) bool { return id == "O6" }), "Recommend")
		r := w.as("rater", "PUT", base+"/narrative", map[string]any{"summary": "Tydelig framgang.", "strengths": "God ledelse.", "items": partial}).want(200)
		if r.Header.Get("ETag") != `"v1"` {
			t.Errorf("ETag %q, want v1", r.Header.Get("ETag"))
		}
		w.as("reader", "GET", base+"/narrative", nil).problem(403) // a draft
		p = w.as("rater", "POST", base+"/issue", map[string]any{"to": "Leder"}).problem(400)
		if !strings.Contains(fieldErrors(p), "items.O6.recommendation") {
			t.Errorf("missing recommendation not named: %s", fieldErrors(p))
		}
		w.as("rater", "POST", base+"/issue", map[string]any{"to": ""}).problem(400)
		w.as("rater", "POST", base+"/issue", map[string]any{"to": "x", "on": "yesterday"}).problem(400)

		// The report is overdue (visit 1 October, due 29 October, today 1 November).
		var rep struct {
			Overdue []struct{ ReviewID, Step, Due string } `json:"overdue_report_steps"`
		}
		w.as("lead", "GET", "/v1/reports/actions", nil).want(200).json(&rep)
		if len(rep.Overdue) == 0 || rep.Overdue[0].Step != "report" || rep.Overdue[0].Due != "2026-10-29" {
			t.Errorf("overdue report not listed for the lead: %+v", rep.Overdue)
		}

		// Version 2 with every recommendation; a stale If-Match is refused.
		full := map[string]any{"summary": "Tydelig framgang.", "strengths": "God ledelse.", "items": itemTexts(below5, "Recommend")}
		w.as("rater", "PUT", base+"/narrative", full, "If-Match", `"v1"`).want(200)
		w.as("rater", "PUT", base+"/narrative", full, "If-Match", `"v1"`).problem(412)
		var issued struct {
			Status   string `json:"status"`
			IssuedOn string `json:"issued_on"`
			Actions  []struct {
				ID, Item, Status, Recommendation, Due string
			} `json:"actions"`
		}
		w.as("rater", "POST", base+"/issue", map[string]any{"to": "Leder Team Bergen", "on": "2026-10-30"}).want(200).json(&issued)
		if issued.Status != "issued" || issued.IssuedOn != "2026-10-30" || len(issued.Actions) != 3 {
			t.Fatalf("issued: %+v", issued)
		}
		for _, a := range issued.Actions {
			if a.Status != "proposed" || a.Due != "2026-12-11" || a.Recommendation != "Recommend "+a.Item {
				t.Errorf("proposal %+v", a)
			}
		}
		w.as("reader", "GET", base+"/narrative", nil).want(200) // issued: readable in scope
		w.as("rater", "POST", base+"/issue", map[string]any{"to": "x"}).problem(409)

		// The site's lead comments; a rater may not.
		w.as("rater", "POST", base+"/comments", map[string]any{"text": "x"}).problem(403)
		w.as("lead", "POST", base+"/comments", map[string]any{"text": ""}).problem(400)
		var commented struct {
			Status   string                  `json:"status"`
			Comments []struct{ Text string } `json:"comments"`
		}
		w.as("lead", "POST", base+"/comments", map[string]any{"text": "Vi er enige i anbefalingene.", "author": "Åse Ødegård"}).want(200).json(&commented)
		if commented.Status != "commented" || len(commented.Comments) != 1 {
			t.Fatalf("commented: %+v", commented)
		}

		// The lead accepts two actions (one edited) and dismisses one with a reason.
		acts := issued.Actions
		w.as("lead", "PATCH", base+"/actions/"+acts[0].ID, map[string]any{"decision": "dismiss"}).problem(400)
		w.as("lead", "PATCH", base+"/actions/"+acts[0].ID, map[string]any{"decision": "maybe"}).problem(400)
		w.as("rater", "PATCH", base+"/actions/"+acts[0].ID, map[string]any{"decision": "accept"}).problem(403)
		w.as("lead", "PATCH", base+"/actions/01a2089c-0000-7000-8000-0000000000ab", map[string]any{"decision": "accept"}).problem(404)
		w.as("lead", "PATCH", base+"/actions/"+acts[0].ID, map[string]any{"decision": "accept", "owner": "Kari"}, "If-Match", `"v1"`).problem(400)
		w.as("lead", "PATCH", base+"/actions/"+acts[0].ID, map[string]any{"decision": "accept"}, "If-Match", `"v1"`).want(200)
		w.as("lead", "PATCH", base+"/actions/"+acts[1].ID, map[string]any{"decision": "accept", "text": "Ukentlig møte med NAV-veileder", "reason": "fast tidspunkt passer bedre"}).want(200)
		w.as("lead", "PATCH", base+"/actions/"+acts[2].ID, map[string]any{"decision": "dismiss", "reason": "dekkes av fylkets plan"}).want(200)
		w.as("lead", "PATCH", base+"/actions/"+acts[2].ID, map[string]any{"decision": "accept"}).problem(409)
		var list struct {
			Items []struct{ Status, ActionID string } `json:"items"`
		}
		w.as("reader", "GET", base+"/actions", nil).want(200).json(&list)
		var plan struct{ Items []any }
		w.as("reader", "GET", "/v1/reviews/"+w.reviewA+"/actions", nil).want(200).json(&plan)
		if len(plan.Items) != 2 {
			t.Errorf("accepted actions on the plan: %d, want 2", len(plan.Items))
		}

		// Purge before final is refused; the rater makes the report final.
		w.as("lead", "POST", "/v1/reviews/"+w.reviewA+"/evidence/purge", nil).problem(409)
		w.as("lead", "POST", base+"/final", map[string]any{}).problem(403)
		w.as("rater", "POST", base+"/final", map[string]any{"on": "2026-10-01"}).problem(400) // before issue
		w.as("rater", "POST", base+"/final", map[string]any{}).want(200)
		w.as("reader", "POST", "/v1/reviews/"+w.reviewA+"/evidence/purge", nil).problem(403)
		var purged struct{ Purged int }
		w.as("lead", "POST", "/v1/reviews/"+w.reviewA+"/evidence/purge", nil).want(200).json(&purged)
		if purged.Purged != 75 {
			t.Errorf("purged %d notes, want 75 (25 items × 2 raters and the consensus)", purged.Purged)
		}
		body := string(w.as("admin", "GET", "/v1/reviews/"+w.reviewA+"/ratings/"+w.r1, nil).want(200).Body)
		if strings.Contains(body, "Per Hansen") {
			t.Error("evidence survived the purge")
		}
		var after struct {
			Narrative struct{ Summary string } `json:"narrative"`
			Status    string                   `json:"status"`
		}
		w.as("reader", "GET", base+"/narrative", nil).want(200).json(&after)
		if after.Narrative.Summary != "Tydelig framgang." || after.Status != "final" {
			t.Errorf("the report after the purge: %+v", after)
		}
		audit := string(w.as("admin", "GET", "/v1/audit?resource_id="+w.reviewA, nil).want(200).Body)
		if !strings.Contains(audit, "report.evidence_purge") {
			t.Error("purge not audited")
		}
	})
}
