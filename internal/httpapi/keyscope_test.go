package httpapi_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestAllSitesIsAnExplicitChoice: a lead, reader or rater key without a
// scope used to see every region silently. Now "all sites" must be asked
// for with all_sites: true; leaving out both is a 400 naming scope, and
// asking for both a 400 naming all_sites. Admin keys may still omit it.
func TestAllSitesIsAnExplicitChoice(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		region := e.create("/v1/sites", map[string]any{"kind": "region", "code": "R01", "name": "Nav Vestland"})["id"].(string)
		// The first key (open mode) is an admin key, which needs no choice.
		admin := e.do("POST", "/v1/keys", map[string]any{"name": "Admin", "role": "admin"}).want(http.StatusCreated).obj()
		auth := []string{"Authorization", "Bearer " + admin["secret"].(string)}
		refused := func(body map[string]any, field, reason string) {
			t.Helper()
			p := e.do("POST", "/v1/keys", body, auth...).problem(http.StatusBadRequest)
			if errs := fieldErrors(p); !strings.Contains(errs, field+": ") || !strings.Contains(errs, reason) {
				t.Fatalf("%v: problem %v does not name %s (%s)", body, p, field, reason)
			}
		}
		for _, role := range []string{"lead", "reader"} {
			refused(map[string]any{"name": "Forgot the scope", "role": role}, "scope", "all_sites")
			refused(map[string]any{"name": "Empty scope", "role": role, "scope": []string{}}, "scope", "all_sites")
			refused(map[string]any{"name": "All sites off", "role": role, "all_sites": false}, "scope", "all_sites")
		}
		refused(map[string]any{"name": "Both", "role": "lead", "scope": []string{region}, "all_sites": true}, "all_sites", "scope")

		created := func(body map[string]any) map[string]any {
			t.Helper()
			return e.do("POST", "/v1/keys", body, auth...).want(http.StatusCreated).obj()
		}
		all := created(map[string]any{"name": "Programme lead", "role": "lead", "all_sites": true})
		if scope := all["scope"].([]any); len(scope) != 0 {
			t.Fatalf("an all-sites key has scope %v", scope)
		}
		scoped := created(map[string]any{"name": "Lead Vest", "role": "lead", "scope": []string{region}})
		if scope := scoped["scope"].([]any); len(scope) != 1 || scope[0] != region {
			t.Fatalf("scoped key has scope %v", scope)
		}
		created(map[string]any{"name": "Second admin", "role": "admin"})
	})
}
