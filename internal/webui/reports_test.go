package webui_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/demo"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/report"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// finish runs a review of site through rating, consensus and finalising,
// every item at level, and returns it.
func (e *env) finish(siteID string, typ fidelity.ReviewType, visitEnd time.Time, raters []string, level int) fidelity.Review {
	e.t.Helper()
	sc, err := e.svc.GetScale("se-fidelity@2008")
	if err != nil {
		e.t.Fatal(err)
	}
	rv, err := e.svc.PlanReview(e.sys, service.ReviewInput{SiteID: siteID, Scale: sc.Ref(), Type: typ,
		VisitStart: visitEnd.AddDate(0, 0, -1), VisitEnd: visitEnd, RaterIDs: raters})
	if err != nil {
		e.t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	var items []fidelity.ItemInput
	for i := range sc.Items {
		in, err := demo.InputFor(sc, &sc.Items[i], level, rng)
		if err != nil {
			e.t.Fatal(err)
		}
		items = append(items, in)
	}
	for _, r := range raters {
		if _, err := e.svc.SaveRatings(e.sys, rv.ID, r, service.AnyVersion, items, true); err != nil {
			e.t.Fatal(err)
		}
	}
	if _, err := e.svc.SaveConsensus(e.sys, rv.ID, service.AnyVersion, items); err != nil {
		e.t.Fatal(err)
	}
	out, err := e.svc.Finalize(e.sys, rv.ID, service.AnyVersion)
	if err != nil {
		e.t.Fatal(err)
	}
	return out.Review
}

// tableRows returns the rows of the table with the given id.
func tableRows(t *testing.T, body, id string) []string {
	t.Helper()
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no table #%s", id)
	}
	tbl := body[i:]
	tbl = tbl[:strings.Index(tbl, "</table>")]
	tbl = tbl[strings.Index(tbl, "<tbody>"):]
	return strings.Split(tbl, "</tr>")[:strings.Count(tbl, "</tr>")]
}

// The agreement page shows each rater's drift from the consensus per
// period, and self-assessments against external reviews with n and the
// reason where a statistic is not defined.
func TestAgreementDriftAndSelfExternal(t *testing.T) {
	e := newEnv(t, envOpts{seed: true})
	c := e.client()
	// One demo team whose lead has not done a self-assessment yet.
	team := e.teamWithout(fidelity.ReviewSelf)
	rep, err := e.svc.Agreement(e.sys, service.ReportQuery{Scale: "se-fidelity@2008", Subtree: team}, report.AgreementOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Drift) == 0 {
		t.Fatal("the demo data has no drift to show")
	}
	pg := c.get("/ui/agreement?lang=en&subtree="+team).want(t, http.StatusOK)
	want := 0
	for _, d := range rep.Drift {
		want += 1 + len(d.Periods)
	}
	rows := tableRows(t, pg.Body, "agreement-drift")
	if len(rows) != want {
		t.Errorf("drift rows: %d, want %d (one per rater and period, plus the overall)", len(rows), want)
	}
	first := rep.Drift[0]
	r, err := e.svc.GetRater(e.sys, first.RaterID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rows[0], r.Name) || !strings.Contains(rows[0], "All periods") ||
		!strings.Contains(rows[0], fmt.Sprintf(">%d<", first.Overall.Items)) {
		t.Errorf("the first drift row is not %s's overall cell with its n (%d): %s", r.Name, first.Overall.Items, rows[0])
	}
	if len(first.Periods) > 0 && !strings.Contains(rows[1], ">"+first.Periods[0].Period+"<") {
		t.Errorf("the period row does not name its period %s: %s", first.Periods[0].Period, rows[1])
	}
	if !strings.Contains(pg.Body, "per half-year") {
		t.Error("the drift period is not explained")
	}
	// The team has no self-assessment to pair.
	if !strings.Contains(pg.Body, `id="self-none"`) || strings.Contains(pg.Body, `id="self-pairs"`) {
		t.Error("no pairs, yet the page does not say so")
	}
	ba := strings.Join(tableRows(t, pg.Body, "self-bland-altman"), "")
	if !strings.Contains(ba, "no complete pairs") || !strings.Contains(ba, "Mean difference (bias)") {
		t.Errorf("the undefined Bland–Altman statistics do not say why: %s", ba)
	}

	// A self-assessment 10 days before an external review pairs with it.
	exts, _, err := e.svc.ListReviews(e.sys, service.ReviewFilter{Status: []fidelity.ReviewStatus{fidelity.StatusFinalised},
		Type: []fidelity.ReviewType{fidelity.ReviewExternal}, SiteID: team})
	if err != nil || len(exts) == 0 {
		t.Fatalf("no finalised external review: %v", err)
	}
	ext := exts[0]
	self := e.finish(ext.SiteID, fidelity.ReviewSelf, ext.VisitEnd.AddDate(0, 0, -10), ext.RaterIDs, 4)
	for _, lang := range []string{"en", "nb"} {
		pg = c.get("/ui/agreement?lang="+lang+"&subtree="+team).want(t, http.StatusOK)
		pairs := tableRows(t, pg.Body, "self-pairs")
		if len(pairs) != 1 || !strings.Contains(pairs[0], "/ui/reviews/"+self.ID) || !strings.Contains(pairs[0], "/ui/reviews/"+ext.ID) ||
			!strings.Contains(pairs[0], ">10<") {
			t.Fatalf("%s: the pair is not listed with its gap: %q", lang, pairs)
		}
		items := tableRows(t, pg.Body, "self-items")
		if len(items) != 25 {
			t.Errorf("%s: %d item rows, want 25", lang, len(items))
		}
		if !strings.Contains(items[0], `data-label="n">1<`) {
			t.Errorf("%s: the item row lacks its n: %s", lang, items[0])
		}
		ba = strings.Join(tableRows(t, pg.Body, "self-bland-altman"), "")
		if !strings.Contains(ba, `data-label="n">1<`) || !strings.Contains(ba, "– (") {
			t.Errorf("%s: one pair: n = 1, and the SD is undefined with a reason: %s", lang, ba)
		}
	}
	if !strings.Contains(pg.Body, "Evaluatoravvik fra konsensus") || !strings.Contains(pg.Body, "Egenvurdering mot ekstern evaluering") {
		t.Error("the new sections are not in Norwegian")
	}
}

// The comparison page's band table compares two chosen dates, a year ago
// and today by default; a bad date says so and keeps the default.
func TestComparePeriods(t *testing.T) {
	e := newEnv(t, envOpts{seed: true})
	c := e.client()
	now := time.Now().UTC()
	today, yearAgo := now.Format(time.DateOnly), now.AddDate(-1, 0, 0).Format(time.DateOnly)
	pg := c.get("/ui/compare?lang=en").want(t, http.StatusOK)
	for _, s := range []string{`name="period_a" type="date" value="` + yearAgo + `"`, `name="period_b" type="date" value="` + today + `"`,
		"Band changes from " + yearAgo + " to " + today} {
		if !strings.Contains(pg.Body, s) {
			t.Errorf("default periods: no %q", s)
		}
	}
	moves := regexp.MustCompile(`Up: (\d+) · same: (\d+) · down: (\d+)`)
	check := func(a, b string) {
		t.Helper()
		ta, _ := time.Parse(time.DateOnly, a)
		tb, _ := time.Parse(time.DateOnly, b)
		m, err := e.svc.Transitions(e.sys, service.ReportQuery{Scale: "se-fidelity@2008"}, report.PeriodSpec{To: ta}, report.PeriodSpec{To: tb})
		if err != nil {
			t.Fatal(err)
		}
		pg := c.get("/ui/compare?lang=en&scale=se-fidelity@2008&period_a="+a+"&period_b="+b).want(t, http.StatusOK)
		got := moves.FindStringSubmatch(pg.Body)
		if got == nil || got[0] != fmt.Sprintf("Up: %d · same: %d · down: %d", m.Up, m.Same, m.Down) {
			t.Errorf("%s → %s: %v, want up %d same %d down %d", a, b, got, m.Up, m.Same, m.Down)
		}
		if !strings.Contains(pg.Body, "Band changes from "+a+" to "+b) || !strings.Contains(pg.Body, "Sites per band on "+a+" and on "+b) {
			t.Errorf("%s → %s: the headings do not name the dates", a, b)
		}
		if !strings.Contains(pg.Body, `<input type="hidden" name="period_a" value="`+a+`">`) {
			t.Errorf("%s → %s: the filter form does not keep the dates", a, b)
		}
	}
	check(now.AddDate(0, -8, 0).Format(time.DateOnly), today)
	check(now.AddDate(-2, 0, 0).Format(time.DateOnly), now.AddDate(0, -3, 0).Format(time.DateOnly))

	pg = c.get("/ui/compare?lang=en&period_a=2024-13-40&period_b="+today).want(t, http.StatusOK)
	if !strings.Contains(pg.Body, "must be a date") || !strings.Contains(pg.Body, `id="f-period_a" name="period_a" type="date" value="2024-13-40"`) ||
		!strings.Contains(pg.Body, "Band changes from "+yearAgo+" to "+today) {
		t.Errorf("a bad date is not reported, or the default not used: %.300s", pg.Body[strings.Index(pg.Body, `id="periods"`):])
	}
	if pg := c.get("/ui/compare?lang=nb"); !strings.Contains(pg.Body, "Tidligere dato") {
		t.Error("the period form is not in Norwegian")
	}
}
