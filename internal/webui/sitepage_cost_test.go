package webui_test

import (
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// sitePageBudget is the number of SQL statements a team's page may cost
// once its reports are cached. The latest review's profile is read once
// for the chart and the grouping subtotals (read twice, the page cost 39).
const sitePageBudget = 34

// A team's page reads the latest review's item profile once.
func TestSitePageReadsTheProfileOnce(t *testing.T) {
	e := newEnv(t, envOpts{seed: true})
	team := e.reviewIn(fidelity.StatusFinalised).SiteID
	c := e.client()
	c.get("/ui/sites/"+team).want(t, 200) // fills the report cache
	before := e.st.Statements()
	p := c.get("/ui/sites/"+team).want(t, 200)
	n := e.st.Statements() - before
	t.Logf("site page: %d statements", n)
	if n > sitePageBudget {
		t.Errorf("the site page cost %d statements, budget %d", n, sitePageBudget)
	}
	for _, id := range []string{`id="groupings"`, `id="profile-chart"`} {
		if !strings.Contains(p.Body, id) {
			t.Errorf("the page lacks %s, which the profile fills", id)
		}
	}
}
