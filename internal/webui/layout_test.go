package webui_test

import (
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

// TestBrowserLayout opens the main pages at tablet (768 px) and desktop
// (1280 px) width and checks that nothing scrolls sideways. With
// UI_SCREENSHOTS=1 it saves screenshots to docs/screenshots/.
func TestBrowserLayout(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	// The default demo data set (what `serve --demo` shows) on a fixed
	// day, so screenshots taken again show the same data.
	opts := demo.DefaultOptions(screenshotDay.AddDate(0, 0, -14))
	e := newEnv(t, envOpts{demo: &opts, today: screenshotDay})
	inProgress := e.reviewIn(fidelity.StatusInProgress)
	cons := e.reviewIn(fidelity.StatusConsensus)
	team := e.siteNamed(screenshotTeam)
	fin := e.latestWithPlan(team)
	dayA, dayB := screenshotDay.AddDate(-1, 0, 0).Format(time.DateOnly), screenshotDay.Format(time.DateOnly)
	pages := []struct{ name, path, focus string }{
		{"home", "/", ""},
		{"review-form", "/ui/reviews/" + inProgress.ID + "/rate/" + inProgress.RaterIDs[1], "#f-v-S1-active_clients"},
		{"review-form-specialists", "/ui/reviews/" + inProgress.ID + "/rate/" + inProgress.RaterIDs[1] + "#item-Sv6", ""},
		{"consensus", "/ui/reviews/" + cons.ID + "/consensus#item-" + e.firstDisagreement(cons), ""},
		{"site", "/ui/sites/" + team, ""},
		{"comparison", "/ui/compare?period_a=" + dayA + "&period_b=" + dayB, ""},
		{"agreement", "/ui/agreement#h-drift", ""},
		{"action-plan", "/ui/reviews/" + fin.ID + "#actions", "#f-title"},
		{"scales", "/ui/scales/se-fidelity@2008", ""},
		{"sites", "/ui/sites", ""},
		{"reviews", "/ui/reviews", ""},
	}
	shots := os.Getenv("UI_SCREENSHOTS") == "1"
	dir := filepath.Join("..", "..", "docs", "screenshots")
	if shots {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	b := newBrowser(t, e.srv.URL, 1280, 1000)
	tb := b.tab()
	for _, width := range []int{768, 1280} {
		tb.do(chromedp.EmulateViewport(int64(width), 1000))
		for _, p := range pages {
			if !shots && width == 1280 {
				continue
			}
			tb.open(p.path)
			if i := strings.Index(p.path, "#"); i >= 0 {
				// Again after the page's scripts have settled its layout,
				// so the target starts at the top of the picture.
				scroll := `(function(){document.getElementById(` + strconv.Quote(p.path[i+1:]) + `).scrollIntoView({behavior:"instant"});return true})()`
				eval[bool](tb, scroll)
				tb.do(chromedp.Sleep(300 * time.Millisecond))
				eval[bool](tb, scroll)
			}
			if p.focus != "" {
				// A field in a folded section unfolds it first.
				eval[bool](tb, `(function(){var d=document.querySelector(`+strconv.Quote(p.focus)+`).closest("details");if(d){d.open=true};return true})()`)
				tb.do(chromedp.Focus(chromedp.CSS(p.focus)))
			}
			if over := eval[int](tb, `document.documentElement.scrollWidth - window.innerWidth`); over > 0 {
				t.Errorf("%s at %d px scrolls sideways by %d px", p.name, width, over)
			}
			if !shots {
				continue
			}
			png, err := chromedpRun(tb, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(dir, p.name+"-"+strconv.Itoa(width)+".png")
			if err := os.WriteFile(name, png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// The screenshots show the demo data as it stands on screenshotDay, and
// the site and action plan of screenshotTeam: three years of reviews,
// one with three raters, its lead's self-assessments and an open plan.
var screenshotDay = time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC)

const screenshotTeam = "IPS-team Bergenhus"

func (e *env) siteNamed(name string) string {
	e.t.Helper()
	sites, _, err := e.svc.ListSites(e.sys, service.SiteFilter{NameContains: name})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, s := range sites {
		if s.Name == name {
			return s.ID
		}
	}
	e.t.Fatalf("no site %s", name)
	return ""
}

// latestWithPlan is the site's latest finalised external review that has
// an action plan.
func (e *env) latestWithPlan(siteID string) fidelity.Review {
	e.t.Helper()
	rs, _, err := e.svc.ListReviews(e.sys, service.ReviewFilter{SiteID: siteID, Status: []fidelity.ReviewStatus{fidelity.StatusFinalised},
		Type: []fidelity.ReviewType{fidelity.ReviewExternal}})
	if err != nil {
		e.t.Fatal(err)
	}
	var out *fidelity.Review
	for i := range rs {
		if len(e.actions(rs[i].ID)) > 0 && (out == nil || rs[i].VisitEnd.After(out.VisitEnd)) {
			out = &rs[i]
		}
	}
	if out == nil {
		e.t.Fatalf("no finalised review of %s has an action plan", siteID)
	}
	return *out
}

// firstDisagreement is the first item the review's raters score apart.
func (e *env) firstDisagreement(r fidelity.Review) string {
	e.t.Helper()
	var first []fidelity.ItemScore
	for _, rater := range r.RaterIDs {
		rs, err := e.svc.GetRatings(e.sys, r.ID, rater)
		if err != nil {
			e.t.Fatal(err)
		}
		if first == nil {
			first = rs.Scorecard.Items
			continue
		}
		for i, it := range rs.Scorecard.Items {
			if a, b := first[i].Score, it.Score; a != nil && b != nil && *a != *b {
				return it.ItemID
			}
		}
	}
	e.t.Fatalf("the raters of review %s agree on every item", r.ID)
	return ""
}

func chromedpRun(tb *tab, a chromedp.Action[[]byte]) ([]byte, error) {
	return chromedp.Run(tb.ctx, a)
}
