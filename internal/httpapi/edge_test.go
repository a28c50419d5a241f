package httpapi_test

import (
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// contractOp is one operation of api/openapi.yaml.
type contractOp struct {
	method, path string
	op           *openapi3.Operation
	params       openapi3.Parameters
}

// contractOps lists every operation of the contract in a stable order.
func contractOps(t *testing.T) []contractOp {
	t.Helper()
	doc := specDoc(t)
	var out []contractOp
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			params := append(openapi3.Parameters{}, op.Parameters...)
			for _, p := range item.Parameters {
				if op.Parameters.GetByInAndName(p.Value.In, p.Value.Name) == nil {
					params = append(params, p)
				}
			}
			out = append(out, contractOp{method: method, path: path, op: op, params: params})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].method+out[i].path < out[j].method+out[j].path })
	return out
}

// concrete fills a contract path with ids of the fixture; ids the fixture
// does not have are well-formed but unknown.
func concrete(path string, f fixture) string {
	const unknown = "01a2089c-0000-7000-8000-000000000000"
	r := strings.NewReplacer("{rater_id}", f.raterA, "{correction_id}", unknown, "{action}", unknown, "{ref}", "se-fidelity@2008", "{format}", "svg")
	path = r.Replace(path)
	switch {
	case strings.HasPrefix(path, "/v1/sites/"):
		return strings.Replace(path, "{id}", f.team, 1)
	case strings.HasPrefix(path, "/v1/raters/"):
		return strings.Replace(path, "{id}", f.raterA, 1)
	case strings.HasPrefix(path, "/v1/reviews/"):
		return strings.Replace(path, "{id}", f.review, 1)
	}
	return strings.Replace(path, "{id}", unknown, 1)
}

func jsonBody(op *openapi3.Operation) *openapi3.Schema {
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return nil
	}
	mt := op.RequestBody.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return nil
	}
	return mt.Schema.Value
}

// Required means required, for every operation with a JSON body: null, {}
// and an empty body are answered 400 naming the field, and change nothing
// (a null move used to make a site a root, {} on deactivate set
// active_to to year 1, a null PATCH bumped the version).
func TestEveryBodyRejectsNullEmptyAndMissingRequiredFields(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.setup()
		before := e.fingerprint(f)
		checked := 0
		for _, o := range contractOps(t) {
			schema := jsonBody(o.op)
			if schema == nil {
				continue
			}
			path := concrete(o.path, f)
			needsField := len(schema.Required) > 0 || schema.MinProps > 0
			for _, body := range []string{"null", "{}", "", "[]", `"x"`} {
				if body == "{}" && !needsField {
					continue
				}
				t.Run(o.method+" "+o.path+" "+body, func(t *testing.T) {
					e.t = t
					p := e.do(o.method, path, body, "If-Match", "*").problem(http.StatusBadRequest)
					if body != "" && fieldErrors(p) == "" {
						t.Fatalf("the problem names no field: %v", p)
					}
					if body == "{}" && len(schema.Required) > 0 && !strings.Contains(fieldErrors(p), schema.Required[0]+": is required") {
						t.Fatalf("the problem does not name the required %q: %s", schema.Required[0], fieldErrors(p))
					}
				})
				checked++
			}
		}
		if checked < 40 {
			t.Fatalf("only %d body checks ran; the contract walk is broken", checked)
		}
		e.t = t
		if after := e.fingerprint(f); after != before {
			t.Fatalf("a rejected body changed the data:\nbefore:\n%.2000s\nafter:\n%.2000s", before, after)
		}
	})
}

// Specific bodies the attack used, with the field the answer must name.
func TestRejectedBodiesNameTheField(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.setup()
		before := e.fingerprint(f)
		cases := []struct{ name, method, path, body, field, reason string }{
			{"null move", "POST", "/v1/sites/" + f.team + "/move", `null`, "(body)", "an object"},
			{"move without parent_id", "POST", "/v1/sites/" + f.team + "/move", `{}`, "parent_id", "is required"},
			{"empty deactivation", "POST", "/v1/sites/" + f.team + "/deactivate", `{}`, "active_to", "is required"},
			{"null site patch", "PATCH", "/v1/sites/" + f.team, `null`, "(body)", "an object"},
			{"site patch with a null name", "PATCH", "/v1/sites/" + f.team, `{"name":null}`, "name", "must not be null"},
			{"empty rater patch", "PATCH", "/v1/raters/" + f.raterA, `{}`, "(body)", "at least one field"},
			{"null review patch", "PATCH", "/v1/reviews/" + f.review, `null`, "(body)", "an object"},
			{"rating set without items", "PUT", "/v1/reviews/" + f.review + "/ratings/" + f.raterA, `{}`, "items", "is required"},
			{"site name too long", "POST", "/v1/sites", `{"kind":"team","code":"x","name":"` + strings.Repeat("n", 201) + `"}`, "name", "at most 200"},
			{"rater e-mail too long", "POST", "/v1/raters", `{"name":"X","organisation":"","email":"` + strings.Repeat("a", 250) + `@example.no"}`, "email", "at most 254"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				e.t = t
				p := e.do(c.method, c.path, c.body, "If-Match", "*").problem(http.StatusBadRequest)
				if !strings.Contains(fieldErrors(p), c.field+": ") || !strings.Contains(fieldErrors(p), c.reason) {
					t.Fatalf("errors %q do not name %q / %q", fieldErrors(p), c.field, c.reason)
				}
			})
		}
		e.t = t
		if after := e.fingerprint(f); after != before {
			t.Fatalf("a rejected body changed the data")
		}
	})
}

// NUL bytes and invalid UTF-8 anywhere a client can put text are 400
// problem+json on both databases (PostgreSQL answered 500), and a name is
// never stored with invalid bytes turned into U+FFFD.
func TestInvalidTextIsRejectedAtTheEdge(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.setup()
		before := e.fingerprint(f)
		bad := map[string]string{"NUL": "%00", "invalid UTF-8": "%FF", "overlong UTF-8": "%C0%AF", "lone surrogate": "%ED%A0%80"}
		for _, o := range contractOps(t) {
			if o.method != "GET" {
				continue
			}
			for what, enc := range bad {
				if strings.Contains(o.path, "{") {
					path := concrete(o.path, f)
					// Poison the last path id.
					i := strings.LastIndex(path, "/")
					poisoned := path[:i+1] + "x" + enc + "y"
					if last := o.path[strings.LastIndex(o.path, "/")+1:]; strings.HasPrefix(last, "{") && strings.HasSuffix(last, "}") {
						t.Run("path "+what+" "+o.path, func(t *testing.T) {
							e.t = t
							e.do("GET", poisoned, nil).problem(http.StatusBadRequest)
						})
					}
				}
				for _, ref := range o.params {
					p := ref.Value
					if p.In != "query" || p.Schema == nil || p.Schema.Value.Type == nil || !p.Schema.Value.Type.Is("string") {
						continue
					}
					path := concrete(o.path, f) + "?" + p.Name + "=a" + enc
					t.Run("query "+what+" "+o.path+" "+p.Name, func(t *testing.T) {
						e.t = t
						if r := e.doRaw("GET", path, nil); r.Code != http.StatusBadRequest || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json") {
							t.Fatalf("%s answered %d %s: %s", path, r.Code, r.Header.Get("Content-Type"), r.Body)
						}
					})
				}
			}
		}
		bodies := []struct{ name, body, field string }{
			{"NUL in a name", `{"kind":"team","code":"x1","name":"a\u0000b"}`, "name"},
			{"invalid bytes in a name", "{\"kind\":\"team\",\"code\":\"x2\",\"name\":\"a\xffb\"}", "(body)"},
			{"lone surrogate in a name", `{"kind":"team","code":"x3","name":"a\ud800b"}`, "name"},
			{"NUL in a code", `{"kind":"team","code":"x\u0000","name":"n"}`, "code"},
		}
		for _, b := range bodies {
			t.Run(b.name, func(t *testing.T) {
				e.t = t
				p := e.do("POST", "/v1/sites", b.body).problem(http.StatusBadRequest)
				if !strings.Contains(fieldErrors(p), b.field+": ") {
					t.Fatalf("errors %q do not name %q", fieldErrors(p), b.field)
				}
			})
		}
		t.Run("U+FFFD sent as such is kept", func(t *testing.T) {
			e.t = t
			m := e.create("/v1/sites", map[string]any{"kind": "team", "code": "fffd", "name": "a\uFFFDb"})
			if m["name"] != "a\uFFFDb" {
				t.Fatalf("name %q", m["name"])
			}
			e.do("DELETE", "/v1/sites/"+m["id"].(string), nil, "If-Match", "*").want(http.StatusNoContent)
		})
		for _, h := range []string{"If-Match", "Idempotency-Key", "Accept-Language", "Authorization"} {
			t.Run("header "+h, func(t *testing.T) {
				e.t = t
				r := e.doRaw("PATCH", "/v1/sites/"+f.team, `{"name":"Ny"}`, h, "\"v1\xff\"")
				if r.Code != http.StatusBadRequest || !strings.Contains(string(r.Body), h) {
					t.Fatalf("%s with invalid UTF-8 answered %d: %s", h, r.Code, r.Body)
				}
			})
		}
		e.t = t
		if after := e.fingerprint(f); after != before {
			t.Fatalf("invalid text changed the data")
		}
	})
}

// Every maxLength (and enum, minimum, maximum) of a query parameter in the
// contract is enforced as 400 naming the parameter; q over 200 characters
// answered 500 on SQLite.
func TestQueryLimitsOfTheContractAreEnforced(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.setup()
		checked := 0
		for _, o := range contractOps(t) {
			for _, ref := range o.params {
				p := ref.Value
				if p.In != "query" || p.Schema == nil {
					continue
				}
				s := p.Schema.Value
				var bad string
				switch {
				case s.MaxLength != nil:
					bad = strings.Repeat("a", int(*s.MaxLength)+1)
				case len(s.Enum) > 0:
					bad = "no-such-value"
				case s.Max != nil:
					bad = "1000000000"
				default:
					continue
				}
				path := concrete(o.path, f) + "?" + p.Name + "=" + url.QueryEscape(bad)
				t.Run(o.method+" "+o.path+" "+p.Name, func(t *testing.T) {
					e.t = t
					p2 := e.do(o.method, path, nil, "If-Match", "*").problem(http.StatusBadRequest)
					if !strings.Contains(fieldErrors(p2), p.Name+": ") {
						t.Fatalf("errors %q do not name %q", fieldErrors(p2), p.Name)
					}
				})
				checked++
			}
		}
		if checked < 10 {
			t.Fatalf("only %d parameter limits checked", checked)
		}
	})
}

// Headers over 64 KiB are 431 problem+json, not net/http's text/plain.
func TestOversizedHeadersAreAProblem(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		r := e.doRaw("GET", "/v1/sites", nil, "X-Padding", strings.Repeat("p", 70<<10))
		if r.Code != http.StatusRequestHeaderFieldsTooLarge || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json") {
			t.Fatalf("answered %d %s: %s", r.Code, r.Header.Get("Content-Type"), r.Body)
		}
	})
}
