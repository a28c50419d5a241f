package httpapi_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// A cached report answered as JSON carries a strong ETag; If-None-Match
// with it answers 304 with no body while nothing changed; the bytes are
// the report's own encoding (a cached answer is the same JSON as a
// computed one); a write anywhere, another scope or CSV never get the old
// validator.
func TestReportETagAndNotModified(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		e := w.e
		reports := []string{
			"/v1/reports/trend?site=" + w.teamA,
			"/v1/reports/comparison",
			"/v1/reports/transitions?a_to=2025-12-31&b_to=2026-11-01",
			"/v1/reports/heatmap",
			"/v1/reports/agreement",
			"/v1/reports/actions",
		}
		tags := map[string]string{}
		for _, path := range reports {
			first := w.as("admin", "GET", path, nil).want(http.StatusOK)
			tag := first.Header.Get("ETag")
			if len(tag) < 10 || tag[0] != '"' || tag[len(tag)-1] != '"' || tag[1] != 'r' {
				t.Fatalf("%s: ETag %q, want a strong quoted validator", path, tag)
			}
			tags[path] = tag
			// Served from the cache: the same bytes and validator as the
			// answer that computed it, and valid JSON of the same report.
			again := w.as("admin", "GET", path, nil).want(http.StatusOK)
			if again.Header.Get("ETag") != tag || !bytes.Equal(again.Body, first.Body) {
				t.Fatalf("%s: a cached answer differs from the first", path)
			}
			if !json.Valid(again.Body) || again.Header.Get("Content-Type") != "application/json; charset=utf-8" {
				t.Fatalf("%s: cached answer is not JSON: %q %.200s", path, again.Header.Get("Content-Type"), again.Body)
			}
			nm := w.as("admin", "GET", path, nil, "If-None-Match", tag).want(http.StatusNotModified)
			if len(nm.Body) != 0 || nm.Header.Get("ETag") != tag {
				t.Fatalf("%s: 304 with body %q, ETag %q", path, nm.Body, nm.Header.Get("ETag"))
			}
			// A list of validators and a weak form of the same one match too
			// (If-None-Match compares weakly); another one does not.
			w.as("admin", "GET", path, nil, "If-None-Match", `"x", W/`+tag).want(http.StatusNotModified)
			w.as("admin", "GET", path, nil, "If-None-Match", `"r0"`).want(http.StatusOK)
			// CSV is not the cached JSON and carries no validator.
			if csv := w.as("admin", "GET", path+sep(path)+"format=csv", nil, "If-None-Match", tag).want(http.StatusOK); csv.Header.Get("ETag") != "" {
				t.Fatalf("%s as CSV has ETag %q", path, csv.Header.Get("ETag"))
			}
		}

		// Another scope asks the same question: another entry, another
		// validator, and the admin's validator does not get it a 304.
		lead := w.as("lead", "GET", "/v1/reports/heatmap", nil, "If-None-Match", tags["/v1/reports/heatmap"]).want(http.StatusOK)
		if lead.Header.Get("ETag") == tags["/v1/reports/heatmap"] {
			t.Fatal("a lead of one region got the admin's heatmap validator")
		}

		// A write (a new site) moves the data version: every validator is
		// stale, and the answer is 200 with a new one.
		w.as("admin", "POST", "/v1/sites", map[string]any{"parent_id": w.regionA, "kind": "office", "code": "4602", "name": "Nav Laksevåg"}).want(http.StatusCreated)
		for _, path := range reports {
			r := w.as("admin", "GET", path, nil, "If-None-Match", tags[path]).want(http.StatusOK)
			if r.Header.Get("ETag") == tags[path] || r.Header.Get("ETag") == "" {
				t.Fatalf("%s after a write: ETag %q, was %q", path, r.Header.Get("ETag"), tags[path])
			}
		}
		if st := e.svc.ReportCacheStats(); st.JSONBytes <= 0 {
			t.Fatalf("report cache holds no JSON: %+v", st)
		}
	})
}

func sep(path string) string {
	if bytes.ContainsRune([]byte(path), '?') {
		return "&"
	}
	return "?"
}
