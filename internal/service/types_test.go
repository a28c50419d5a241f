package service_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/report"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
	"github.com/ipsfidelity/fidelity/internal/testtool"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// cycle is a small organisation on a pinned clock: a region with an office
// and its teams, for the review-type and due-date scenarios.
type cycle struct {
	t      *testing.T
	st     *store.Store
	svc    *service.Service
	region string
	office string
}

func newCycle(t *testing.T, st *store.Store, today time.Time, cat *scale.Catalog) *cycle {
	t.Helper()
	if cat == nil {
		cat = scale.NewCatalog()
		if err := scale.LoadEmbedded(cat); err != nil {
			t.Fatal(err)
		}
	}
	// Reviews are written straight to the store here, past the audited
	// service writes that move the data version, so reports are not cached.
	cfg := service.DefaultConfig()
	cfg.ReportCacheEntries = 0
	svc := service.New(st, cat, cfg, service.WithClock(func() time.Time { return today }))
	if err := svc.SyncScales(context.Background()); err != nil {
		t.Fatal(err)
	}
	c := &cycle{t: t, st: st, svc: svc}
	c.region = c.site("", "region", "Nav Vestland")
	c.office = c.site(c.region, "office", "Nav Bergenhus")
	return c
}

func (c *cycle) site(parent, kind, name string) string {
	c.t.Helper()
	v, err := c.svc.CreateSite(context.Background(), service.SiteInput{ParentID: parent, Kind: kind, Code: name, Name: name})
	if err != nil {
		c.t.Fatal(err)
	}
	return v.ID
}

// finalised stores a finalised se-fidelity@2008 review of the given type
// ending on end with the given total and band.
func (c *cycle) finalised(site string, typ fidelity.ReviewType, end time.Time, total float64, band string) string {
	c.t.Helper()
	return c.review(site, typ, fidelity.StatusFinalised, end, &total, band)
}

func (c *cycle) review(site string, typ fidelity.ReviewType, status fidelity.ReviewStatus, end time.Time, total *float64, band string) string {
	c.t.Helper()
	id, _ := uuid.NewV7()
	r := fidelity.Review{ID: id.String(), SiteID: site, ScaleID: "se-fidelity", ScaleVersion: "2008",
		Type: typ, Status: status, VisitStart: end.AddDate(0, 0, -1), VisitEnd: end, RaterIDs: []string{},
		Total: total, Band: band, Valid: total != nil, Complete: total != nil,
		CreatedAt: time.Now().UTC(), UpdatedAt: time.Now().UTC()}
	if status == fidelity.StatusFinalised {
		at := end
		r.FinalisedAt = &at
	}
	if err := c.st.CreateReview(context.Background(), r); err != nil {
		c.t.Fatal(err)
	}
	return r.ID
}

var (
	selfOnly     = []fidelity.ReviewType{fidelity.ReviewSelf}
	fidelityOnly = []fidelity.ReviewType{fidelity.ReviewExternal, fidelity.ReviewRemote}
)

// Three teams were reviewed externally at 110, 95 and 80. The 80 team then
// rated itself 105. The league table must still rank it third: its
// self-assessment is not a fidelity review.
func TestASelfAssessmentDoesNotRankASiteSecond(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		c := newCycle(t, st, date(2026, 6, 1), nil)
		top, mid, low := c.site(c.office, "team", "Team Nord"), c.site(c.office, "team", "Team Sentrum"), c.site(c.office, "team", "Team Sør")
		c.finalised(top, fidelity.ReviewExternal, date(2025, 10, 1), 110, "good")
		c.finalised(mid, fidelity.ReviewRemote, date(2025, 10, 1), 95, "fair")
		lowExternal := c.finalised(low, fidelity.ReviewExternal, date(2025, 10, 1), 80, "fair")
		c.finalised(low, fidelity.ReviewSelf, date(2026, 3, 1), 105, "good")

		rep, err := c.svc.Comparison(context.Background(), service.ReportQuery{Subtree: c.region})
		if err != nil {
			t.Fatal(err)
		}
		rank := map[string]int{}
		for _, row := range rep.League {
			rank[row.SiteID] = row.Rank
			if row.SiteID == low && row.ReviewID != lowExternal {
				t.Errorf("Team Sør is ranked on review %s, want its external review %s", row.ReviewID, lowExternal)
			}
		}
		if rank[top] != 1 || rank[mid] != 2 || rank[low] != 3 {
			t.Fatalf("ranks %v: want Team Nord 1, Team Sentrum 2, Team Sør 3 (its self-assessment does not count)", rank)
		}
		if !equalTypes(rep.Types, fidelityOnly) {
			t.Errorf("report states types %v, want external and remote", rep.Types)
		}

		// Asked for, the self-assessments make their own league table.
		rep, err = c.svc.Comparison(context.Background(), service.ReportQuery{Subtree: c.region, Type: selfOnly})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.League) != 1 || rep.League[0].SiteID != low || !equalTypes(rep.Types, selfOnly) {
			t.Fatalf("self-assessment league %+v (types %v), want Team Sør alone", rep.League, rep.Types)
		}
	})
}

// A fair team that rated itself good has not moved to good in the
// transitions matrix.
func TestASelfAssessmentDoesNotMoveASiteToGood(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		c := newCycle(t, st, date(2026, 6, 1), nil)
		team := c.site(c.office, "team", "Team Sør")
		c.finalised(team, fidelity.ReviewExternal, date(2024, 10, 1), 85, "fair")
		c.finalised(team, fidelity.ReviewSelf, date(2025, 10, 1), 104, "good")

		m, err := c.svc.Transitions(context.Background(), service.ReportQuery{Subtree: c.region},
			report.PeriodSpec{To: date(2024, 12, 31)}, report.PeriodSpec{From: date(2025, 1, 1), To: date(2025, 12, 31)})
		if err != nil {
			t.Fatal(err)
		}
		if m.Up != 0 || m.OnlyA != 1 || len(m.Sites) != 1 || m.Sites[0].BandB != "" {
			t.Fatalf("transitions up=%d only_a=%d sites=%+v: the self-assessment must not count as period B's review", m.Up, m.OnlyA, m.Sites)
		}
		if !equalTypes(m.Types, fidelityOnly) {
			t.Errorf("matrix states types %v", m.Types)
		}
	})
}

// After an external review below good fidelity the next review is due in
// six months; a later self-assessment at good fidelity does not push it a
// year ahead of that self-assessment.
//
// Also when a scale published later counts self-assessments towards its
// own cycle: the team is rated on the 2008 scale, whose policy does not
// (the clock used to take the latest review of any type some scale counts,
// then drop it under the 2008 policy and report "no finalised review").
func TestASelfAssessmentDoesNotPushTheDueDateAhead(t *testing.T) {
	catalogs := map[string]func(t *testing.T) *scale.Catalog{
		"shipped scales": func(*testing.T) *scale.Catalog { return nil },
		"and a later scale counting self-assessments": func(t *testing.T) *scale.Catalog {
			cat := embeddedCatalog(t)
			if err := cat.Add(edited2008(t, [2]string{`version: "2008"`, `version: "2099"`},
				[2]string{"resets_clock: [external, remote]", "resets_clock: [external, remote, self]"})); err != nil {
				t.Fatal(err)
			}
			return cat
		},
	}
	for name, catalog := range catalogs {
		t.Run(name, func(t *testing.T) { selfAfterExternal(t, catalog) })
	}
}

func selfAfterExternal(t *testing.T, catalog func(t *testing.T) *scale.Catalog) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		c := newCycle(t, st, date(2026, 6, 1), catalog(t))
		team := c.site(c.office, "team", "Team Sør")
		external := c.finalised(team, fidelity.ReviewExternal, date(2025, 9, 15), 85, "fair")
		c.finalised(team, fidelity.ReviewSelf, date(2026, 2, 1), 108, "good")

		v, err := c.svc.GetSite(context.Background(), team)
		if err != nil {
			t.Fatal(err)
		}
		if v.LastReview == nil || v.LastReview.ID != external {
			t.Fatalf("site page shows review %+v, want the external review", v.LastReview)
		}
		if v.Due.Date == nil || !v.Due.Date.Equal(date(2026, 3, 15)) || !v.Due.Overdue || v.Due.State != service.DueOverdue {
			t.Fatalf("due %+v, want 2026-03-15 (six months after the external review), overdue", v.Due)
		}
		if v.Due.DaysOverdue != 78 {
			t.Errorf("days overdue %d, want 78", v.Due.DaysOverdue)
		}
		// Choosing self-assessments shows the latest one, but the clock
		// still follows the policy.
		v, err = c.svc.GetSiteOfTypes(context.Background(), team, selfOnly)
		if err != nil {
			t.Fatal(err)
		}
		if v.LastReview == nil || v.LastReview.Type != fidelity.ReviewSelf || !v.Due.Date.Equal(date(2026, 3, 15)) {
			t.Fatalf("with types=self: last %+v due %+v", v.LastReview, v.Due)
		}
		due, err := c.svc.DueList(context.Background(), "")
		if err != nil {
			t.Fatal(err)
		}
		if len(due) != 1 || due[0].ID != team || due[0].Due.Date == nil || !due[0].Due.Date.Equal(date(2026, 3, 15)) {
			t.Errorf("due list %+v, want the team due on 2026-03-15", due)
		}
	})
}

func equalTypes(a, b []fidelity.ReviewType) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// dutchCatalog is the shipped catalog with se-fidelity@2008's review
// policy set to the Dutch two-year cycle, external reviews only.
func dutchCatalog(t *testing.T) *scale.Catalog {
	t.Helper()
	cat := scale.NewCatalog()
	if err := cat.Add(edited2008(t, [2]string{"months_below_good: 6", "months_below_good: 24"},
		[2]string{"months_at_good: 12", "months_at_good: 24"},
		[2]string{"resets_clock: [external, remote]", "resets_clock: [external]"})); err != nil {
		t.Fatal(err)
	}
	return cat
}

// edited2008 is the shipped se-fidelity/2008.yaml with edits
// (testtool.EditedScaleFile), parsed.
func edited2008(t *testing.T, edits ...[2]string) *scale.Scale {
	t.Helper()
	sc, err := scale.Parse("se-fidelity/2008.yaml", testtool.EditedScaleFile(t, "se-fidelity/2008.yaml", edits...))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// Under the Wisconsin/Finland rule a fair team is due six months after its
// external review and a good one twelve months after.
func TestTheDefaultCycleIsSixMonthsBelowGoodAndTwelveAtGood(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		c := newCycle(t, st, date(2026, 6, 1), nil)
		fair, good := c.site(c.office, "team", "Team Sør"), c.site(c.office, "team", "Team Nord")
		c.finalised(fair, fidelity.ReviewExternal, date(2025, 8, 31), 85, "fair")
		c.finalised(good, fidelity.ReviewRemote, date(2025, 8, 31), 104, "good")
		for site, want := range map[string]time.Time{fair: date(2026, 2, 28), good: date(2026, 8, 31)} {
			v, err := c.svc.GetSite(context.Background(), site)
			if err != nil {
				t.Fatal(err)
			}
			if v.Due.Date == nil || !v.Due.Date.Equal(want) {
				t.Errorf("%s: due %+v, want %s", v.Name, v.Due, want.Format(time.DateOnly))
			}
		}
	})
}

// A scale whose policy is the Dutch two-year cycle counts only external
// reviews and gives every site two years, whatever its band.
func TestTheDutchTwoYearCycleSetsTheDueDate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		c := newCycle(t, st, date(2026, 6, 1), dutchCatalog(t))
		fair, good := c.site(c.office, "team", "Team Sør"), c.site(c.office, "team", "Team Nord")
		c.finalised(fair, fidelity.ReviewExternal, date(2025, 8, 31), 85, "fair")
		c.finalised(good, fidelity.ReviewExternal, date(2025, 3, 1), 104, "good")
		// A remote review does not reset the Dutch clock.
		c.finalised(good, fidelity.ReviewRemote, date(2026, 1, 10), 108, "good")
		for site, want := range map[string]time.Time{fair: date(2027, 8, 31), good: date(2027, 3, 1)} {
			v, err := c.svc.GetSite(context.Background(), site)
			if err != nil {
				t.Fatal(err)
			}
			if v.Due.Date == nil || !v.Due.Date.Equal(want) || v.Due.Overdue {
				t.Errorf("%s: due %+v, want %s (two years after the last external review)", v.Name, v.Due, want.Format(time.DateOnly))
			}
		}
		// The trend report states the same rule.
		tr, err := c.svc.Trend(context.Background(), fair, service.ReportQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if tr.Rule.MonthsBelowGood != 24 || tr.Rule.MonthsGood != 24 {
			t.Errorf("trend rule %+v, want 24/24", tr.Rule)
		}
	})
}

// Offices are groupings: they do not show as "no finalised review" in the
// team league. Compared at office level, each office is the mean of its
// teams' latest fidelity reviews, and the report says so.
func TestAComparisonCanAggregateEachOfficesTeams(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		c := newCycle(t, st, date(2026, 6, 1), nil)
		other := c.site(c.region, "office", "Nav Åsane")
		a1, a2 := c.site(c.office, "team", "Bergenhus 1"), c.site(c.office, "team", "Bergenhus 2")
		b1 := c.site(other, "team", "Åsane 1")
		c.finalised(a1, fidelity.ReviewExternal, date(2025, 10, 1), 110, "good")
		c.finalised(a2, fidelity.ReviewExternal, date(2025, 11, 1), 90, "fair")
		c.finalised(b1, fidelity.ReviewExternal, date(2025, 9, 1), 80, "fair")
		c.finalised(b1, fidelity.ReviewSelf, date(2026, 2, 1), 120, "exemplary")

		teams, err := c.svc.Comparison(context.Background(), service.ReportQuery{Subtree: c.region})
		if err != nil {
			t.Fatal(err)
		}
		if len(teams.League) != 3 || len(teams.NoReview) != 0 || teams.Aggregation != nil {
			t.Fatalf("team league %+v, no review %+v: the region and offices group the teams", teams.League, teams.NoReview)
		}

		m, err := c.svc.Transitions(context.Background(), service.ReportQuery{Subtree: c.region},
			report.PeriodSpec{To: date(2025, 12, 31)}, report.PeriodSpec{To: date(2026, 6, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if m.Both != 3 || m.Neither != 0 {
			t.Fatalf("transitions both=%d neither=%d: want the three teams, and no grouping counted as a site without reviews", m.Both, m.Neither)
		}

		offices, err := c.svc.Comparison(context.Background(), service.ReportQuery{Subtree: c.region, Level: "office"})
		if err != nil {
			t.Fatal(err)
		}
		if len(offices.League) != 2 || offices.League[0].SiteID != c.office || offices.League[0].Total != 100 ||
			offices.League[1].SiteID != other || offices.League[1].Total != 80 || offices.League[0].Band != "good" {
			t.Fatalf("office league %+v, want Nav Bergenhus 100 (good), Nav Åsane 80", offices.League)
		}
		header, rows := offices.Table()
		if header[len(header)-2] != "level" || rows[0][len(rows[0])-1] != "2" {
			t.Errorf("the CSV does not say the rows are offices of 2 and 1 teams: %v %v", header, rows)
		}
		agg := offices.Aggregation
		if agg == nil || agg.Level != "office" || agg.Units[c.office] != 2 || agg.Units[other] != 1 || !strings.Contains(agg.Statistic, "mean") {
			t.Fatalf("aggregation %+v does not say how the rows were made", agg)
		}
	})
}

// The trend's per-site progress agrees with the site page: a site with a
// review planned is not overdue.
func TestTheTrendDoesNotCallASiteWithAPlannedReviewOverdue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		c := newCycle(t, st, date(2026, 6, 1), nil)
		team := c.site(c.office, "team", "Team Sør")
		c.finalised(team, fidelity.ReviewExternal, date(2025, 6, 1), 85, "fair")
		tr, err := c.svc.Trend(context.Background(), team, service.ReportQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if len(tr.Sites) != 1 || !tr.Sites[0].Overdue {
			t.Fatalf("before planning: %+v, want overdue", tr.Sites)
		}
		c.review(team, fidelity.ReviewExternal, fidelity.StatusPlanned, date(2026, 6, 20), nil, "")
		if tr, err = c.svc.Trend(context.Background(), team, service.ReportQuery{}); err != nil {
			t.Fatal(err)
		}
		if tr.Sites[0].Overdue || !tr.Sites[0].ReviewPlanned {
			t.Fatalf("with a review planned: %+v, want review planned, not overdue", tr.Sites[0])
		}
	})
}

// consensus stores consensus item scores for a review.
func (c *cycle) consensus(reviewID string, scores map[string]int) {
	c.t.Helper()
	var in []fidelity.ItemInput
	card := fidelity.Scorecard{ScaleID: "se-fidelity", ScaleVersion: "2008"}
	for item, v := range scores {
		in = append(in, fidelity.ItemInput{ItemID: item, Score: fidelity.IntPtr(v)})
		card.Items = append(card.Items, fidelity.ItemScore{ItemID: item, Score: fidelity.IntPtr(v), Method: "direct"})
	}
	if err := c.st.PutRatingSet(context.Background(), fidelity.RatingSet{ReviewID: reviewID, RaterKey: fidelity.ConsensusKey,
		Inputs: in, Scorecard: card, UpdatedAt: time.Now().UTC()}); err != nil {
		c.t.Fatal(err)
	}
}

// The action-plan report follows up the low items of the last fidelity
// review, not those a later self-assessment recorded.
func TestTheActionPlanReportFollowsTheLastFidelityReview(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		c := newCycle(t, st, date(2026, 6, 1), nil)
		team := c.site(c.office, "team", "Team Sør")
		external := c.finalised(team, fidelity.ReviewExternal, date(2025, 10, 1), 85, "fair")
		c.consensus(external, map[string]int{"O3": 1, "S1": 5})
		self := c.finalised(team, fidelity.ReviewSelf, date(2026, 3, 1), 90, "fair")
		c.consensus(self, map[string]int{"O3": 5, "S1": 2})

		rep, err := c.svc.ActionsReport(context.Background(), service.ReportQuery{Subtree: c.region}, report.ActionsOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Uncovered) != 1 || rep.Uncovered[0].ReviewID != external || rep.Uncovered[0].ItemID != "O3" {
			t.Fatalf("uncovered low items %+v, want O3 of the external review", rep.Uncovered)
		}
		if !equalTypes(rep.Types, fidelityOnly) {
			t.Errorf("report states types %v", rep.Types)
		}
	})
}

// The heatmap shows each team's last fidelity review: a self-assessment
// neither fills a row nor changes the weakest items, and the region and
// office that group the teams have no empty rows.
func TestTheHeatmapShowsFidelityReviewsOfUnitsOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		c := newCycle(t, st, date(2026, 6, 1), nil)
		sor, nord := c.site(c.office, "team", "Team Sør"), c.site(c.office, "team", "Team Nord")
		ext := c.finalised(sor, fidelity.ReviewExternal, date(2025, 10, 1), 85, "fair")
		c.consensus(ext, map[string]int{"O3": 1, "S1": 5})
		self := c.finalised(sor, fidelity.ReviewSelf, date(2026, 3, 1), 90, "fair")
		c.consensus(self, map[string]int{"O3": 5, "S1": 1})
		selfOnly := c.finalised(nord, fidelity.ReviewSelf, date(2026, 3, 1), 90, "fair")
		c.consensus(selfOnly, map[string]int{"O3": 5, "S1": 1})

		h, err := c.svc.Heatmap(context.Background(), service.ReportQuery{Subtree: c.region})
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Sites) != 2 {
			t.Fatalf("heatmap rows %+v, want the two teams only", h.Sites)
		}
		for _, row := range h.Sites {
			if row.SiteID == sor && row.ReviewID != ext {
				t.Errorf("Team Sør's row is review %s, want the external review", row.ReviewID)
			}
			if row.SiteID == nord && row.ReviewID != "" {
				t.Errorf("Team Nord has only a self-assessment, yet its row shows review %s", row.ReviewID)
			}
		}
		if len(h.Weakest) == 0 || h.Weakest[0].ItemID != "O3" {
			t.Fatalf("weakest items %+v, want O3 first (the external review's 1)", h.Weakest)
		}
	})
}
