package httpapi_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

type otherVersionsJSON struct {
	League []struct {
		SiteID string `json:"site_id"`
		Rank   int    `json:"rank"`
	} `json:"league"`
	NoReview      []struct{ ID string } `json:"no_review"`
	OtherVersions []struct {
		SiteID       string   `json:"site_id"`
		ScaleVersion string   `json:"scale_version"`
		OwnTotal     *float64 `json:"own_total"`
		Rescored     bool     `json:"rescored"`
		Items        []struct {
			ItemID       string   `json:"item_id"`
			PreviousItem string   `json:"previous_item"`
			Rescored     bool     `json:"rescored"`
			LeagueMean   *float64 `json:"league_mean"`
		} `json:"items"`
		LeftOut []struct {
			From   []string `json:"from"`
			Reason string   `json:"reason"`
		} `json:"left_out"`
	} `json:"other_versions"`
}

// Over HTTP: Team Bergen's latest review is on the SE Fidelity Scale, Team
// Bodø's on IPS-15. The comparison ranks Bergen alone and lists Bodø
// apart, labelled ips-15@1996 with its own total, compared on zero
// exclusion and — after the admin re-scores it — caseload, with every
// other item left out and why. The CSV says the same; a lead scoped to
// Bergen's region never sees Bodø.
func TestComparisonAcrossScaleVersionsOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		w.e.t = t
		w.finaliseUnder(t, "ips-15@1996", w.teamA, time.Date(2007, 3, 15, 0, 0, 0, 0, time.UTC), 3, w.r1)
		w.finaliseUnder(t, "se-fidelity@2008", w.teamA, time.Date(2009, 3, 15, 0, 0, 0, 0, time.UTC), 4, w.r1)
		w.finaliseUnder(t, "ips-15@1996", w.teamB, time.Date(2008, 5, 15, 0, 0, 0, 0, time.UTC), 3, w.r3)

		var rep otherVersionsJSON
		w.as("admin", "GET", "/v1/reports/comparison", nil).want(http.StatusOK).json(&rep)
		if len(rep.League) != 1 || rep.League[0].SiteID != w.teamA || len(rep.OtherVersions) != 1 {
			t.Fatalf("comparison %+v", rep)
		}
		for _, n := range rep.NoReview {
			if n.ID == w.teamB {
				t.Fatal("Team Bodø is reported as never reviewed")
			}
		}
		ov := rep.OtherVersions[0]
		if ov.SiteID != w.teamB || ov.ScaleVersion != "ips-15@1996" || ov.OwnTotal == nil || *ov.OwnTotal != 45 || ov.Rescored {
			t.Fatalf("Team Bodø %+v", ov)
		}
		if len(ov.Items) != 1 || ov.Items[0].ItemID != "O6" || ov.Items[0].PreviousItem != "O3" || ov.Items[0].LeagueMean == nil {
			t.Fatalf("compared before re-scoring %+v", ov.Items)
		}
		reasons := map[string]string{}
		for _, l := range ov.LeftOut {
			reasons[strings.Join(l.From, ",")] = l.Reason
		}
		if !strings.Contains(reasons["S1"], "re-scored") || reasons["S2"] == "" {
			t.Fatalf("left out %+v", ov.LeftOut)
		}

		w.as("admin", "POST", "/v1/admin/rescore", map[string]any{"to": "se-fidelity@2008", "site": w.regionB}).want(http.StatusOK)
		w.as("admin", "GET", "/v1/reports/comparison", nil).want(http.StatusOK).json(&rep)
		ov = rep.OtherVersions[0]
		if !ov.Rescored || len(ov.Items) != 2 || ov.Items[0].ItemID != "S1" || !ov.Items[0].Rescored {
			t.Fatalf("compared after re-scoring %+v", ov)
		}

		csv := string(w.as("admin", "GET", "/v1/reports/comparison?format=csv", nil).want(http.StatusOK).Body)
		lines := strings.Split(strings.TrimSpace(csv), "\n")
		if len(lines) != 3 || !strings.Contains(lines[0], ",group,item_mean,league_item_mean,compared_items,left_out") ||
			!strings.HasPrefix(lines[2], ","+w.teamB) || !strings.Contains(lines[2], "ips-15@1996") ||
			!strings.Contains(lines[2], "other_scale_version_not_ranked") || !strings.Contains(lines[2], "(re-scored from S1)") {
			t.Fatalf("csv:\n%s", csv)
		}

		var scoped otherVersionsJSON
		w.as("lead", "GET", "/v1/reports/comparison", nil).want(http.StatusOK).json(&scoped)
		if len(scoped.League) != 1 || len(scoped.OtherVersions) != 0 {
			t.Fatalf("the lead of Vest sees %+v", scoped)
		}
	})
}
