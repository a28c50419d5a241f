package webui_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// TestBrowserKeyboard tabs through the rating and the consensus form, on a
// desktop and a phone-sized screen: every control is reached, and at each
// stop the control is in view, not under the sticky Save/Submit bar, and
// shows a focus ring (WCAG 2.1.1, 2.4.7, 2.4.11).
func TestBrowserKeyboard(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	e := newEnv(t, envOpts{seed: true})
	inProgress := e.reviewIn(fidelity.StatusInProgress)
	cons := e.reviewIn(fidelity.StatusConsensus)
	b := newBrowser(t, e.srv.URL, 1280, 800)
	tb := b.tab()
	for _, size := range []struct {
		name string
		w, h int64
	}{{"desktop", 1280, 800}, {"phone", 390, 740}} {
		t.Run(size.name, func(t *testing.T) {
			tb := tb.on(t)
			tb.do(chromedp.EmulateViewport(size.w, size.h))
			tb.open("/ui/reviews/" + inProgress.ID + "/rate/" + inProgress.RaterIDs[1])
			if n := tb.keyboardWalk("#editor"); n < 100 {
				t.Errorf("rating form: only %d tab stops", n)
			}
			if size.name == "phone" {
				return // one form is enough to show the narrow layout
			}
			tb.open("/ui/reviews/" + cons.ID + "/consensus")
			if n := tb.keyboardWalk("#editor"); n < 100 {
				t.Errorf("consensus form: only %d tab stops", n)
			}
		})
	}
}
