package httpapi_test

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/demo"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// finaliseUnder takes a review of site under ref, visited on day, through
// its raters and a consensus at level (the service's own calls).
func (w *world) finaliseUnder(t *testing.T, ref, site string, day time.Time, level int, raters ...string) string {
	t.Helper()
	ctx := fidelity.WithPrincipal(context.Background(), fidelity.System)
	svc := w.e.svc
	sc, err := svc.Scales().Resolve(ref)
	if err != nil {
		t.Fatal(err)
	}
	v, err := svc.PlanReview(ctx, service.ReviewInput{SiteID: site, Scale: ref, Type: fidelity.ReviewExternal,
		VisitStart: day, VisitEnd: day, RaterIDs: raters})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(uint64(level), 9))
	var inputs []fidelity.ItemInput
	for i := range sc.Items {
		in, err := demo.InputFor(sc, &sc.Items[i], level, rng)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, in)
	}
	for _, r := range raters {
		if _, err := svc.SaveRatings(ctx, v.ID, r, service.AnyVersion, inputs, true); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := svc.SaveConsensus(ctx, v.ID, service.AnyVersion, inputs); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Finalize(ctx, v.ID, service.AnyVersion); err != nil {
		t.Fatal(err)
	}
	return v.ID
}

// Over HTTP: a team's IPS-15 review and its later SE Fidelity Scale review
// are one trend that shows the scale change, the map and, per left-out
// item, the reason; the trend chart marks the change. Only an admin
// re-scores; the original review reads the same afterwards, and its
// re-scored scorecard is listed beside it.
func TestRescoreAndTrendOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		w.e.t = t
		old := w.finaliseUnder(t, "ips-15@1996", w.teamA, time.Date(2007, 3, 15, 0, 0, 0, 0, time.UTC), 3, w.r1)
		w.finaliseUnder(t, "se-fidelity@2008", w.teamA, time.Date(2009, 3, 15, 0, 0, 0, 0, time.UTC), 4, w.r1)

		var tr struct {
			Points []struct {
				Scale  string `json:"scale"`
				Change *struct {
					Map     string `json:"map"`
					LeftOut []struct {
						From   []string `json:"from"`
						Reason string   `json:"reason"`
					} `json:"left_out"`
					Items []struct {
						Item         string `json:"item"`
						PreviousItem string `json:"previous_item"`
					} `json:"items"`
				} `json:"change"`
			} `json:"points"`
			ScaleChanges []struct{ From, To string } `json:"scale_changes"`
			Maps         []struct {
				Items []struct{ Note string } `json:"items"`
			} `json:"maps"`
		}
		w.as("lead", "GET", "/v1/reports/trend?site="+w.teamA, nil).want(http.StatusOK).json(&tr)
		if len(tr.Points) != 2 || tr.Points[0].Scale != "ips-15" || len(tr.ScaleChanges) != 1 || tr.ScaleChanges[0].From != "ips-15@1996" || len(tr.Maps) != 1 {
			t.Fatalf("trend %+v", tr)
		}
		c := tr.Points[1].Change
		if c == nil || c.Map != "ips-15@1996 → se-fidelity@2008" || len(c.Items) != 1 || c.Items[0].PreviousItem != "O3" || c.Items[0].Item != "O6" {
			t.Fatalf("change across the scales %+v", c)
		}
		if len(c.LeftOut) == 0 || c.LeftOut[0].Reason == "" {
			t.Fatalf("left out without reasons: %+v", c.LeftOut)
		}
		svg := string(w.as("lead", "GET", "/v1/charts/trend.svg?site="+w.teamA+"&lang=nb", nil).want(http.StatusOK).Body)
		if !strings.Contains(svg, "Skalaen endret: IPS-15 → IPS-25") {
			t.Error("the Norwegian trend chart does not mark the scale change")
		}

		var maps struct {
			Items []struct {
				Scale, Supersedes string
				Items             []struct{ Compared bool } `json:"items"`
			} `json:"items"`
		}
		w.as("reader", "GET", "/v1/scale-maps", nil).want(http.StatusOK).json(&maps)
		if len(maps.Items) != 1 || maps.Items[0].Supersedes != "ips-15@1996" {
			t.Fatalf("scale maps %+v", maps)
		}

		body := map[string]any{"to": "se-fidelity@2008", "site": w.regionA}
		for _, role := range []string{"lead", "rater", "reader"} {
			w.as(role, "POST", "/v1/admin/rescore", body).problem(http.StatusForbidden)
		}
		w.as("none", "POST", "/v1/admin/rescore", body).problem(http.StatusUnauthorized)
		before := string(w.as("admin", "GET", "/v1/reviews/"+old+"/score", nil).want(http.StatusOK).Body)
		beforeReview := string(w.as("admin", "GET", "/v1/reviews/"+old, nil).want(http.StatusOK).Body)

		var res struct {
			To      string `json:"to"`
			Reviews []struct {
				ReviewID string `json:"review_id"`
				Status   string `json:"status"`
				Rescored struct {
					ID         string `json:"id"`
					Carried    []struct{ From, To, How string }
					NotCarried []struct {
						From   []string
						Reason string
					} `json:"not_carried"`
				} `json:"rescored"`
			} `json:"reviews"`
		}
		w.as("admin", "POST", "/v1/admin/rescore", map[string]any{"to": "se-fidelity@2008", "site": w.regionA, "dry_run": true}).want(http.StatusOK).json(&res)
		if len(res.Reviews) != 1 || res.Reviews[0].Status != "dry_run" || res.Reviews[0].Rescored.ID != "" {
			t.Fatalf("dry run %+v", res)
		}
		w.as("admin", "POST", "/v1/admin/rescore", body).want(http.StatusOK).json(&res)
		if len(res.Reviews) != 1 || res.Reviews[0].ReviewID != old || res.Reviews[0].Status != "rescored" ||
			len(res.Reviews[0].Rescored.Carried) != 2 || len(res.Reviews[0].Rescored.NotCarried) == 0 {
			t.Fatalf("rescore %+v", res)
		}
		if after := string(w.as("admin", "GET", "/v1/reviews/"+old+"/score", nil).want(http.StatusOK).Body); after != before {
			t.Fatalf("the review's scores changed:\n%s\n%s", before, after)
		}
		if after := string(w.as("admin", "GET", "/v1/reviews/"+old, nil).want(http.StatusOK).Body); after != beforeReview {
			t.Fatalf("the review changed:\n%s\n%s", beforeReview, after)
		}
		var list struct {
			Items []struct {
				ID, From, To string
			} `json:"items"`
		}
		w.as("reader", "GET", "/v1/reviews/"+old+"/rescored", nil).want(http.StatusOK).json(&list)
		if len(list.Items) != 1 || list.Items[0].ID != res.Reviews[0].Rescored.ID || list.Items[0].From != "ips-15@1996" || list.Items[0].To != "se-fidelity@2008" {
			t.Fatalf("re-scored list %+v", list)
		}

		// Bad requests name the field.
		p := w.as("admin", "POST", "/v1/admin/rescore", map[string]any{"to": "goi@2004"}).problem(http.StatusBadRequest)
		if !strings.Contains(fieldErrors(p), "to") {
			t.Errorf("no map: %v", p)
		}
		w.as("admin", "POST", "/v1/admin/rescore", map[string]any{"site": w.regionA}).problem(http.StatusBadRequest)
		w.as("admin", "POST", "/v1/admin/rescore", map[string]any{"to": "se-fidelity@2008", "site": "01a2089c-0000-7000-8000-0000000000ab"}).problem(http.StatusNotFound)
		w.as("admin", "GET", "/v1/reviews/01a2089c-0000-7000-8000-0000000000ab/rescored", nil).problem(http.StatusNotFound)
	})
}
