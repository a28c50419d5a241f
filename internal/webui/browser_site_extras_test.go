package webui_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// TestBrowserSiteGroupingsAndOutcomes: a site's page shows, in Norwegian,
// the IPS-principle and EUSE-stage subtotals of its latest finalised
// review (each group's sum is the sum of its items' consensus scores) and
// its outcomes beside its fidelity: a chart with a text alternative and a
// table with one row per recorded period. The review page shows the item
// profile as a radar beside the bars.
func TestBrowserSiteGroupingsAndOutcomes(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	t.Parallel()
	e := newEnv(t, envOpts{seed: true})
	site, err := e.svc.GetSite(e.sys, e.reviewIn(fidelity.StatusFinalised).SiteID)
	if err != nil {
		t.Fatal(err)
	}
	last := site.LastReview
	prof, err := e.svc.Profile(e.sys, last.ID)
	if err != nil {
		t.Fatal(err)
	}
	outcomes, err := e.svc.Outcomes(e.sys, site.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(outcomes) == 0 {
		t.Fatal("the demo site has no outcomes to show")
	}

	tb := newBrowser(t, e.srv.URL, 1280, 900).tab()
	tb.open("/ui/accessibility?lang=nb")
	tb.open("/ui/sites/" + site.ID)

	if h := tb.text("#h-groupings"); h != "Delskårer i siste ferdigstilte evaluering" {
		t.Errorf("groupings heading %q", h)
	}
	for id, caption := range map[string]string{"ips-principles": "De åtte IPS-prinsippene", "euse-stages": "Femtrinnsmodellen i SE (EUSE)"} {
		if got := tb.text("#grouping-" + id + " caption"); got != caption {
			t.Errorf("grouping %s: caption %q, want %q", id, got, caption)
		}
	}
	if head := tb.text("#grouping-ips-principles thead"); !strings.Contains(head, "Snitt per indikator") || !strings.Contains(head, "Andel av maksimum") {
		t.Errorf("grouping table header not in Norwegian: %q", head)
	}
	// Every group's "sum av max" is its items' consensus scores added up.
	for _, g := range prof.Scale.Groupings {
		for j, grp := range g.Groups {
			sum := 0
			for _, id := range grp.Items {
				sum += prof.Current[id]
			}
			want := fmt.Sprintf("%d av %d", sum, prof.Scale.Levels.Max*len(grp.Items))
			cell := tb.text(fmt.Sprintf("#grouping-%s tbody tr:nth-child(%d) td:nth-of-type(2)", g.ID, j+1))
			if !strings.HasPrefix(cell, want) {
				t.Errorf("%s / %s: score cell %q, want %q", g.ID, grp.ID, cell, want)
			}
		}
	}

	if h := tb.text("#h-outcomes"); h != "Resultater sammen med modelltrofasthet" {
		t.Errorf("outcomes heading %q", h)
	}
	const m = "competitive_employment_rate"
	if rows := tb.count("#outcome-" + m + " tbody tr"); rows != len(outcomes) {
		t.Errorf("outcome table has %d rows for %d recorded periods", rows, len(outcomes))
	}
	if head := tb.text("#outcome-" + m + " thead"); !strings.Contains(head, "Andel i ordinært arbeid") || !strings.Contains(head, "Siste evaluering før periodens slutt") {
		t.Errorf("outcome table header %q", head)
	}
	first := tb.text("#outcome-" + m + " tbody tr:first-child td:nth-of-type(1)")
	if !strings.HasSuffix(first, "\u00a0%") && !strings.HasSuffix(first, " %") {
		t.Errorf("employment rate %q is not a Norwegian percentage", first)
	} else if v, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimRight(strings.TrimSuffix(first, "%"), " \u00a0"), ",", "."), 64); err != nil || v < 0 || v > 100 {
		t.Errorf("employment rate %q is not a percentage", first)
	}
	desc := svgDesc(tb, "#outcome-chart-"+m)
	if tb.count("#outcome-chart-"+m+` svg[role="img"]`) != 1 || !strings.Contains(desc, "Linjediagram") {
		t.Errorf("the outcome chart has no text alternative: %q", desc)
	}

	tb.open("/ui/reviews/" + last.ID)
	if tb.count(`#profile-charts #profile-bars svg[role="img"]`) != 1 || tb.count(`#profile-charts #profile-radar svg[role="img"]`) != 1 {
		t.Fatal("the review page does not show the bars and the radar side by side")
	}
	if d := svgDesc(tb, "#profile-radar"); !strings.HasPrefix(d, "Radardiagram over 25 indikatorer") {
		t.Errorf("radar text alternative %q", d)
	}
}

// svgDesc is the <desc> of the chart inside the element sel (SVG elements
// have no innerText).
func svgDesc(tb *tab, sel string) string {
	return eval[string](tb, fmt.Sprintf(`(function(){var e=document.querySelector(%q); return e ? e.textContent : ""})()`, sel+" svg desc"))
}
