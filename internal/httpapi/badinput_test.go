package httpapi_test

import (
	"net/http"
	"strings"
	"testing"
)

// fingerprint is everything a client can read back; a rejected request
// must leave it byte for byte as it was.
func (e *env) fingerprint(f fixture) string {
	e.t.Helper()
	var b strings.Builder
	for _, p := range []string{
		"/v1/sites?limit=500", "/v1/raters?limit=500", "/v1/reviews?limit=500",
		"/v1/reviews/" + f.review, "/v1/reviews/" + f.review + "/ratings",
		"/v1/reviews/" + f.review + "/ratings/" + f.raterA, "/v1/reviews/" + f.review + "/consensus",
		"/v1/sites/" + f.team + "/history",
	} {
		r := e.do("GET", p, nil)
		b.WriteString(p + " " + http.StatusText(r.Code) + "\n")
		b.Write(r.Body)
		b.WriteString("\n")
	}
	return b.String()
}

func TestBadInputIsRejectedAndChangesNothing(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.setup()
		rv := "/v1/reviews/" + f.review
		// Rater A has a partial save so rating writes have state to protect.
		e.do("PUT", rv+"/ratings/"+f.raterA, map[string]any{"items": []map[string]any{
			{"item": "S1", "values": map[string]any{"active_clients": 38, "specialist_fte": 2}},
		}}, "If-Match", `"v0"`).want(http.StatusOK)
		outsider := e.create("/v1/raters", map[string]any{"name": "Outsider", "organisation": "", "email": "o@example.no"})["id"].(string)
		before := e.fingerprint(f)

		cases := []struct {
			name, method, path string
			body               any
			headers            []string
			status             int
			field, reason      string // expected in errors[] (field may be "")
		}{
			{"malformed JSON", "POST", "/v1/sites", `{"kind":"team",`, nil, 400, "", "cut short"},
			{"not JSON at all", "POST", "/v1/sites", `kind=team`, nil, 400, "", "malformed JSON"},
			{"wrong type", "POST", "/v1/sites", `{"kind":"team","code":"x","name":5}`, nil, 400, "name", "must be a string"},
			{"unknown field", "POST", "/v1/sites", `{"kind":"team","code":"x","name":"y","colour":"red"}`, nil, 400, "colour", "not a known field"},
			{"missing required", "POST", "/v1/sites", `{"kind":"team","code":"x"}`, nil, 400, "name", "is required"},
			{"trailing data", "POST", "/v1/sites", `{"kind":"team","code":"x","name":"y"} {}`, nil, 400, "", "after the JSON"},
			{"unknown parent", "POST", "/v1/sites", map[string]any{"kind": "team", "code": "x", "name": "y", "parent_id": "01a2089c-0000-7000-8000-000000000000"}, nil, 404, "parent_id", "no such site"},
			{"invalid email", "POST", "/v1/raters", map[string]any{"name": "X", "organisation": "", "email": "not-an-email"}, nil, 400, "email", "e-mail address"},
			{"wrong content type", "POST", "/v1/raters", `{"name":"X"}`, []string{"Content-Type", "text/plain"}, 415, "", ""},
			{"oversized body", "POST", "/v1/sites", `{"kind":"team","code":"x","name":"` + strings.Repeat("a", 300<<10) + `"}`, nil, 413, "", ""},
			{"score out of range", "PUT", rv + "/ratings/" + f.raterA, map[string]any{"items": []map[string]any{{"item": "O6", "score": 6}}}, nil, 400, "items[0].score", ""},
			{"unknown item", "PUT", rv + "/ratings/" + f.raterA, map[string]any{"items": []map[string]any{{"item": "X99", "score": 3}}}, nil, 400, "items[0].item", ""},
			{"duplicate item", "PUT", rv + "/ratings/" + f.raterA, map[string]any{"items": []map[string]any{{"item": "O6", "score": 3}, {"item": "O6", "score": 4}}}, nil, 400, "items[1].item", ""},
			{"zero FTE", "PUT", rv + "/ratings/" + f.raterA, map[string]any{"items": []map[string]any{{"item": "S1", "values": map[string]any{"active_clients": 38, "specialist_fte": 0}}}}, nil, 400, "items[0].values.specialist_fte", ""},
			{"negative clients", "PUT", rv + "/ratings/" + f.raterA, map[string]any{"items": []map[string]any{{"item": "S1", "values": map[string]any{"active_clients": -3, "specialist_fte": 2}}}}, nil, 400, "items[0].values.active_clients", ""},
			{"huge number", "PUT", rv + "/ratings/" + f.raterA, `{"items":[{"item":"S1","values":{"active_clients":1e999,"specialist_fte":2}}]}`, nil, 400, "", ""},
			{"submit incomplete", "PUT", rv + "/ratings/" + f.raterA, map[string]any{"items": []map[string]any{{"item": "O6", "score": 4}}, "submit": true}, nil, 400, "items", "24 of 25"},
			{"rater not on review", "PUT", rv + "/ratings/" + outsider, map[string]any{"items": []map[string]any{{"item": "O6", "score": 4}}}, nil, 403, "", ""},
			{"missing If-Match on a rating write", "PUT", rv + "/ratings/" + f.raterA, map[string]any{"items": []map[string]any{{"item": "O6", "score": 4}}}, []string{"X-Other", "1"}, 428, "", ""},
			{"stale If-Match", "PUT", rv + "/ratings/" + f.raterA, map[string]any{"items": []map[string]any{{"item": "O6", "score": 4}}}, []string{"If-Match", `"v7"`}, 412, "", ""},
			{"garbage If-Match", "PATCH", "/v1/sites/" + f.team, map[string]any{"name": "New"}, []string{"If-Match", `yesterday`}, 412, "", ""},
			{"consensus before ratings", "PUT", rv + "/consensus", map[string]any{"items": []map[string]any{{"item": "O6", "score": 4}}}, nil, 409, "", ""},
			{"finalise incomplete review", "POST", rv + "/finalize", nil, nil, 409, "", ""},
			{"correction on open review", "POST", rv + "/corrections", map[string]any{"item": map[string]any{"item": "O6", "score": 4}, "reason": "x"}, nil, 409, "", ""},
			{"delete site with children", "DELETE", "/v1/sites/" + f.region, nil, nil, 409, "", ""},
			{"delete site with reviews", "DELETE", "/v1/sites/" + f.team, nil, nil, 409, "", ""},
			{"move under own descendant", "POST", "/v1/sites/" + f.region + "/move", map[string]any{"parent_id": f.team}, nil, 400, "parent_id", "descendants"},
			{"bad query encoding", "GET", "/v1/sites?cursor=%%%", nil, nil, 400, "query", ""},
			{"forged cursor", "GET", "/v1/sites?cursor=Zm9vJ2JhcjsgLS0", nil, nil, 400, "cursor", ""},
			{"limit too large", "GET", "/v1/reviews?limit=100000", nil, nil, 400, "limit", ""},
			{"limit not a number", "GET", "/v1/reviews?limit=ten", nil, nil, 400, "limit", ""},
			{"bad status filter", "GET", "/v1/reviews?status=done", nil, nil, 400, "status", ""},
			{"bad date filter", "GET", "/v1/reviews?from=2026-13-45", nil, nil, 400, "from", ""},
			{"review visit ends before it starts", "POST", "/v1/reviews", map[string]any{"site_id": f.team, "scale": "se-fidelity@2008", "type": "external", "visit_start": "2026-10-28", "visit_end": "2026-10-01", "rater_ids": []string{f.raterA}}, nil, 400, "visit_end", "before"},
			{"review with unknown scale", "POST", "/v1/reviews", map[string]any{"site_id": f.team, "scale": "se-fidelity@1999", "type": "external", "visit_start": "2026-10-01", "visit_end": "2026-10-01", "rater_ids": []string{f.raterA}}, nil, 400, "scale", ""},
			{"review with duplicate rater", "POST", "/v1/reviews", map[string]any{"site_id": f.team, "scale": "se-fidelity@2008", "type": "external", "visit_start": "2026-10-01", "visit_end": "2026-10-01", "rater_ids": []string{f.raterA, f.raterA}}, nil, 400, "rater_ids", ""},
			{"unknown review", "GET", "/v1/reviews/01a2089c-0000-7000-8000-000000000000", nil, nil, 404, "", ""},
			{"path traversal id", "GET", "/v1/sites/..%2F..%2Fetc%2Fpasswd", nil, nil, 404, "", ""},
			{"unknown route", "GET", "/v1/nothing", nil, nil, 404, "", ""},
			{"wrong method", "DELETE", "/v1/raters", nil, nil, 405, "", ""},
			{"scale upload not YAML", "POST", "/v1/scales", "id: [unclosed", []string{"Content-Type", "application/yaml"}, 400, "", ""},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				e.t = t
				headers := c.headers
				if headers == nil {
					headers = []string{"If-Match", "*"}
				}
				p := e.do(c.method, c.path, c.body, headers...).problem(c.status)
				if c.field != "" || c.reason != "" {
					errs := fieldErrors(p)
					if !strings.Contains(errs, c.field) || !strings.Contains(errs+p["detail"].(string), c.reason) {
						t.Fatalf("errors %q (detail %q) do not name %q / %q", errs, p["detail"], c.field, c.reason)
					}
				}
				if after := e.fingerprint(f); after != before {
					t.Fatalf("the database changed:\nbefore:\n%.3000s\nafter:\n%.3000s", before, after)
				}
			})
		}
	})
}
