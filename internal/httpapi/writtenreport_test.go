package httpapi_test

import (
	"context"
	"github.com/ipsfidelity/fidelity/internal/testtool"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

var whitespace = regexp.MustCompile(`\s+`)

// extractPDFText is the PDF's text squashed to single spaces.
func extractPDFText(t *testing.T, pdf []byte) string {
	t.Helper()
	return whitespace.ReplaceAllString(testtool.PDFText(t, pdf), " ")
}

// TestWrittenReportDownload: a lead of region Vest downloads the PDF of a
// finalised review of a team whose name has æøå, in Norwegian; a reader
// opens the printable HTML in English; Accept chooses when format is not
// given. Both carry the team, every item, the total and the band.
func TestWrittenReportDownload(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		w.e.t = t
		ctx := fidelity.WithPrincipal(context.Background(), fidelity.System)
		team, err := w.e.svc.CreateSite(ctx, service.SiteInput{ParentID: w.regionA, Kind: "team", Code: "TRO-SOR", Name: "IPS-teamet Tromsø sør – Åsgård"})
		if err != nil {
			t.Fatal(err)
		}
		day := time.Date(2026, 10, 13, 0, 0, 0, 0, time.UTC)
		v, err := w.e.svc.PlanReview(ctx, service.ReviewInput{SiteID: team.ID, Scale: "se-fidelity@2008", Type: fidelity.ReviewExternal, VisitStart: day, VisitEnd: day, RaterIDs: []string{w.r1, w.r2}})
		if err != nil {
			t.Fatal(err)
		}
		items := ratingsFor(t, baseTargets(), 3)
		for _, r := range []string{w.r1, w.r2} {
			if _, err := w.e.svc.SaveRatings(ctx, v.ID, r, service.AnyVersion, items, true); err != nil {
				t.Fatal(err)
			}
		}
		cons, err := w.e.svc.SaveConsensus(ctx, v.ID, service.AnyVersion, items)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.e.svc.Finalize(ctx, v.ID, service.AnyVersion); err != nil {
			t.Fatal(err)
		}
		cat := scale.NewCatalog()
		if err := scale.LoadEmbedded(cat); err != nil {
			t.Fatal(err)
		}
		sc, _ := cat.Get("se-fidelity", "2008")
		band, _ := sc.Band(cons.Scorecard.Band)
		total := strconv.FormatFloat(*cons.Scorecard.Total, 'f', -1, 64)
		if strings.Contains(total, ".") {
			t.Fatalf("a sum total %s", total)
		}

		r := w.as("lead", "GET", "/v1/reviews/"+v.ID+"/report?format=pdf&lang=nb", nil)
		if r.Code != http.StatusOK || r.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("pdf: %d %s %.200s", r.Code, r.Header.Get("Content-Type"), r.Body)
		}
		if cd := r.Header.Get("Content-Disposition"); cd != `attachment; filename="rapport-TRO-SOR-2026-10-13.pdf"` {
			t.Errorf("Content-Disposition %q", cd)
		}
		text := extractPDFText(t, r.Body)
		for _, s := range []string{"IPS-teamet Tromsø sør – Åsgård", total + " av 125", band.Label.NB, "One, Two"} {
			if !strings.Contains(text, s) {
				t.Errorf("PDF lacks %q", s)
			}
		}
		for _, it := range sc.Items {
			if !strings.Contains(text, whitespace.ReplaceAllString(it.ID+" "+it.Title.NB, " ")) {
				t.Errorf("PDF lacks item %s %q", it.ID, it.Title.NB)
			}
		}

		// Until the report is issued it is a draft: its raters and the
		// site's leads read it, a reader does not.
		if r := w.as("reader", "GET", "/v1/reviews/"+v.ID+"/report?lang=en", nil); r.Code != http.StatusForbidden || !strings.Contains(string(r.Body), "draft") {
			t.Fatalf("a reader read the draft report: %d %.200s", r.Code, r.Body)
		}
		r = w.as("lead", "GET", "/v1/reviews/"+v.ID+"/report?lang=en", nil)
		body := string(r.Body)
		if r.Code != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") || !strings.Contains(body, `<html lang="en">`) {
			t.Fatalf("html: %d %s", r.Code, r.Header.Get("Content-Type"))
		}
		for _, s := range []string{"IPS-teamet Tromsø sør – Åsgård", total + " of 125", band.Label.EN, sc.Items[24].Title.EN} {
			if !strings.Contains(body, s) {
				t.Errorf("HTML lacks %q", s)
			}
		}
		r = w.as("lead", "GET", "/v1/reviews/"+v.ID+"/report", nil, "Accept", "application/pdf")
		if r.Code != http.StatusOK || r.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(string(r.Body), "%PDF-") {
			t.Errorf("Accept: application/pdf gave %d %s", r.Code, r.Header.Get("Content-Type"))
		}
		r = w.as("lead", "GET", "/v1/reviews/"+v.ID+"/report?format=docx", nil)
		if r.Code != http.StatusBadRequest || !strings.Contains(string(r.Body), "format") {
			t.Errorf("format=docx: %d %.300s", r.Code, r.Body)
		}
	})
}
