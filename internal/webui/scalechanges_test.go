package webui_test

import (
	"html"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/demo"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// finaliseUnder stores a finalised review of site under ref on day.
func (e *env) finaliseUnder(ref, site, rater string, day time.Time, level int) {
	e.t.Helper()
	sc, err := e.svc.Scales().Resolve(ref)
	if err != nil {
		e.t.Fatal(err)
	}
	v, err := e.svc.PlanReview(e.sys, service.ReviewInput{SiteID: site, Scale: ref, Type: fidelity.ReviewExternal,
		VisitStart: day, VisitEnd: day, RaterIDs: []string{rater}})
	if err != nil {
		e.t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	var inputs []fidelity.ItemInput
	for i := range sc.Items {
		in, err := demo.InputFor(sc, &sc.Items[i], level, rng)
		if err != nil {
			e.t.Fatal(err)
		}
		inputs = append(inputs, in)
	}
	if _, err := e.svc.SaveRatings(e.sys, v.ID, rater, service.AnyVersion, inputs, true); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.svc.SaveConsensus(e.sys, v.ID, service.AnyVersion, inputs); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.svc.Finalize(e.sys, v.ID, service.AnyVersion); err != nil {
		e.t.Fatal(err)
	}
}

// A team's site page with an IPS-15 review followed by an SE Fidelity
// Scale review says, in the reader's language, when the scale changed,
// which item is compared across the change, and why each other item is
// left out; the trend chart marks the change.
func TestSitePageShowsTheScaleChange(t *testing.T) {
	e := newEnv(t, envOpts{})
	site, err := e.svc.CreateSite(e.sys, service.SiteInput{Kind: "team", Code: "T1", Name: "IPS-team Bergenhus"})
	if err != nil {
		t.Fatal(err)
	}
	rater, err := e.svc.CreateRater(e.sys, service.RaterInput{Name: "Ingrid Solberg", Email: "ingrid@example.no"})
	if err != nil {
		t.Fatal(err)
	}
	e.finaliseUnder("ips-15@1996", site.ID, rater.ID, time.Date(2007, 3, 15, 0, 0, 0, 0, time.UTC), 3)
	e.finaliseUnder("se-fidelity@2008", site.ID, rater.ID, time.Date(2009, 3, 15, 0, 0, 0, 0, time.UTC), 4)

	c := e.client()
	for lang, want := range map[string][]string{
		"en": {"Scale changes", "the reviews use IPS-25 instead of IPS-15", "Compared across the change: O3 → O6",
			"Integration with mental-health treatment became two items", "Scale changed: IPS-15 → IPS-25",
			"have not been re-scored under the newer version"},
		"nb": {"Skiftet skala", "brukes IPS-25 i stedet for IPS-15", "Sammenlignet over skiftet: O3 → O6",
			"Integrering med behandlingen ble to indikatorer", "Skalaen endret: IPS-15 → IPS-25",
			"er ikke skåret på nytt etter den nyere versjonen"},
	} {
		pg := c.get("/ui/sites/"+site.ID+"?lang="+lang).want(t, http.StatusOK)
		body := html.UnescapeString(pg.Body)
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s page lacks %q", lang, w)
			}
		}
	}
}

// The scale-change section passes axe with its table open, in both
// languages, and reflows at 320 px without sideways scrolling (its table
// scrolls inside its own labelled region).
func TestBrowserScaleChangeSection(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	e := newEnv(t, envOpts{})
	site, err := e.svc.CreateSite(e.sys, service.SiteInput{Kind: "team", Code: "T1", Name: "IPS-team Bergenhus"})
	if err != nil {
		t.Fatal(err)
	}
	rater, err := e.svc.CreateRater(e.sys, service.RaterInput{Name: "Ingrid Solberg", Email: "ingrid@example.no"})
	if err != nil {
		t.Fatal(err)
	}
	e.finaliseUnder("ips-15@1996", site.ID, rater.ID, time.Date(2007, 3, 15, 0, 0, 0, 0, time.UTC), 3)
	e.finaliseUnder("se-fidelity@2008", site.ID, rater.ID, time.Date(2009, 3, 15, 0, 0, 0, 0, time.UTC), 4)
	for _, lang := range []string{"en", "nb"} {
		tb := newBrowser(t, e.srv.URL, 320, 900).tab()
		tb.open("/ui/sites/" + site.ID + "?lang=" + lang)
		if tb.count("#scale-changes details") != 1 {
			t.Fatalf("%s: no scale-change section", lang)
		}
		tb.click("#scale-changes details summary")
		tb.audit()
		if over := eval[int](tb, `document.documentElement.scrollWidth - window.innerWidth`); over > 0 {
			t.Errorf("%s: the page scrolls sideways by %d px at 320 px", lang, over)
		}
	}
}
