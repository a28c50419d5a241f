package api_test

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ipsfidelity/fidelity/api"
)

func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(api.Spec)
	if err != nil {
		t.Fatalf("load api/openapi.yaml: %v", err)
	}
	return doc
}

// TestSpecValid checks that the contract parses and validates with
// kin-openapi, the library the contract tests and request validation use.
func TestSpecValid(t *testing.T) {
	doc := loadSpec(t)
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("api/openapi.yaml is not a valid OpenAPI document: %v", err)
	}
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi = %q, want 3.0.3 (the version oapi-codegen handles best)", doc.OpenAPI)
	}
}

type operation struct {
	method, path string
	op           *openapi3.Operation
}

func operations(doc *openapi3.T) []operation {
	var ops []operation
	paths := doc.Paths.Map()
	keys := make([]string, 0, len(paths))
	for p := range paths {
		keys = append(keys, p)
	}
	sort.Strings(keys)
	for _, p := range keys {
		for m, op := range paths[p].Operations() {
			ops = append(ops, operation{method: m, path: p, op: op})
		}
	}
	sort.SliceStable(ops, func(i, j int) bool {
		if ops[i].path != ops[j].path {
			return ops[i].path < ops[j].path
		}
		return ops[i].method < ops[j].method
	})
	return ops
}

func hasParam(op *openapi3.Operation, item *openapi3.PathItem, in, name string) bool {
	for _, list := range []openapi3.Parameters{op.Parameters, item.Parameters} {
		for _, p := range list {
			if p.Value != nil && p.Value.In == in && strings.EqualFold(p.Value.Name, name) {
				return true
			}
		}
	}
	return false
}

// TestSpecConventions enforces the API-wide rules of the contract, so that
// new operations cannot quietly break them.
func TestSpecConventions(t *testing.T) {
	doc := loadSpec(t)
	ops := operations(doc)
	if len(ops) == 0 {
		t.Fatal("no operations")
	}
	for _, o := range ops {
		name := o.method + " " + o.path
		item := doc.Paths.Value(o.path)
		v1 := strings.HasPrefix(o.path, "/v1/")
		if o.op.OperationID == "" || o.op.Summary == "" || len(o.op.Tags) != 1 {
			t.Errorf("%s: needs an operationId, a summary and exactly one tag", name)
		}
		if v1 && strings.TrimSpace(o.op.Description) == "" && o.method != http.MethodGet {
			t.Errorf("%s: a changing operation needs a description for integrators", name)
		}
		for code, resp := range o.op.Responses.Map() {
			if len(code) != 3 || code[0] < '4' {
				continue
			}
			if resp.Value == nil || resp.Value.Content.Get("application/problem+json") == nil || len(resp.Value.Content) != 1 {
				t.Errorf("%s: response %s must be application/problem+json only", name, code)
			}
		}
		if v1 {
			for _, code := range []int{500, 503} {
				if o.op.Responses.Status(code) == nil {
					t.Errorf("%s: missing %d response", name, code)
				}
			}
		}
		if created := o.op.Responses.Status(http.StatusCreated); created != nil {
			if created.Value.Headers["Location"] == nil {
				t.Errorf("%s: 201 without a Location header", name)
			}
			if o.method == http.MethodPost && o.path != "/v1/scales" && !hasParam(o.op, item, "header", "Idempotency-Key") {
				t.Errorf("%s: creating POST without an Idempotency-Key parameter", name)
			}
		}
		// The written report's steps cannot lose an update, so they take no
		// If-Match: issue and final are one-way transitions checked against
		// the current state (a second attempt is a 409), a site comment is
		// appended beside the others, and a purge removes what is there.
		oneWay := map[string]bool{
			"/v1/reviews/{id}/report/issue": true, "/v1/reviews/{id}/report/final": true,
			"/v1/reviews/{id}/report/comments": true, "/v1/reviews/{id}/evidence/purge": true,
		}
		// POST /v1/admin/rescore runs over many reviews, so no one version
		// could be matched; it is idempotent instead (a second run stores
		// nothing new). An import is matched by natural keys, not versions:
		// its upload starts a job (202) and its commit writes a job once
		// (409 when done already), and a re-import creates nothing.
		conditional := o.method == http.MethodPut || o.method == http.MethodPatch || o.method == http.MethodDelete ||
			(o.method == http.MethodPost && o.op.Responses.Status(http.StatusCreated) == nil && o.path != "/v1/score" &&
				o.path != "/v1/admin/rescore" && o.path != "/v1/imports" && o.path != "/v1/imports/{id}/commit" &&
				!oneWay[o.path])
		if v1 && conditional {
			if !hasParam(o.op, item, "header", "If-Match") {
				t.Errorf("%s: missing the If-Match parameter", name)
			}
			if o.op.Responses.Status(http.StatusPreconditionFailed) == nil {
				t.Errorf("%s: missing the 412 response", name)
			}
		}
		if rb := o.op.RequestBody; rb != nil && rb.Value != nil {
			if mt := rb.Value.Content.Get("application/json"); mt != nil {
				s := mt.Schema.Value
				if s.AdditionalProperties.Has == nil || *s.AdditionalProperties.Has {
					t.Errorf("%s: request body schema %s must set additionalProperties: false", name, mt.Schema.Ref)
				}
			}
			for _, code := range []int{400, 413, 415} {
				if o.op.Responses.Status(code) == nil {
					t.Errorf("%s: has a body but no %d response", name, code)
				}
			}
		}
	}
}

// TestSpecEndpoints pins the set of operations the service implements.
func TestSpecEndpoints(t *testing.T) {
	want := []string{
		"GET /docs", "GET /healthz", "GET /metrics", "GET /openapi.yaml", "GET /readyz",
		"GET /v1/raters", "POST /v1/raters", "GET /v1/raters/{id}", "PATCH /v1/raters/{id}",
		"GET /v1/reviews", "POST /v1/reviews", "GET /v1/reviews/{id}", "PATCH /v1/reviews/{id}",
		"GET /v1/reviews/{id}/consensus", "PUT /v1/reviews/{id}/consensus",
		"GET /v1/reviews/{id}/consensus/draft",
		"GET /v1/reviews/{id}/corrections", "POST /v1/reviews/{id}/corrections",
		"GET /v1/reviews/{id}/corrections/{correction_id}",
		"POST /v1/reviews/{id}/finalize",
		"GET /v1/reviews/{id}/ratings", "GET /v1/reviews/{id}/ratings/{rater_id}",
		"PUT /v1/reviews/{id}/ratings/{rater_id}",
		"GET /v1/reviews/{id}/score", "POST /v1/reviews/{id}/start",
		"GET /v1/scales", "POST /v1/scales", "GET /v1/scales/{ref}", "GET /v1/scales/{ref}/source",
		"POST /v1/score",
		"GET /v1/sites", "POST /v1/sites", "DELETE /v1/sites/{id}", "GET /v1/sites/{id}",
		"PATCH /v1/sites/{id}", "POST /v1/sites/{id}/deactivate", "GET /v1/sites/{id}/history",
		"POST /v1/sites/{id}/move",
		"GET /v1/reports/trend", "GET /v1/reports/comparison", "GET /v1/reports/transitions", "GET /v1/reports/due",
		"GET /v1/reports/heatmap", "GET /v1/reports/agreement", "GET /v1/reports/actions",
		"GET /v1/exports/ratings.csv", "GET /v1/exports/reviews.csv", "GET /v1/exports/codebook",
		"GET /v1/exports/workbook.xlsx",
		"GET /v1/charts/trend.svg", "GET /v1/charts/profile.{format}", "GET /v1/charts/heatmap.{format}",
		"GET /v1/charts/bands.{format}",
		"GET /v1/sites/{id}/outcomes", "POST /v1/sites/{id}/outcomes",
		"GET /v1/reviews/{id}/actions", "POST /v1/reviews/{id}/actions", "PATCH /v1/actions/{id}",
		"GET /v1/keys", "POST /v1/keys", "POST /v1/keys/{id}/revoke", "GET /v1/audit",
		// statistics exports
		"GET /v1/exports/reviews.sps", "GET /v1/exports/reviews.do", "GET /v1/exports/reviews.R",
		"GET /v1/exports/ratings.sps", "GET /v1/exports/ratings.do", "GET /v1/exports/ratings.R",
		"GET /v1/scales/{ref}/template.xlsx",
		// FHIR interchange (issue 15)
		"GET /v1/scales/{ref}/fhir", "GET /v1/reviews/{id}/fhir", "POST /v1/reviews/{id}/ratings/{rater_id}/fhir",
		"GET /v1/scale-maps", "POST /v1/admin/rescore", "GET /v1/reviews/{id}/rescored",
		"GET /v1/reviews/{id}/report",                                              // written report document
		"POST /v1/imports", "GET /v1/imports/{id}", "POST /v1/imports/{id}/commit", // bulk import
		// written report workflow
		"GET /v1/reviews/{id}/report/narrative", "PUT /v1/reviews/{id}/report/narrative",
		"POST /v1/reviews/{id}/report/issue", "POST /v1/reviews/{id}/report/comments", "POST /v1/reviews/{id}/report/final",
		"GET /v1/reviews/{id}/report/actions", "PATCH /v1/reviews/{id}/report/actions/{action}",
		"POST /v1/reviews/{id}/evidence/purge",
	}
	var got []string
	for _, o := range operations(loadSpec(t)) {
		got = append(got, o.method+" "+o.path)
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("operations differ:\ngot:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
