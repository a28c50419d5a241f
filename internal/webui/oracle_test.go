package webui_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// TestWebOutOfScopeIsAnsweredAsAbsent: a lead of region Vest, signed in,
// opens every page and sends every form that names an object by id, once
// with an object of region Nord and once with an id that exists nowhere.
// The answers (status and page, the id itself set aside) must be the same,
// as in the REST API (TestOutOfScopeIsAnsweredAsAbsent there).
func TestWebOutOfScopeIsAnsweredAsAbsent(t *testing.T) {
	var secret string
	hidden := map[string]string{}
	e := newEnv(t, envOpts{keys: func(e *env) {
		site := func(parent, name string) string {
			v, err := e.svc.CreateSite(e.sys, service.SiteInput{ParentID: parent, Kind: "team", Code: name, Name: name})
			if err != nil {
				t.Fatal(err)
			}
			return v.ID
		}
		vest, nord := site("", "Vest"), site("", "Nord")
		teamB := site(nord, "Team Bodø")
		site(vest, "Team Bergen")
		r, err := e.svc.CreateRater(e.sys, service.RaterInput{Name: "Nora Nord", Email: "nora@example.no"})
		if err != nil {
			t.Fatal(err)
		}
		day := time.Now().UTC().AddDate(0, 0, -3)
		rv, err := e.svc.PlanReview(e.sys, service.ReviewInput{SiteID: teamB, Scale: "se-fidelity@2008", Type: fidelity.ReviewExternal,
			VisitStart: day, VisitEnd: day, RaterIDs: []string{r.ID}})
		if err != nil {
			t.Fatal(err)
		}
		a, err := e.svc.CreateAction(e.sys, rv.ID, service.ActionInput{Title: "Plan of Nord"})
		if err != nil {
			t.Fatal(err)
		}
		hidden["site"], hidden["review"], hidden["rater"], hidden["action"] = teamB, rv.ID, r.ID, a.ID
		secret = e.key(service.KeyInput{Name: "Lead Vest", Role: fidelity.RoleLead, Scope: []string{vest}})
	}})
	c := e.client()
	c.post("/ui/signin", url.Values{"csrf": {c.csrf("/ui/signin")}, "key": {secret}, "next": {"/ui/reviews"}}).want(t, http.StatusSeeOther)
	token := c.csrf("/ui/reviews/new")
	const absent = "01a2089c-0000-7000-8000-0000000000ab"
	probes := []struct{ method, path, kind string }{
		{"GET", "/ui/reviews/@ID@", "review"},
		{"GET", "/ui/reviews/@ID@/rate/01a2089c-0000-7000-8000-0000000000ee", "review"},
		{"GET", "/ui/reviews/@ID@/consensus", "review"},
		{"GET", "/ui/reviews/@ID@/correct?item=S1", "review"},
		{"GET", "/ui/reviews/@ID@/report", "review"},
		{"GET", "/ui/reviews/@ID@/report/document?format=pdf", "review"},
		{"GET", "/ui/reviews/@ID@/report/write", "review"},
		{"POST", "/ui/reviews/@ID@/report/comments", "review"},
		{"POST", "/ui/reviews/@ID@/evidence/purge", "review"},
		{"GET", "/ui/reviews?site=@ID@", "site"},
		{"GET", "/ui/reviews/new?site=@ID@", "site"},
		{"GET", "/ui/sites/@ID@", "site"},
		{"GET", "/ui/sites/@ID@?subtree=1", "site"},
		{"GET", "/ui/compare?subtree=@ID@", "site"},
		{"GET", "/ui/agreement?subtree=@ID@", "site"},
		{"GET", "/ui/exports/ratings.csv?subtree=@ID@", "site"},
		{"POST", "/ui/reviews/@ID@/rate/01a2089c-0000-7000-8000-0000000000ee", "review"},
		{"POST", "/ui/reviews/@ID@/consensus", "review"},
		{"POST", "/ui/reviews/@ID@/finalise", "review"},
		{"POST", "/ui/reviews/@ID@/correct", "review"},
		{"POST", "/ui/reviews/@ID@/actions", "review"},
		{"POST", "/ui/actions/@ID@", "action"},
		{"POST", "/ui/reviews", "site"},
		{"POST", "/ui/reviews", "rater"},
	}
	for _, p := range probes {
		answer := func(id string) string {
			path := strings.ReplaceAll(p.path, "@ID@", id)
			var pg page
			if p.method == "GET" {
				pg = c.get(path)
			} else {
				form := url.Values{"csrf": {token}, "title": {"t"}, "item": {"S1"}, "reason": {"r"}, "status": {"done"}, "version": {"1"}}
				switch p.kind {
				case "site":
					form.Set("site_id", id)
				case "rater":
					form.Set("rater_ids", id)
				}
				pg = c.post(path, form)
			}
			return fmt.Sprint(pg.Code, " ", pg.Header.Get("Location"), " ", strings.ReplaceAll(pg.Body, id, "@ID@"))
		}
		a, b := answer(hidden[p.kind]), answer(absent)
		if a != b {
			i := 0
			for i < len(a) && i < len(b) && a[i] == b[i] {
				i++
			}
			from := max(0, i-200)
			t.Errorf("%s %s: a %s out of scope and an absent one are told apart:\n  out of scope: …%.400s\n  absent:       …%.400s",
				p.method, p.path, p.kind, a[from:], b[from:])
		}
	}
}
