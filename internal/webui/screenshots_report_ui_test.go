package webui_test

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ipsfidelity/fidelity/internal/demo"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// TestBrowserScreenshotsOfNewViews saves, with UI_SCREENSHOTS=1, pictures
// of the consensus page's disagreements view, the site page's grouping
// subtotals and outcomes, the review page's bars beside the radar, the
// written report as the site reads it (the demo's report still waiting
// for the team lead's decisions) with its proposed actions, the page the
// reviewers write it on, and the import page with the check of a file
// that has errors and of one with corrections, at 768 and 1280 px, from the same demo data as
// TestBrowserLayout, and checks that none scrolls sideways. It runs apart
// from TestBrowserLayout so that each keeps within its browser's time
// budget.
func TestBrowserScreenshotsOfNewViews(t *testing.T) {
	if testing.Short() || os.Getenv("UI_SCREENSHOTS") != "1" {
		t.Skip("only with UI_SCREENSHOTS=1")
	}
	opts := demo.DefaultOptions(screenshotDay.AddDate(0, 0, -14))
	e := newEnv(t, envOpts{demo: &opts, today: screenshotDay})
	cons := e.reviewIn(fidelity.StatusConsensus)
	team := e.siteNamed(screenshotTeam)
	fin := e.latestWithPlan(team)
	rv := e.reportWaiting()
	job := e.client().uploadWithErrors(t)
	corrections := e.client().uploadWithCorrections(t)
	// Each page names its language: the browser keeps the last one chosen.
	pages := []struct{ name, path, target string }{
		{"consensus-disagreements-only", "/ui/reviews/" + cons.ID + "/consensus?lang=en", "focus-count"},
		{"site-groupings", "/ui/sites/" + team + "?lang=en", "groupings"},
		{"site-outcomes", "/ui/sites/" + team + "?lang=en", "outcomes"},
		{"review-profile-radar", "/ui/reviews/" + fin.ID + "?lang=en", "profile-charts"},
		{"report-read", "/ui/reviews/" + rv.ID + "/report?lang=nb", ""},
		{"report-proposals", "/ui/reviews/" + rv.ID + "/report?lang=nb", "proposals"},
		{"report-write", "/ui/reviews/" + rv.ID + "/report/write?lang=nb", ""},
		{"import-check", job + "?lang=nb", ""},
		{"import-corrections", corrections + "?lang=nb", ""},
	}
	dir := filepath.Join("..", "..", "docs", "screenshots")
	tb := newBrowser(t, e.srv.URL, 1280, 1000).tab()
	tb.quiet = true // TestBrowserAccessibility and the tests of these views audit them
	for _, width := range []int{768, 1280} {
		tb.do(chromedp.EmulateViewport(int64(width), 1000))
		for _, p := range pages {
			tb.open(p.path)
			if p.target != "" { // else the top of the page
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
