package webui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// TestBlindRatingInTheWebInterface: rater A, signed in, opens the pages of a
// review that B is rating too, and downloads the exports through the page
// links. Nothing of B's unsubmitted ratings may show: not B's evidence,
// not B's rows in ratings.csv or the workbook, and B's rating form is
// refused. A's own draft is there. Before, the export links carried B's
// scores.
func TestBlindRatingInTheWebInterface(t *testing.T) {
	const marker = "BLIND-LEAK-evidence-of-rater-B"
	var a, b, reviewID, secret string
	e := newEnv(t, envOpts{seed: true, keys: func(e *env) {
		fin := e.reviewIn(fidelity.StatusFinalised)
		a, b = fin.RaterIDs[0], fin.RaterIDs[1]
		day := time.Now().UTC().AddDate(0, 0, -3)
		v, err := e.svc.PlanReview(e.sys, service.ReviewInput{SiteID: fin.SiteID, Scale: "se-fidelity@2008", Type: fidelity.ReviewExternal,
			VisitStart: day, VisitEnd: day, RaterIDs: []string{a, b}})
		if err != nil {
			t.Fatal(err)
		}
		reviewID = v.ID
		if _, err := e.svc.SaveRatings(e.sys, reviewID, a, service.AnyVersion, []fidelity.ItemInput{{ItemID: "O6", Score: fidelity.IntPtr(3), Evidence: "A's own draft"}}, false); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.SaveRatings(e.sys, reviewID, b, service.AnyVersion, []fidelity.ItemInput{
			{ItemID: "O6", Score: fidelity.IntPtr(5), Evidence: marker}, {ItemID: "Sv1", Score: fidelity.IntPtr(5), Evidence: marker}}, false); err != nil {
			t.Fatal(err)
		}
		secret = e.key(service.KeyInput{Name: "Rater A", Role: fidelity.RoleRater, RaterID: a, AllSites: true})
	}})
	c := e.client()
	c.post("/ui/signin", url.Values{"csrf": {c.csrf("/ui/signin")}, "key": {secret}, "next": {"/ui/reviews"}}).want(t, http.StatusSeeOther)
	own := c.get("/ui/reviews/"+reviewID+"/rate/"+a).want(t, http.StatusOK)
	if !strings.Contains(own.Body, "A&#39;s own draft") && !strings.Contains(own.Body, "A's own draft") {
		t.Fatalf("A's own draft is not on A's rating form")
	}
	if pg := c.get("/ui/reviews/" + reviewID + "/rate/" + b); pg.Code != http.StatusForbidden {
		t.Fatalf("B's rating form for A: %d, want 403", pg.Code)
	}
	for _, path := range []string{"/ui/reviews/" + reviewID, "/ui/reviews/" + reviewID + "/consensus", "/ui/agreement", "/ui/compare",
		"/ui/exports/ratings.csv", "/ui/exports/reviews.csv", "/ui/exports/workbook.xlsx"} {
		pg := c.get(path)
		if strings.Contains(pg.Body, marker) {
			t.Errorf("%s shows B's evidence to A", path)
		}
		if strings.HasSuffix(path, ".csv") {
			for _, line := range strings.Split(pg.Body, "\n") {
				if strings.Contains(line, reviewID) && strings.Contains(line, b) {
					t.Errorf("%s has a row of B's unsubmitted ratings: %s", path, line)
				}
			}
		}
	}
	long := c.get("/ui/exports/ratings.csv").want(t, http.StatusOK)
	if !strings.Contains(long.Body, reviewID) {
		t.Fatal("A's own rows are missing from ratings.csv")
	}
}
