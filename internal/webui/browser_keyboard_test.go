package webui_test

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The keyboard walk: Tab through a form as a keyboard user does and check,
// at every stop, WCAG 2.4.7 (focus visible) and 2.4.11 (focus not obscured):
// the focused control is inside the viewport, no fixed or sticky element
// (the Save/Submit bar) covers it, and it draws a focus ring. At the end
// every control of the form must have been reached (a radio group is one
// stop, as in every browser).

// focusStop is what the page reports about the focused element.
type focusStop struct {
	Key      string  `json:"key"`      // the control: its id, or name for a radio group
	Desc     string  `json:"desc"`     // for messages
	InForm   bool    `json:"inForm"`   // inside the walked form
	Top      float64 `json:"top"`      // its box in the viewport
	Bottom   float64 `json:"bottom"`   //
	ViewH    float64 `json:"viewH"`    //
	Covered  string  `json:"covered"`  // the fixed/sticky element over it, "" if none
	Ring     bool    `json:"ring"`     // a visible outline or shadow
	RingNote string  `json:"ringNote"` // the computed outline, for messages
}

// focusProbe describes document.activeElement relative to the form sel.
const focusProbe = `(function(sel){
  var f = document.querySelector(sel), e = document.activeElement;
  if (!e || e === document.body) return JSON.stringify({key: "", inForm: false});
  var key = e.type === "radio" ? "radio:" + e.name : (e.id || e.name || e.tagName + ":" + (e.textContent || "").trim().slice(0, 30));
  var r = e.getBoundingClientRect();
  var covered = "";
  (window.__pinned || []).forEach(function (o) {
    if (covered || o === e || o.contains(e)) return;
    var b = o.getBoundingClientRect();
    // A sticky element only covers when it is stuck out of its place; the
    // overlap test below is what the user sees either way.
    if (b.width === 0 || b.height === 0) return;
    var x = Math.min(r.right, b.right) - Math.max(r.left, b.left);
    var y = Math.min(r.bottom, b.bottom) - Math.max(r.top, b.top);
    if (x > 0 && y > 0) covered = o.tagName.toLowerCase() + (o.className ? "." + String(o.className).replace(/ /g, ".") : "");
  });
  function ring(el) {
    var s = getComputedStyle(el);
    var w = parseFloat(s.outlineWidth) || 0;
    if (s.outlineStyle !== "none" && w >= 2) return true;
    return s.boxShadow && s.boxShadow !== "none";
  }
  var lab = e.closest("label");
  var has = ring(e) || (lab && ring(lab));
  var cs = getComputedStyle(e);
  return JSON.stringify({key: key, desc: e.outerHTML.slice(0, 140), inForm: !!(f && f.contains(e)),
    top: r.top, bottom: r.bottom, viewH: window.innerHeight, covered: covered, ring: !!has,
    ringNote: cs.outlineStyle + " " + cs.outlineWidth});
})(%s)`

// controlsProbe lists the tab stops a form should have: every enabled,
// rendered control, radio groups once.
const controlsProbe = `(function(sel){
  var f = document.querySelector(sel), seen = {}, out = [];
  f.querySelectorAll("input:not([type=hidden]), select, textarea, button, a[href], summary").forEach(function (e) {
    if (e.disabled || e.closest("fieldset[disabled]") || e.getClientRects().length === 0 || e.tabIndex < 0) return;
    var key = e.type === "radio" ? "radio:" + e.name : (e.id || e.name || e.tagName + ":" + (e.textContent || "").trim().slice(0, 30));
    if (!seen[key]) { seen[key] = true; out.push(key); }
  });
  // The fixed and sticky elements, found once for the walk.
  window.__pinned = Array.prototype.filter.call(document.querySelectorAll("body *"), function (o) {
    var pos = getComputedStyle(o).position;
    return pos === "fixed" || pos === "sticky";
  });
  return JSON.stringify(out);
})(%s)`

// keyboardWalk tabs from the top of the page through the form sel and
// returns the number of stops inside it; every failed check is a test error.
// The page is shown with reduced motion, so scrolling to the focused
// control is instant and the check sees where the control ends up.
func (tb *tab) keyboardWalk(sel string) int {
	tb.t.Helper()
	q := strconv.Quote(sel)
	var want []string
	if err := json.Unmarshal([]byte(eval[string](tb, strings.Replace(controlsProbe, "%s", q, 1))), &want); err != nil {
		tb.t.Fatal(err)
	}
	if len(want) == 0 {
		tb.t.Fatalf("no controls in %s", sel)
	}
	tb.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}}})
		return err
	}))
	// Start before everything: focus the document, scrolled to the top.
	eval[bool](tb, `(function(){window.scrollTo(0,0); if(document.activeElement) document.activeElement.blur(); return true})()`)
	reached := map[string]bool{}
	stops, entered := 0, false
	obscured := 0
	limit := 3*len(want) + 80
	for i := 0; i < limit; i++ {
		tb.do(chromedp.KeyEvent("\t"))
		var st focusStop
		if err := json.Unmarshal([]byte(eval[string](tb, strings.Replace(focusProbe, "%s", q, 1))), &st); err != nil {
			tb.t.Fatal(err)
		}
		if !st.InForm {
			if entered {
				break // left the form: the walk is over
			}
			continue
		}
		entered = true
		stops++
		reached[st.Key] = true
		problem := ""
		switch {
		case st.Top < 0 || st.Bottom > st.ViewH+0.5:
			problem = "outside the viewport (top " + ftoa(st.Top) + ", bottom " + ftoa(st.Bottom) + ", viewport " + ftoa(st.ViewH) + ")"
		case st.Covered != "":
			problem = "under the fixed/sticky " + st.Covered
		case !st.Ring:
			problem = "no visible focus ring (outline " + st.RingNote + ")"
		}
		if problem != "" {
			obscured++
			if obscured <= 8 {
				tb.t.Errorf("tab stop %d, %s: %s\n  %s", stops, st.Key, problem, st.Desc)
			}
		}
	}
	if obscured > 8 {
		tb.t.Errorf("… %d tab stops failed in all", obscured)
	}
	var missed []string
	for _, k := range want {
		if !reached[k] {
			missed = append(missed, k)
		}
	}
	if len(missed) > 0 {
		tb.t.Errorf("%d of %d controls never reached by Tab: %v", len(missed), len(want), first(missed, 10))
	}
	return stops
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', 0, 64) }

func first(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
