package webui_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/service"
)

// upload posts a file to the import form as a browser does.
func (c *client) upload(csrf, content string, createSites bool, fields ...string) page {
	c.e.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	_ = mw.WriteField("csrf", csrf)
	if createSites {
		_ = mw.WriteField("create_sites", "on")
	}
	for i := 0; i+1 < len(fields); i += 2 {
		_ = mw.WriteField(fields[i], fields[i+1])
	}
	w, _ := mw.CreateFormFile("file", "history.csv")
	_, _ = w.Write([]byte(content))
	_ = mw.Close()
	r, _ := http.NewRequest(http.MethodPost, c.e.srv.URL+"/ui/imports", &b)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.c.Do(r)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return page{Code: resp.StatusCode, Header: resp.Header, Body: string(body)}
}

// importFile is a wide file of one review with every item of
// se-fidelity@2008 at score (a bad score gives one error per item).
func importFile(t *testing.T, e *env, score string) string {
	t.Helper()
	sc, err := e.svc.GetScale("se-fidelity@2008")
	if err != nil {
		t.Fatal(err)
	}
	head := "site_path;site_name;scale;review_type;visit_start;visit_end"
	row := "R09/9901/9901-1;IPS-team Import;se-fidelity@2008;external;18.03.2024;19.03.2024"
	for _, it := range sc.Items {
		head += ";" + it.ID
		row += ";" + score
	}
	return head + "\n" + row + "\n"
}

// The import page: upload, read the check with the errors highlighted in
// Norwegian, upload the corrected file, confirm, see it stored.
func TestImportPage(t *testing.T) {
	e := newEnv(t, envOpts{})
	c := e.client()
	csrf := c.csrf("/ui/imports?lang=nb")
	p := c.upload(csrf, importFile(t, e, "9"), true).want(t, http.StatusSeeOther)
	job := p.Header.Get("Location")
	if !strings.HasPrefix(job, "/ui/imports/") {
		t.Fatalf("redirect to %q", job)
	}
	pg := c.get(job).want(t, http.StatusOK)
	if !strings.Contains(pg.Body, `<tr class="invalid">`) || !strings.Contains(pg.Body, "må være mellom 1 og 5") ||
		!strings.Contains(pg.Body, "<strong>Feil:</strong>") || strings.Contains(pg.Body, "Bekreft importen") {
		t.Fatalf("the check of a bad file: %.3000s", pg.Body)
	}
	p = c.upload(csrf, importFile(t, e, "4"), true).want(t, http.StatusSeeOther)
	job = p.Header.Get("Location")
	pg = c.get(job).want(t, http.StatusOK)
	if !strings.Contains(pg.Body, "Bekreft importen") || strings.Contains(pg.Body, `class="invalid"`) {
		t.Fatalf("the check of a good file: %.3000s", pg.Body)
	}
	if sites, _, _ := e.svc.ListSites(e.sys, service.SiteFilter{}); len(sites) != 0 {
		t.Fatalf("the check wrote %d sites", len(sites))
	}
	c.post(job+"/commit", map[string][]string{"csrf": {csrf}}).want(t, http.StatusSeeOther)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(pg.Body, "Importen er lagret.") && time.Now().Before(deadline) {
		pg = c.get(job).want(t, http.StatusOK)
	}
	if !strings.Contains(pg.Body, "Importen er lagret.") {
		t.Fatalf("after confirming: %.3000s", pg.Body)
	}
	if reviews, _, _ := e.svc.ListReviews(e.sys, service.ReviewFilter{}); len(reviews) != 1 {
		t.Fatalf("stored %d reviews", len(reviews))
	}

	// The same review with every consensus score 5, uploaded with a reason
	// for corrections: the check lists the 25 corrections, the commit
	// makes them.
	p = c.upload(csrf, importFile(t, e, "5"), false, "correction_reason", "Feilført i regnearket").want(t, http.StatusSeeOther)
	job = p.Header.Get("Location")
	pg = c.get(job).want(t, http.StatusOK)
	if !strings.Contains(pg.Body, "Rettelser importen vil gjøre – indikatorskårer: 25, evalueringer: 1") ||
		!strings.Contains(pg.Body, "Feilført i regnearket") || !strings.Contains(pg.Body, "Bekreft importen") {
		t.Fatalf("the check of a corrected file: %.4000s", pg.Body)
	}
	c.post(job+"/commit", map[string][]string{"csrf": {csrf}}).want(t, http.StatusSeeOther)
	deadline = time.Now().Add(10 * time.Second)
	for !strings.Contains(pg.Body, "Rettelser som er gjort") && time.Now().Before(deadline) {
		pg = c.get(job).want(t, http.StatusOK)
	}
	if reviews, _, _ := e.svc.ListReviews(e.sys, service.ReviewFilter{}); len(reviews) != 1 || *reviews[0].Total != 125 {
		t.Fatalf("after the corrections: %.3000s", pg.Body)
	}

	if pg := c.upload("wrong", importFile(t, e, "4"), true); pg.Code != http.StatusForbidden {
		t.Fatalf("an upload without the CSRF token: %d", pg.Code)
	}
	if pg := c.upload(csrf, "", false); pg.Code != http.StatusSeeOther {
		t.Fatalf("an empty file: %d", pg.Code)
	} else if pg := c.get(pg.Header.Get("Location")); !strings.Contains(pg.Body, "filen er tom") {
		t.Fatalf("an empty file's page: %.2000s", pg.Body)
	}
}
