package webui_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// actions lists a review's action items, failing the test on error.
func (e *env) actions(reviewID string) []fidelity.ActionItem {
	e.t.Helper()
	as, err := e.svc.Actions(e.sys, reviewID)
	if err != nil {
		e.t.Fatal(err)
	}
	return as
}

// signIn signs the client in with an API key through the form.
func (c *client) signIn(key string) {
	c.e.t.Helper()
	c.post("/ui/signin", url.Values{"csrf": {c.csrf("/ui/signin")}, "key": {key}, "next": {"/"}}).want(c.e.t, http.StatusSeeOther)
}

func mustContain(t *testing.T, what, body string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(body, p) {
			t.Errorf("%s: no %q", what, p)
		}
	}
}

// A lead adds an action item to a finalised review and moves its status
// on with the version the page showed; invalid input is shown at the
// fields with what was typed, a stale version is refused, and a form
// without the CSRF token changes nothing.
func TestActionPlanRoundTrip(t *testing.T) {
	e := newEnv(t, envOpts{seed: true})
	c := e.client()
	fin := e.reviewIn(fidelity.StatusFinalised)
	page := "/ui/reviews/" + fin.ID
	pg := c.get(page+"?lang=en").want(t, http.StatusOK)
	mustContain(t, "review page", pg.Body, `id="actions"`, `action="/ui/reviews/`+fin.ID+`/actions"`, "No action items yet.",
		`name="item_ids" value="S1"`)
	token := c.csrf(page)
	post := "/ui/reviews/" + fin.ID + "/actions"
	form := url.Values{"title": {"Weekly caseload review"}, "item_ids": {"S1", "O3"}, "owner": {"Kari Nilsen"},
		"due": {"2031-02-15"}, "note": {"Team leader & specialists"}}

	pg = c.post(post, form).want(t, http.StatusForbidden)
	mustContain(t, "CSRF-less post", pg.Body, "security token")
	if n := len(e.actions(fin.ID)); n != 0 {
		t.Fatalf("a post without the CSRF token created %d action items", n)
	}

	bad := url.Values{"csrf": {token}, "title": {"  "}, "item_ids": {"S1", "O3"}, "owner": {"Kari Nilsen"}, "due": {"2031-02-15"}, "note": {"typed"}}
	pg = c.post(post, bad).want(t, http.StatusBadRequest)
	mustContain(t, "missing title", pg.Body, `id="errsummary"`, `<details class="card" id="action-new" open>`,
		`<div class="field invalid">`, `id="f-title" name="title"`, `aria-invalid="true"`,
		`name="owner" type="text" maxlength="200" value="Kari Nilsen"`, `value="2031-02-15"`, `>typed</textarea>`,
		`value="S1" checked`, `value="O3" checked`)
	if strings.Contains(pg.Body, `value="S2" checked`) {
		t.Error("an item that was not ticked is ticked")
	}
	if i := strings.Index(pg.Body, `id="err-f-title">`); i < 0 || strings.HasPrefix(pg.Body[i:], `id="err-f-title"></p>`) {
		t.Error("the title's error is not shown at the title")
	}

	bad.Set("title", "Something")
	bad.Set("due", "2031-02-30")
	pg = c.post(post, bad).want(t, http.StatusBadRequest)
	mustContain(t, "bad due date", pg.Body, `id="err-f-due">must be a date`, `value="2031-02-30"`)

	bad.Set("due", "")
	bad["item_ids"] = []string{"S1", "ZZ9"}
	pg = c.post(post, bad).want(t, http.StatusBadRequest)
	mustContain(t, "unknown item", pg.Body, `id="err-f-item_ids">`, "ZZ9 is not an item")
	if n := len(e.actions(fin.ID)); n != 0 {
		t.Fatalf("invalid forms created %d action items", n)
	}

	form.Set("csrf", token)
	pg = c.post(post, form).want(t, http.StatusSeeOther)
	if loc := pg.Header.Get("Location"); loc != page+"?done=action_added#actions" {
		t.Errorf("after adding: sent to %q", loc)
	}
	as := e.actions(fin.ID)
	if len(as) != 1 {
		t.Fatalf("%d action items, want 1", len(as))
	}
	a := as[0]
	if a.Title != "Weekly caseload review" || !slices.Equal(a.ItemIDs, []string{"S1", "O3"}) || a.Owner != "Kari Nilsen" ||
		a.Due == nil || a.Due.Format("2006-01-02") != "2031-02-15" || a.Note != "Team leader & specialists" || a.Status != fidelity.ActionOpen {
		t.Errorf("stored action: %+v", a)
	}
	pg = c.get(page+"?done=action_added").want(t, http.StatusOK)
	mustContain(t, "the plan", pg.Body, "The action item is added to the plan.", `id="action-`+a.ID+`"`, "Weekly caseload review",
		"S1, O3", "2031-02-15", "Team leader &amp; specialists", `name="version" value="1"`, `<option value="open" selected>`)

	upd := "/ui/actions/" + a.ID
	status := url.Values{"csrf": {token}, "version": {"1"}, "review": {fin.ID}, "status": {"in_progress"}}
	c.post(upd, url.Values{"version": {"1"}, "review": {fin.ID}, "status": {"done"}}).want(t, http.StatusForbidden) // no CSRF token
	pg = c.post(upd, status).want(t, http.StatusSeeOther)
	if loc := pg.Header.Get("Location"); loc != page+"?done=action_updated#actions" {
		t.Errorf("after the status change: sent to %q", loc)
	}
	if a = e.actions(fin.ID)[0]; a.Status != fidelity.ActionInProgress || a.Version != 2 {
		t.Fatalf("after the status change: %s, version %d", a.Status, a.Version)
	}

	// The same form again carries version 1, which is no longer current.
	status.Set("status", "done")
	pg = c.post(upd, status).want(t, http.StatusPreconditionFailed)
	mustContain(t, "stale version", pg.Body, `id="errsummary"`, `id="err-status-`+a.ID+`">the action was changed by someone else`,
		`<option value="done" selected>`)
	status.Set("version", "2")
	status.Set("status", "finished")
	pg = c.post(upd, status).want(t, http.StatusBadRequest)
	mustContain(t, "unknown status", pg.Body, `id="err-status-`+a.ID+`">must be open, in_progress, done or dropped`)
	status.Del("version")
	c.post(upd, status).want(t, http.StatusPreconditionRequired)
	if a = e.actions(fin.ID)[0]; a.Status != fidelity.ActionInProgress || a.Version != 2 {
		t.Fatalf("refused changes changed the action: %s, version %d", a.Status, a.Version)
	}

	status.Set("version", "2")
	status.Set("status", "done")
	c.post(upd, status).want(t, http.StatusSeeOther)
	if a = e.actions(fin.ID)[0]; a.Status != fidelity.ActionDone || a.Version != 3 {
		t.Fatalf("second status change: %s, version %d", a.Status, a.Version)
	}
	if pg := c.get(page + "?lang=nb"); !strings.Contains(pg.Body, "Tiltaksplan") || !strings.Contains(pg.Body, `<option value="done" selected>utført</option>`) {
		t.Error("the plan is not in Norwegian")
	}
}

// On the site page the plan of the latest finalised review shows its open
// items; the forms there return to the site page, errors included.
func TestActionPlanOnSitePage(t *testing.T) {
	e := newEnv(t, envOpts{seed: true})
	c := e.client()
	fin := e.reviewIn(fidelity.StatusFinalised)
	site, err := e.svc.GetSite(e.sys, fin.SiteID)
	if err != nil || site.LastReview == nil {
		t.Fatalf("site without a finalised review: %v", err)
	}
	last := site.LastReview.ID
	page := "/ui/sites/" + site.ID
	pg := c.get(page+"?lang=en").want(t, http.StatusOK)
	mustContain(t, "site page", pg.Body, `action="/ui/reviews/`+last+`/actions"`, `name="from" value="site"`, "No open action items.")
	token := c.csrf(page)

	pg = c.post("/ui/reviews/"+last+"/actions", url.Values{"csrf": {token}, "from": {"site"}, "owner": {"Ola"}}).want(t, http.StatusBadRequest)
	mustContain(t, "invalid form on the site page", pg.Body, "<h1>"+site.Name+"</h1>", `id="errsummary"`, `value="Ola"`)

	pg = c.post("/ui/reviews/"+last+"/actions", url.Values{"csrf": {token}, "from": {"site"}, "title": {"Job development training"}}).
		want(t, http.StatusSeeOther)
	if loc := pg.Header.Get("Location"); loc != page+"?done=action_added#actions" {
		t.Errorf("after adding on the site page: sent to %q", loc)
	}
	a := e.actions(last)[0]
	mustContain(t, "site plan", c.get(page).Body, `id="action-`+a.ID+`"`, "Job development training", `<a href="/ui/reviews/`+last+`#actions">`)

	pg = c.post("/ui/actions/"+a.ID, url.Values{"csrf": {token}, "from": {"site"}, "review": {last}, "version": {"1"}, "status": {"dropped"}}).
		want(t, http.StatusSeeOther)
	if loc := pg.Header.Get("Location"); loc != page+"?done=action_updated#actions" {
		t.Errorf("after the status change on the site page: sent to %q", loc)
	}
	if pg := c.get(page); strings.Contains(pg.Body, `id="action-`+a.ID+`"`) {
		t.Error("a dropped action item is still listed as open")
	}
	if pg := c.get("/ui/reviews/" + last); !strings.Contains(pg.Body, `id="action-`+a.ID+`"`) {
		t.Error("the review's plan does not list the dropped item")
	}
}

// Only administrators and programme leads may change the action plan:
// raters see no forms, and a rater's post gets the service's refusal.
func TestActionPlanRoles(t *testing.T) {
	w := newWorld(t)
	site, err := w.svc.GetSite(w.sys, w.site)
	if err != nil {
		t.Fatal(err)
	}
	review := site.LastReview.ID
	rater := w.client()
	rater.signIn(w.keyA)
	pg := rater.get("/ui/reviews/"+review).want(t, http.StatusOK)
	if strings.Contains(pg.Body, `/actions"`) || strings.Contains(pg.Body, `action="/ui/actions/`) {
		t.Error("a rater is offered the action plan's forms")
	}
	token := rater.csrf("/ui/reviews/" + review)
	pg = rater.post("/ui/reviews/"+review+"/actions", url.Values{"csrf": {token}, "title": {"Rater's idea"}}).want(t, http.StatusForbidden)
	mustContain(t, "rater's post", pg.Body, "may not do this")
	if n := len(w.actions(review)); n != 0 {
		t.Fatalf("a rater created %d action items", n)
	}

	lead := w.client()
	lead.signIn(w.leadKey)
	pg = lead.post("/ui/reviews/"+review+"/actions", url.Values{"csrf": {lead.csrf("/ui/reviews/" + review)}, "title": {"Lead's plan"}}).
		want(t, http.StatusSeeOther)
	as := w.actions(review)
	if len(as) != 1 {
		t.Fatalf("the lead's item was not created: %d", len(as))
	}
	pg = rater.post("/ui/actions/"+as[0].ID, url.Values{"csrf": {token}, "review": {review}, "version": {"1"}, "status": {"done"}}).
		want(t, http.StatusForbidden)
	mustContain(t, "rater's status change", pg.Body, "may not do this")
	if a := w.actions(review)[0]; a.Status != fidelity.ActionOpen {
		t.Errorf("a rater changed the status to %s", a.Status)
	}
	if pg := rater.get("/ui/reviews/" + review); !strings.Contains(pg.Body, `<span class="action-status">open</span>`) {
		t.Error("the rater does not see the item's status")
	}
}
