package report

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// trendData: three finalised reviews of site S on the mini scale, plus
// reviews that must be ignored or skipped.
//
//	R1 2023-01-15  A1 2 A2 3 B1 2 B2 3 B3 2  total 12 fair  s1 5, s2 7; g1 = A1+B1 = 4, g2 = B2 = 3
//	R2 2023-07-20  A1 3 A2 3 B1 2 B2 2 B3 2  total 12 fair  A1 +1 improved, B2 −1 regressed, 3 unchanged
//	R3 2024-02-10  A1 4 A2 4 B1 3 B2 3 B3 3  total 17 good  all five +1, total +5, band up
func trendData(sc *scale.Scale) []fidelity.ReviewScores {
	r1 := review(sc, "R1", "S", "2023-01-15", items(sc, 2, 3, 2, 3, 2))
	r2 := review(sc, "R2", "S", "2023-07-20", items(sc, 3, 3, 2, 2, 2))
	r3 := review(sc, "R3", "S", "2024-02-10", items(sc, 4, 4, 3, 3, 3))
	draft := review(sc, "R4", "S", "2024-06-01", items(sc, 5, 5, 5, 5, 5))
	draft.Status = fidelity.StatusInProgress // not finalised: ignored
	other := review(sc, "X1", "OTHER", "2023-03-01", items(sc, 1, 1, 1, 1, 1))
	wrongScale := review(sc, "W1", "S", "2023-03-01", items(sc, 1, 1, 1, 1, 1))
	wrongScale.ScaleID = "goi"
	unknownVersion := review(sc, "V9", "S", "2023-04-01", items(sc, 1, 1, 1, 1, 1))
	unknownVersion.ScaleVersion = "9"
	// Deliberately out of date order.
	return []fidelity.ReviewScores{r3, draft, other, r1, wrongScale, unknownVersion, r2}
}

func TestTrendThreeReviews(t *testing.T) {
	sc := miniScale("1")
	s := site("S", "Site S", "/S/")
	today := date("2025-03-01")
	rep := Trend(sc, s, trendData(sc), today, DueRule{}, TrendOptions{})

	if got := ids(rep.Points); !reflect.DeepEqual(got, []string{"R1", "R2", "R3"}) {
		t.Fatalf("points %v", got)
	}
	wantSkipped := []SkippedReview{
		{"V9", "S", "scale version 9 of mini was not supplied"},
		{"W1", "S", "the review is under scale goi, not mini"},
	}
	if !reflect.DeepEqual(rep.Skipped, wantSkipped) {
		t.Errorf("skipped %+v", rep.Skipped)
	}
	wantFloat(t, "good threshold", rep.GoodThreshold, 15) // lowest of good (15) and exemplary (absent)

	p1, p2, p3 := rep.Points[0], rep.Points[1], rep.Points[2]
	wantFloat(t, "R1 total", p1.Score.Total, 12)
	wantFloat(t, "R2 total", p2.Score.Total, 12)
	wantFloat(t, "R3 total", p3.Score.Total, 17)
	if p1.Score.Band != "fair" || p2.Score.Band != "fair" || p3.Score.Band != "good" {
		t.Errorf("bands %s %s %s", p1.Score.Band, p2.Score.Band, p3.Score.Band)
	}
	// R1 sections: s1 = 2+3 = 5 of max 10 (50 %, mean 2.5); s2 = 2+3+2 = 7 of 15.
	wantSec := []fidelity.Subtotal{
		{ID: "s1", Sum: 5, Max: 10, Percent: 50, Mean: 2.5, Rated: 2, Items: 2},
		{ID: "s2", Sum: 7, Max: 15, Percent: 100 * 7.0 / 15, Mean: 7.0 / 3, Rated: 3, Items: 3},
	}
	if !reflect.DeepEqual(p1.Score.Sections, wantSec) {
		t.Errorf("R1 sections %+v", p1.Score.Sections)
	}
	// R1 grouping g: g1 = A1 2 + B1 2 = 4 of 10; g2 = B2 3 of 5.
	wantGrp := []fidelity.GroupingScore{{ID: "g", Groups: []fidelity.Subtotal{
		{ID: "g1", Sum: 4, Max: 10, Percent: 40, Mean: 2, Rated: 2, Items: 2},
		{ID: "g2", Sum: 3, Max: 5, Percent: 60, Mean: 3, Rated: 1, Items: 1},
	}}}
	if !reflect.DeepEqual(p1.Score.Groupings, wantGrp) {
		t.Errorf("R1 groupings %+v", p1.Score.Groupings)
	}

	if p1.Change != nil {
		t.Errorf("first review has a change: %+v", p1.Change)
	}
	c2 := p2.Change
	// 2023-01-15 → 2023-07-20: 16 (rest of Jan) + 28 + 31 + 30 + 31 + 30 + 20 = 186 days.
	if c2.PreviousReviewID != "R1" || c2.Days != 186 {
		t.Errorf("R2 change prev %s days %d", c2.PreviousReviewID, c2.Days)
	}
	wantItems := []ItemChange{
		{ItemID: "A1", Previous: 2, Current: 3, Delta: 1, Direction: Improved},
		{ItemID: "A2", Previous: 3, Current: 3, Delta: 0, Direction: Unchanged},
		{ItemID: "B1", Previous: 2, Current: 2, Delta: 0, Direction: Unchanged},
		{ItemID: "B2", Previous: 3, Current: 2, Delta: -1, Direction: Regressed},
		{ItemID: "B3", Previous: 2, Current: 2, Delta: 0, Direction: Unchanged},
	}
	if !reflect.DeepEqual(c2.Items, wantItems) {
		t.Errorf("R2 item changes %+v", c2.Items)
	}
	if c2.Improved != 1 || c2.Regressed != 1 || c2.Unchanged != 3 || c2.ItemDelta != 0 || c2.BandChange != "same" {
		t.Errorf("R2 counts %+v", c2)
	}
	wantFloat(t, "R2 total delta", c2.TotalDelta, 0)
	if len(c2.Excluded) != 0 || len(c2.Unscored) != 0 {
		t.Errorf("R2 excluded %v unscored %v", c2.Excluded, c2.Unscored)
	}
	c3 := p3.Change
	if c3.Improved != 5 || c3.ItemDelta != 5 || c3.BandChange != "up" {
		t.Errorf("R3 change %+v", c3)
	}
	wantFloat(t, "R3 total delta", c3.TotalDelta, 5) // 17 − 12

	if len(rep.Sites) != 1 {
		t.Fatalf("sites %+v", rep.Sites)
	}
	sp := rep.Sites[0]
	// First good review R3: 2023-01-15 → 2024-01-15 is 365 days (2023 is no
	// leap year), + 26 days to 2024-02-10 = 391; whole months: 12 (the 15th
	// of February 2024 is not reached).
	if sp.GoodStatus != GoodReached || sp.GoodReviewID != "R3" || *sp.DaysToGood != 391 || *sp.MonthsToGood != 12 {
		t.Errorf("good %+v days %v months %v", sp, *sp.DaysToGood, *sp.MonthsToGood)
	}
	// R3 is good: next due 12 months later, 2025-02-10; today 2025-03-01 is
	// 18 (rest of Feb) + 1 = 19 days after.
	if !sp.NextDue.Equal(date("2025-02-10")) || sp.DueMonths != 12 || sp.DaysUntilDue != -19 || !sp.Overdue {
		t.Errorf("due %+v", sp)
	}
	if sp.Reviews != 3 || sp.FirstReviewID != "R1" || sp.LatestReviewID != "R3" {
		t.Errorf("progress %+v", sp)
	}
	h, rows := rep.Table()
	checkTable(t, "trend", h, rows)
	h, rows = rep.ChangesTable()
	checkTable(t, "trend changes", h, rows)
	if len(rows) != 10 { // 5 compared items × 2 changes
		t.Errorf("changes rows %d", len(rows))
	}
	h, rows = rep.SitesTable()
	checkTable(t, "trend sites", h, rows)
	golden(t, "trend_mini.csv", rep)
}

func TestTrendNotYetGood(t *testing.T) {
	sc := miniScale("1")
	data := trendData(sc)
	var two []fidelity.ReviewScores
	for _, r := range data {
		if r.ReviewID == "R1" || r.ReviewID == "R2" {
			two = append(two, r)
		}
	}
	rep := Trend(sc, site("S", "Site S", "/S/"), two, date("2023-12-01"), DefaultDueRule(), TrendOptions{})
	sp := rep.Sites[0]
	if sp.GoodStatus != GoodNotYet || sp.DaysToGood != nil || sp.MonthsToGood != nil {
		t.Errorf("good %+v", sp)
	}
	// R2 (2023-07-20) is below good: due 6 months later, 2024-01-20; from
	// 2023-12-01 that is 30 + 20 = 50 days ahead.
	if !sp.NextDue.Equal(date("2024-01-20")) || sp.DueMonths != 6 || sp.DaysUntilDue != 50 || sp.Overdue {
		t.Errorf("due %+v", sp)
	}
}

func TestTrendScaleVersions(t *testing.T) {
	v1 := miniScale("1")
	v2 := miniScale("2", "A1", "A2", "B1", "B2", "C1") // B3 dropped, C1 added
	r2 := review(v1, "R2", "S", "2023-07-20", items(v1, 3, 3, 2, 2, 2))
	r3 := review(v2, "R3", "S", "2024-02-10", items(v2, 4, 4, 3, 3, 3))
	rep := Trend(v2, site("S", "Site S", "/S/"), []fidelity.ReviewScores{r3, r2}, date("2024-03-01"),
		DueRule{}, TrendOptions{Versions: map[string]*scale.Scale{"1": v1}})
	if len(rep.Points) != 2 || len(rep.Skipped) != 0 {
		t.Fatalf("points %d skipped %+v", len(rep.Points), rep.Skipped)
	}
	c := rep.Points[1].Change
	// Compared: A1 3→4, A2 3→4, B1 2→3, B2 2→3: four improved; C1 only in
	// v2 and B3 only in v1 are excluded.
	if c.Improved != 4 || c.Unchanged != 0 || c.Regressed != 0 || c.ItemDelta != 4 {
		t.Errorf("change %+v", c)
	}
	if !reflect.DeepEqual(c.Excluded, []string{"C1", "B3"}) {
		t.Errorf("excluded %v", c.Excluded)
	}
	if c.TotalDelta != nil || c.TotalDeltaReason == "" {
		t.Errorf("total delta across versions: %v %q", c.TotalDelta, c.TotalDeltaReason)
	}
	if rep.Points[0].ScaleVersion != "1" || rep.Points[1].ScaleVersion != "2" {
		t.Errorf("versions %s %s", rep.Points[0].ScaleVersion, rep.Points[1].ScaleVersion)
	}
	// Without the old version, R2 is skipped.
	rep = Trend(v2, site("S", "Site S", "/S/"), []fidelity.ReviewScores{r3, r2}, date("2024-03-01"), DueRule{}, TrendOptions{})
	if len(rep.Points) != 1 || len(rep.Skipped) != 1 || rep.Skipped[0].ReviewID != "R2" {
		t.Errorf("points %d skipped %+v", len(rep.Points), rep.Skipped)
	}
}

func TestTrendSubtree(t *testing.T) {
	sc := miniScale("1")
	root := SiteRef{ID: "R", Name: "Region", Kind: fidelity.SiteKindRegion, Path: "/R/"}
	b := site("TB", "Bergen team", "/R/TB/")
	a := site("TA", "Arendal team", "/R/TA/")
	outside := site("TX", "Elsewhere", "/Q/TX/")
	data := []fidelity.ReviewScores{
		review(sc, "B1", "TB", "2023-01-10", spread(sc, 14)),
		review(sc, "A1", "TA", "2023-02-10", spread(sc, 10)),
		review(sc, "B2", "TB", "2023-08-10", spread(sc, 16)),
		review(sc, "A2", "TA", "2023-09-10", spread(sc, 9)),
		review(sc, "X1", "TX", "2023-05-10", spread(sc, 20)),
	}
	rep := Trend(sc, root, data, date("2024-01-01"), DueRule{}, TrendOptions{Subtree: []SiteRef{b, a, outside}})
	if !rep.Subtree {
		t.Error("subtree flag")
	}
	if got := ids(rep.Points); !reflect.DeepEqual(got, []string{"B1", "A1", "B2", "A2"}) {
		t.Errorf("points %v", got)
	}
	if rep.Points[2].Change.PreviousReviewID != "B1" || rep.Points[3].Change.PreviousReviewID != "A1" {
		t.Error("changes must compare within a site")
	}
	// Sites by name: Arendal, Bergen. Bergen: 14 → 16 reaches good (≥ 15)
	// at B2, 2023-01-10 → 2023-08-10 = 212 days, 7 months; due 2024-08-10.
	if len(rep.Sites) != 2 || rep.Sites[0].SiteID != "TA" || rep.Sites[1].SiteID != "TB" {
		t.Fatalf("sites %+v", rep.Sites)
	}
	sb := rep.Sites[1]
	if sb.GoodStatus != GoodReached || *sb.DaysToGood != 212 || *sb.MonthsToGood != 7 || !sb.NextDue.Equal(date("2024-08-10")) {
		t.Errorf("bergen %+v", sb)
	}
	// Arendal stays below good: A2 2023-09-10 + 6 months = 2024-03-10.
	if sa := rep.Sites[0]; sa.GoodStatus != GoodNotYet || !sa.NextDue.Equal(date("2024-03-10")) {
		t.Errorf("arendal %+v", sa)
	}
}

func TestTrendRealScale(t *testing.T) {
	sc := seScale(t)
	data := []fidelity.ReviewScores{
		review(sc, "R1", "S", "2024-01-31", spread(sc, 100)), // all 4: good at the first review
		review(sc, "R2", "S", "2024-08-31", spread(sc, 118)), // eighteen 5s, seven 4s: exemplary
	}
	rep := Trend(sc, site("S", "S", "/S/"), data, date("2025-01-01"), DefaultDueRule(), TrendOptions{})
	p1 := rep.Points[0]
	wantFloat(t, "total", p1.Score.Total, 100)
	if p1.Score.Band != "good" || rep.Points[1].Score.Band != "exemplary" {
		t.Errorf("bands %s %s", p1.Score.Band, rep.Points[1].Score.Band)
	}
	// All items 4: staffing 3 items = 12, organization 8 = 32, services 14 = 56.
	sums := map[string]int{}
	for _, s := range p1.Score.Sections {
		sums[s.ID] = s.Sum
	}
	if sums["staffing"] != 12 || sums["organization"] != 32 || sums["services"] != 56 {
		t.Errorf("sections %v", sums)
	}
	// IPS principles: competitive-employment = O7 + Sv10 = 8, integration =
	// O1 + O2 + O3 + Sv14 = 16.
	var principles fidelity.GroupingScore
	for _, g := range p1.Score.Groupings {
		if g.ID == "ips-principles" {
			principles = g
		}
	}
	got := map[string]int{}
	for _, g := range principles.Groups {
		got[g.ID] = g.Sum
	}
	if got["competitive-employment"] != 8 || got["integration"] != 16 || len(p1.Score.Groupings) != 3 {
		t.Errorf("principles %v (groupings %d)", got, len(p1.Score.Groupings))
	}
	sp := rep.Sites[0]
	if sp.GoodStatus != GoodReached || *sp.DaysToGood != 0 || *sp.MonthsToGood != 0 || sp.GoodReviewID != "R1" {
		t.Errorf("good %+v", sp)
	}
	// R2 2024-08-31 is good: + 12 months = 2025-08-31.
	if !sp.NextDue.Equal(date("2025-08-31")) || sp.Overdue {
		t.Errorf("due %v", sp.NextDue)
	}
	h, rows := rep.Table()
	checkTable(t, "trend real", h, rows)
	if len(h) != 10+3+8+5+2+7+1 { // fixed + 3 sections + 8 principles + 5 EUSE stages + 2 follow-up groups + change columns + scale
		t.Errorf("header %d: %v", len(h), h)
	}
}

func TestDates(t *testing.T) {
	cases := []struct {
		from   string
		months int
		want   string
	}{
		{"2023-08-31", 6, "2024-02-29"}, // clamped to the leap-year February end
		{"2023-08-31", 18, "2025-02-28"},
		{"2024-01-15", 12, "2025-01-15"},
		{"2024-12-31", 2, "2025-02-28"},
	}
	for _, c := range cases {
		if got := addMonths(date(c.from), c.months); !got.Equal(date(c.want)) {
			t.Errorf("addMonths(%s, %d) = %s, want %s", c.from, c.months, fmtDate(got), c.want)
		}
		if m := monthsBetween(date(c.from), date(c.want)); m != c.months {
			t.Errorf("monthsBetween(%s, %s) = %d, want %d", c.from, c.want, m, c.months)
		}
	}
	if m := monthsBetween(date("2024-01-15"), date("2024-02-14")); m != 0 {
		t.Errorf("months %d", m)
	}
	if b := bucket(date("2024-07-01"), BucketHalfYear); b != "2024-H2" {
		t.Error(b)
	}
	if b := bucket(date("2024-03-31"), BucketQuarter); b != "2024-Q1" {
		t.Error(b)
	}
	if b := bucket(date("2024-03-31"), BucketMonth); b != "2024-03" {
		t.Error(b)
	}
}

func ids(points []TrendPoint) []string {
	var out []string
	for _, p := range points {
		out = append(out, p.ReviewID)
	}
	return out
}

type tabler interface{ Table() ([]string, [][]string) }

// golden compares the CSV form of r with testdata/name (-update rewrites).
func golden(t *testing.T, name string, r tabler) {
	t.Helper()
	h, rows := r.Table()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(h)
	_ = w.WriteAll(rows)
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("%s differs:\n got:\n%s\nwant:\n%s", name, buf.Bytes(), want)
	}
}
