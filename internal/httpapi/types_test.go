package httpapi_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// storeReview writes a review straight to the store: these scenarios are
// about which reviews count, not about how they were rated.
func (e *env) storeReview(site string, typ fidelity.ReviewType, status fidelity.ReviewStatus, start, end time.Time, total float64, band string) string {
	e.t.Helper()
	id, _ := uuid.NewV7()
	r := fidelity.Review{ID: id.String(), SiteID: site, ScaleID: "se-fidelity", ScaleVersion: "2008", Type: typ,
		Status: status, VisitStart: start, VisitEnd: end, RaterIDs: []string{}, CreatedAt: e.now, UpdatedAt: e.now}
	if status == fidelity.StatusFinalised {
		r.Total, r.Band, r.Valid, r.Complete, r.FinalisedAt = &total, band, true, true, &e.now
	}
	if err := e.store.CreateReview(context.Background(), r); err != nil {
		e.t.Fatal(err)
	}
	return r.ID
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

type siteDue struct {
	NextReviewDue   *string                      `json:"next_review_due"`
	NextReviewState string                       `json:"next_review_state"`
	DaysOverdue     int                          `json:"days_overdue"`
	LastReview      *struct{ ID, Type string }   `json:"last_review"`
	LastReviewTypes []string                     `json:"last_review_types"`
	PlannedReview   *struct{ ID, Status string } `json:"planned_review"`
}

func TestReviewTypesDueStatesAndGroupingsOverHTTP(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		// Today is 2026-11-01 (the harness clock).
		region := e.create("/v1/sites", map[string]any{"kind": "region", "code": "46", "name": "Nav Vestland"})["id"].(string)
		office := e.create("/v1/sites", map[string]any{"parent_id": region, "kind": "office", "code": "4601", "name": "Nav Bergenhus"})["id"].(string)
		team := func(code, name string) string {
			return e.create("/v1/sites", map[string]any{"parent_id": office, "kind": "team", "code": code, "name": name})["id"].(string)
		}
		sor, nord, vest := team("4601-1", "Team Sør"), team("4601-2", "Team Nord"), team("4601-3", "Team Vest")
		sorExternal := e.storeReview(sor, fidelity.ReviewExternal, fidelity.StatusFinalised, day(2025, 8, 31), day(2025, 9, 1), 85, "fair")
		e.storeReview(sor, fidelity.ReviewSelf, fidelity.StatusFinalised, day(2026, 2, 28), day(2026, 3, 1), 106, "good")
		e.storeReview(nord, fidelity.ReviewRemote, fidelity.StatusFinalised, day(2026, 1, 9), day(2026, 1, 10), 102, "good")
		e.storeReview(vest, fidelity.ReviewExternal, fidelity.StatusFinalised, day(2024, 12, 31), day(2025, 1, 1), 80, "fair")

		// The league table counts fidelity reviews only, says so, and
		// leaves out the region and the office: they group the teams.
		var cmp struct {
			Types  []string
			League []struct {
				SiteID   string `json:"site_id"`
				ReviewID string `json:"review_id"`
				Rank     int
			}
			NoReview []struct{ ID string } `json:"no_review"`
		}
		e.do("GET", "/v1/reports/comparison?subtree="+region, nil).want(http.StatusOK).json(&cmp)
		if !slices.Equal(cmp.Types, []string{"external", "remote"}) || len(cmp.League) != 3 || len(cmp.NoReview) != 0 {
			t.Fatalf("comparison types %v league %+v no_review %+v", cmp.Types, cmp.League, cmp.NoReview)
		}
		for _, row := range cmp.League {
			if row.SiteID == sor && (row.ReviewID != sorExternal || row.Rank != 2) {
				t.Fatalf("Team Sør at rank %d on review %s, want rank 2 on its external review", row.Rank, row.ReviewID)
			}
		}
		e.do("GET", "/v1/reports/comparison?subtree="+region+"&types=self", nil).want(http.StatusOK).json(&cmp)
		if !slices.Equal(cmp.Types, []string{"self"}) || len(cmp.League) != 1 || cmp.League[0].SiteID != sor {
			t.Fatalf("self-assessment comparison types %v league %+v", cmp.Types, cmp.League)
		}
		rows := csvRows(t, e.do("GET", "/v1/reports/comparison?subtree="+region+"&format=csv", nil).want(http.StatusOK).Body)
		if last := len(rows[0]) - 1; rows[0][last] != "review_types" || rows[1][last] != "external;remote" {
			t.Fatalf("CSV does not state its review types: %v / %v", rows[0], rows[1])
		}

		var heat struct {
			Types []string
			Sites []struct {
				SiteID string `json:"site_id"`
			}
		}
		e.do("GET", "/v1/reports/heatmap?subtree="+region, nil).want(http.StatusOK).json(&heat)
		for _, s := range heat.Sites {
			if s.SiteID == region || s.SiteID == office {
				t.Fatalf("heatmap has an empty row for a grouping: %+v", heat.Sites)
			}
		}
		if len(heat.Sites) != 3 || !slices.Equal(heat.Types, []string{"external", "remote"}) {
			t.Fatalf("heatmap sites %+v types %v", heat.Sites, heat.Types)
		}

		// Due dates: six months after Team Sør's external review, overdue;
		// its later self-assessment neither shows nor resets the clock.
		var d siteDue
		e.do("GET", "/v1/sites/"+sor, nil).want(http.StatusOK).json(&d)
		if d.NextReviewState != "overdue" || *d.NextReviewDue != "2026-03-01" || d.DaysOverdue != 245 ||
			d.LastReview == nil || d.LastReview.ID != sorExternal || !slices.Equal(d.LastReviewTypes, []string{"external", "remote"}) {
			t.Fatalf("Team Sør: %+v", d)
		}
		e.do("GET", "/v1/sites/"+sor+"?types=self,external", nil).want(http.StatusOK).json(&d)
		if d.LastReview == nil || d.LastReview.Type != "self" || *d.NextReviewDue != "2026-03-01" {
			t.Fatalf("Team Sør with types=self,external: %+v", d)
		}

		// A planned review makes an overdue site "review planned"; a plan
		// whose visit has passed without a start is flagged.
		planned := e.storeReview(vest, fidelity.ReviewExternal, fidelity.StatusPlanned, day(2026, 12, 1), day(2026, 12, 2), 0, "")
		e.do("GET", "/v1/sites/"+vest, nil).want(http.StatusOK).json(&d)
		if d.NextReviewState != "review_planned" || d.PlannedReview == nil || d.PlannedReview.ID != planned {
			t.Fatalf("Team Vest with a planned review: %+v", d)
		}
		e.storeReview(sor, fidelity.ReviewExternal, fidelity.StatusPlanned, day(2026, 10, 1), day(2026, 10, 2), 0, "")
		e.do("GET", "/v1/sites/"+sor, nil).want(http.StatusOK).json(&d)
		if d.NextReviewState != "planned_visit_passed" {
			t.Fatalf("Team Sør with a lapsed plan: %+v", d)
		}
		// The overdue list: Team Sør's plan has lapsed, Team Vest has a
		// plan, Team Nord is not due yet; nothing is overdue but the
		// lapsed plan is listed.
		var due struct {
			Sites []struct {
				SiteID      string `json:"site_id"`
				State       string
				DaysOverdue int `json:"days_overdue"`
			}
		}
		extra := e.create("/v1/sites", map[string]any{"parent_id": office, "kind": "team", "code": "4601-4", "name": "Team Øst"})["id"].(string)
		e.storeReview(extra, fidelity.ReviewExternal, fidelity.StatusFinalised, day(2023, 12, 31), day(2024, 1, 1), 70, "not_se")
		e.do("GET", "/v1/reports/due?subtree="+region, nil).want(http.StatusOK).json(&due)
		if len(due.Sites) != 2 || due.Sites[0].SiteID != extra || due.Sites[0].State != "overdue" || due.Sites[0].DaysOverdue != 853 ||
			due.Sites[1].SiteID != sor || due.Sites[1].State != "planned_visit_passed" {
			t.Fatalf("due list %+v: want Team Øst overdue 853 days, then Team Sør's lapsed plan", due.Sites)
		}
		rows = csvRows(t, e.do("GET", "/v1/reports/due?format=csv", nil).want(http.StatusOK).Body)
		if len(rows) != 3 || rows[1][0] != extra || rows[1][5] != "853" {
			t.Fatalf("due CSV %v", rows)
		}

		e.do("GET", "/v1/sites/"+region, nil).want(http.StatusOK).json(&d)
		if d.NextReviewState != "grouping" || d.NextReviewDue != nil {
			t.Fatalf("region: %+v", d)
		}

		// Unknown types are named in the problem.
		p := e.do("GET", "/v1/reports/comparison?types=peer", nil).problem(http.StatusBadRequest)
		if !strings.Contains(fieldErrors(p), "types") {
			t.Fatalf("problem %v does not name types", p)
		}
		for _, chart := range []string{"/v1/charts/heatmap.svg", "/v1/charts/bands.svg", "/v1/charts/trend.svg?site=" + sor + "&"} {
			sep := "?"
			if strings.HasSuffix(chart, "&") {
				sep = ""
			}
			e.do("GET", chart+sep+"types=self", nil).want(http.StatusOK)
			p = e.do("GET", chart+sep+"types=peer", nil).problem(http.StatusBadRequest)
			if !strings.Contains(fieldErrors(p), "types") {
				t.Fatalf("%s: problem %v does not name types", chart, p)
			}
		}
		p = e.do("GET", "/v1/sites/"+sor+"?types=peer", nil).problem(http.StatusBadRequest)
		if !strings.Contains(fieldErrors(p), "types") {
			t.Fatalf("problem %v does not name types", p)
		}
	})
}
