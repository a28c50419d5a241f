package webui_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

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
	e := newEnv(t, envOpts{seed: true})
	inProgress := e.reviewIn(fidelity.StatusInProgress)
	cons := e.reviewIn(fidelity.StatusConsensus)
	fin := e.reviewIn(fidelity.StatusFinalised)
	// A self-assessment next to an external review, so the agreement page
	// shows its pairs.
	e.finish(fin.SiteID, fidelity.ReviewSelf, fin.VisitEnd.AddDate(0, 0, -10), fin.RaterIDs, 4)
	due := time.Now().UTC().AddDate(0, 3, 0)
	if _, err := e.svc.CreateAction(e.sys, fin.ID, service.ActionInput{Title: "Weekly caseload review with the team leader",
		ItemIDs: []string{"S1", "Sv6"}, Owner: "Kari Nilsen", Due: &due, Note: "Start after the summer"}); err != nil {
		t.Fatal(err)
	}
	pages := []struct{ name, path, focus string }{
		{"review-form", "/ui/reviews/" + inProgress.ID + "/rate/" + inProgress.RaterIDs[1], "#f-v-S1-active_clients"},
		{"review-form-specialists", "/ui/reviews/" + inProgress.ID + "/rate/" + inProgress.RaterIDs[1] + "#item-Sv6", ""},
		{"consensus", "/ui/reviews/" + cons.ID + "/consensus", ""},
		{"site", "/ui/sites/" + fin.SiteID, ""},
		{"comparison", "/ui/compare", ""},
		{"agreement", "/ui/agreement#h-drift", ""},
		{"action-plan", "/ui/reviews/" + fin.ID + "#actions", "#f-title"},
		{"scales", "/ui/scales/se-fidelity@2008", ""},
		{"sites", "/ui/sites", ""},
		{"reviews", "/ui/reviews?status=all", ""},
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
				eval[bool](tb, `(function(){document.getElementById(`+strconv.Quote(p.path[i+1:])+`).scrollIntoView({behavior:"instant"});return true})()`)
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

func chromedpRun(tb *tab, a chromedp.Action[[]byte]) ([]byte, error) {
	return chromedp.Run(tb.ctx, a)
}
