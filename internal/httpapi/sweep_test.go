package httpapi_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/httpapi"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
)

const unknownID = "01a2089c-0000-7000-8000-000000000000"

// validBody is a well-formed body for each operation that takes one, so
// that a request gets past decoding to the rule under test.
func validBody(method, path string, f fixture) string {
	switch method + " " + path {
	case "PATCH /v1/actions/{id}", "POST /v1/reviews/{id}/actions":
		return `{"title":"Flere arbeidsgiverkontakter"}`
	case "POST /v1/keys":
		return `{"name":"Sweep","role":"reader","all_sites":true}`
	case "POST /v1/raters":
		return `{"name":"Kari Nordmann","organisation":"","email":"kari@example.no"}`
	case "PATCH /v1/raters/{id}", "PATCH /v1/sites/{id}":
		return `{"name":"Nytt navn"}`
	case "POST /v1/reviews":
		return `{"site_id":"` + f.team + `","scale":"se-fidelity@2008","type":"external","visit_start":"2026-10-01","visit_end":"2026-10-01","rater_ids":["` + f.raterA + `"]}`
	case "PATCH /v1/reviews/{id}":
		return `{"visit_end":"2026-10-30"}`
	case "PUT /v1/reviews/{id}/consensus", "PUT /v1/reviews/{id}/ratings/{rater_id}":
		return `{"items":[{"item":"O6","score":4}]}`
	case "POST /v1/reviews/{id}/corrections":
		return `{"item":{"item":"O6","score":4},"reason":"Skrivefeil"}`
	case "POST /v1/reviews/{id}/ratings/{rater_id}/fhir":
		return qrBody(`{"linkId":"O6.score","answer":[{"valueCoding":{"code":"4"}}]}`)
	case "POST /v1/score":
		return `{"scale":"se-fidelity@2008","items":[{"item":"O6","score":4}]}`
	case "POST /v1/sites":
		return `{"kind":"team","code":"SW-1","name":"Sveip","parent_id":"` + f.office + `"}`
	case "POST /v1/sites/{id}/deactivate":
		return `{"active_to":"2026-12-01"}`
	case "POST /v1/sites/{id}/move":
		return `{"parent_id":"` + f.region + `"}`
	case "POST /v1/admin/rescore":
		return `{"to":"se-fidelity@2008"}`
	case "PUT /v1/reviews/{id}/report/narrative":
		return `{"summary":"Sammendrag"}`
	case "POST /v1/reviews/{id}/report/issue":
		return `{"to":"Leder"}`
	case "POST /v1/reviews/{id}/report/comments":
		return `{"text":"Kommentar"}`
	case "POST /v1/reviews/{id}/report/final":
		return `{}`
	case "PATCH /v1/reviews/{id}/report/actions/{action}":
		return `{"decision":"accept"}`
	case "POST /v1/sites/{id}/outcomes":
		return `{"measure":"employment_rate","period_start":"2026-01-01","period_end":"2026-06-30","value":0.4}`
	}
	return ""
}

func newEnvWith(t *testing.T, st *store.Store, o httpapi.Options) *env {
	t.Helper()
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	svc := service.New(st, cat, service.DefaultConfig(), service.WithClock(func() time.Time { return now }))
	if err := svc.SyncScales(t.Context()); err != nil {
		t.Fatal(err)
	}
	o.Service, o.MaxBodyBytes, o.Version = svc, 256<<10, "test"
	return &env{t: t, handler: httpapi.New(o), store: st, router: contractRouter(t), now: now, svc: svc}
}

// Every operation answers the statuses its contract promises for the
// checks every operation shares: 400 for invalid text, 412 for an If-Match
// that names no version, 428 without one where it is required, 413 and 415
// for bodies, 404 for unknown ids, 429 when rate limited and 503 when the
// database is gone, all as problem+json. The contract-coverage check
// counts these answers.
func TestEveryOperationAnswersTheSharedStatuses(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.setup()
		for _, o := range contractOps(t) {
			if !strings.HasPrefix(o.path, "/v1/") {
				continue
			}
			path := withRequired(concrete(o.path, f), o.path, f, "")
			body := validBody(o.method, o.path, f)
			var b any
			if body != "" {
				b = body
			}
			documented := func(code int) bool { return o.op.Responses.Status(code) != nil }
			hasParam := func(in, name string) bool { return o.params.GetByInAndName(in, name) != nil }
			t.Run(o.method+" "+o.path, func(t *testing.T) {
				e.t = t
				e.do(o.method, path, b, "If-Match", "*", "Accept-Language", "nb\x00").problem(http.StatusBadRequest)
				if r := e.doRaw(o.method, path, strings.Repeat(" ", 300<<10), "Content-Length", "307200"); r.Code != http.StatusRequestEntityTooLarge {
					t.Errorf("an oversized body answered %d", r.Code)
				}
				if hasParam("header", "If-Match") {
					e.do(o.method, path, b, "If-Match", "yesterday").problem(http.StatusPreconditionFailed)
					if documented(http.StatusPreconditionRequired) {
						e.do(o.method, path, b).problem(http.StatusPreconditionRequired)
					}
				}
				if body != "" {
					e.do(o.method, path, body, "If-Match", "*", "Content-Type", "text/plain").problem(http.StatusUnsupportedMediaType)
				}
				if documented(http.StatusNotFound) {
					for _, id := range []string{"{id}", "{ref}"} {
						if strings.Contains(o.path, id) {
							p := strings.Replace(o.path, id, map[string]string{"{ref}": "no-such-scale@1"}[id]+map[bool]string{true: unknownID}[id != "{ref}"], 1)
							e.do(o.method, concrete(p, f), b, "If-Match", "*").problem(http.StatusNotFound)
						}
					}
					for _, q := range []string{"site", "review", "subtree"} {
						if p := o.params.GetByInAndName("query", q); p != nil && p.Schema.Value.Format == "uuid" {
							sep := "?"
							base := concrete(o.path, f)
							if strings.Contains(base, "?") {
								sep = "&"
							}
							e.do(o.method, withRequired(base+sep+q+"="+unknownID, o.path, f, q), b, "If-Match", "*").problem(http.StatusNotFound)
						}
					}
				}
			})
		}
		e.t = t
		t.Run("references to missing resources", func(t *testing.T) {
			e.t = t
			for _, c := range []struct{ method, path, body, field string }{
				{"POST", "/v1/sites", `{"kind":"team","code":"X-404","name":"Ukjent forelder","parent_id":"` + unknownID + `"}`, "parent_id"},
				{"POST", "/v1/sites/" + f.team + "/move", `{"parent_id":"` + unknownID + `"}`, "parent_id"},
				{"POST", "/v1/reviews", `{"site_id":"` + unknownID + `","scale":"se-fidelity@2008","type":"external","visit_start":"2026-10-01","visit_end":"2026-10-01","rater_ids":["` + f.raterA + `"]}`, "site_id"},
				{"POST", "/v1/score", `{"scale":"se-fidelity@1999","items":[]}`, "scale"},
			} {
				if p := e.do(c.method, c.path, c.body, "If-Match", "*").problem(http.StatusNotFound); !strings.Contains(fieldErrors(p), c.field+": ") {
					t.Errorf("%s %s: 404 does not name %s: %v", c.method, c.path, c.field, p)
				}
			}
		})
		t.Run("unknown scale of the codebook", func(t *testing.T) {
			e.t = t
			e.do("GET", "/v1/exports/codebook?scale=se-fidelity@1999", nil).problem(http.StatusNotFound)
		})
		t.Run("idempotency key reused with another body", func(t *testing.T) {
			e.t = t
			for _, o := range contractOps(t) {
				if o.params.GetByInAndName("header", "Idempotency-Key") == nil || o.path == "/v1/keys" {
					continue
				}
				path, body := concrete(o.path, f), validBody(o.method, o.path, f)
				key := "sweep-" + strings.NewReplacer("/", "-", "{", "", "}", "").Replace(o.path)
				if e.do(o.method, path, body, "Idempotency-Key", key, "If-Match", "*").Code != http.StatusCreated {
					continue // a correction needs a finalised review; its 409 is observed elsewhere
				}
				e.do(o.method, path, strings.Replace(body, "{", `{"note":"x",`, 1), "Idempotency-Key", key, "If-Match", "*").problem(http.StatusConflict)
			}
		})
		t.Run("start twice", func(t *testing.T) {
			e.t = t
			e.do("POST", "/v1/reviews/"+f.review+"/start", nil, "If-Match", "*").want(http.StatusOK)
			e.do("POST", "/v1/reviews/"+f.review+"/start", nil, "If-Match", "*").problem(http.StatusConflict)
		})
		t.Run("scale uploads", func(t *testing.T) {
			e.t = t
			src := string(e.do("GET", "/v1/scales/se-fidelity@2008/source", nil).want(http.StatusOK).Body)
			yaml := []string{"Content-Type", "application/yaml"}
			e.do("POST", "/v1/scales", src, yaml...).want(http.StatusOK)
			next := strings.Replace(src, "\nversion: \"2008\"", "\nversion: \"2998\"", 1)
			e.do("POST", "/v1/scales", next, yaml...).want(http.StatusCreated)
			e.do("POST", "/v1/scales", strings.Replace(next, "IPS-25", "IPS-25 (endret)", 1), yaml...).problem(http.StatusConflict)
			e.do("POST", "/v1/scales", src, "Content-Type", "text/plain").problem(http.StatusUnsupportedMediaType)
		})
		t.Run("operations endpoints", func(t *testing.T) {
			e.t = t
			for _, p := range []string{"/metrics", "/openapi.yaml", "/healthz", "/readyz"} {
				e.do("GET", p, nil).want(http.StatusOK)
			}
			// The contract checker cannot decode HTML; the status is still counted.
			e.doRaw("GET", "/docs", nil).want(http.StatusOK)
		})
		// Rate limited: one request per key a minute, so the second is 429.
		limited := newEnvWith(t, e.store, httpapi.Options{RatePerSecond: 1.0 / 60, RateBurst: 1})
		for _, o := range contractOps(t) {
			if !strings.HasPrefix(o.path, "/v1/") {
				continue
			}
			t.Run("429 "+o.method+" "+o.path, func(t *testing.T) {
				limited.t = t
				limited.do("GET", "/v1/scales", nil)
				limited.do(o.method, withRequired(concrete(o.path, f), o.path, f, ""), nil).problem(http.StatusTooManyRequests)
			})
		}
		// The database is gone: every API operation is 503 problem+json.
		scaleSource := e.do("GET", "/v1/scales/se-fidelity@2008/source", nil).want(http.StatusOK).Body
		if err := e.store.Close(); err != nil {
			t.Fatal(err)
		}
		e.do("GET", "/readyz", nil).problem(http.StatusServiceUnavailable)
		for _, o := range contractOps(t) {
			if !strings.HasPrefix(o.path, "/v1/") {
				continue
			}
			t.Run("503 "+o.method+" "+o.path, func(t *testing.T) {
				e.t = t
				body, media := validBody(o.method, o.path, f), "application/json"
				if o.method+" "+o.path == "POST /v1/scales" {
					// A new version: an identical file is answered from memory.
					body, media = strings.Replace(string(scaleSource), "\nversion: \"2008\"", "\nversion: \"2999\"", 1), "application/yaml"
				}
				if o.method+" "+o.path == "POST /v1/imports" {
					body, media = importUpload, importUploadType
				}
				r := e.do(o.method, withRequired(concrete(o.path, f), o.path, f, ""), body, "If-Match", "*", "Content-Type", media)
				if fromMemory[o.method+" "+o.path] {
					r.want(http.StatusOK)
					return
				}
				r.problem(http.StatusServiceUnavailable)
			})
		}
	})
}

// fromMemory are the operations answered from the scale catalogue the
// service holds in memory: they keep working without the database, so
// their documented 503 is unobservable (see unobservable).
var fromMemory = map[string]bool{
	"GET /v1/scales": true, "GET /v1/scales/{ref}": true, "GET /v1/scales/{ref}/source": true,
	"GET /v1/exports/codebook": true, "POST /v1/score": true,
	// statistics exports: the scripts and the import template come from the scale alone
	"GET /v1/exports/reviews.sps": true, "GET /v1/exports/reviews.do": true, "GET /v1/exports/reviews.R": true,
	"GET /v1/exports/ratings.sps": true, "GET /v1/exports/ratings.do": true, "GET /v1/exports/ratings.R": true,
	"GET /v1/scales/{ref}/template.xlsx": true,
	"GET /v1/scales/{ref}/fhir":          true,
	"GET /v1/scale-maps":                 true,
}

// withRequired adds the required query parameters of an operation that
// the path does not carry yet (except skip, which the caller sets).
func withRequired(path, template string, f fixture, skip string) string {
	values := map[string]string{"site": f.team, "review": f.review, "a_to": "2025-12-31", "b_to": "2026-11-01"}
	for _, name := range []string{"site", "review", "a_to", "b_to"} {
		if name == skip || strings.Contains(path, name+"=") || !requiresQuery(template, name) {
			continue
		}
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		path += sep + name + "=" + values[name]
	}
	return path
}

func requiresQuery(template, name string) bool {
	switch name {
	case "site":
		return strings.HasSuffix(template, "/reports/trend") || strings.HasSuffix(template, "/charts/trend.svg")
	case "review":
		return strings.HasSuffix(template, "/charts/profile.{format}")
	case "a_to", "b_to":
		return strings.HasSuffix(template, "/reports/transitions")
	}
	return false
}

// Keys: creating one switches the service to key mode, so this runs on a
// database of its own. A reused idempotency key with another body is 409,
// revoking is 200.
func TestKeyCreationAndRevocationAnswers(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		var admin struct{ ID, Secret string }
		e.do("POST", "/v1/keys", `{"name":"Admin","role":"admin"}`, "Idempotency-Key", "k1").want(http.StatusCreated).json(&admin)
		auth := "Bearer " + admin.Secret
		var reader struct{ ID string }
		e.do("POST", "/v1/keys", `{"name":"Leser","role":"reader","all_sites":true}`, "Idempotency-Key", "k2", "Authorization", auth).want(http.StatusCreated).json(&reader)
		e.do("POST", "/v1/keys", `{"name":"Leser 2","role":"reader","all_sites":true}`, "Idempotency-Key", "k2", "Authorization", auth).problem(http.StatusConflict)
		e.do("POST", "/v1/keys/"+reader.ID+"/revoke", nil, "Authorization", auth).want(http.StatusOK)
	})
}
