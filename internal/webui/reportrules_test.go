package webui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// The report forms read their version as the REST API reads If-Match on
// the same writes: without one the text is saved unchecked, a stale one is
// refused (412), and one that is no version at all is refused as well
// (412) instead of being taken as "any version"; nothing is saved then.
func TestReportFormVersionIsTheAPIsIfMatch(t *testing.T) {
	e := newEnv(t, envOpts{seed: true})
	rv := e.reviewWithLowItem()
	c := e.client()
	write := "/ui/reviews/" + rv.ID + "/report/write"
	token := c.csrf(write)
	post := func(summary, version string, with bool) page {
		form := url.Values{"csrf": {token}, "summary": {summary}}
		if with {
			form.Set("version", version)
		}
		return c.post(write+"?lang=en", form)
	}
	saved := func() service.ReportView {
		v, err := e.svc.Report(e.sys, rv.ID)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	post("first", "", false).want(t, http.StatusSeeOther) // as PUT without If-Match
	post("second", "1", true).want(t, http.StatusSeeOther)
	post("stale", "1", true).want(t, http.StatusPreconditionFailed)
	for _, bad := range []string{"two", "-1", "v2", "2.0"} {
		pg := post("bad "+bad, bad, true).want(t, http.StatusPreconditionFailed)
		mustContain(t, "version "+bad, pg.Body, "does not name a version")
	}
	post("any", "*", true).want(t, http.StatusSeeOther) // as If-Match: *
	if v := saved(); v.Versions != 3 || v.Narrative.Summary != "any" {
		t.Fatalf("saved %d versions, the last %q; want 3, any", v.Versions, v.Narrative.Summary)
	}
}

// Which report forms a page offers is the service's rule: the review's
// raters write, the site's leads answer, a rater of another review and a
// reader do neither.
func TestReportPagesOfferTheFormsTheServiceAllows(t *testing.T) {
	var rv fidelity.Review
	keys := map[string]string{}
	e := newEnv(t, envOpts{seed: true, keys: func(e *env) {
		rv = e.reviewWithLowItem()
		other := ""
		raters, _, err := e.svc.ListRaters(e.sys, service.RaterFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range raters {
			if r.ID != rv.RaterIDs[0] && r.ID != rv.RaterIDs[1] {
				other = r.ID
			}
		}
		keys["rater"] = e.key(service.KeyInput{Name: "Rater", Role: fidelity.RoleRater, RaterID: rv.RaterIDs[0], AllSites: true})
		keys["other rater"] = e.key(service.KeyInput{Name: "Other", Role: fidelity.RoleRater, RaterID: other, AllSites: true})
		keys["lead"] = e.key(service.KeyInput{Name: "Lead", Role: fidelity.RoleLead, AllSites: true})
		keys["reader"] = e.key(service.KeyInput{Name: "Reader", Role: fidelity.RoleReader, AllSites: true})
	}})
	// Issued, so every role may read it.
	sys := e.sys
	cons, err := e.svc.GetConsensus(sys, rv.ID)
	if err != nil {
		t.Fatal(err)
	}
	items := map[string]fidelity.ItemNarrative{}
	for _, it := range cons.Scorecard.Items {
		if it.Score != nil && *it.Score < 5 {
			items[it.ItemID] = fidelity.ItemNarrative{Recommendation: "Recommendation for " + it.ItemID}
		}
	}
	if _, err := e.svc.SaveNarrative(sys, rv.ID, service.AnyVersion, service.NarrativeInput{Summary: "s", Items: items}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.IssueReport(sys, rv.ID, service.IssueInput{To: "Team lead"}); err != nil {
		t.Fatal(err)
	}
	for who, want := range map[string][2]bool{ // write link, comment form
		"rater": {true, false}, "other rater": {false, false}, "lead": {false, true}, "reader": {false, false},
	} {
		c := e.client()
		c.signIn(keys[who])
		ctx := fidelity.WithPrincipal(sys, principalOf(t, e, keys[who]))
		if (e.svc.MayWriteReport(ctx, rv) == nil) != want[0] || (e.svc.MayActForSite(ctx) == nil) != want[1] {
			t.Fatalf("%s: the service's rules are not what this test expects", who)
		}
		pg := c.get("/ui/reviews/"+rv.ID+"/report?lang=en").want(t, http.StatusOK)
		if got := strings.Contains(pg.Body, `/report/write"`); got != want[0] {
			t.Errorf("%s: link to the writing page %v, want %v", who, got, want[0])
		}
		if got := strings.Contains(pg.Body, `id="comment-form"`); got != want[1] {
			t.Errorf("%s: comment form %v, want %v", who, got, want[1])
		}
	}
}

// principalOf is the principal an API key signs in as.
func principalOf(t *testing.T, e *env, secret string) fidelity.Principal {
	t.Helper()
	p, err := e.svc.Authenticate(e.sys, secret, "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	return p
}
