package webui_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// TestReviewPageLinksTheWrittenReport: in Norwegian, the page of a
// finalised review offers "Forhåndsvis rapporten" and "Last ned PDF"; the
// preview is the printable report in Norwegian and the PDF downloads as a
// non-empty attachment. A review still being rated offers neither, and
// its report is refused as a conflict.
func TestReviewPageLinksTheWrittenReport(t *testing.T) {
	e := newEnv(t, envOpts{seed: true})
	c := e.client()
	done := e.reviewIn(fidelity.StatusFinalised)
	pg := c.get("/ui/reviews/"+done.ID+"?lang=nb").want(t, http.StatusOK)
	for _, s := range []string{`href="/ui/reviews/` + done.ID + `/report/document"`, ">Forhåndsvis rapporten<", `href="/ui/reviews/` + done.ID + `/report/document?format=pdf"`, ">Last ned PDF<"} {
		if !strings.Contains(pg.Body, s) {
			t.Errorf("review page lacks %s", s)
		}
	}
	pre := c.get("/ui/reviews/"+done.ID+"/report/document").want(t, http.StatusOK)
	if !strings.Contains(pre.Body, `<html lang="nb">`) || !strings.Contains(pre.Body, "Rapport fra fidelitetsevaluering") || !strings.Contains(pre.Body, "@media print") {
		t.Errorf("preview is not the Norwegian printable report: %.300s", pre.Body)
	}
	pdf := c.get("/ui/reviews/"+done.ID+"/report/document?format=pdf").want(t, http.StatusOK)
	if pdf.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf.Body, "%PDF-") || len(pdf.Body) < 10_000 ||
		!strings.HasPrefix(pdf.Header.Get("Content-Disposition"), `attachment; filename="rapport-`) {
		t.Errorf("PDF download: %s %q, %d bytes", pdf.Header.Get("Content-Type"), pdf.Header.Get("Content-Disposition"), len(pdf.Body))
	}

	open := e.reviewIn(fidelity.StatusInProgress)
	pg = c.get("/ui/reviews/"+open.ID).want(t, http.StatusOK)
	if strings.Contains(pg.Body, "/report/document") {
		t.Error("a review being rated links a report")
	}
	c.get("/ui/reviews/"+open.ID+"/report/document").want(t, http.StatusConflict)
}
