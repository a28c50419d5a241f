package webui_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The accessibility audit: axe-core (vendored in testdata/axe, see
// SOURCE.md there) runs in every page state the browser tests reach. The
// harness calls audit() after each page load (tab.open, tab.waitPath), so
// a page added to any browser test is audited without further work.

// axeTags are the rule sets audited: WCAG 2.0, 2.1 and 2.2, levels A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

var axeSource = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile(filepath.Join("testdata", "axe", "axe.min.js"))
	return string(b), err
})

// axeViolation is the part of an axe result a failure message needs.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Tags   []string `json:"tags"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// axeRun injects axe-core when the page does not have it yet and runs it on
// the whole document; it returns the violations of the audited tags.
func axeRun(ctx context.Context) ([]axeViolation, error) {
	src, err := axeSource()
	if err != nil {
		return nil, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function(){if(typeof window.axe==="undefined"){`+src+`
};return true})()`)); err != nil {
		return nil, err
	}
	// Sticky elements (the Save/Submit bar) cover whatever scrolls beneath
	// them, so axe's target-size rule would judge the controls that happen
	// to sit under the bar at this scroll position. Audit with the page
	// scrolled to its end, where sticky elements rest in their own place;
	// that nothing focused is ever covered is the keyboard walk's check
	// (browser_keyboard_test.go).
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function(){window.scrollTo({top: document.documentElement.scrollHeight, behavior: "instant"}); return true})()`)); err != nil {
		return nil, err
	}
	tags, _ := json.Marshal(axeTags)
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: "tag", values: `+string(tags)+`},
		resultTypes: ["violations"]}).then(function(r){return JSON.stringify(r.violations)})`, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, err
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		return nil, err
	}
	return vs, nil
}

// audit runs axe on the tab's current page and reports every violation as
// a test error naming the page, the rule and the offending elements.
func (tb *tab) audit() {
	tb.t.Helper()
	if tb.quiet {
		return
	}
	// axe walks every node: a long form on a busy machine takes a while.
	ctx, cancel := context.WithTimeout(tb.ctx, 6*stepTimeout)
	defer cancel()
	start := time.Now()
	vs, err := axeRun(ctx)
	if err != nil {
		tb.t.Fatalf("axe on %s: %v", tb.location(), err)
	}
	tb.t.Logf("axe: %s in %s, %d violations", tb.location(), time.Since(start).Round(time.Millisecond), len(vs))
	for _, v := range vs {
		tb.t.Errorf("axe on %s (lang %s): %s (%s, %s): %s", tb.location(), tb.pageLang(), v.ID, v.Impact, strings.Join(v.Tags, " "), v.Help)
		for i, n := range v.Nodes {
			if i == 5 {
				tb.t.Errorf("  … and %d more", len(v.Nodes)-i)
				break
			}
			tb.t.Errorf("  %v %.200s\n    %s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n    "))
		}
	}
}

func (tb *tab) pageLang() string {
	ctx, cancel := context.WithTimeout(tb.ctx, 2*stepTimeout)
	defer cancel()
	l, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
	return l
}

// TestAxeFindsViolations proves the audit can fail: a page with an
// unlabelled field and an aria-label on a role-less <g> must be reported.
func TestAxeFindsViolations(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	b := newBrowser(t, "", 800, 600)
	tb := b.tab()
	tb.do(chromedp.Navigate(`data:text/html,<!doctype html><html lang="en"><title>t</title><main><input type="text">` +
		`<svg role="img" aria-label="chart"><g aria-label="series"><circle r="3"/></g></svg></main></html>`))
	ctx, cancel := context.WithTimeout(tb.ctx, 2*stepTimeout)
	defer cancel()
	vs, err := axeRun(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, v := range vs {
		found[v.ID] = true
	}
	for _, id := range []string{"label", "aria-prohibited-attr"} {
		if !found[id] {
			t.Errorf("axe did not report %s on a page that breaks it (got %v)", id, found)
		}
	}
}
