package httpapi_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// hostileStrings are fragments attackers and broken clients send.
var hostileStrings = []string{
	"'; DROP TABLE reviews; --", `" OR 1=1 --`, "<script>alert(1)</script>", "../../etc/passwd",
	"..%2F..%2Fetc%2Fpasswd", "\x00", "\xff\xfe\xfd", "%00", "${jndi:ldap://x}", "{{7*7}}",
	strings.Repeat("A", 5000), "😀", "\u202e", "NaN", "-1e309", "1e309", "0x1F", "",
}

// hostileBodies are JSON-ish payloads of the wrong shape.
func hostileBodies(rng *rand.Rand) []string {
	s := hostileStrings[rng.IntN(len(hostileStrings))]
	q := fmt.Sprintf("%q", s)
	return []string{
		`{"items":[{"item":` + q + `,"score":3}]}`,
		`{"items":[{"item":"S1","values":{` + q + `:1}}]}`,
		`{"items":[{"item":"S1","values":{"active_clients":1e308,"specialist_fte":1e-308}}]}`,
		`{"items":[{"item":"Sv6","specialists":[` + strings.Repeat(`{"score":3},`, 150) + `{"score":3}]}]}`,
		`{"items":` + strings.Repeat("[", 2000) + strings.Repeat("]", 2000) + `}`,
		`{"kind":` + q + `,"code":` + q + `,"name":` + q + `}`,
		`{"name":` + q + `,"organisation":` + q + `,"email":` + q + `}`,
		`{"site_id":` + q + `,"scale":` + q + `,"type":"external","visit_start":"2026-01-01","visit_end":"2026-01-01","rater_ids":[` + q + `]}`,
		`{"items":[{"item":"O6","score":99999999999999999999}]}`,
		`{"items":[{"item":"O6","score":-2147483649}]}`,
		`{"items":[{"item":"O6","score":3.5}]}`,
		`{"items":[{"item":"O2","elements":[` + q + `,` + q + `]}]}`,
		`{"items":[{"item":"S1","choices":{"x":` + q + `}}]}`,
		`{"item":{"item":"O6","score":5},"reason":` + q + `}`,
		`{"parent_id":` + q + `}`,
		`{"active_to":` + q + `}`,
		"\xff\xfe{\"items\":[]}",
		`{"items":[]`,
		`null`, `[]`, `"x"`, `{}`, ``,
	}
}

// overLong builds, for every string with a maxLength in a request schema
// (nested ones too), a body holding just that string one character too
// long, and the field path a rejection must name.
func overLong(schema *openapi3.Schema) map[string]string {
	out := map[string]string{}
	var walk func(s *openapi3.Schema, field string, wrap func(string) string, depth int)
	walk = func(s *openapi3.Schema, field string, wrap func(string) string, depth int) {
		if s == nil || depth > 4 {
			return
		}
		for _, sub := range s.AllOf {
			walk(sub.Value, field, wrap, depth+1)
		}
		switch {
		case s.Type != nil && s.Type.Is("string") && s.MaxLength != nil:
			v, _ := json.Marshal(strings.Repeat("å", int(*s.MaxLength)+1))
			out[field] = wrap(string(v))
		case s.Type != nil && s.Type.Is("array") && s.Items != nil:
			walk(s.Items.Value, field+"[0]", func(v string) string { return wrap("[" + v + "]") }, depth+1)
		default:
			for name, p := range s.Properties {
				f := name
				if field != "" {
					f = field + "." + name
				}
				walk(p.Value, f, func(v string) string { return wrap(`{"` + name + `":` + v + `}`) }, depth+1)
			}
		}
	}
	walk(schema, "", func(v string) string { return v }, 0)
	return out
}

// Every maxLength of every request body in the contract is enforced with
// 400 naming the field, on both databases; nothing is written.
func TestEveryMaxLengthIsEnforced(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.setup()
		before := e.fingerprint(f)
		n := 0
		for _, o := range contractOps(t) {
			schema := jsonBody(o.op)
			if schema == nil {
				continue
			}
			for field, body := range overLong(schema) {
				n++
				t.Run(o.method+" "+o.path+" "+field, func(t *testing.T) {
					e.t = t
					p := e.do(o.method, concrete(o.path, f), body, "If-Match", "*").problem(http.StatusBadRequest)
					if !strings.Contains(fieldErrors(p), field+": must be at most") {
						t.Fatalf("errors %q do not name %s as too long", fieldErrors(p), field)
					}
				})
			}
		}
		if n < 30 {
			t.Fatalf("only %d maxLength limits found", n)
		}
		e.t = t
		if e.fingerprint(f) != before {
			t.Fatal("an over-long body changed the data")
		}
	})
}

// TestHostileInput sends a few thousand generated malformed requests to
// every operation of the contract, on SQLite and PostgreSQL, and asserts no
// 5xx, no panic, problem+json for every error and no change in what a
// client can read back after a rejection. Ids, query values and bodies are
// drawn from hostile strings (NUL, invalid UTF-8, injections), the wrong
// shapes (null, {}, empty) and over-long strings for every maxLength.
func TestHostileInput(t *testing.T) {
	n := 1500
	if testing.Short() {
		n = 300
	}
	eachDB(t, func(t *testing.T, e *env) {
		f := e.setup()
		before := e.fingerprint(f)
		rng := rand.New(rand.NewPCG(7, 11))
		ids := []string{f.region, f.team, f.review, f.raterA, "01a2089c-0000-7000-8000-000000000000", "se-fidelity@2008"}
		hostile := func() string {
			return url.PathEscape(hostileStrings[rng.IntN(len(hostileStrings))])
		}
		id := func() string {
			if rng.IntN(3) == 0 {
				return hostile()
			}
			return ids[rng.IntN(len(ids))]
		}
		var ops []contractOp
		for _, o := range contractOps(t) {
			if strings.HasPrefix(o.path, "/v1/") { // not the static operations pages
				ops = append(ops, o)
			}
		}
		longBodies := map[string][]string{}
		for _, o := range ops {
			if s := jsonBody(o.op); s != nil {
				for _, b := range overLong(s) {
					longBodies[o.method+" "+o.path] = append(longBodies[o.method+" "+o.path], b)
				}
			}
		}
		for i := range n {
			o := ops[rng.IntN(len(ops))]
			path := pathParam.ReplaceAllStringFunc(o.path, func(string) string { return id() })
			var query []string
			for _, ref := range o.params {
				if ref.Value.In == "query" && rng.IntN(2) == 0 {
					query = append(query, ref.Value.Name+"="+url.QueryEscape(hostileStrings[rng.IntN(len(hostileStrings))]))
				}
			}
			if len(query) > 0 {
				path += "?" + strings.Join(query, "&")
			}
			var body any
			if o.method != "GET" {
				bodies := append(hostileBodies(rng), longBodies[o.method+" "+o.path]...)
				body = bodies[rng.IntN(len(bodies))]
			}
			headers := []string{"If-Match", `"v99"`}
			if rng.IntN(4) == 0 {
				headers = append(headers, "Content-Type", hostileStrings[rng.IntN(len(hostileStrings))])
			}
			if rng.IntN(8) == 0 {
				headers = append(headers, "Accept-Language", hostileStrings[rng.IntN(len(hostileStrings))])
			}
			r := e.doRaw(o.method, path, body, headers...)
			if r.Code >= 500 {
				t.Fatalf("request %d: %s %s answered %d: %s", i, o.method, path, r.Code, r.Body)
			}
			if r.Code >= 400 && !strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json") {
				t.Fatalf("request %d: %s %s answered %d without problem+json", i, o.method, path, r.Code)
			}
			if o.method == "GET" {
				continue
			}
			// Odd but valid text (a site called "<script>…") is accepted and
			// escaped on output; a rejected write must change nothing.
			after := e.fingerprint(f)
			if r.Code >= 400 && after != before {
				t.Fatalf("request %d: %s %s was rejected with %d but changed the data", i, o.method, path, r.Code)
			}
			before = after
		}
	})
}

var pathParam = regexp.MustCompile(`\{[a-z_]+\}`)
