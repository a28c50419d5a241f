package webui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// reviewWithLowItem returns a finalised review of the demo data whose
// consensus has an item below 4, so issuing its report proposes an action.
func (e *env) reviewWithLowItem() fidelity.Review {
	e.t.Helper()
	rs, _, err := e.svc.ListReviews(e.sys, service.ReviewFilter{Status: []fidelity.ReviewStatus{fidelity.StatusFinalised}})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, r := range rs {
		cons, err := e.svc.GetConsensus(e.sys, r.ID)
		if err != nil {
			e.t.Fatal(err)
		}
		for _, it := range cons.Scorecard.Items {
			if it.Score != nil && *it.Score < 4 {
				return r
			}
		}
	}
	e.t.Fatal("no finalised demo review has an item below 4")
	return fidelity.Review{}
}

// In Norwegian, a reviewer writes the summary and a recommendation for
// every item below 5 and issues the report; the site's lead comments and
// accepts a proposed action. Every page is audited with axe on the way.
func TestBrowserReportWorkflow(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	t.Parallel()
	e := newEnv(t, envOpts{seed: true})
	rv := e.reviewWithLowItem()
	tb := newBrowser(t, e.srv.URL, 1280, 900).tab()
	write := "/ui/reviews/" + rv.ID + "/report/write"

	tb.open("/ui/reviews/" + rv.ID + "?lang=nb")
	tb.click("#report-link")
	tb.waitPath("/report")
	if got := tb.text("#report-status"); got != "utkast" {
		t.Errorf("status of a new report: %q, want utkast", got)
	}
	tb.open(write)
	if !strings.Contains(tb.text("main"), "Sammendrag og anbefalinger") || !strings.Contains(tb.text("main"), "under 5: anbefaling kreves") {
		t.Fatalf("Norwegian labels missing on the writing page: %.400s", tb.text("main"))
	}
	// Issuing before every recommendation is written names the missing ones.
	tb.typeInto("#f-to", "Leder for teamet")
	tb.click("#issue-form button[type=submit]")
	tb.until("error summary", `document.querySelector("#errsummary")`)
	if !strings.Contains(tb.text("#errsummary"), "må fylles ut: punktet har skår") {
		t.Errorf("missing recommendations not named in Norwegian: %q", tb.text("#errsummary"))
	}
	tb.typeInto("#f-summary", "Teamet har hatt en tydelig framgang siden forrige evaluering.")
	low := eval[int](tb, `(function(){var n=0; document.querySelectorAll("fieldset.low textarea[name^='r.']").forEach(function(t){t.value="Anbefaling: "+t.name.slice(2); n++}); return n})()`)
	if low == 0 {
		t.Fatal("no item is marked below 5")
	}
	tb.click("#report-form button[type=submit]")
	tb.waitPath("done=report_saved")
	tb.typeInto("#f-to", "Leder for teamet")
	tb.click("#issue-form button[type=submit]")
	tb.waitPath("done=report_issued")
	if got := tb.text("#report-status"); got != "sendt til enheten" {
		t.Errorf("status after issue: %q", got)
	}
	if n := tb.count(".proposal"); n == 0 {
		t.Fatal("no proposed action after issue")
	}

	// The site's lead comments and accepts the first proposal.
	tb.typeInto("#f-text", "Vi er enige og følger opp anbefalingene.")
	tb.click("#comment-form button[type=submit]")
	tb.waitPath("done=report_commented")
	if !strings.Contains(tb.text("#comment-list"), "Vi er enige") || tb.text("#report-status") != "kommentert av enheten" {
		t.Errorf("comment not shown: %q / %q", tb.text("#comment-list"), tb.text("#report-status"))
	}
	tb.click(`.proposal form button[value="accept"]`)
	tb.waitPath("done=report_decided")
	if got := tb.text(".proposal .proposal-status"); got != "godtatt" {
		t.Errorf("first proposal after accepting: %q", got)
	}
	as, err := e.svc.Actions(e.sys, rv.ID)
	if err != nil || len(as) != 1 {
		t.Errorf("the accepted proposal is not on the action plan: %+v %v", as, err)
	}
}

// Without a browser: the writing page refuses a correction without a
// reason after issue, shows the error at the field, and a post without
// the CSRF token changes nothing.
func TestReportWorkflowForms(t *testing.T) {
	e := newEnv(t, envOpts{seed: true})
	rv := e.reviewWithLowItem()
	c := e.client()
	write := "/ui/reviews/" + rv.ID + "/report/write"
	pg := c.get(write+"?lang=en").want(t, http.StatusOK)
	mustContain(t, "writing page", pg.Body, `id="report-form"`, `id="issue-form"`, "recommendation required")
	token := c.csrf(write)
	form := url.Values{"summary": {"Draft"}}
	c.post(write, form).want(t, http.StatusForbidden)
	if v, _ := e.svc.Report(e.sys, rv.ID); v.Versions != 0 {
		t.Fatal("a post without the CSRF token saved the text")
	}
	cons, err := e.svc.GetConsensus(e.sys, rv.ID)
	if err != nil {
		t.Fatal(err)
	}
	form.Set("csrf", token)
	for _, it := range cons.Scorecard.Items {
		if it.Score != nil && *it.Score < 5 {
			form.Set("r."+it.ItemID, "Recommendation for "+it.ItemID)
		}
	}
	c.post(write, form).want(t, http.StatusSeeOther)
	c.post("/ui/reviews/"+rv.ID+"/report/issue", url.Values{"csrf": {token}, "to": {"Team lead"}, "on": {"not a date"}}).want(t, http.StatusBadRequest)
	c.post("/ui/reviews/"+rv.ID+"/report/issue", url.Values{"csrf": {token}, "to": {"Team lead"}}).want(t, http.StatusSeeOther)
	form.Set("summary", "Corrected")
	pg = c.post(write, form).want(t, http.StatusBadRequest)
	mustContain(t, "correction without reason", pg.Body, `id="errsummary"`, `id="f-reason"`, `aria-invalid="true"`, `>Corrected</textarea>`)
	form.Set("reason", "typo in the summary")
	c.post(write, form).want(t, http.StatusSeeOther)
	v, err := e.svc.Report(e.sys, rv.ID)
	if err != nil || v.Issued == nil || v.Issued.Summary != "Draft" || v.Narrative.Summary != "Corrected" {
		t.Fatalf("correction: %+v %v", v, err)
	}
	home := c.get("/?lang=en").want(t, http.StatusOK)
	if strings.Contains(home.Body, "Overdue report steps") && !strings.Contains(home.Body, `id="report-steps"`) {
		t.Error("report steps heading without its section")
	}
}
