package report

import (
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

func ipsMap(t *testing.T) (se, ips *scale.Scale, vm VersionMaps) {
	t.Helper()
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	se, _ = cat.Get("se-fidelity", "2008")
	ips, _ = cat.Get("ips-15", "1996")
	m := cat.MapBetween(scale.ScaleRef{ID: "ips-15", Version: "1996"}, scale.ScaleRef{ID: "se-fidelity", Version: "2008"})
	return se, ips, VersionMaps{Maps: []*scale.ItemMap{m}, Older: []*scale.Scale{ips}}
}

// Two teams are on the SE Fidelity Scale; a third's latest review is on
// IPS-15 and a fourth has none. The IPS-15 team is not ranked with the
// others and not reported as unreviewed: it is listed apart, labelled
// with its own scale, compared on zero exclusion (O3 → O6) and — once its
// inputs are re-scored — caseload (S1), beside the league's mean on the
// same items; every other item is left out with the map's reason.
func TestComparisonListsATeamOnIPS15ApartFromTheLeague(t *testing.T) {
	se, ips, vm := ipsMap(t)
	a, b := review(se, "A1", "A", "2024-03-01", spread(se, 100)), review(se, "B1", "B", "2024-04-01", spread(se, 75))
	a.Consensus["O6"], b.Consensus["O6"] = 5, 3
	a.Consensus["S1"], b.Consensus["S1"] = 4, 2
	old := review(ips, "C1", "C", "2021-05-01", items(ips, 4, 3, 3, 3, 3, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3)) // O3 = 4
	total := 49.0
	old.Total, old.Band = &total, "fair"
	oldest := review(ips, "C0", "C", "2020-05-01", items(ips, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2))
	sites := []SiteRef{site("A", "Team Alna", "/A/"), site("B", "Team Bjerke", "/B/"), site("C", "Team Christiansund", "/C/"),
		site("D", "Team Drammen", "/D/")}

	rep := CompareAcrossVersions(se, sites, []fidelity.ReviewScores{a, b}, []fidelity.ReviewScores{oldest, old}, PeriodSpec{}, nil, "", vm)
	if len(rep.League) != 2 || rep.League[0].SiteID != "A" || rep.League[1].SiteID != "B" {
		t.Fatalf("league %+v: the IPS-15 team must not be ranked", rep.League)
	}
	if len(rep.NoReview) != 1 || rep.NoReview[0].ID != "D" {
		t.Errorf("no review %+v, want only the team never reviewed", rep.NoReview)
	}
	if len(rep.OtherVersions) != 1 {
		t.Fatalf("other versions %+v", rep.OtherVersions)
	}
	row := rep.OtherVersions[0]
	if row.SiteID != "C" || row.ReviewID != "C1" || row.ScaleVersion != "ips-15@1996" || row.Rescored {
		t.Errorf("row %+v, want the latest IPS-15 review, labelled, not re-scored", row)
	}
	wantFloat(t, "own total under IPS-15", row.OwnTotal, 49)
	if len(row.Items) != 1 || row.Items[0].ItemID != "O6" || row.Items[0].PreviousItem != "O3" || row.Items[0].Score != 4 {
		t.Fatalf("compared %+v, want only O3 → O6 before re-scoring", row.Items)
	}
	wantFloat(t, "league mean on O6", row.Items[0].LeagueMean, 4)
	wantFloat(t, "item mean", row.ItemMean, 4)
	wantFloat(t, "league item mean", row.LeagueItemMean, 4)
	reasons := map[string]string{}
	for _, l := range row.LeftOut {
		reasons[strings.Join(l.From, ",")+">"+strings.Join(l.To, ",")] = l.Reason
	}
	if reasons["S1>S1"] != ReasonNotRescoredHere || !strings.Contains(reasons["O1>O1,O2"], "two items") {
		t.Errorf("left out %+v", row.LeftOut)
	}
	if len(row.LeftOut) != len(vm.Maps[0].Items)-1 {
		t.Errorf("%d left out, want every line of the map but O3 → O6", len(row.LeftOut))
	}

	// Once re-scored, caseload is compared by the re-scored score.
	vm.Rescored = map[string]map[string]int{"C1": {"S1": 1, "O6": 4}}
	rep = CompareAcrossVersions(se, sites, []fidelity.ReviewScores{a, b}, []fidelity.ReviewScores{old}, PeriodSpec{}, nil, "", vm)
	row = rep.OtherVersions[0]
	if !row.Rescored || len(row.Items) != 2 || row.Items[0].ItemID != "S1" || row.Items[0].Score != 1 || !row.Items[0].Rescored {
		t.Fatalf("after re-scoring %+v", row)
	}
	wantFloat(t, "item mean of S1 and O6", row.ItemMean, 2.5)
	wantFloat(t, "league mean of S1 and O6", row.LeagueItemMean, 3.5)

	// The CSV labels the group and names the scale version; no rank.
	header, rows := rep.Table()
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	last := rows[len(rows)-1]
	if last[col["rank"]] != "" || last[col["scale_version"]] != "ips-15@1996" || last[col["group"]] != "other_scale_version_not_ranked" ||
		last[col["total"]] != "49" || !strings.Contains(last[col["compared_items"]], "S1=1 (re-scored from S1)") ||
		!strings.Contains(last[col["left_out"]], "S2→S2: ") {
		t.Errorf("csv row %q", last)
	}
	if rows[0][col["group"]] != "league" || len(rows[0]) != len(header) || len(last) != len(header) {
		t.Errorf("csv league row %q", rows[0])
	}
}

// A team whose latest review is on the SE Fidelity Scale stays in the
// league even when it also has IPS-15 reviews, and a period that holds
// only an IPS-15 review outside it leaves the team unreviewed.
func TestComparisonKeepsTheNewerScaleAndThePeriod(t *testing.T) {
	se, ips, vm := ipsMap(t)
	a := review(se, "A1", "A", "2024-03-01", spread(se, 100))
	oldA := review(ips, "A0", "A", "2021-03-01", spread(ips, 45))
	oldB := review(ips, "B0", "B", "2021-03-01", spread(ips, 45))
	sites := []SiteRef{site("A", "Team Alna", "/A/"), site("B", "Team Bjerke", "/B/")}
	rep := CompareAcrossVersions(se, sites, []fidelity.ReviewScores{a}, []fidelity.ReviewScores{oldA, oldB},
		PeriodSpec{From: date("2022-01-01")}, nil, "", vm)
	if len(rep.League) != 1 || len(rep.OtherVersions) != 0 || len(rep.NoReview) != 1 || rep.NoReview[0].ID != "B" {
		t.Errorf("league %+v other %+v none %+v", rep.League, rep.OtherVersions, rep.NoReview)
	}
	rep = CompareAcrossVersions(se, sites, []fidelity.ReviewScores{a}, []fidelity.ReviewScores{oldA, oldB}, PeriodSpec{}, nil, "", vm)
	if len(rep.League) != 1 || rep.League[0].SiteID != "A" || len(rep.OtherVersions) != 1 || rep.OtherVersions[0].SiteID != "B" {
		t.Errorf("league %+v other %+v", rep.League, rep.OtherVersions)
	}
	if _, rows := rep.Table(); len(rows) != 2 {
		t.Errorf("csv rows %d", len(rows))
	}
}
