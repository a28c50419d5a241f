package httpapi_test

import (
	"net/http"
	"strings"
	"testing"
)

// A review visited by three raters is analysed with all three: the ICC on
// n reviews × 3 raters, Fleiss' kappa over the three, and every pair and
// difference named by the raters' names. A review with two raters is not
// mixed into the ICC; the report lists it as left out.
func TestAgreementWithThreeRaters(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.setup()
		raterC := e.create("/v1/raters", map[string]any{"name": "Astrid Lunde", "organisation": "IPS-senteret", "email": "astrid@example.no"})["id"].(string)
		raters := []string{f.raterA, f.raterB, raterC}
		submit := func(review, rater string, targets map[string]int, seed uint64) {
			path := "/v1/reviews/" + review + "/ratings/" + rater
			e.do("PUT", path, map[string]any{"items": ratingsFor(t, targets, seed), "submit": true},
				"If-Match", e.etag(path)).want(http.StatusOK)
		}
		// Three visits, each rated by the three raters, who differ on a few items.
		for v, visit := range []string{"2026-03-10", "2026-05-12", "2026-09-15"} {
			rv := e.create("/v1/reviews", map[string]any{
				"site_id": f.team, "scale": "se-fidelity@2008", "type": "external",
				"visit_start": visit, "visit_end": visit, "rater_ids": raters,
			})["id"].(string)
			for j, r := range raters {
				targets := baseTargets()
				targets["O3"] = 2 + (v+j)%3
				targets["Sv12"] = 3 + (v*j)%3
				if j == 2 {
					targets["Sv4"] = 2 + v
				}
				submit(rv, r, targets, uint64(10*v+j))
			}
		}
		// One visit by two raters only.
		pair := e.create("/v1/reviews", map[string]any{
			"site_id": f.team, "scale": "se-fidelity@2008", "type": "external",
			"visit_start": "2026-11-02", "visit_end": "2026-11-02", "rater_ids": []string{f.raterA, f.raterB},
		})["id"].(string)
		submit(pair, f.raterA, baseTargets(), 40)
		submit(pair, f.raterB, baseTargets(), 41)

		var rep struct {
			Reviews    int
			Raters     int
			RaterNames map[string]string `json:"rater_names"`
			Items      []struct {
				Item        string
				FleissKappa struct{ Raters int } `json:"fleiss_kappa"`
				PairKappas  []struct {
					RaterA string `json:"rater_a"`
					RaterB string `json:"rater_b"`
				} `json:"pair_kappas"`
			}
			Pairs []struct {
				Label   string
				Reviews int
			}
			Totals struct {
				Reviews int
				K       int
				LeftOut []struct {
					ReviewID string `json:"review_id"`
					Reason   string
				} `json:"left_out"`
				ICC []struct {
					Name   string
					Value  *float64
					Raters int
					N      int
				}
				VsConsensus []struct{ Label string } `json:"vs_consensus"`
			}
		}
		e.do("GET", "/v1/reports/agreement?subtree="+f.region, nil).want(http.StatusOK).json(&rep)
		if rep.Reviews != 4 || rep.Raters != 3 || rep.RaterNames[raterC] != "Astrid Lunde" {
			t.Fatalf("reviews %d raters %d names %v", rep.Reviews, rep.Raters, rep.RaterNames)
		}
		if rep.Totals.K != 3 || rep.Totals.Reviews != 3 || len(rep.Totals.ICC) != 6 {
			t.Fatalf("ICC on %d reviews × %d raters, %d forms", rep.Totals.Reviews, rep.Totals.K, len(rep.Totals.ICC))
		}
		for _, icc := range rep.Totals.ICC {
			if icc.Raters != 3 || icc.N != 3 {
				t.Errorf("%s uses %d raters on %d reviews, want all 3 raters on 3 reviews", icc.Name, icc.Raters, icc.N)
			}
		}
		if len(rep.Totals.LeftOut) != 1 || rep.Totals.LeftOut[0].ReviewID != pair || !strings.Contains(rep.Totals.LeftOut[0].Reason, "2 complete") {
			t.Errorf("left out %+v", rep.Totals.LeftOut)
		}
		if rep.Items[0].FleissKappa.Raters != 3 || len(rep.Items[0].PairKappas) != 3 {
			t.Errorf("item %s: Fleiss on %d raters, %d pairs", rep.Items[0].Item, rep.Items[0].FleissKappa.Raters, len(rep.Items[0].PairKappas))
		}
		wantPairs := []string{"Astrid Lunde − Ingrid Solberg", "Astrid Lunde − Magnus Berg", "Ingrid Solberg − Magnus Berg"}
		if len(rep.Pairs) != 3 {
			t.Fatalf("pairs %+v", rep.Pairs)
		}
		for i, p := range rep.Pairs {
			if p.Label != wantPairs[i] {
				t.Errorf("pair %d is %q, want %q", i, p.Label, wantPairs[i])
			}
		}
		if rep.Pairs[2].Reviews != 4 || rep.Pairs[0].Reviews != 3 {
			t.Errorf("pair reviews %+v", rep.Pairs)
		}
		if len(rep.Totals.VsConsensus) != 0 {
			t.Errorf("no consensus was recorded, yet %+v", rep.Totals.VsConsensus)
		}

		// The CSV carries the new per-item columns.
		rows := csvRows(t, e.do("GET", "/v1/reports/agreement?subtree="+f.region+"&format=csv", nil).want(http.StatusOK).Body)
		if h := strings.Join(rows[0], ","); !strings.Contains(h, "fleiss_kappa") || !strings.Contains(h, "light_kappa") {
			t.Errorf("csv header %s", h)
		}
		// part=statistics lists the ICC forms, the pooled statistics and each
		// named pair, one row per statistic.
		stats := csvRows(t, e.do("GET", "/v1/reports/agreement?subtree="+f.region+"&format=csv&part=statistics", nil).want(http.StatusOK).Body)
		all := ""
		for _, row := range stats {
			all += strings.Join(row, ",") + "\n"
		}
		for _, want := range []string{"ICC(2,k)", "pooled,", "Light's kappa", "Ingrid Solberg − Magnus Berg", "Astrid Lunde − Magnus Berg"} {
			if !strings.Contains(all, want) {
				t.Errorf("statistics CSV lacks %q", want)
			}
		}
		prob := e.do("GET", "/v1/reports/agreement?format=csv&part=pairs", nil).problem(http.StatusBadRequest)
		if errs, _ := prob["errors"].([]any); len(errs) != 1 || errs[0].(map[string]any)["field"] != "part" {
			t.Errorf("an unknown part must be named: %v", prob)
		}
	})
}
