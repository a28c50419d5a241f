package httpapi_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// FuzzRequest feeds arbitrary bodies, query strings and header values to
// the JSON decoding and query parsing of the write and list routes: the
// answer must never be a 5xx, and every 4xx must be problem+json.
func FuzzRequest(f *testing.F) {
	seeds := []struct {
		route, query, body, ifMatch string
	}{
		{"sites", "", `{"kind":"team","code":"x","name":"y"}`, ""},
		{"ratings", "", `{"items":[{"item":"S1","values":{"active_clients":38,"specialist_fte":2}}]}`, `"v0"`},
		{"ratings", "", `{"items":[{"item":"Sv6","specialists":[{"values":{"employer_contacts_per_week":6}}],"choices":{"tracking":"weekly"}}]}`, "*"},
		{"reviews", "status=planned,finalised&limit=5&cursor=abc", "", ""},
		{"score", "", `{"scale":"se-fidelity","items":[{"item":"O2","elements":["a","a"]}]}`, ""},
		{"sites", "subtree=%zz&q=%00", `{"name":1e999}`, "W/\"v-1\""},
		{"comparison", "from=2026-13-01&type=self,,x", "", ""},
	}
	for _, s := range seeds {
		f.Add(s.route, s.query, s.body, s.ifMatch)
	}
	st := storetest.SQLite(f) // lives as long as the whole fuzz run
	var e *env
	f.Fuzz(func(t *testing.T, route, query, body, ifMatch string) {
		if e == nil {
			e = newEnvOn(t, st)
			fx := e.setup()
			fuzzPaths = map[string]string{
				"sites":      "/v1/sites",
				"ratings":    "/v1/reviews/" + fx.review + "/ratings/" + fx.raterA,
				"reviews":    "/v1/reviews",
				"score":      "/v1/score",
				"comparison": "/v1/reports/comparison",
				"consensus":  "/v1/reviews/" + fx.review + "/consensus",
			}
		}
		path, ok := fuzzPaths[route]
		if !ok {
			path = "/v1/sites"
		}
		method := map[string]string{"sites": "POST", "ratings": "PUT", "score": "POST", "consensus": "PUT"}[route]
		if method == "" || body == "" {
			method = "GET"
		}
		target := path
		if query != "" {
			target += "?" + strings.ReplaceAll(strings.ReplaceAll(query, "#", "%23"), " ", "%20")
		}
		req, err := http.NewRequest(method, "http://test"+target, bytes.NewReader([]byte(body)))
		if err != nil {
			return // not a request a client could send
		}
		req.Header.Set("Content-Type", "application/json")
		if ifMatch != "" && !strings.ContainsAny(ifMatch, "\r\n\x00") {
			req.Header.Set("If-Match", ifMatch)
		}
		rec := httptest.NewRecorder()
		e.handler.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s with %q: %d %s", method, target, body, rec.Code, rec.Body)
		}
		if rec.Code >= 400 && !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/problem+json") {
			t.Fatalf("%s %s: %d without problem+json", method, target, rec.Code)
		}
	})
}

var fuzzPaths map[string]string
