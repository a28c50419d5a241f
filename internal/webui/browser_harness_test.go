package webui_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium finds the browser: $CHROMIUM_PATH, /usr/bin/chromium, then the
// usual names on PATH. Without one the browser tests fail under CI=true
// and are skipped elsewhere.
func chromium(t *testing.T) string {
	t.Helper()
	candidates := []string{os.Getenv("CHROMIUM_PATH"), "/usr/bin/chromium"}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			candidates = append(candidates, p)
		}
	}
	for _, p := range candidates {
		if p == "" {
			continue
		}
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("browser tests: no Chromium found (looked at $CHROMIUM_PATH, /usr/bin/chromium and PATH); CI=true requires one")
	}
	t.Skip("browser tests skipped: no Chromium found (set CHROMIUM_PATH or install chromium; CI=true makes this a failure)")
	return ""
}

// browser starts one headless Chromium for a test; tabs opened with tab()
// each get their own browser context, so their cookies are separate.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
}

func newBrowser(t *testing.T, base string, width, height int) *browser {
	t.Helper()
	path := chromium(t)
	// Generous: every page load also runs the axe audit (browser_axe_test.go).
	root, cancelRoot := context.WithTimeout(context.Background(), 8*time.Minute)
	t.Cleanup(cancelRoot)
	alloc, cancelAlloc := chromedp.NewExecAllocator(root,
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true), chromedp.Flag("force-color-profile", "srgb"),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(width, height),
	)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return &browser{t: t, ctx: ctx, base: base}
}

// tab is one user: a tab in its own browser context.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string
	// quiet skips the axe audit on page loads (a test that reloads the
	// same pages audited elsewhere, e.g. at other text sizes).
	quiet bool
}

func (b *browser) tab() *tab {
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	b.t.Cleanup(cancel)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		b.t.Fatalf("opening a tab: %v", err)
	}
	return &tab{t: b.t, ctx: ctx, base: b.base}
}

const stepTimeout = 20 * time.Second

// on returns the tab reporting to the (sub)test t.
func (tb *tab) on(t *testing.T) *tab { c := *tb; c.t = t; return &c }

func (tb *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		tb.t.Fatalf("browser: %v (at %s)", err, tb.location())
	}
}

func (tb *tab) location() string {
	ctx, cancel := context.WithTimeout(tb.ctx, 2*time.Second)
	defer cancel()
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	return loc
}

// open loads a page of the server and waits for it.
func (tb *tab) open(path string) {
	tb.t.Helper()
	tb.do(chromedp.Navigate(tb.base+path), chromedp.WaitReady("body"))
	tb.audit()
}

// eval runs JavaScript and returns its value.
func eval[T any](tb *tab, js string) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		tb.t.Fatalf("browser: %s: %v (at %s)", js, err, tb.location())
	}
	return v
}

// until waits for a JavaScript condition, across navigations.
func (tb *tab) until(what, js string) {
	tb.t.Helper()
	deadline := time.Now().Add(stepTimeout)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(tb.ctx, 2*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("(function(){try{return !!("+js+")}catch(e){return false}})()"))
		cancel()
		if err == nil && ok {
			return
		}
		time.Sleep(60 * time.Millisecond)
	}
	tb.t.Fatalf("browser: timed out waiting for %s (at %s): %s", what, tb.location(), tb.text("main"))
}

// click clicks an element from script (no overlap with sticky bars).
func (tb *tab) click(sel string) {
	tb.t.Helper()
	ok := eval[bool](tb, fmt.Sprintf(`(function(){var e=document.querySelector(%q); if(!e) return false; e.click(); return true})()`, sel))
	if !ok {
		tb.t.Fatalf("browser: no %s to click (at %s)", sel, tb.location())
	}
}

// typeInto focuses a field and types into it, key by key.
func (tb *tab) typeInto(sel, text string) {
	tb.t.Helper()
	tb.do(chromedp.Focus(chromedp.CSS(sel)), chromedp.SendKeys(chromedp.CSS(sel), text))
}

func (tb *tab) text(sel string) string {
	return eval[string](tb, fmt.Sprintf(`(function(){var e=document.querySelector(%q); return e ? e.innerText : ""})()`, sel))
}

func (tb *tab) value(sel string) string {
	return eval[string](tb, fmt.Sprintf(`(function(){var e=document.querySelector(%q); return e ? e.value : ""})()`, sel))
}

func (tb *tab) count(sel string) int {
	return eval[int](tb, fmt.Sprintf(`document.querySelectorAll(%q).length`, sel))
}

// signIn signs in through the form with an API key.
func (tb *tab) signIn(key string) {
	tb.t.Helper()
	tb.open("/ui/signin")
	tb.typeInto("#key", key)
	tb.click(`form[action="/ui/signin"] button[type=submit]`)
	tb.until("signed in", `location.pathname !== "/ui/signin" && document.readyState === "complete"`)
}

// waitPath waits until the tab shows a URL containing part.
func (tb *tab) waitPath(part string) {
	tb.t.Helper()
	tb.until("URL with "+part, fmt.Sprintf(`(location.pathname+location.search).indexOf(%q) >= 0 && document.readyState === "complete"`, part))
	tb.audit()
}

func (tb *tab) h1() string { return strings.TrimSpace(tb.text("h1")) }
