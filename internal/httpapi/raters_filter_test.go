package httpapi_test

import (
	"net/http"
	"sort"
	"strings"
	"testing"
)

// The rater list filters as documented: active=false lists only inactive
// raters (it listed active ones), and q searches name, organisation and
// e-mail (it searched the name only).
func TestRaterListFiltersAsDocumented(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		ingrid := e.create("/v1/raters", map[string]any{"name": "Ingrid Solberg", "organisation": "IPS-senteret", "email": "ingrid@example.no"})["id"].(string)
		e.create("/v1/raters", map[string]any{"name": "Magnus Berg", "organisation": "Nav Vestland", "email": "magnus@fylke.example"})
		e.do("PATCH", "/v1/raters/"+ingrid, map[string]any{"active": false}, "If-Match", "*").want(http.StatusOK)
		names := func(query string) string {
			var list struct{ Items []struct{ Name string } }
			e.do("GET", "/v1/raters"+query, nil).want(http.StatusOK).json(&list)
			var out []string
			for _, r := range list.Items {
				out = append(out, r.Name)
			}
			sort.Strings(out)
			return strings.Join(out, ", ")
		}
		for query, want := range map[string]string{
			"":                 "Ingrid Solberg, Magnus Berg",
			"?active=true":     "Magnus Berg",
			"?active=false":    "Ingrid Solberg",
			"?q=solberg":       "Ingrid Solberg",
			"?q=VESTLAND":      "Magnus Berg",
			"?q=fylke.example": "Magnus Berg",
			"?q=IPS-SENTERET":  "Ingrid Solberg",
			"?q=example":       "Ingrid Solberg, Magnus Berg",
			"?q=nobody":        "",
		} {
			if got := names(query); got != want {
				t.Errorf("GET /v1/raters%s = %q, want %q", query, got, want)
			}
		}
	})
}
