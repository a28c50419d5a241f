package webui_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdpage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// TestBrowserKeyboard tabs through the rating and the consensus form, on a
// desktop and a phone-sized screen: every control is reached, and at each
// stop the control is in view, not under the sticky Save/Submit bar, and
// shows a focus ring (WCAG 2.1.1, 2.4.7, 2.4.11).
func TestBrowserKeyboard(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	t.Parallel()
	e := newEnv(t, envOpts{seed: true})
	inProgress := e.reviewIn(fidelity.StatusInProgress)
	cons := e.reviewIn(fidelity.StatusConsensus)
	b := newBrowser(t, e.srv.URL, 1280, 800)
	tb := b.tab()
	tb.quiet = true // TestBrowserAccessibility audits these forms
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
			if os.Getenv("UI_SCREENSHOTS") == "1" {
				focusScreenshot(t, tb, "/ui/reviews/"+inProgress.ID+"/rate/"+inProgress.RaterIDs[1])
			}
			tb.open("/ui/reviews/" + cons.ID + "/consensus?show=all")
			if n := tb.keyboardWalk("#editor"); n < 100 {
				t.Errorf("consensus form: only %d tab stops", n)
			}
			// The disagreements view with its folds opened (as Enter on each
			// summary does): every control, the folded ones included, is
			// reached in order, in view and with a focus ring.
			tb.open("/ui/reviews/" + cons.ID + "/consensus")
			folds := eval[int](tb, `(function(){var d=document.querySelectorAll("details.folded");d.forEach(function(x){x.open=true});return d.length})()`)
			if n := tb.keyboardWalk("#editor"); folds == 0 || n < 100+folds {
				t.Errorf("consensus form, disagreements only: %d tab stops for %d folds", n, folds)
			}
		})
	}
}

// a11yPages are the page states of the demo data every accessibility check
// visits: each kind of page, charts, forms and an error page.
func a11yPages(t *testing.T, e *env) []string {
	inProgress := e.reviewIn(fidelity.StatusInProgress)
	cons := e.reviewIn(fidelity.StatusConsensus)
	fin := e.reviewIn(fidelity.StatusFinalised)
	due := time.Now().UTC().AddDate(0, 3, 0)
	if _, err := e.svc.CreateAction(e.sys, fin.ID, service.ActionInput{Title: "Weekly caseload review",
		ItemIDs: []string{"S1"}, Owner: "Kari Nilsen", Due: &due}); err != nil {
		t.Fatal(err)
	}
	// One page per template: axe on a long form takes seconds.
	return []string{
		"/", "/ui/reviews?status=all", "/ui/reviews/new?site=" + fin.SiteID,
		"/ui/reviews/" + inProgress.ID + "/rate/" + inProgress.RaterIDs[0],
		"/ui/reviews/" + cons.ID + "/consensus", "/ui/reviews/" + fin.ID,
		"/ui/sites", "/ui/sites/" + fin.SiteID, "/ui/compare", "/ui/agreement",
		"/ui/scales", "/ui/scales/se-fidelity@2008", "/ui/accessibility", "/ui/reviews/no-such-review",
		"/ui/imports", "/ui/imports/" + checkedImport(t, e),
		"/ui/reviews/" + fin.ID + "/report/write", "/ui/reviews/" + fin.ID + "/report",
	}
}

// checkedImport is the id of a finished dry run whose report has errors.
func checkedImport(t *testing.T, e *env) string {
	t.Helper()
	job, err := e.svc.StartImport(e.sys, strings.NewReader(importFile(t, e, "9")), service.ImportJobOptions{CreateSites: true})
	if err != nil {
		t.Fatal(err)
	}
	for range 500 {
		if j, err := e.svc.GetImport(e.sys, job.ID); err != nil || j.Status != service.ImportRunning {
			return job.ID
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the import check did not finish")
	return ""
}

// TestBrowserAccessibility audits every page state in English (desktop
// width) and in Norwegian (tablet width) with axe (tab.open does), and the
// error states of the forms: the error summary names fields by their
// labels in the page's language, and every invalid control is marked
// aria-invalid.
func TestBrowserAccessibility(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	t.Parallel()
	e := newEnv(t, envOpts{seed: true})
	paths := a11yPages(t, e)
	inProgress := e.reviewIn(fidelity.StatusInProgress)
	fin := e.reviewIn(fidelity.StatusFinalised)
	for _, lang := range []string{"en", "nb"} {
		t.Run(lang, func(t *testing.T) {
			width := map[string]int{"en": 1280, "nb": 768}[lang]
			tb := newBrowser(t, e.srv.URL, width, 900).tab()
			tb.open("/ui/accessibility?lang=" + lang)
			for _, p := range paths {
				tb.open(p)
				if got := tb.pageLang(); got != lang {
					t.Errorf("%s: <html lang=%q>, want %q", p, got, lang)
				}
				if tb.count(`footer a[href="/ui/accessibility"]`) != 1 {
					t.Errorf("%s: no link to the accessibility statement in the footer", p)
				}
			}

			// Planning with no site and no rater.
			tb.open("/ui/reviews/new")
			eval[bool](tb, `(function(){document.getElementById('f-site_id').value='';
				document.querySelectorAll('input[name=rater_ids]').forEach(function(c){c.checked=false});return true})()`)
			tb.click(`form[action="/ui/reviews"] button[type=submit]`)
			tb.until("the plan form with errors", `document.getElementById('errsummary') !== null`)
			tb.audit()
			summary := tb.text("#errsummary")
			wantSite, wantRaters, wantReason := map[string]string{"en": "Site", "nb": "Enhet"}[lang],
				map[string]string{"en": "Raters", "nb": "Evaluatorer"}[lang],
				map[string]string{"en": "at least one rater is required", "nb": "velg minst én evaluator"}[lang]
			for _, want := range []string{wantSite + ":", wantRaters + ": " + wantReason} {
				if !strings.Contains(summary, want) {
					t.Errorf("plan summary lacks %q:\n%s", want, summary)
				}
			}
			for _, id := range []string{"site_id", "rater_ids"} {
				if strings.Contains(summary, id) {
					t.Errorf("plan summary shows the internal name %s:\n%s", id, summary)
				}
			}
			if tb.count(`#f-site_id[aria-invalid="true"]`) != 1 || tb.count(`input[name=rater_ids][aria-invalid="true"]`) == 0 {
				t.Error("the invalid site and rater controls are not marked aria-invalid")
			}
			if tb.count(`#errsummary a[href="#f-site_id"]`) != 1 {
				t.Error("the summary does not link to the site field")
			}

			// The rating form with a zero FTE and a word for a number.
			tb.open("/ui/reviews/" + inProgress.ID + "/rate/" + inProgress.RaterIDs[1])
			eval[bool](tb, `(function(){document.getElementById('f-v-S1-specialist_fte').value='0';
				document.getElementById('f-v-S2-scheduled_hours').value='abc';return true})()`)
			tb.click(`button[name=action][value=save]`)
			tb.until("the rating form with errors", `document.getElementById('errsummary') !== null`)
			tb.audit()
			summary = tb.text("#errsummary")
			// An FTE of 0 is refused with the scale's own reason, in the
			// page's language.
			reason := map[string]string{"en": "must not be 0: A team with no employment-specialist time",
				"nb": "kan ikke være 0: "}[lang]
			label := eval[string](tb, `document.querySelector('label[for="f-v-S1-specialist_fte"]').firstChild.textContent.trim()`)
			if !strings.Contains(summary, label) || !strings.Contains(summary, reason) {
				t.Errorf("rating summary lacks the FTE label %q or the reason %q:\n%s", label, reason, summary)
			}
			if lang == "nb" && strings.Contains(summary, "A team with no employment-specialist time") {
				t.Errorf("the Norwegian summary quotes the scale's reason in English:\n%s", summary)
			}
			if strings.Contains(summary, "v.S1") || strings.Contains(summary, "v.S2") {
				t.Errorf("rating summary shows internal field names:\n%s", summary)
			}
			for _, sel := range []string{"#f-v-S1-specialist_fte", "#f-v-S2-scheduled_hours"} {
				if tb.count(sel+`[aria-invalid="true"]`) != 1 {
					t.Errorf("%s is not marked aria-invalid", sel)
				}
			}
			if tb.count(`#errsummary a[href="#f-v-S1-specialist_fte"]`) != 1 {
				t.Error("the summary does not link to the FTE field")
			}

			// An action item without a title.
			tb.open("/ui/reviews/" + fin.ID)
			tb.click("#action-new summary")
			tb.click(`#action-new button[type=submit]`)
			tb.until("the action form with errors", `document.getElementById('errsummary') !== null`)
			tb.audit()
			if s := tb.text("#errsummary"); strings.Contains(s, "title:") || !strings.Contains(s, map[string]string{"en": "What will be done", "nb": "Hva skal gjøres"}[lang]) {
				t.Errorf("action summary does not name the title field by its label:\n%s", s)
			}
		})
	}
}

// TestBrowserReflow: at 320 CSS pixels wide and at 200 % text size no page
// scrolls sideways and no text is lost (WCAG 1.4.4, 1.4.10); a wide matrix
// scrolls inside its own labelled region instead.
func TestBrowserReflow(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	t.Parallel()
	e := newEnv(t, envOpts{seed: true})
	paths := a11yPages(t, e)
	b := newBrowser(t, e.srv.URL, 1280, 900)
	tb := b.tab()
	tb.quiet = true // TestBrowserAccessibility audits these pages
	words := func(tb *tab) []string {
		w := strings.Fields(eval[string](tb, `document.querySelector('main').innerText`))
		slices.Sort(w)
		return w
	}
	fontSize := func(tb *tab, px int64) {
		tb.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, cdpage.SetFontSizes, cdpage.SetFontSizesParams{FontSizes: &cdpage.FontSizes{Standard: px, Fixed: px * 13 / 16}})
			return err
		}))
	}
	for _, p := range paths {
		tb.do(chromedp.EmulateViewport(1280, 900))
		fontSize(tb, 16)
		tb.open(p)
		base := words(tb)
		for _, v := range []struct {
			name  string
			width int64
			font  int64
		}{{"320 px wide", 320, 16}, {"200 % text", 1280, 32}} {
			tb.do(chromedp.EmulateViewport(v.width, 900))
			fontSize(tb, v.font)
			tb.open(p)
			if v.font != 16 {
				if got := eval[float64](tb, `parseFloat(getComputedStyle(document.body).fontSize)`); got < 31 {
					t.Errorf("%s at %s: body text is %.0f px, the page does not follow the browser's text size", p, v.name, got)
				}
			}
			if over := eval[int](tb, `document.documentElement.scrollWidth - window.innerWidth`); over > 0 {
				t.Errorf("%s at %s scrolls sideways by %d px", p, v.name, over)
			}
			if got := words(tb); !slices.Equal(got, base) {
				t.Errorf("%s at %s: the text differs from the normal view (%d words, %d normally)", p, v.name, len(got), len(base))
			}
			// Nothing is cut off: no element that clips its overflow holds
			// more than it shows, except the scroll regions made for it.
			var clipped []string
			if err := json.Unmarshal([]byte(eval[string](tb, clippedProbe)), &clipped); err != nil {
				t.Fatal(err)
			}
			if len(clipped) > 0 {
				t.Errorf("%s at %s: content cut off in %v", p, v.name, first(clipped, 5))
			}
		}
	}
	fontSize(tb, 16)
	tb.do(chromedp.EmulateViewport(320, 900))
	tb.open("/ui/compare")
	if tb.count(`.scroll[role=region][tabindex="0"][aria-labelledby] > table#transitions`) != 1 {
		t.Error("the transitions matrix is not in a focusable, labelled scroll region")
	}
}

// clippedProbe lists elements whose overflow is hidden or clipped while
// their content is wider or taller than their box (visually hidden text
// excepted).
const clippedProbe = `(function(){
  var out = [];
  document.querySelectorAll("main *").forEach(function (el) {
    var s = getComputedStyle(el);
    if (s.overflowX !== "hidden" && s.overflowX !== "clip" && s.overflowY !== "hidden" && s.overflowY !== "clip") return;
    if (el.classList.contains("vh") || el.clientWidth <= 1) return;
    if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
      out.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className ? "." + String(el.className).replace(/ /g, ".") : ""));
    }
  });
  return JSON.stringify(out);
})()`

// focusScreenshot tabs to the first score radio button of the rating form
// and saves docs/screenshots/rating-form-keyboard-focus.png, which shows
// the focus ring clear of the sticky Save/Submit bar.
func focusScreenshot(t *testing.T, tb *tab, path string) {
	tb.open(path)
	eval[bool](tb, `(function(){window.scrollTo(0,0); if(document.activeElement) document.activeElement.blur(); return true})()`)
	for i := 0; i < 80 && !eval[bool](tb, `document.activeElement && document.activeElement.type === "radio"`); i++ {
		tb.do(chromedp.KeyEvent("\t"))
	}
	png, err := chromedpRun(tb, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("..", "..", "docs", "screenshots", "rating-form-keyboard-focus.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
