package webui_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/report"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// The agreement page shows item titles, the ICC with its confidence
// interval, alpha and unweighted kappa per item, every rater pair by name
// with the direction of its difference, and a guide to reading the numbers
// whose bands are labelled as conventions — in English and Norwegian.
func TestAgreementPageThreeRaters(t *testing.T) {
	e := newEnv(t, envOpts{seed: true})
	c := e.client()
	exts, _, err := e.svc.ListReviews(e.sys, service.ReviewFilter{Status: []fidelity.ReviewStatus{fidelity.StatusFinalised},
		Type: []fidelity.ReviewType{fidelity.ReviewExternal}})
	if err != nil || len(exts) == 0 || len(exts[0].RaterIDs) < 2 {
		t.Fatalf("no finalised external review with two raters: %v", err)
	}
	third, err := e.svc.CreateRater(e.sys, service.RaterInput{Name: "Åse Ødegård", Email: "ase@example.no"})
	if err != nil {
		t.Fatal(err)
	}
	raters := append(append([]string{}, exts[0].RaterIDs[:2]...), third.ID)
	e.finish(exts[0].SiteID, fidelity.ReviewExternal, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), raters, 4)

	rep, err := e.svc.Agreement(e.sys, service.ReportQuery{Scale: "se-fidelity@2008"}, report.AgreementOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var pair *report.RaterPair
	for i, p := range rep.Pairs {
		if p.RaterB == third.ID {
			pair = &rep.Pairs[i]
		}
	}
	if pair == nil || !strings.HasSuffix(pair.Label, " − Åse Ødegård") {
		t.Fatalf("the third rater forms no named pair: %+v", rep.Pairs)
	}
	sc, err := e.svc.GetScale("se-fidelity@2008")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "nb"} {
		pg := c.get("/ui/agreement?lang="+lang).want(t, http.StatusOK)
		items := tableRows(t, pg.Body, "agreement-items")
		if len(items) != len(sc.Items) || !strings.Contains(items[0], sc.Items[0].ID+" "+sc.Items[0].Title.In(lang)) {
			t.Errorf("%s: the item rows do not show the titles: %s", lang, items[0])
		}
		icc := tableRows(t, pg.Body, "agreement-icc")
		if len(icc) != 6 {
			t.Fatalf("%s: %d ICC rows", lang, len(icc))
		}
		if r := rep.Totals.ICC[0]; r.CI != nil && !strings.Contains(icc[0], " – ") {
			t.Errorf("%s: ICC(1,1) without its confidence interval: %s", lang, icc[0])
		}
		pairs := tableRows(t, pg.Body, "agreement-pairs")
		if len(pairs) != len(rep.Pairs) {
			t.Errorf("%s: %d pair rows, want %d", lang, len(pairs), len(rep.Pairs))
		}
		if !strings.Contains(pg.Body, pair.Label) {
			t.Errorf("%s: the pair %q is not named", lang, pair.Label)
		}
		head := pg.Body[strings.Index(pg.Body, `id="agreement-items"`):]
		head = head[:strings.Index(head, "</thead>")]
		for _, want := range map[string][]string{"en": {"Kappa (unweighted)", "alpha (ordinal)"}, "nb": {"Kappa (uvektet)", "Krippendorffs alfa"}}[lang] {
			if !strings.Contains(head, want) {
				t.Errorf("%s: the item table lacks %q", lang, want)
			}
		}
		guide := map[string][]string{
			"en": {"Koo &amp; Li 2016", "Landis &amp; Koch 1977", "a convention", "conventions, not rules"},
			"nb": {"Koo &amp; Li 2016", "Landis &amp; Koch 1977", "konvensjon", "konvensjoner, ikke regler"},
		}[lang]
		for _, want := range guide {
			if !strings.Contains(pg.Body, want) {
				t.Errorf("%s: the reading guide lacks %q", lang, want)
			}
		}
	}
}
