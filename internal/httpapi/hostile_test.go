package httpapi_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/store/storetest"
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

// TestHostileInput sends a few thousand generated malformed requests to
// every write and read route and asserts no 5xx, no panic and no change in
// what a client can read back.
func TestHostileInput(t *testing.T) {
	n := 2500
	if testing.Short() {
		n = 300
	}
	e := newEnvOn(t, storetest.SQLite(t))
	f := e.setup()
	before := e.fingerprint(f)
	rng := rand.New(rand.NewPCG(7, 11))
	ids := []string{f.region, f.team, f.review, f.raterA, "01a2089c-0000-7000-8000-000000000000"}
	id := func() string {
		if rng.IntN(3) == 0 {
			return strings.ReplaceAll(hostileStrings[rng.IntN(len(hostileStrings))], "/", "%2F")
		}
		return ids[rng.IntN(len(ids))]
	}
	routes := []func() (string, string){
		func() (string, string) { return "PUT", "/v1/reviews/" + id() + "/ratings/" + id() },
		func() (string, string) { return "PUT", "/v1/reviews/" + id() + "/consensus" },
		func() (string, string) { return "POST", "/v1/reviews/" + id() + "/corrections" },
		func() (string, string) { return "POST", "/v1/sites" },
		func() (string, string) { return "PATCH", "/v1/sites/" + id() },
		func() (string, string) { return "POST", "/v1/sites/" + id() + "/move" },
		func() (string, string) { return "POST", "/v1/sites/" + id() + "/deactivate" },
		func() (string, string) { return "POST", "/v1/raters" },
		func() (string, string) { return "PATCH", "/v1/raters/" + id() },
		func() (string, string) { return "POST", "/v1/reviews" },
		func() (string, string) { return "PATCH", "/v1/reviews/" + id() },
		func() (string, string) { return "POST", "/v1/score" },
		func() (string, string) {
			return "GET", "/v1/reviews?status=" + id() + "&limit=" + id() + "&cursor=" + id()
		},
		func() (string, string) {
			return "GET", "/v1/sites?subtree=" + id() + "&q=" + id() + "&active_on=" + id()
		},
		func() (string, string) { return "GET", "/v1/scales/" + id() + "?lang=" + id() },
	}
	// A valid rating save that must be rejected anyway for bad If-Match, so
	// that the successful write paths are exercised under hostile headers.
	for i := range n {
		method, path := routes[rng.IntN(len(routes))]()
		bodies := hostileBodies(rng)
		var body any
		if method != "GET" {
			body = bodies[rng.IntN(len(bodies))]
		}
		headers := []string{"If-Match", `"v99"`}
		if rng.IntN(4) == 0 {
			headers = append(headers, "Content-Type", hostileStrings[rng.IntN(len(hostileStrings))])
		}
		r := e.doRaw(method, path, body, headers...)
		if r.Code >= 500 {
			t.Fatalf("request %d: %s %s answered %d: %s", i, method, path, r.Code, r.Body)
		}
		if r.Code >= 400 && !strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json") {
			t.Fatalf("request %d: %s %s answered %d without problem+json", i, method, path, r.Code)
		}
		if method == "GET" {
			continue
		}
		// Odd but valid text (a site called "<script>…") is accepted and
		// escaped on output; a rejected write must change nothing.
		after := e.fingerprint(f)
		if r.Code >= 400 && after != before {
			t.Fatalf("request %d: %s %s was rejected with %d but changed the data", i, method, path, r.Code)
		}
		before = after
	}
}
