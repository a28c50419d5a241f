package httpapi_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestSiteCodesAreUniqueAmongActiveSiblings checks the contract's promise
// on createSite ("code must be unique among the parent's active children,
// 409 otherwise") on every write that can put a code next to another: a
// second root or office with the same code, a re-code, and a move. The
// problem names the field code. Other parents and deactivated siblings
// hold nothing.
func TestSiteCodesAreUniqueAmongActiveSiblings(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		taken := func(r resp) {
			t.Helper()
			p := r.problem(http.StatusConflict)
			if !strings.Contains(fieldErrors(p), "code: ") {
				t.Fatalf("the conflict does not name the field code: %v", p)
			}
		}
		newSite := func(parent, kind, code, name string) resp {
			body := map[string]any{"kind": kind, "code": code, "name": name}
			if parent != "" {
				body["parent_id"] = parent
			}
			return e.do("POST", "/v1/sites", body)
		}
		vestland := e.create("/v1/sites", map[string]any{"kind": "region", "code": "R01", "name": "Nav Vestland"})["id"].(string)
		taken(newSite("", "region", "R01", "Nav Vestland again"))
		taken(newSite("", "region", "r01", "Case does not make a new code"))
		viken := e.create("/v1/sites", map[string]any{"kind": "region", "code": "R02", "name": "Nav Viken"})["id"].(string)

		bergenhus := newSite(vestland, "office", "4601", "Nav Bergenhus").want(http.StatusCreated).obj()["id"].(string)
		taken(newSite(vestland, "office", "4601", "Nav Bergenhus (duplicate)"))
		newSite(viken, "office", "4601", "Same code, other parent").want(http.StatusCreated)

		arna := newSite(vestland, "office", "4602", "Nav Arna").want(http.StatusCreated).obj()["id"].(string)
		taken(e.do("PATCH", "/v1/sites/"+arna, map[string]any{"code": "4601"}, "If-Match", e.etag("/v1/sites/"+arna)))
		vikenOffice := newSite(viken, "office", "4602", "Nav Asker").want(http.StatusCreated).obj()["id"].(string)
		taken(e.do("POST", "/v1/sites/"+vikenOffice+"/move", map[string]any{"parent_id": vestland}, "If-Match", e.etag("/v1/sites/"+vikenOffice)))

		// Deactivating a site frees its code for a successor.
		e.do("POST", "/v1/sites/"+bergenhus+"/deactivate", map[string]any{"active_to": "2026-10-31"},
			"If-Match", e.etag("/v1/sites/"+bergenhus)).want(http.StatusOK)
		newSite(vestland, "office", "4601", "Nav Bergen nord").want(http.StatusCreated)
	})
}
