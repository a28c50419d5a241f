package webui_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// The comparison page counts external and remote reviews, says so, and
// offers the self-assessments through its filter.
func TestTheComparisonPageCountsFidelityReviewsAndSaysSo(t *testing.T) {
	e := newEnv(t, envOpts{seed: true})
	c := e.client()
	rep, err := e.svc.Comparison(e.sys, service.ReportQuery{})
	if err != nil || len(rep.League) < 2 {
		t.Fatalf("demo league %+v: %v", rep.League, err)
	}
	last := rep.League[len(rep.League)-1]
	ext, _, err := e.svc.ListReviews(e.sys, service.ReviewFilter{SiteID: last.SiteID, Status: []fidelity.ReviewStatus{fidelity.StatusFinalised}})
	if err != nil || len(ext) == 0 {
		t.Fatal(err)
	}
	self := e.finish(last.SiteID, fidelity.ReviewSelf, time.Now().UTC().AddDate(0, 0, -2), ext[0].RaterIDs, 5)

	pg := c.get("/ui/compare").want(t, http.StatusOK)
	if strings.Contains(strings.Join(tableRows(t, pg.Body, "league"), ""), self.ID) {
		t.Fatal("the league table ranks the site on its self-assessment")
	}
	if !strings.Contains(pg.Body, `id="types-used">Reviews counted: External review, Remote review.`) {
		t.Error("the page does not say which review types it counts")
	}
	if !strings.Contains(pg.Body, `name="types" value="external" checked`) || strings.Contains(pg.Body, `name="types" value="self" checked`) {
		t.Error("the filter does not show external and remote as the default")
	}

	pg = c.get("/ui/compare?types=self&lang=nb").want(t, http.StatusOK)
	// The demo's team leads assess their own teams too: the league of
	// self-assessments ranks every team on its latest one, this one among them.
	rows := tableRows(t, pg.Body, "league")
	if !strings.Contains(strings.Join(rows, ""), self.ID) {
		t.Fatalf("the self-assessment league does not rank the new self-assessment: %q", rows)
	}
	for _, row := range rows {
		if !strings.Contains(row, "Egenvurdering") {
			t.Fatalf("the self-assessment league holds another review type: %q", row)
		}
	}
	if !strings.Contains(pg.Body, "Evalueringer som teller: Egenvurdering.") || !strings.Contains(pg.Body, `<input type="hidden" name="types" value="self">`) {
		t.Error("the Norwegian page does not state the chosen types, or the period form drops them")
	}
}

// The start page lists overdue sites above the work list, most overdue
// first; a site with a review planned is not overdue, and a plan whose
// visit passed without a start is flagged.
func TestTheHomePageListsOverdueSitesMostOverdueFirst(t *testing.T) {
	e := newEnv(t, envOpts{})
	site := func(parent, kind, name string) string {
		v, err := e.svc.CreateSite(e.sys, service.SiteInput{ParentID: parent, Kind: kind, Code: name, Name: name})
		if err != nil {
			t.Fatal(err)
		}
		return v.ID
	}
	var raters []string
	for _, n := range []string{"Ingrid", "Magnus"} {
		r, err := e.svc.CreateRater(e.sys, service.RaterInput{Name: n, Email: n + "@example.no"})
		if err != nil {
			t.Fatal(err)
		}
		raters = append(raters, r.ID)
	}
	office := site(site("", "region", "Nav Vestland"), "office", "Nav Bergenhus")
	today := time.Now().UTC()
	slightly, badly := site(office, "team", "Team Slightly"), site(office, "team", "Team Badly")
	recent, planned, lapsed := site(office, "team", "Team Recent"), site(office, "team", "Team Planned"), site(office, "team", "Team Lapsed")
	e.finish(slightly, fidelity.ReviewExternal, today.AddDate(-1, 0, 0), raters, 2)
	e.finish(badly, fidelity.ReviewExternal, today.AddDate(-2, 0, 0), raters, 2)
	e.finish(recent, fidelity.ReviewExternal, today.AddDate(0, -2, 0), raters, 2)
	e.finish(planned, fidelity.ReviewExternal, today.AddDate(-2, 0, 0), raters, 2)
	e.finish(lapsed, fidelity.ReviewExternal, today.AddDate(-2, 0, 0), raters, 2)
	plan := func(siteID string, start time.Time) {
		if _, err := e.svc.PlanReview(e.sys, service.ReviewInput{SiteID: siteID, Scale: "se-fidelity@2008", Type: fidelity.ReviewExternal,
			VisitStart: start, VisitEnd: start.AddDate(0, 0, 1), RaterIDs: raters}); err != nil {
			t.Fatal(err)
		}
	}
	plan(planned, today.AddDate(0, 1, 0))
	plan(lapsed, today.AddDate(0, 0, -10))

	pg := e.client().get("/").want(t, http.StatusOK)
	list := between(t, pg.Body, `id="overdue-list"`, "</ol>")
	if b, s := strings.Index(list, "Team Badly"), strings.Index(list, "Team Slightly"); b < 0 || s < 0 || b > s {
		t.Fatalf("overdue list is not most overdue first: %s", list)
	}
	for _, name := range []string{"Team Recent", "Team Planned", "Team Lapsed", "Nav Bergenhus", "Nav Vestland"} {
		if strings.Contains(list, name) {
			t.Errorf("%s is listed as overdue: %s", name, list)
		}
	}
	if lapsedList := between(t, pg.Body, `id="lapsed-list"`, "</ul>"); !strings.Contains(lapsedList, "Team Lapsed") || strings.Contains(lapsedList, "Team Planned") {
		t.Errorf("the lapsed plan is not flagged: %s", lapsedList)
	}
	if strings.Index(pg.Body, `id="h-due"`) > strings.Index(pg.Body, `id="h-work"`) {
		t.Error("the overdue sites are not above the work list")
	}
	site1 := e.client().get("/ui/sites/"+planned).want(t, http.StatusOK)
	if !strings.Contains(site1.Body, `data-state="review_planned"`) || !strings.Contains(site1.Body, `id="site-planned"`) {
		t.Error("the site page of a site with a planned review does not say so")
	}
}

// between returns the part of body from the element with the marker up to
// the next end.
func between(t *testing.T, body, marker, end string) string {
	t.Helper()
	i := strings.Index(body, marker)
	if i < 0 {
		t.Fatalf("no %s on the page", marker)
	}
	j := strings.Index(body[i:], end)
	if j < 0 {
		return body[i:]
	}
	return body[i : i+j]
}

// Compared at office level, the league lists offices with the number of
// their reviewed teams and says how the rows were made.
func TestTheComparisonPageAggregatesAtAChosenLevel(t *testing.T) {
	e := newEnv(t, envOpts{seed: true})
	pg := e.client().get("/ui/compare?level=office").want(t, http.StatusOK)
	if !strings.Contains(pg.Body, `<option value="office" selected>each office (mean of the reviewed sites below it)</option>`) {
		t.Fatal("the level choice is not offered or not kept")
	}
	rows := tableRows(t, pg.Body, "league")
	offices, _, err := e.svc.ListSites(e.sys, service.SiteFilter{Kind: "office", Page: service.Page{Limit: 100}})
	if err != nil || len(rows) == 0 || len(rows) > len(offices) {
		t.Fatalf("%d league rows for %d offices: %v", len(rows), len(offices), err)
	}
	for _, r := range rows {
		if !strings.Contains(r, ") </td>") && !strings.Contains(r, ")</td>") {
			t.Errorf("an office row does not count its teams: %s", r)
		}
	}
	if !strings.Contains(pg.Body, `id="level-note"`) || !strings.Contains(pg.Body, `<input type="hidden" name="level" value="office">`) {
		t.Error("the page does not say the rows are means, or the period form drops the level")
	}
}
