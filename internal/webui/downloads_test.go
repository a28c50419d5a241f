package webui_test

import (
	"net/http"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// The web pages send the same downloads as the REST API: the written
// report (HTML and PDF) byte for byte with the same headers, and the
// exports under the same file names.
func TestWebDownloadsAreTheAPIs(t *testing.T) {
	e := newEnv(t, envOpts{seed: true})
	c := e.client()
	done := e.reviewIn(fidelity.StatusFinalised)
	for _, format := range []string{"html", "pdf"} {
		api := c.get("/v1/reviews/"+done.ID+"/report?lang=en&format="+format).want(t, http.StatusOK)
		web := c.get("/ui/reviews/"+done.ID+"/report/document?lang=en&format="+format).want(t, http.StatusOK)
		if api.Body != web.Body {
			t.Errorf("%s: the web page's report differs from the API's", format)
		}
		headers := []string{"Content-Type", "Content-Disposition", "Cache-Control"}
		if format == "html" { // a PDF keeps the web pages' own policy, which it does not need
			headers = append(headers, "Content-Security-Policy")
		}
		for _, h := range headers {
			if a, w := api.Header.Get(h), web.Header.Get(h); a != w {
				t.Errorf("%s: %s is %q over the API, %q on the web", format, h, a, w)
			}
		}
	}
	for _, file := range []string{"ratings.csv", "reviews.csv", "workbook.xlsx"} {
		api := c.get("/v1/exports/"+file).want(t, http.StatusOK)
		web := c.get("/ui/exports/"+file).want(t, http.StatusOK)
		if a, w := api.Header.Get("Content-Disposition"), web.Header.Get("Content-Disposition"); a != w || a == "" {
			t.Errorf("%s: named %q over the API, %q on the web", file, a, w)
		}
	}
}
