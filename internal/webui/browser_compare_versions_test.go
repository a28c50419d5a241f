package webui_test

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ipsfidelity/fidelity/internal/service"
)

// TestBrowserComparisonGroupOfOlderScales: the comparison page's group of
// sites on an older scale passes the axe audit in both languages (every
// page load is audited), its table sits in a focusable, labelled scroll
// region, and at 320 CSS pixels the page does not scroll sideways.
func TestBrowserComparisonGroupOfOlderScales(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	t.Parallel()
	e := newEnv(t, envOpts{})
	rater, err := e.svc.CreateRater(e.sys, service.RaterInput{Name: "Ingrid Solberg", Email: "ingrid@example.no"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for code, name := range []string{"IPS-team Bergenhus", "IPS-team Bodø"} {
		s, err := e.svc.CreateSite(e.sys, service.SiteInput{Kind: "team", Code: "T" + string(rune('1'+code)), Name: name})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, s.ID)
	}
	e.finaliseUnder("se-fidelity@2008", ids[0], rater.ID, time.Date(2009, 3, 15, 0, 0, 0, 0, time.UTC), 4)
	e.finaliseUnder("ips-15@1996", ids[1], rater.ID, time.Date(2008, 3, 12, 0, 0, 0, 0, time.UTC), 3)

	tb := newBrowser(t, e.srv.URL, 1280, 900).tab()
	for _, lang := range []string{"en", "nb"} {
		tb.open("/ui/compare?lang=" + lang)
		if tb.count(`.scroll[role=region][tabindex="0"][aria-labelledby="h-other-versions"] > table#other-versions-table`) != 1 {
			t.Errorf("%s: the group of older scales is not in a focusable, labelled scroll region", lang)
		}
	}
	tb.do(chromedp.EmulateViewport(320, 900))
	tb.open("/ui/compare")
	if over := eval[int](tb, `document.documentElement.scrollWidth - window.innerWidth`); over > 0 {
		t.Errorf("the comparison page with the group of older scales scrolls sideways by %d px at 320 px", over)
	}
}
