package httpapi_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// TestRatersFollowTheScope: in the world of the role matrix, raters One and
// Two rate review A (region Vest) and Three rates only review B (region
// Nord). A lead and a rater of Vest neither see nor change Three: every
// read answers 404 exactly as for an unknown id, lists leave Three out, and
// Three's name and email appear nowhere they read. A rater who also works in
// Nord is visible to the lead of Vest but not changeable by it. Before,
// every key listed every rater and a lead of Vest could deactivate Three.
func TestRatersFollowTheScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		w.e.t = t
		unknown := "01a2089c-0000-7000-8000-000000000000"
		ifAny := []string{"If-Match", "*"}
		for _, role := range []string{"lead", "rater", "reader"} {
			hidden := w.as(role, "GET", "/v1/raters/"+w.r3, nil).problem(http.StatusNotFound)
			absent := w.as(role, "GET", "/v1/raters/"+unknown, nil).problem(http.StatusNotFound)
			if strings.ReplaceAll(hidden["detail"].(string), w.r3, "ID") != strings.ReplaceAll(absent["detail"].(string), unknown, "ID") ||
				hidden["type"] != absent["type"] || hidden["title"] != absent["title"] {
				t.Fatalf("%s: a rater out of scope is answered unlike an unknown one:\n%v\n%v", role, hidden, absent)
			}
			var list struct{ Items []struct{ ID string } }
			w.as(role, "GET", "/v1/raters?limit=500", nil).want(http.StatusOK).json(&list)
			var ids []string
			for _, r := range list.Items {
				ids = append(ids, r.ID)
			}
			if len(ids) != 2 || !strings.Contains(strings.Join(ids, " "), w.r1) || !strings.Contains(strings.Join(ids, " "), w.r2) {
				t.Fatalf("%s lists raters %v, want One and Two only", role, ids)
			}
		}
		// Changing Three is as impossible as changing nobody, and changes nothing.
		for _, body := range []map[string]any{{"active": false}, {"name": "Renamed"}, {"home_site_id": w.teamA}} {
			hidden := w.as("lead", "PATCH", "/v1/raters/"+w.r3, body, ifAny...).problem(http.StatusNotFound)
			absent := w.as("lead", "PATCH", "/v1/raters/"+unknown, body, ifAny...).problem(http.StatusNotFound)
			if strings.ReplaceAll(hidden["detail"].(string), w.r3, "ID") != strings.ReplaceAll(absent["detail"].(string), unknown, "ID") {
				t.Fatalf("PATCH of a rater out of scope says %q, of an unknown one %q", hidden["detail"], absent["detail"])
			}
		}
		three := w.as("admin", "GET", "/v1/raters/"+w.r3, nil).want(http.StatusOK).obj()
		if three["active"] != true || three["name"] != "Three" || three["version"] != float64(1) {
			t.Fatalf("Three was changed from outside its scope: %v", three)
		}
		// Three may not be put on a review of Vest by its lead either: the
		// answer is the one for a rater id that does not exist.
		plan := func(raterID string) string {
			p := w.as("lead", "POST", "/v1/reviews", map[string]any{"site_id": w.teamA, "scale": "se-fidelity@2008", "type": "self",
				"visit_start": "2026-10-01", "visit_end": "2026-10-01", "rater_ids": []string{raterID}}).problem(http.StatusBadRequest)
			return strings.ReplaceAll(fieldErrors(p), raterID, "ID")
		}
		if a, b := plan(w.r3), plan(unknown); a != b {
			t.Fatalf("planning with a rater out of scope: %q, with an unknown rater: %q", a, b)
		}
		// Nothing the lead of Vest reads names Three.
		for _, path := range []string{"/v1/raters", "/v1/audit?limit=500", "/v1/exports/ratings.csv", "/v1/exports/workbook.xlsx",
			"/v1/reviews/" + w.reviewA, "/v1/reviews/" + w.reviewA + "/ratings", "/v1/reports/agreement"} {
			r := w.as("lead", "GET", path, nil).want(http.StatusOK)
			if body := comparable(t, r); bytes.Contains(body, []byte("three@example.no")) || bytes.Contains(body, []byte(w.r3)) {
				t.Fatalf("GET %s shows rater Three to the lead of Vest: %.400s", path, body)
			}
		}

		// One also rates in Nord now: the lead of Vest still sees One, but
		// may no longer change One, whose work reaches beyond Vest.
		ctx := fidelity.WithPrincipal(context.Background(), fidelity.System)
		w.as("admin", "POST", "/v1/reviews", map[string]any{"site_id": w.teamB, "scale": "se-fidelity@2008", "type": "external",
			"visit_start": "2026-10-01", "visit_end": "2026-10-01", "rater_ids": []string{w.r1, w.r3}}).want(http.StatusCreated)
		w.as("lead", "GET", "/v1/raters/"+w.r1, nil).want(http.StatusOK)
		w.as("lead", "PATCH", "/v1/raters/"+w.r1, map[string]any{"active": false}, ifAny...).problem(http.StatusNotFound)
		w.as("lead", "PATCH", "/v1/raters/"+w.r2, map[string]any{"organisation": "Nav Vestland"}, ifAny...).want(http.StatusOK)

		// A rater created by the lead of Vest belongs to Vest: the lead of
		// Nord neither sees it nor may give it a home in Nord.
		created := w.as("lead", "POST", "/v1/raters", map[string]any{"name": "Four", "organisation": "", "email": "four@example.no"}).want(http.StatusCreated).obj()
		if created["home_site_id"] != w.regionA {
			t.Fatalf("a rater created by the lead of Vest has home %v, want region Vest", created["home_site_id"])
		}
		_, leadB, err := w.e.svc.CreateKey(ctx, service.KeyInput{Name: "lead B", Role: fidelity.RoleLead, Scope: []string{w.regionB}})
		if err != nil {
			t.Fatal(err)
		}
		w.keys["leadB"] = leadB
		w.as("leadB", "GET", "/v1/raters/"+created["id"].(string), nil).problem(http.StatusNotFound)
		w.as("leadB", "PATCH", "/v1/raters/"+created["id"].(string), map[string]any{"home_site_id": w.teamB}, ifAny...).problem(http.StatusNotFound)
		w.as("lead", "POST", "/v1/raters", map[string]any{"name": "Five", "organisation": "", "email": "five@example.no", "home_site_id": w.teamB}).problem(http.StatusNotFound)
		w.as("lead", "PATCH", "/v1/raters/"+created["id"].(string), map[string]any{"home_site_id": w.teamB}, ifAny...).problem(http.StatusNotFound)
		w.as("lead", "PATCH", "/v1/raters/"+created["id"].(string), map[string]any{"home_site_id": w.teamA}, ifAny...).want(http.StatusOK)
		var events struct {
			Items []struct {
				ResourceID string `json:"resource_id"`
			}
		}
		w.as("lead", "GET", "/v1/audit?limit=500", nil).want(http.StatusOK).json(&events)
		seen := 0
		for _, e := range events.Items {
			if e.ResourceID == created["id"] {
				seen++
			}
		}
		if seen != 2 {
			t.Fatalf("the lead of Vest sees %d audit events of its own rater, want 2 (create, update)", seen)
		}
	})
}

// TestRaterCannotStartAReviewItDoesNotRate: rater One's key may start the
// reviews One rates, but not a review of the same team planned for Two
// only (403, as for saving or finalising it); the review stays planned.
func TestRaterCannotStartAReviewItDoesNotRate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		w.e.t = t
		other := w.as("admin", "POST", "/v1/reviews", map[string]any{"site_id": w.teamA, "scale": "se-fidelity@2008", "type": "external",
			"visit_start": "2026-10-01", "visit_end": "2026-10-01", "rater_ids": []string{w.r2}}).want(http.StatusCreated).obj()["id"].(string)
		w.as("rater", "POST", "/v1/reviews/"+other+"/start", nil, "If-Match", "*").problem(http.StatusForbidden)
		if st := w.as("admin", "GET", "/v1/reviews/"+other, nil).want(http.StatusOK).obj()["status"]; st != "planned" {
			t.Fatalf("status %v after a refused start, want planned", st)
		}
		w.as("rater", "POST", "/v1/reviews/"+w.reviewA+"/start", nil, "If-Match", "*").want(http.StatusOK)
	})
}
