package webui_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// TestBrowserConsensusDisagreementsOnly: a consensus meeting opens on the
// items the raters disagree on (or that have no consensus score yet); the
// agreed items are a compact table per section with their editors folded
// away. Saving from that view still keeps every agreed item, and "All
// items" shows the whole form as before. In Norwegian throughout. Logs the
// page height of both views (document.body.scrollHeight).
func TestBrowserConsensusDisagreementsOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	t.Parallel()
	e := newEnv(t, envOpts{seed: true})
	cons := e.reviewIn(fidelity.StatusConsensus)
	tb := newBrowser(t, e.srv.URL, 1280, 900).tab()
	tb.open("/ui/accessibility?lang=nb")
	page := "/ui/reviews/" + cons.ID + "/consensus"

	tb.open(page)
	if got := eval[string](tb, `(function(){var a=document.querySelector('#show-focus'); return a ? (a.getAttribute('aria-current')||'') : ''})()`); got != "page" {
		t.Fatalf("the consensus page does not open on the items to discuss (aria-current=%q)", got)
	}
	if nav := tb.text("nav.viewtoggle"); !strings.Contains(nav, "Bare indikatorer som må drøftes") || !strings.Contains(nav, "Alle indikatorer (25)") {
		t.Errorf("the view toggle is not in Norwegian: %q", nav)
	}
	focusText := tb.text("#focus-count")
	focus, err := strconv.Atoi(strings.Fields(focusText + " x")[0])
	if err != nil || focus == 0 {
		t.Fatalf("no items to discuss in %q", focusText)
	}
	shown := tb.count(`#editor fieldset.item:not(details.folded fieldset.item)`)
	folded := tb.count(`details.folded fieldset.item`)
	rows := tb.count(`table.agreed tbody tr`)
	if shown != focus || folded != rows || shown+folded != 25 {
		t.Errorf("expanded %d (want %d to discuss), folded %d, table rows %d; want all 25 items once", shown, focus, folded, rows)
	}
	if tb.count(`details.folded[open]`) != 0 {
		t.Error("the agreed items' editors are open")
	}
	if n := tb.count(`#editor fieldset.item.disagree:not(details.folded fieldset.item)`); n == 0 {
		t.Error("no disagreement is expanded")
	}
	if c := tb.text("table.agreed caption"); !strings.Contains(c, "evaluatorene er enige") {
		t.Errorf("summary table caption %q", c)
	}
	focusHeight := eval[int](tb, `document.body.scrollHeight`)

	// Every agreed item in the tables, to check after saving.
	agreed := strings.Fields(eval[string](tb, `Array.from(document.querySelectorAll('table.agreed tbody th .iid')).map(function(e){return e.textContent}).join(' ')`))
	if len(agreed) == 0 {
		t.Fatal("no agreed items in the summary tables")
	}
	tb.click(`#editor button[name=action][value=save]`)
	tb.waitPath("done=consensus_saved")
	if !strings.Contains(tb.location(), "show=disagreements") {
		t.Errorf("after saving the view changed: %s", tb.location())
	}
	saved, err := e.svc.GetConsensus(e.sys, cons.ID)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, in := range saved.Inputs {
		have[in.ItemID] = true
	}
	for _, id := range agreed {
		if !have[id] {
			t.Errorf("saving from the disagreements view lost agreed item %s", id)
		}
	}

	tb.click("#show-all")
	tb.waitPath("show=all")
	if n := tb.count(`#editor fieldset.item`); n != 25 || tb.count(`details.folded`) != 0 {
		t.Errorf("the full view shows %d items and %d folds", n, tb.count(`details.folded`))
	}
	allHeight := eval[int](tb, `document.body.scrollHeight`)
	t.Logf("consensus page height at 1280 px: %d px with every item, %d px with the %d items to discuss", allHeight, focusHeight, focus)
	if focusHeight >= allHeight {
		t.Errorf("the disagreements view (%d px) is not shorter than the full form (%d px)", focusHeight, allHeight)
	}
}
