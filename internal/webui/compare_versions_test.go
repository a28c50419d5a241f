package webui_test

import (
	"html"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/service"
)

// A team whose latest review is on IPS-15 shows on the comparison page
// apart from the league, in the reader's language: its scale named, its
// own total, zero exclusion compared beside the table's mean, and why
// caseload and the other items are left out. It is not ranked and not
// counted among the sites without a review.
func TestTheComparisonPageListsATeamOnAnOlderScaleApart(t *testing.T) {
	e := newEnv(t, envOpts{})
	rater, err := e.svc.CreateRater(e.sys, service.RaterInput{Name: "Ingrid Solberg", Email: "ingrid@example.no"})
	if err != nil {
		t.Fatal(err)
	}
	team := func(code, name string) string {
		s, err := e.svc.CreateSite(e.sys, service.SiteInput{Kind: "team", Code: code, Name: name})
		if err != nil {
			t.Fatal(err)
		}
		return s.ID
	}
	bergen, bodo := team("T1", "IPS-team Bergenhus"), team("T2", "IPS-team Bodø")
	e.finaliseUnder("se-fidelity@2008", bergen, rater.ID, time.Date(2009, 3, 15, 0, 0, 0, 0, time.UTC), 4)
	e.finaliseUnder("ips-15@1996", bodo, rater.ID, time.Date(2008, 3, 12, 0, 0, 0, 0, time.UTC), 3)

	c := e.client()
	for lang, want := range map[string][]string{
		"en": {"Sites whose latest review is on an older scale", "IPS-15 (1996)", "O3 → O6: 3; table mean 4",
			"Left out for IPS-team Bodø, and why", "have not been re-scored under the report&#39;s scale version"},
		"nb": {"Enheter der siste evaluering er på en eldre skala", "IPS-15 (1996)", "O3 → O6: 3; gjennomsnitt i tabellen 4",
			"Utelatt for IPS-team Bodø, og hvorfor", "er ikke skåret på nytt etter skalaversjonen i rapporten",
			"Integrering med behandlingen ble to indikatorer"},
	} {
		pg := c.get("/ui/compare?lang="+lang).want(t, http.StatusOK)
		body := html.UnescapeString(pg.Body)
		for _, w := range want {
			if !strings.Contains(body, html.UnescapeString(w)) {
				t.Errorf("%s page lacks %q", lang, w)
			}
		}
		league := body[strings.Index(body, `id="league"`):strings.Index(body, `id="other-versions"`)]
		if strings.Contains(league, "Bodø") || strings.Contains(league, "no finalised review") || strings.Contains(league, "ingen ferdigstilt") {
			t.Errorf("%s: the IPS-15 team is in the league or counted unreviewed:\n%s", lang, league)
		}
	}
}
