package httpapi_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// FuzzWrittenReport sends arbitrary bodies to the written report's writes
// on a finalised review, as its rater (texts, issue) and as the site's
// lead (comments, decisions): no input may cause a 5xx, and every refusal
// is problem+json.
func FuzzWrittenReport(f *testing.F) {
	for _, s := range []struct{ op, body string }{
		{"narrative", `{"summary":"S","items":{"O6":{"recommendation":"R"}}}`},
		{"narrative", `{"items":{"":{"strength":"\u0000"}},"reason":"x"}`},
		{"narrative", `{"items":{"O6":null,"Sv1":{"recommendation":1}}}`},
		{"issue", `{"to":"Leder","on":"2026-10-30"}`},
		{"issue", `{"to":"x","on":"0000-00-00"}`},
		{"comments", `{"text":"Kommentar","on":"2026-11-01","author":"Åse"}`},
		{"decide", `{"decision":"dismiss","reason":"r","due":"2026-02-30"}`},
		{"final", `{"on":"9999-12-31"}`},
	} {
		f.Add(s.op, s.body)
	}
	st := storetest.SQLite(f)
	var w *world
	f.Fuzz(func(t *testing.T, op, body string) {
		if w == nil {
			w = newWorld(t, st)
			finaliseWorldReview(t, w)
		}
		w.e.t = t
		base := "/v1/reviews/" + w.reviewA
		method, path, role := "PUT", base+"/report/narrative", "rater"
		switch op {
		case "issue":
			method, path = "POST", base+"/report/issue"
		case "final":
			method, path = "POST", base+"/report/final"
		case "comments":
			method, path, role = "POST", base+"/report/comments", "lead"
		case "decide":
			method, path, role = "PATCH", base+"/report/actions/01a2089c-0000-7000-8000-0000000000ab", "lead"
		}
		req, err := http.NewRequest(method, "http://test"+path, bytes.NewReader([]byte(body)))
		if err != nil {
			return
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+w.keys[role])
		rec := httptest.NewRecorder()
		w.e.handler.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s with %q: %d %s", method, path, body, rec.Code, rec.Body)
		}
		if rec.Code >= 400 && !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/problem+json") {
			t.Fatalf("%s %s: %d without problem+json", method, path, rec.Code)
		}
	})
}
