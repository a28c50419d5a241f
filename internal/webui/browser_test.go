package webui_test

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/demo"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// world is the key-mode fixture of the browser tests: a team with a
// finalised review history, two raters scoped to the team's region, a
// programme lead, and a team in another region.
type world struct {
	*env
	site, region, otherSite string
	raterA, raterB          string
	leadKey, keyA, keyB     string
}

func newWorld(t *testing.T) *world {
	w := &world{}
	w.env = newEnv(t, envOpts{seed: true, keys: func(e *env) {
		teams, _, err := e.svc.ListSites(e.sys, service.SiteFilter{Kind: fidelity.SiteKindTeam})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range teams {
			region := strings.Split(strings.Trim(s.Path, "/"), "/")[0]
			switch {
			case w.site == "" && s.LastReview != nil:
				w.site, w.region = s.ID, region
			case w.site != "" && region != w.region && w.otherSite == "":
				w.otherSite = s.ID
			}
		}
		raters, _, err := e.svc.ListRaters(e.sys, service.RaterFilter{ActiveOnly: true})
		if err != nil || len(raters) < 2 || w.site == "" || w.otherSite == "" {
			t.Fatalf("demo data lacks what the test needs: %v", err)
		}
		w.raterA, w.raterB = raters[0].ID, raters[1].ID
		w.leadKey = e.key(service.KeyInput{Name: "Lead Lise", Role: fidelity.RoleLead, AllSites: true})
		w.keyA = e.key(service.KeyInput{Name: "Rater A", Role: fidelity.RoleRater, RaterID: w.raterA, Scope: []string{w.region}})
		w.keyB = e.key(service.KeyInput{Name: "Rater B", Role: fidelity.RoleRater, RaterID: w.raterB, Scope: []string{w.region}})
	}})
	return w
}

// prefill saves a draft for a rater with every item but the given ones, so
// the browser only has to fill in what the test is about.
func (w *world) prefill(reviewID, raterID string, skip ...string) {
	w.t.Helper()
	sc, err := w.svc.GetScale("se-fidelity@2008")
	if err != nil {
		w.t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var items []fidelity.ItemInput
	for i := range sc.Items {
		it := &sc.Items[i]
		if strings.Contains(","+strings.Join(skip, ",")+",", ","+it.ID+",") {
			continue
		}
		in, err := demo.InputFor(sc, it, 4, rng)
		if err != nil {
			w.t.Fatal(err)
		}
		items = append(items, in)
	}
	if _, err := w.svc.SaveRatings(w.sys, reviewID, raterID, service.AnyVersion, items, false); err != nil {
		w.t.Fatal(err)
	}
}

// rateAndSubmit fills the caseload (38 clients, 2 FTE: the live score must
// show 5) and item O3 in the browser, and submits.
func rateAndSubmit(t *testing.T, tb *tab, reviewID, raterID, o3 string) {
	tb.open("/ui/reviews/" + reviewID + "/rate/" + raterID)
	tb.typeInto("#f-v-S1-active_clients", "38")
	tb.typeInto("#f-v-S1-specialist_fte", "2")
	tb.until("live score 5 for 38 clients / 2 FTE", `document.querySelector('[data-score-for="S1"]').dataset.score === "5"`)
	if got := tb.text(`[data-score-for="S1"]`); !strings.Contains(got, "5") {
		t.Errorf("the live score reads %q", got)
	}
	tb.click(`input[name="score.O3"][value="` + o3 + `"]`)
	tb.until("the draft autosaved", `document.querySelector('input[name=version]').value !== "1" && /saved|lagret/.test(document.getElementById('save-status').textContent)`)
	tb.until("progress updated", `document.querySelector('[data-total]').textContent.indexOf("25") >= 0`)
	tb.click("#submit-ratings")
	tb.waitPath("done=submitted")
}

func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	w := newWorld(t)
	b := newBrowser(t, w.srv.URL, 1280, 1000)
	leadTab, aTab, bTab := b.tab(), b.tab(), b.tab()
	leadTab.signIn(w.leadKey)
	aTab.signIn(w.keyA)
	bTab.signIn(w.keyB)

	var reviewID string
	trendBefore := 0
	t.Run("lead plans a review", func(t *testing.T) {
		lead := leadTab.on(t)
		lead.open("/ui/sites/" + w.site)
		trendBefore = lead.count("#trend-table tbody tr")
		if trendBefore == 0 {
			t.Fatal("the site has no trend yet")
		}
		lead.open("/ui/reviews/new?site=" + w.site)
		day := time.Now().UTC().Format(time.DateOnly)
		eval[bool](lead, `(function(){document.getElementById('f-visit_start').value=`+strconv.Quote(day)+`;document.getElementById('f-visit_end').value=`+strconv.Quote(day)+`;return true})()`)
		lead.click(`input[name=rater_ids][value="` + w.raterA + `"]`)
		lead.click(`input[name=rater_ids][value="` + w.raterB + `"]`)
		lead.click(`form[action="/ui/reviews"] button[type=submit]`)
		lead.waitPath("done=planned")
		reviewID = strings.TrimPrefix(eval[string](lead, "location.pathname"), "/ui/reviews/")
		if lead.text("#review-status") == "" {
			t.Fatal("no status on the review page")
		}
	})
	if reviewID == "" {
		t.FailNow()
	}
	w.prefill(reviewID, w.raterA, "S1", "O3")
	w.prefill(reviewID, w.raterB, "S1", "O3")

	t.Run("two raters rate and submit", func(t *testing.T) {
		a, bRater := aTab.on(t), bTab.on(t)
		a.open("/ui/reviews")
		if !strings.Contains(eval[string](a, "document.body.innerHTML"), "/ui/reviews/"+reviewID+"/rate/"+w.raterA) {
			t.Error("the review is not in rater A's list")
		}
		rateAndSubmit(t, a, reviewID, w.raterA, "4")
		rateAndSubmit(t, bRater, reviewID, w.raterB, "2")
	})

	t.Run("consensus and finalise", func(t *testing.T) {
		a := aTab.on(t)
		a.open("/ui/reviews/" + reviewID + "/consensus")
		if got := a.text("#disagreements"); got != "1" {
			t.Errorf("disagreements: %q, want 1", got)
		}
		if n := a.count(`#item-O3.disagree [data-spread="2"]`); n != 1 {
			t.Errorf("O3 is not highlighted as a disagreement of 2 points (%d)", n)
		}
		if n := a.count("fieldset.item.disagree"); n != 1 {
			t.Errorf("%d items highlighted, want 1", n)
		}
		if v := a.value("#f-v-S1-active_clients"); v != "38" {
			t.Errorf("the agreed caseload is not pre-filled: %q", v)
		}
		a.click(`#item-O3 input[name="score.O3"][value="3"]`)
		a.click(`button[name=action][value=save]`)
		a.waitPath("done=consensus_saved")
		a.click("#finalise")
		a.waitPath("done=finalised")
		if st := a.text("#review-status"); st != "Finalised" {
			t.Errorf("status after finalising: %q", st)
		}
	})

	t.Run("the lead sees the new point on the trend", func(t *testing.T) {
		lead := leadTab.on(t)
		lead.open("/ui/sites/" + w.site)
		if rows := lead.count("#trend-table tbody tr"); rows != trendBefore+1 {
			t.Errorf("trend rows: %d, want %d", rows, trendBefore+1)
		}
		if lead.count(`#trend-table a[href="/ui/reviews/`+reviewID+`"]`) != 1 {
			t.Error("the finalised review is not on the trend")
		}
		if lead.count("#trend-chart svg") != 1 {
			t.Error("no trend chart")
		}
		if got := lead.text("#site-latest"); !strings.Contains(got, time.Now().UTC().Format(time.DateOnly)) {
			t.Errorf("latest review: %q", got)
		}
	})

	t.Run("the lead adds an action item and starts it", func(t *testing.T) {
		lead := leadTab.on(t)
		lead.open("/ui/reviews/" + reviewID)
		lead.click("#action-new summary")
		lead.typeInto("#f-title", "Caseload review every week")
		lead.typeInto("#f-owner", "Lead Lise")
		lead.click(`#action-new input[name=item_ids][value="O3"]`)
		lead.click(`#action-new button[type=submit]`)
		lead.waitPath("done=action_added")
		as, err := w.svc.Actions(w.sys, reviewID)
		if err != nil || len(as) != 1 || as[0].Title != "Caseload review every week" || len(as[0].ItemIDs) != 1 || as[0].ItemIDs[0] != "O3" {
			t.Fatalf("the action item was not created as typed: %+v %v", as, err)
		}
		sel := "#f-status-" + as[0].ID
		eval[bool](lead, `(function(){document.querySelector(`+strconv.Quote(sel)+`).value="in_progress";return true})()`)
		lead.click("#action-" + as[0].ID + ` button[type=submit]`)
		lead.waitPath("done=action_updated")
		if v := lead.value(sel); v != "in_progress" {
			t.Errorf("the status shown after the change: %q", v)
		}
		if as, _ = w.svc.Actions(w.sys, reviewID); as[0].Status != fidelity.ActionInProgress {
			t.Errorf("stored status: %s", as[0].Status)
		}
	})

	t.Run("a rater cannot open a review outside their scope", func(t *testing.T) {
		a := aTab.on(t)
		sc, err := w.svc.PlanReview(w.sys, service.ReviewInput{SiteID: w.otherSite, Scale: "se-fidelity@2008",
			Type: fidelity.ReviewExternal, VisitStart: time.Now().UTC(), VisitEnd: time.Now().UTC(), RaterIDs: []string{w.raterA, w.raterB}})
		if err != nil {
			t.Fatal(err)
		}
		a.open("/ui/reviews/" + sc.ID + "/rate/" + w.raterA)
		if h := a.h1(); h != "Not found" {
			t.Errorf("out-of-scope review: h1 %q", h)
		}
		a.open("/ui/reviews/" + sc.ID)
		if h := a.h1(); h != "Not found" {
			t.Errorf("out-of-scope review page: h1 %q", h)
		}
		a.open("/ui/reviews")
		if strings.Contains(eval[string](a, "document.body.innerHTML"), sc.ID) {
			t.Error("the out-of-scope review is listed")
		}
		a.open("/ui/sites/" + w.otherSite)
		if h := a.h1(); h != "Not found" {
			t.Errorf("out-of-scope site: h1 %q", h)
		}
	})

	t.Run("CSRF: a form without or with a wrong token is refused", func(t *testing.T) {
		lead := leadTab.on(t)
		count := func() int {
			rs, _, err := w.svc.ListReviews(w.sys, service.ReviewFilter{Page: service.Page{Limit: 500}})
			if err != nil {
				t.Fatal(err)
			}
			return len(rs)
		}
		before := count()
		for _, tamper := range []string{`f.elements.csrf.value = "wrong"`, `f.elements.csrf.remove()`} {
			lead.open("/ui/reviews/new?site=" + w.site)
			lead.click(`input[name=rater_ids][value="` + w.raterA + `"]`)
			eval[bool](lead, `(function(){var f=document.querySelector('form[action="/ui/reviews"]');`+tamper+`;return true})()`)
			lead.click(`form[action="/ui/reviews"] button[type=submit]`)
			lead.until("the 403 page", `document.title.indexOf("Form rejected") === 0`)
			if !strings.Contains(lead.text("main"), "security token") {
				t.Errorf("%s: the page does not explain the refusal", tamper)
			}
		}
		if n := count(); n != before {
			t.Errorf("a refused form created a review (%d, was %d)", n, before)
		}
	})

	t.Run("invalid input shows a message and keeps what was typed", func(t *testing.T) {
		a := aTab.on(t)
		rv, err := w.svc.PlanReview(w.sys, service.ReviewInput{SiteID: w.site, Scale: "se-fidelity@2008",
			Type: fidelity.ReviewSelf, VisitStart: time.Now().UTC(), VisitEnd: time.Now().UTC(), RaterIDs: []string{w.raterA}})
		if err != nil {
			t.Fatal(err)
		}
		a.open("/ui/reviews/" + rv.ID + "/rate/" + w.raterA)
		a.typeInto("#f-v-S1-active_clients", "38")
		a.typeInto("#f-v-S1-specialist_fte", "0")
		a.until("the live message", `document.querySelector('[data-err-for="v.S1.specialist_fte"]').textContent.indexOf("must not be 0") >= 0`)
		a.typeInto("#f-v-S2-scheduled_hours", "abc")
		a.typeInto("#f-ev-S1", "Caseload list of 3 March")
		a.click(`button[name=action][value=save]`)
		a.until("the form again with errors", `document.getElementById('errsummary') !== null`)
		if got := a.text(`[data-err-for="v.S1.specialist_fte"]`); !strings.Contains(got, "must not be 0") {
			t.Errorf("FTE message: %q", got)
		}
		if got := a.text(`[data-err-for="v.S2.scheduled_hours"]`); !strings.Contains(got, "number") {
			t.Errorf("not-a-number message: %q", got)
		}
		for sel, want := range map[string]string{"#f-v-S1-active_clients": "38", "#f-v-S1-specialist_fte": "0",
			"#f-v-S2-scheduled_hours": "abc", "#f-ev-S1": "Caseload list of 3 March"} {
			if got := a.value(sel); got != want {
				t.Errorf("%s: %q, want what was typed, %q", sel, got, want)
			}
		}
		if a.count(`#f-v-S1-specialist_fte[aria-invalid="true"]`) != 1 {
			t.Error("the invalid field is not marked")
		}
		rs, err := w.svc.GetRatings(w.sys, rv.ID, w.raterA)
		if err != nil || rs.Version != 0 {
			t.Errorf("an invalid form was saved: version %d, %v", rs.Version, err)
		}
	})
}
