package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/ipsfidelity/fidelity/api"
	"github.com/ipsfidelity/fidelity/internal/httpapi"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m, contractCoverage) }

// env is one service instance over a real database, driven through the
// real router; every response is checked against api/openapi.yaml.
type env struct {
	t       *testing.T
	handler http.Handler
	store   *store.Store
	router  routers.Router
	now     time.Time
	svc     *service.Service
}

var (
	specOnce   sync.Once
	specRouter routers.Router
	specDocVal *openapi3.T
	specErr    error
)

func specDoc(t *testing.T) *openapi3.T {
	contractRouter(t)
	return specDocVal
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// doQuiet sends a request from a goroutine: no t.Fatal, no contract check.
func (e *env) doQuiet(method, path string, body any, headers ...string) resp {
	var raw []byte
	if body != nil {
		raw, _ = json.Marshal(body)
	}
	req := httptest.NewRequest(method, path, bytes.NewReader(raw))
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, req)
	return resp{Code: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
}

func contractRouter(t *testing.T) routers.Router {
	specOnce.Do(func() {
		for _, media := range []string{"image/svg+xml", "image/png", "application/yaml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/html", "application/pdf"} {
			openapi3filter.RegisterBodyDecoder(media, openapi3filter.FileBodyDecoder)
		}
		loader := openapi3.NewLoader()
		doc, err := loader.LoadFromData(api.Spec)
		if err != nil {
			specErr = err
			return
		}
		if err = doc.Validate(context.Background()); err != nil {
			specErr = err
			return
		}
		doc.Servers = nil // match any host in tests
		specDocVal = doc
		specRouter, specErr = legacy.NewRouter(doc)
	})
	if specErr != nil {
		t.Fatalf("contract: %v", specErr)
	}
	return specRouter
}

func newEnvOn(t *testing.T, st *store.Store) *env {
	t.Helper()
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	svc, h := apiOn(t, st, service.DefaultConfig(), func() time.Time { return now })
	if err := svc.SyncScales(context.Background()); err != nil {
		t.Fatal(err)
	}
	return &env{t: t, handler: h, store: st, router: contractRouter(t), now: now, svc: svc}
}

// apiOn is a service on st with the shipped scales, cfg and the clock now,
// and the API handler in front of it.
func apiOn(t *testing.T, st *store.Store, cfg service.Config, now func() time.Time) (*service.Service, http.Handler) {
	t.Helper()
	svc := service.New(st, embeddedCatalog(t), cfg, service.WithClock(now))
	return svc, httpapi.New(httpapi.Options{Service: svc, MaxBodyBytes: 256 << 10, Version: "test"})
}

// embeddedCatalog is a catalog of the shipped scales.
func embeddedCatalog(t *testing.T) *scale.Catalog {
	t.Helper()
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	return cat
}

// eachDB runs fn against SQLite and PostgreSQL.
func eachDB(t *testing.T, fn func(t *testing.T, e *env)) {
	storetest.Each(t, func(t *testing.T, st *store.Store) { fn(t, newEnvOn(t, st)) })
}

type resp struct {
	t      *testing.T
	Code   int
	Header http.Header
	Body   []byte
}

func (r resp) json(v any) {
	r.t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		r.t.Fatalf("decode %s: %v", r.Body, err)
	}
}

func (r resp) obj() map[string]any {
	var m map[string]any
	r.json(&m)
	return m
}

// want fails unless the status is code.
func (r resp) want(code int) resp {
	r.t.Helper()
	if r.Code != code {
		r.t.Fatalf("status %d, want %d: %s", r.Code, code, r.Body)
	}
	return r
}

// problem checks a problem+json answer of the given status and returns it.
func (r resp) problem(code int) map[string]any {
	r.t.Helper()
	r.want(code)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		r.t.Fatalf("content type %q, want application/problem+json", ct)
	}
	p := r.obj()
	if p["status"] != float64(code) || !strings.HasPrefix(p["type"].(string), httpapi.ProblemBase) || p["title"] == "" {
		r.t.Fatalf("malformed problem: %s", r.Body)
	}
	return p
}

// fieldErrors returns "field: reason" lines of a problem.
func fieldErrors(p map[string]any) string {
	var b strings.Builder
	errs, _ := p["errors"].([]any)
	for _, e := range errs {
		m := e.(map[string]any)
		b.WriteString(m["field"].(string) + ": " + m["reason"].(string) + "\n")
	}
	return b.String()
}

// do sends a request through the real router and validates request and
// response against the contract.
func (e *env) do(method, path string, body any, headers ...string) resp {
	e.t.Helper()
	return e.doFrom("", method, path, body, headers...)
}

// doFrom is do from the client address addr ("" = httptest's default):
// failed authentication is throttled per address.
func (e *env) doFrom(addr, method, path string, body any, headers ...string) resp {
	e.t.Helper()
	var raw []byte
	switch b := body.(type) {
	case nil:
	case []byte:
		raw = b
	case string:
		raw = []byte(b)
	default:
		var err error
		if raw, err = json.Marshal(b); err != nil {
			e.t.Fatal(err)
		}
	}
	req := httptest.NewRequest(method, path, bytes.NewReader(raw))
	if addr != "" {
		req.RemoteAddr = addr + ":40000"
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, req)
	r := resp{t: e.t, Code: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
	e.checkContract(req, raw, r)
	return r
}

// doRaw sends a request without contract validation, for deliberately
// malformed requests (bad paths, bad headers) the contract cannot route.
func (e *env) doRaw(method, path string, body any, headers ...string) resp {
	e.t.Helper()
	var raw []byte
	if s, ok := body.(string); ok {
		raw = []byte(s)
	}
	req, err := http.NewRequest(method, "http://test"+path, bytes.NewReader(raw))
	if err != nil {
		return resp{t: e.t, Code: http.StatusBadRequest, Header: http.Header{"Content-Type": {"application/problem+json"}}}
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, req)
	// The contract's router forgives a trailing slash that gin does not;
	// such a request is not an answer of the operation.
	if route, _, err := e.router.FindRoute(req); err == nil && !strings.HasSuffix(req.URL.Path, "/") {
		observe(route.Method, route.Path, rec.Code)
	}
	return resp{t: e.t, Code: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
}

// checkContract validates the response against the operation's declared
// responses (status, media type, schema). Requests the contract does not
// know (deliberately bad paths) must be answered 404/405 problem+json.
func (e *env) checkContract(req *http.Request, body []byte, r resp) {
	e.t.Helper()
	check := httptest.NewRequest(req.Method, req.URL.String(), bytes.NewReader(body))
	check.Header = req.Header.Clone()
	route, params, err := e.router.FindRoute(check)
	if err == nil {
		observe(route.Method, route.Path, r.Code)
	}
	if err != nil {
		if r.Code != http.StatusNotFound && r.Code != http.StatusMethodNotAllowed {
			e.t.Fatalf("contract: %s %s is not in the contract but answered %d", req.Method, req.URL.Path, r.Code)
		}
		return
	}
	in := &openapi3filter.RequestValidationInput{
		Request: check, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, ExcludeRequestBody: true},
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: r.Code, Header: r.Header,
		Body:    io.NopCloser(bytes.NewReader(r.Body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		e.t.Fatalf("contract: %s %s → %d does not match api/openapi.yaml: %v\nbody: %.2000s", req.Method, req.URL.Path, r.Code, err, r.Body)
	}
}
