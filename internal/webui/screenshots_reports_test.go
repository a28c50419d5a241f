package webui_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ipsfidelity/fidelity/internal/demo"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// TestBrowserScreenshotsOfReportAndImportPages saves, with
// UI_SCREENSHOTS=1, pictures of the written report as the site reads it
// (the demo's report still waiting for the team lead's decisions), the
// page the reviewers write it on, and the import page with the check of
// a file that has errors, at 768 and 1280 px, from the same demo data as
// TestBrowserLayout, and checks that none scrolls sideways.
func TestBrowserScreenshotsOfReportAndImportPages(t *testing.T) {
	if testing.Short() || os.Getenv("UI_SCREENSHOTS") != "1" {
		t.Skip("only with UI_SCREENSHOTS=1")
	}
	opts := demo.DefaultOptions(screenshotDay.AddDate(0, 0, -14))
	e := newEnv(t, envOpts{demo: &opts, today: screenshotDay})
	rv := e.reportWaiting()
	// A two-review file: one score out of range, one date that does not exist.
	c := e.client()
	good := importFile(t, e, "4")
	lines := strings.Split(strings.TrimSpace(good), "\n")
	bad := strings.Replace(lines[1], ";4;4;", ";9;4;", 1)
	second := strings.NewReplacer("IPS-team Import", "IPS-team Import 2", "9901-1", "9901-2", "18.03.2024", "31.02.2024").Replace(lines[1])
	job := c.upload(c.csrf("/ui/imports?lang=nb"), lines[0]+"\n"+bad+"\n"+second+"\n", true).want(t, http.StatusSeeOther).Header.Get("Location")
	pages := []struct{ name, path, target string }{
		{"report-read", "/ui/reviews/" + rv.ID + "/report?lang=nb", ""},
		{"report-proposals", "/ui/reviews/" + rv.ID + "/report?lang=nb", "proposals"},
		{"report-write", "/ui/reviews/" + rv.ID + "/report/write?lang=nb", ""},
		{"import-check", job + "?lang=nb", ""},
	}
	dir := filepath.Join("..", "..", "docs", "screenshots")
	tb := newBrowser(t, e.srv.URL, 1280, 1000).tab()
	tb.quiet = true // the tests of these pages audit them
	for _, width := range []int{768, 1280} {
		tb.do(chromedp.EmulateViewport(int64(width), 1000))
		for _, p := range pages {
			tb.open(p.path)
			if p.target != "" {
				scroll := `(function(){document.getElementById(` + strconv.Quote(p.target) + `).scrollIntoView({behavior:"instant"});return true})()`
				eval[bool](tb, scroll)
				tb.do(chromedp.Sleep(300 * time.Millisecond))
				eval[bool](tb, scroll)
			}
			if over := eval[int](tb, `document.documentElement.scrollWidth - window.innerWidth`); over > 0 {
				t.Errorf("%s at %d px scrolls sideways by %d px", p.name, width, over)
			}
			png, err := chromedpRun(tb, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, p.name+"-"+strconv.Itoa(width)+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// reportWaiting is the demo's issued report with proposals the team lead
// has not decided on yet.
func (e *env) reportWaiting() fidelity.Review {
	e.t.Helper()
	rs, _, err := e.svc.ListReviews(e.sys, service.ReviewFilter{Status: []fidelity.ReviewStatus{fidelity.StatusFinalised}, Page: service.Page{Limit: 500}})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, r := range rs {
		v, err := e.svc.Report(e.sys, r.ID)
		if err != nil {
			e.t.Fatal(err)
		}
		for _, a := range v.Actions {
			if a.Status == fidelity.ReportActionProposed {
				return r
			}
		}
	}
	e.t.Fatal("no demo report waits for decisions")
	return fidelity.Review{}
}
