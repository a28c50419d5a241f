package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/httpapi"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// world is two regions with a team and a review each, and a key per role.
type world struct {
	e                    *env
	regionA, teamA       string
	regionB, teamB       string
	r1, r2, r3           string // raters; r1 and r2 rate review A, r3 review B
	reviewA, reviewB     string
	keys                 map[string]string // role name → secret
	revokedKey, keyAdmin string
}

func newWorld(t *testing.T, st *store.Store) *world {
	t.Helper()
	e := newEnvOn(t, st)
	w := &world{e: e, keys: map[string]string{}}
	ctx := fidelity.WithPrincipal(context.Background(), fidelity.System)
	site := func(parent, kind, name string) string {
		v, err := e.svc.CreateSite(ctx, service.SiteInput{ParentID: parent, Kind: kind, Code: name, Name: name})
		if err != nil {
			t.Fatal(err)
		}
		return v.ID
	}
	w.regionA, w.regionB = site("", "region", "Vest"), site("", "region", "Nord")
	w.teamA, w.teamB = site(site(w.regionA, "office", "Bergen"), "team", "Team Bergen"), site(site(w.regionB, "office", "Bodø"), "team", "Team Bodø")
	rater := func(name string) string {
		r, err := e.svc.CreateRater(ctx, service.RaterInput{Name: name, Email: strings.ToLower(name) + "@example.no"})
		if err != nil {
			t.Fatal(err)
		}
		return r.ID
	}
	w.r1, w.r2, w.r3 = rater("One"), rater("Two"), rater("Three")
	plan := func(siteID string, raters ...string) string {
		day := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
		v, err := e.svc.PlanReview(ctx, service.ReviewInput{SiteID: siteID, Scale: "se-fidelity@2008", Type: fidelity.ReviewExternal, VisitStart: day, VisitEnd: day, RaterIDs: raters})
		if err != nil {
			t.Fatal(err)
		}
		return v.ID
	}
	w.reviewA, w.reviewB = plan(w.teamA, w.r1, w.r2), plan(w.teamB, w.r3)
	key := func(name string, role fidelity.Role, raterID string, scope ...string) string {
		k, secret, err := e.svc.CreateKey(ctx, service.KeyInput{Name: name, Role: role, RaterID: raterID, Scope: scope, AllSites: len(scope) == 0})
		if err != nil {
			t.Fatal(err)
		}
		w.keys[name] = secret
		return k.ID
	}
	key("admin", fidelity.RoleAdmin, "")
	key("lead", fidelity.RoleLead, "", w.regionA)
	key("rater", fidelity.RoleRater, w.r1, w.regionA)
	key("reader", fidelity.RoleReader, "", w.regionA)
	revoked := key("revoked", fidelity.RoleAdmin, "")
	if _, err := e.svc.RevokeKey(ctx, revoked); err != nil {
		t.Fatal(err)
	}
	w.keys["none"] = ""
	return w
}

func (w *world) as(role, method, path string, body any, headers ...string) resp {
	w.e.t.Helper()
	if secret := w.keys[role]; secret != "" {
		headers = append(headers, "Authorization", "Bearer "+secret)
	}
	if role == "revoked" {
		// Every revoked-key request comes from an address of its own: the
		// matrix checks each operation's 401, not the throttle of repeated
		// failures (TestFailedAuthenticationIsThrottledPerAddress does).
		n := revokedFrom.Add(1)
		return w.e.doFrom(fmt.Sprintf("198.18.%d.%d", n/250%250, n%250+1), method, path, body, headers...)
	}
	return w.e.do(method, path, body, headers...)
}

// newTeam is the body of a site creation with a fresh code each time it
// is sent: codes are unique among active siblings, and the matrix sends
// one body once per role.
type newTeam struct{ parent string }

var teamCodes atomic.Int64

func (b newTeam) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]any{"parent_id": b.parent, "kind": "team",
		"code": fmt.Sprint("x", teamCodes.Add(1)), "name": "New team"})
}

// revokedFrom numbers the client addresses of revoked-key requests.
var revokedFrom atomic.Int64

// access is one request and the status each role must get.
type access struct {
	name, method, path string
	body               any
	headers            []string
	want               map[string]int // role → status; roles not listed must get 401 (none, revoked) or 403
}

func roles(admin, lead, rater, reader int) map[string]int {
	return map[string]int{"admin": admin, "lead": lead, "rater": rater, "reader": reader}
}

// TestRoleEndpointMatrix sends every kind of request as every role. Any
// role not listed for a request is denied: 401 without a valid key, 403 or
// 404 (outside scope) with one. Every operation of the contract appears at
// least once, so a new endpoint cannot go untested.
func TestRoleEndpointMatrix(t *testing.T) {
	w := newWorld(t, storetest.SQLite(t))
	rating := map[string]any{"items": []map[string]any{{"item": "O6", "score": 4}}}
	fhirRating := qrBody(`{"linkId":"O6.score","answer":[{"valueCoding":{"code":"4"}}]}`)
	ifAny := []string{"If-Match", "*"}
	newSite := func(parent string) newTeam { return newTeam{parent: parent} }
	review := func(site, rater string) map[string]any {
		return map[string]any{"site_id": site, "scale": "se-fidelity@2008", "type": "self", "visit_start": "2026-10-01", "visit_end": "2026-10-01", "rater_ids": []string{rater}}
	}
	cases := []access{
		{"site in scope", "GET", "/v1/sites/" + w.teamA, nil, nil, roles(200, 200, 200, 200)},
		{"site out of scope", "GET", "/v1/sites/" + w.teamB, nil, nil, roles(200, 404, 404, 404)},
		{"site list", "GET", "/v1/sites", nil, nil, roles(200, 200, 200, 200)},
		{"site history", "GET", "/v1/sites/" + w.teamA + "/history", nil, nil, roles(200, 200, 200, 200)},
		{"create site in scope", "POST", "/v1/sites", newSite(w.regionA), nil, roles(201, 201, 403, 403)},
		{"create site out of scope", "POST", "/v1/sites", newSite(w.regionB), nil, roles(201, 404, 403, 403)},
		{"create root site", "POST", "/v1/sites", map[string]any{"kind": "region", "code": "R", "name": "R"}, nil, roles(201, 403, 403, 403)},
		{"rename site", "PATCH", "/v1/sites/" + w.teamA, map[string]any{"name": "Renamed"}, nil, roles(200, 200, 403, 403)},
		{"move site", "POST", "/v1/sites/" + w.teamA + "/move", map[string]any{"parent_id": w.regionA}, nil, roles(200, 200, 403, 403)},
		{"deactivate site", "POST", "/v1/sites/" + w.teamB + "/deactivate", map[string]any{"active_to": "2030-01-01"}, nil, roles(200, 404, 403, 403)},
		{"delete site with reviews", "DELETE", "/v1/sites/" + w.teamA, nil, nil, roles(409, 409, 403, 403)},
		{"raters", "GET", "/v1/raters", nil, nil, roles(200, 200, 200, 200)},
		{"rater", "GET", "/v1/raters/" + w.r1, nil, nil, roles(200, 200, 200, 200)},
		{"create rater", "POST", "/v1/raters", map[string]any{"name": "N", "organisation": "", "email": "n@example.no"}, nil, roles(201, 201, 403, 403)},
		{"update rater", "PATCH", "/v1/raters/" + w.r2, map[string]any{"organisation": "X"}, nil, roles(200, 200, 403, 403)},
		{"reviews", "GET", "/v1/reviews", nil, nil, roles(200, 200, 200, 200)},
		{"review in scope", "GET", "/v1/reviews/" + w.reviewA, nil, nil, roles(200, 200, 200, 200)},
		{"review out of scope", "GET", "/v1/reviews/" + w.reviewB, nil, nil, roles(200, 404, 404, 404)},
		{"plan review", "POST", "/v1/reviews", review(w.teamA, w.r1), nil, roles(201, 201, 403, 403)},
		{"plan review out of scope", "POST", "/v1/reviews", review(w.teamB, w.r3), nil, roles(201, 404, 403, 403)},
		{"change review plan", "PATCH", "/v1/reviews/" + w.reviewA, map[string]any{"visit_end": "2026-10-02"}, ifAny, roles(200, 200, 403, 403)},
		{"start review", "POST", "/v1/reviews/" + w.reviewB + "/start", nil, ifAny, roles(200, 404, 404, 403)},
		{"ratings progress", "GET", "/v1/reviews/" + w.reviewA + "/ratings", nil, nil, roles(200, 200, 200, 200)},
		{"own ratings", "GET", "/v1/reviews/" + w.reviewA + "/ratings/" + w.r1, nil, nil, roles(200, 200, 200, 200)},
		{"save own ratings", "PUT", "/v1/reviews/" + w.reviewA + "/ratings/" + w.r1, rating, ifAny, roles(200, 200, 200, 403)},
		{"save another rater's ratings", "PUT", "/v1/reviews/" + w.reviewA + "/ratings/" + w.r2, rating, ifAny, roles(200, 200, 403, 403)},
		{"save ratings out of scope", "PUT", "/v1/reviews/" + w.reviewB + "/ratings/" + w.r3, rating, ifAny, roles(200, 404, 403, 403)},
		{"own ratings as FHIR", "GET", "/v1/reviews/" + w.reviewA + "/fhir?rater=" + w.r1, nil, nil, roles(200, 200, 200, 200)},
		{"ratings as FHIR out of scope", "GET", "/v1/reviews/" + w.reviewB + "/fhir?rater=" + w.r3, nil, nil, roles(200, 404, 404, 404)},
		{"import own ratings from FHIR", "POST", "/v1/reviews/" + w.reviewA + "/ratings/" + w.r1 + "/fhir", fhirRating, ifAny, roles(200, 200, 200, 403)},
		{"import another rater's ratings from FHIR", "POST", "/v1/reviews/" + w.reviewA + "/ratings/" + w.r2 + "/fhir", fhirRating, ifAny, roles(200, 200, 403, 403)},
		{"import ratings from FHIR out of scope", "POST", "/v1/reviews/" + w.reviewB + "/ratings/" + w.r3 + "/fhir", fhirRating, ifAny, roles(200, 404, 403, 403)},
		{"consensus draft", "GET", "/v1/reviews/" + w.reviewA + "/consensus/draft", nil, nil, roles(409, 409, 409, 409)},
		{"consensus", "GET", "/v1/reviews/" + w.reviewA + "/consensus", nil, nil, roles(404, 404, 404, 404)}, // none saved yet
		{"save consensus too early", "PUT", "/v1/reviews/" + w.reviewA + "/consensus", rating, ifAny, roles(409, 409, 409, 403)},
		{"finalise too early", "POST", "/v1/reviews/" + w.reviewA + "/finalize", nil, ifAny, roles(409, 409, 409, 403)},
		{"corrections", "GET", "/v1/reviews/" + w.reviewA + "/corrections", nil, nil, roles(200, 200, 200, 200)},
		{"correction", "GET", "/v1/reviews/" + w.reviewA + "/corrections/01a2089c-0000-7000-8000-000000000000", nil, nil, roles(404, 404, 404, 404)},
		{"correct an open review", "POST", "/v1/reviews/" + w.reviewA + "/corrections", map[string]any{"item": map[string]any{"item": "O6", "score": 5}, "reason": "r"}, ifAny, roles(409, 409, 403, 403)},
		{"score", "GET", "/v1/reviews/" + w.reviewA + "/score", nil, nil, roles(200, 200, 200, 200)},
		{"score out of scope", "GET", "/v1/reviews/" + w.reviewB + "/score", nil, nil, roles(200, 404, 404, 404)},
		{"stateless scoring", "POST", "/v1/score", map[string]any{"scale": "se-fidelity", "items": []any{}}, nil, roles(200, 200, 200, 200)},
		{"scales", "GET", "/v1/scales", nil, nil, roles(200, 200, 200, 200)},
		{"scale", "GET", "/v1/scales/se-fidelity", nil, nil, roles(200, 200, 200, 200)},
		{"scale source", "GET", "/v1/scales/se-fidelity/source", nil, nil, roles(200, 200, 200, 200)},
		{"scale as a FHIR Questionnaire", "GET", "/v1/scales/se-fidelity/fhir", nil, nil, roles(200, 200, 200, 200)},
		{"publish scale", "POST", "/v1/scales", "id: [", []string{"Content-Type", "application/yaml"}, roles(400, 403, 403, 403)},
		{"trend", "GET", "/v1/reports/trend?site=" + w.teamA, nil, nil, roles(200, 200, 200, 200)},
		{"trend out of scope", "GET", "/v1/reports/trend?site=" + w.teamB, nil, nil, roles(200, 404, 404, 404)},
		{"comparison", "GET", "/v1/reports/comparison", nil, nil, roles(200, 200, 200, 200)},
		{"comparison of another subtree", "GET", "/v1/reports/comparison?subtree=" + w.regionB, nil, nil, roles(200, 404, 404, 404)},
		{"transitions", "GET", "/v1/reports/transitions?a_to=2025-01-01&b_to=2026-11-01", nil, nil, roles(200, 200, 200, 200)},
		{"heatmap", "GET", "/v1/reports/heatmap", nil, nil, roles(200, 200, 200, 200)},
		{"agreement", "GET", "/v1/reports/agreement", nil, nil, roles(200, 200, 200, 200)},
		{"actions report", "GET", "/v1/reports/actions", nil, nil, roles(200, 200, 200, 200)},
		{"due report", "GET", "/v1/reports/due", nil, nil, roles(200, 200, 200, 200)},
		{"due report of another subtree", "GET", "/v1/reports/due?subtree=" + w.regionB, nil, nil, roles(200, 404, 404, 404)},
		{"long export", "GET", "/v1/exports/ratings.csv", nil, nil, roles(200, 200, 200, 200)},
		{"wide export", "GET", "/v1/exports/reviews.csv", nil, nil, roles(200, 200, 200, 200)},
		{"codebook", "GET", "/v1/exports/codebook", nil, nil, roles(200, 200, 200, 200)},
		{"workbook", "GET", "/v1/exports/workbook.xlsx", nil, nil, roles(200, 200, 200, 200)},
		{"reviews sps script", "GET", "/v1/exports/reviews.sps", nil, nil, roles(200, 200, 200, 200)},
		{"reviews do script", "GET", "/v1/exports/reviews.do", nil, nil, roles(200, 200, 200, 200)},
		{"reviews R script", "GET", "/v1/exports/reviews.R", nil, nil, roles(200, 200, 200, 200)},
		{"ratings sps script", "GET", "/v1/exports/ratings.sps", nil, nil, roles(200, 200, 200, 200)},
		{"ratings do script", "GET", "/v1/exports/ratings.do", nil, nil, roles(200, 200, 200, 200)},
		{"ratings R script", "GET", "/v1/exports/ratings.R", nil, nil, roles(200, 200, 200, 200)},
		{"import template", "GET", "/v1/scales/se-fidelity/template.xlsx", nil, nil, roles(200, 200, 200, 200)},
		{"trend chart", "GET", "/v1/charts/trend.svg?site=" + w.teamA, nil, nil, roles(200, 200, 200, 200)},
		{"profile chart out of scope", "GET", "/v1/charts/profile.svg?review=" + w.reviewB, nil, nil, roles(200, 404, 404, 404)},
		{"heatmap chart", "GET", "/v1/charts/heatmap.svg", nil, nil, roles(200, 200, 200, 200)},
		{"bands chart", "GET", "/v1/charts/bands.png", nil, nil, roles(200, 200, 200, 200)},
		{"outcomes", "GET", "/v1/sites/" + w.teamA + "/outcomes", nil, nil, roles(200, 200, 200, 200)},
		{"record outcome", "POST", "/v1/sites/" + w.teamA + "/outcomes", map[string]any{"measure": "m", "period_start": "2026-01-01", "period_end": "2026-06-30", "value": 0.3}, nil, roles(201, 201, 403, 403)},
		{"actions", "GET", "/v1/reviews/" + w.reviewA + "/actions", nil, nil, roles(200, 200, 200, 200)},
		{"written report before the consensus", "GET", "/v1/reviews/" + w.reviewA + "/report", nil, nil, roles(409, 409, 409, 409)},
		{"written report out of scope", "GET", "/v1/reviews/" + w.reviewB + "/report?format=pdf", nil, nil, roles(409, 404, 404, 404)},
		{"add action", "POST", "/v1/reviews/" + w.reviewA + "/actions", map[string]any{"title": "t"}, nil, roles(201, 201, 403, 403)},
		{"update unknown action", "PATCH", "/v1/actions/01a2089c-0000-7000-8000-000000000000", map[string]any{"status": "done"}, ifAny, roles(404, 404, 403, 403)},
		{"report text of a planned review", "GET", "/v1/reviews/" + w.reviewA + "/report/narrative", nil, nil, roles(200, 200, 200, 403)},
		{"write report too early", "PUT", "/v1/reviews/" + w.reviewA + "/report/narrative", map[string]any{"summary": "s"}, nil, roles(409, 403, 409, 403)},
		{"issue report too early", "POST", "/v1/reviews/" + w.reviewA + "/report/issue", map[string]any{"to": "t"}, nil, roles(409, 403, 409, 403)},
		{"comment on a draft", "POST", "/v1/reviews/" + w.reviewA + "/report/comments", map[string]any{"text": "t"}, nil, roles(409, 409, 403, 403)},
		{"make a draft final", "POST", "/v1/reviews/" + w.reviewA + "/report/final", map[string]any{}, nil, roles(409, 403, 409, 403)},
		{"proposed actions of a draft", "GET", "/v1/reviews/" + w.reviewA + "/report/actions", nil, nil, roles(200, 200, 200, 403)},
		{"decide on a draft's action", "PATCH", "/v1/reviews/" + w.reviewA + "/report/actions/01a2089c-0000-7000-8000-000000000000", map[string]any{"decision": "accept"}, nil, roles(409, 409, 403, 403)},
		{"purge evidence of a draft", "POST", "/v1/reviews/" + w.reviewA + "/evidence/purge", nil, nil, roles(409, 409, 403, 403)},
		{"keys", "GET", "/v1/keys", nil, nil, roles(200, 403, 403, 403)},
		{"create key", "POST", "/v1/keys", map[string]any{"name": "k", "role": "reader", "all_sites": true}, nil, roles(201, 403, 403, 403)},
		{"revoke unknown key", "POST", "/v1/keys/01a2089c-0000-7000-8000-000000000000/revoke", nil, nil, roles(404, 403, 403, 403)},
		{"audit", "GET", "/v1/audit", nil, nil, roles(200, 200, 403, 403)},
		{"item maps", "GET", "/v1/scale-maps", nil, nil, roles(200, 200, 200, 200)},
		{"re-scored scorecards", "GET", "/v1/reviews/" + w.reviewA + "/rescored", nil, nil, roles(200, 200, 200, 200)},
		{"re-scored scorecards out of scope", "GET", "/v1/reviews/" + w.reviewB + "/rescored", nil, nil, roles(200, 404, 404, 404)},
		{"re-score reviews", "POST", "/v1/admin/rescore", map[string]any{"to": "se-fidelity@2008", "dry_run": true}, nil, roles(200, 403, 403, 403)},
		{"start import", "POST", "/v1/imports", importUpload, []string{"Content-Type", importUploadType}, roles(202, 202, 403, 403)},
		{"unknown import", "GET", "/v1/imports/01a2089c-0000-7000-8000-000000000000", nil, nil, roles(404, 404, 404, 404)},
		{"commit unknown import", "POST", "/v1/imports/01a2089c-0000-7000-8000-000000000000/commit", nil, nil, roles(404, 404, 403, 403)},
	}
	covered := map[string]bool{}
	for _, c := range cases {
		for _, role := range []string{"admin", "lead", "rater", "reader", "none", "revoked"} {
			t.Run(c.name+"/"+role, func(t *testing.T) {
				w.e.t = t
				want, ok := c.want[role]
				if !ok {
					want = http.StatusUnauthorized
				}
				r := w.as(role, c.method, c.path, c.body, c.headers...)
				if r.Code != want {
					t.Fatalf("%s %s as %s: %d, want %d: %.300s", c.method, c.path, role, r.Code, want, r.Body)
				}
			})
		}
		covered[c.method+" "+templatePath(c.path)] = true
	}
	for _, op := range specOperations(t) {
		if strings.HasPrefix(op, "GET /v1") || strings.Contains(op, " /v1") {
			if !covered[op] {
				t.Errorf("operation %s has no access rule in the matrix", op)
			}
		}
	}
}

// templatePath maps a concrete path back to the contract's template.
func templatePath(p string) string {
	p, _, _ = strings.Cut(p, "?")
	parts := strings.Split(p, "/")
	for i, s := range parts {
		switch {
		case len(s) == 36 && strings.Count(s, "-") == 4:
			parts[i] = "{id}"
			if i > 0 && (parts[i-1] == "ratings") {
				parts[i] = "{rater_id}"
			}
			if i > 0 && parts[i-1] == "corrections" {
				parts[i] = "{correction_id}"
			}
			if i > 1 && parts[i-1] == "actions" && parts[i-2] == "report" {
				parts[i] = "{action}"
			}
		case i == 3 && parts[2] == "scales" && s != "":
			parts[i] = "{ref}"
		case parts[2] == "charts" && (strings.HasPrefix(s, "heatmap.") || strings.HasPrefix(s, "bands.") || strings.HasPrefix(s, "profile.")):
			parts[i] = strings.SplitN(s, ".", 2)[0] + ".{format}"
		}
	}
	return strings.Join(parts, "/")
}

func specOperations(t *testing.T) []string {
	t.Helper()
	router := contractRouter(t)
	_ = router
	doc := specDoc(t)
	var out []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			out = append(out, method+" "+path)
		}
	}
	return out
}

func TestKeysAuthenticateAndRateLimit(t *testing.T) {
	st := storetest.SQLite(t)
	w := newWorld(t, st)
	// Without a key, or with a revoked or made-up one: 401 with a challenge.
	for _, h := range [][]string{nil, {"Authorization", "Bearer fk_nothing_here"}, {"Authorization", "Basic YTpi"}} {
		r := w.e.do("GET", "/v1/sites", nil, h...)
		p := r.problem(http.StatusUnauthorized)
		if !strings.HasPrefix(r.Header.Get("WWW-Authenticate"), "Bearer") || strings.Contains(fmt.Sprint(p), "fk_") {
			t.Fatalf("401 without a proper challenge or leaking the key: %v %v", r.Header, p)
		}
	}
	// Operational endpoints stay open for probes.
	w.e.do("GET", "/healthz", nil).want(http.StatusOK)
	w.e.do("GET", "/readyz", nil).want(http.StatusOK)

	// A tight per-key limit answers 429 with Retry-After, per key.
	h := httpapi.New(httpapi.Options{Service: w.e.svc, RatePerSecond: 1, RateBurst: 3})
	limited := &env{t: t, handler: h, router: w.e.router, svc: w.e.svc}
	auth := []string{"Authorization", "Bearer " + w.keys["reader"]}
	for range 3 {
		limited.do("GET", "/v1/scales", nil, auth...).want(http.StatusOK)
	}
	r := limited.do("GET", "/v1/scales", nil, auth...)
	r.problem(http.StatusTooManyRequests)
	if r.Header.Get("Retry-After") == "" {
		t.Fatal("429 without Retry-After")
	}
	limited.do("GET", "/v1/scales", nil, "Authorization", "Bearer "+w.keys["lead"]).want(http.StatusOK)
}

func TestIdempotentCreate(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		body := map[string]any{"name": "Idem Potent", "organisation": "", "email": "idem@example.no"}
		first := e.do("POST", "/v1/raters", body, "Idempotency-Key", "create-rater-1").want(http.StatusCreated)
		again := e.do("POST", "/v1/raters", body, "Idempotency-Key", "create-rater-1").want(http.StatusCreated)
		if again.Header.Get("Idempotent-Replayed") != "true" || string(again.Body) != string(first.Body) ||
			again.Header.Get("Location") != first.Header.Get("Location") {
			t.Fatalf("retry was not replayed:\n%s\n%s", first.Body, again.Body)
		}
		var list struct{ Items []struct{ Name string } }
		e.do("GET", "/v1/raters?q=Idem", nil).want(http.StatusOK).json(&list)
		if len(list.Items) != 1 {
			t.Fatalf("%d raters after a retried create, want 1", len(list.Items))
		}
		body["name"] = "Someone Else"
		e.do("POST", "/v1/raters", body, "Idempotency-Key", "create-rater-1").problem(http.StatusConflict)
		e.do("POST", "/v1/raters", body, "Idempotency-Key", "bad key with spaces").problem(http.StatusBadRequest)
		// A first attempt that never finished (client gone) releases its key:
		// the retry runs instead of answering "still running" for a day.
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		req := httptest.NewRequest("POST", "/v1/raters", strings.NewReader(`{"name":"Gone","organisation":"","email":"gone@example.no"}`)).WithContext(ctx)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", "k-gone")
		e.handler.ServeHTTP(httptest.NewRecorder(), req)
		e.do("POST", "/v1/raters", map[string]any{"name": "Gone", "organisation": "", "email": "gone@example.no"}, "Idempotency-Key", "k-gone").want(http.StatusCreated)
		// A rejected first request is replayed as the same rejection.
		bad := map[string]any{"name": "", "organisation": "", "email": "x"}
		e.do("POST", "/v1/raters", bad, "Idempotency-Key", "k2").problem(http.StatusBadRequest)
		e.do("POST", "/v1/raters", bad, "Idempotency-Key", "k2").problem(http.StatusBadRequest)
	})
}

// TestFiftyConcurrentWritersLoseNothing has ten raters on one review, five
// writers each, every writer adding its own item to its rater's set by
// read-modify-write with If-Match, retrying on 412. Nothing may be lost.
func TestFiftyConcurrentWritersLoseNothing(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		ctx := fidelity.WithPrincipal(context.Background(), fidelity.System)
		site, err := e.svc.CreateSite(ctx, service.SiteInput{Kind: "team", Code: "T", Name: "Team"})
		if err != nil {
			t.Fatal(err)
		}
		var raters []string
		for i := range 10 {
			r, err := e.svc.CreateRater(ctx, service.RaterInput{Name: fmt.Sprint("Rater ", i), Email: fmt.Sprintf("r%d@example.no", i)})
			if err != nil {
				t.Fatal(err)
			}
			raters = append(raters, r.ID)
		}
		day := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
		rv, err := e.svc.PlanReview(ctx, service.ReviewInput{SiteID: site.ID, Scale: "se-fidelity@2008", Type: fidelity.ReviewExternal, VisitStart: day, VisitEnd: day, RaterIDs: raters})
		if err != nil {
			t.Fatal(err)
		}
		items := []string{"O6", "Sv1", "Sv3", "O4", "Sv11"} // ordinal: a direct score is a whole input
		var wg sync.WaitGroup
		errs := make(chan error, 50)
		for _, rater := range raters {
			for wi, item := range items {
				wg.Add(1)
				go func() {
					defer wg.Done()
					errs <- addItem(e, "/v1/reviews/"+rv.ID+"/ratings/"+rater, item, wi+1)
				}()
			}
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, rater := range raters {
			var rs struct {
				Items   []fidelity.ItemInput
				Version int
			}
			e.do("GET", "/v1/reviews/"+rv.ID+"/ratings/"+rater, nil).want(http.StatusOK).json(&rs)
			if len(rs.Items) != len(items) || rs.Version != len(items) {
				t.Fatalf("rater %s: %d items at version %d, want %d and %d (a write was lost)", rater, len(rs.Items), rs.Version, len(items), len(items))
			}
		}
	})
}

// addItem is one client: read the set and its ETag, add an item, write it
// back conditionally, and start over when someone else wrote first.
func addItem(e *env, path, item string, score int) error {
	for attempt := 0; attempt < 200; attempt++ {
		r := e.doQuiet("GET", path, nil)
		var rs struct{ Items []map[string]any }
		if err := jsonUnmarshal(r.Body, &rs); err != nil {
			return err
		}
		items := append(rs.Items, map[string]any{"item": item, "score": score})
		w := e.doQuiet("PUT", path, map[string]any{"items": items}, "If-Match", r.Header.Get("ETag"))
		switch w.Code {
		case http.StatusOK:
			return nil
		case http.StatusPreconditionFailed, http.StatusConflict:
			continue
		default:
			return fmt.Errorf("PUT %s: %d %s", path, w.Code, w.Body)
		}
	}
	return fmt.Errorf("%s: no write of %s after 200 attempts", path, item)
}

// TestLogsHoldNoSecrets checks the access log: no API key and no evidence
// text, whatever the request carried.
func TestLogsHoldNoSecrets(t *testing.T) {
	w := newWorld(t, storetest.SQLite(t))
	var logs bytes.Buffer
	h := httpapi.New(httpapi.Options{Service: w.e.svc, Logger: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	e := &env{t: t, handler: h, router: w.e.router, svc: w.e.svc}
	secret := w.keys["admin"]
	evidence := "Confidential: interview with participant Kari Nordmann"
	e.do("PUT", "/v1/reviews/"+w.reviewA+"/ratings/"+w.r1, map[string]any{"items": []map[string]any{{"item": "O6", "score": 4, "evidence": evidence}}},
		"Authorization", "Bearer "+secret, "If-Match", "*").want(http.StatusOK)
	e.do("GET", "/v1/sites", nil, "Authorization", "Bearer "+secret+"x").problem(http.StatusUnauthorized)
	out := logs.String()
	if !strings.Contains(out, `"status":200`) {
		t.Fatalf("no access log line: %s", out)
	}
	for _, leak := range []string{secret, secret[len(secret)-32:], "Kari Nordmann", "Bearer"} {
		if strings.Contains(out, leak) {
			t.Fatalf("the log contains %q:\n%s", leak, out)
		}
	}
}
