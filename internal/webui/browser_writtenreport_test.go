package webui_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// TestBrowserWrittenReport: the report preview passes axe (WCAG 2.2 AA
// rules) in both languages, names its language, and at 320 CSS pixels
// wide does not scroll sideways: wide tables scroll inside their own
// labelled, focusable regions.
func TestBrowserReportDocument(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	t.Parallel()
	e := newEnv(t, envOpts{seed: true})
	fin := e.reviewIn(fidelity.StatusFinalised)
	tb := newBrowser(t, e.srv.URL, 1280, 900).tab()
	for _, lang := range []string{"en", "nb"} {
		tb.open("/ui/accessibility?lang=" + lang)
		tb.open("/ui/reviews/" + fin.ID + "/report/document") // audits
		if got := tb.pageLang(); got != lang {
			t.Errorf("report preview: <html lang=%q>, want %q", got, lang)
		}
		if n := tb.count("h1"); n != 1 {
			t.Errorf("report preview has %d h1", n)
		}
		tb.do(chromedp.EmulateViewport(320, 900))
		tb.open("/ui/reviews/" + fin.ID + "/report/document")
		if over := eval[int](tb, `document.documentElement.scrollWidth - window.innerWidth`); over > 0 {
			t.Errorf("%s: the report scrolls sideways by %d px at 320 px", lang, over)
		}
		tb.do(chromedp.EmulateViewport(1280, 900))
	}
}
