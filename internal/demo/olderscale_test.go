package demo_test

import (
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// Three teams were reviewed yearly on the 15-item IPS scale in 2019–2021,
// before their history on the SE Fidelity Scale; their inputs (clients
// and FTEs for caseload) are stored, and re-scored, so each team's trend
// marks the scale change and compares zero exclusion and caseload across
// it.
func threeTeamsHaveAnIPS15HistoryShownInTheirTrend(t *testing.T, w *world) {
	first := map[string]fidelity.Review{}
	for _, r := range w.reviews {
		if f, ok := first[r.SiteID]; !ok || r.VisitStart.Before(f.VisitStart) {
			first[r.SiteID] = r
		}
	}
	perTeam := map[string]int{}
	for _, r := range w.older {
		if r.ScaleID != "ips-15" || r.ScaleVersion != "1996" || r.Status != fidelity.StatusFinalised || r.Type != fidelity.ReviewExternal {
			t.Errorf("older review %s: %s@%s %s %s", r.ID, r.ScaleID, r.ScaleVersion, r.Status, r.Type)
		}
		if y := r.VisitEnd.Year(); y < 2019 || y > 2021 {
			t.Errorf("IPS-15 review in %d", y)
		}
		if f, ok := first[r.SiteID]; !ok || !r.VisitEnd.Before(f.VisitStart) {
			t.Errorf("IPS-15 review %s is not before the team's SE Fidelity Scale history", r.ID)
		}
		perTeam[r.SiteID]++
	}
	if len(perTeam) != 3 {
		t.Fatalf("%d teams have an IPS-15 history, want 3", len(perTeam))
	}
	for site, n := range perTeam {
		if n != 3 {
			t.Errorf("team %s has %d IPS-15 reviews, want 3", w.sites[site].Name, n)
		}
		tr, err := w.svc.Trend(w.ctx, site, service.ReportQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if len(tr.ScaleChanges) != 1 || tr.ScaleChanges[0].From != "ips-15@1996" {
			t.Fatalf("team %s: scale changes %+v", w.sites[site].Name, tr.ScaleChanges)
		}
		for _, p := range tr.Points {
			if p.ReviewID != tr.ScaleChanges[0].ReviewID {
				continue
			}
			compared := map[string]bool{}
			for _, it := range p.Change.Items {
				compared[it.PreviousItem+">"+it.ItemID] = it.Rescored || it.PreviousItem != "S1"
			}
			if !compared["S1>S1"] || !compared["O3>O6"] || len(p.Change.LeftOut) == 0 {
				t.Errorf("team %s: across the change %+v, left out %d", w.sites[site].Name, p.Change.Items, len(p.Change.LeftOut))
			}
		}
	}
}
