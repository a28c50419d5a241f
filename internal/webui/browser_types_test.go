package webui_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// A programme lead ticks "Self-assessment" in the comparison filter: the
// league then ranks self-assessments, the page says so, and the choice
// survives the period form.
func TestBrowserReviewTypeFilter(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	e := newEnv(t, envOpts{seed: true})
	rep, err := e.svc.Comparison(e.sys, service.ReportQuery{})
	if err != nil || len(rep.League) == 0 {
		t.Fatalf("demo league %+v: %v", rep.League, err)
	}
	row := rep.League[len(rep.League)-1]
	ext, _, err := e.svc.ListReviews(e.sys, service.ReviewFilter{SiteID: row.SiteID, Status: []fidelity.ReviewStatus{fidelity.StatusFinalised}})
	if err != nil || len(ext) == 0 {
		t.Fatal(err)
	}
	e.finish(row.SiteID, fidelity.ReviewSelf, time.Now().UTC().AddDate(0, 0, -3), ext[0].RaterIDs, 5)

	tb := newBrowser(t, e.srv.URL, 1280, 1000).tab().on(t)
	tb.open("/ui/compare")
	if got := tb.text("#types-used"); !strings.Contains(got, "External review, Remote review") {
		t.Fatalf("default types note %q", got)
	}
	if strings.Contains(tb.text("#league"), "Self-assessment") {
		t.Fatal("a self-assessment is in the default league table")
	}
	tb.click(`#f-types input[value="external"]`)
	tb.click(`#f-types input[value="remote"]`)
	tb.click(`#f-types input[value="self"]`)
	tb.click(`form.filter button[type=submit]`)
	tb.waitPath("types=self")
	tb.until("the self-assessment league", `document.querySelector("#types-used").innerText.indexOf("Self-assessment") >= 0`)
	if got := tb.text("#league"); !strings.Contains(got, "Self-assessment") || strings.Contains(got, "External review") {
		t.Fatalf("league with types=self: %q", got)
	}
	tb.click(`#periods button[type=submit]`)
	tb.until("the period form's page", `location.hash == "#h-bands" && document.querySelector("#types-used") != null`)
	if got := tb.text("#types-used"); !strings.Contains(got, "Self-assessment") || strings.Contains(got, "External") {
		t.Fatalf("the period form dropped the type filter: %q", got)
	}
}
