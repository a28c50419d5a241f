package report

import (
	"reflect"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// actionsData: region R with teams T1 and T2 (mini scale), today 2024-03-01.
//
//	T1 latest review RV1 (2024-01-15): A1 1, A2 2, B1 3, B2 2, B3 5; RV0 older.
//	T2 latest review RV2: all 4.
//	a1 open        RV1 [A1]  due 2024-01-01 → overdue 31 + 29 = 60 days
//	a2 dropped     RV1 [A2]  does not cover A2
//	a3 done        RV1 [B2]  covers B2
//	a4 in progress T2        no due date
//	a5 open        RV0 [A2]  due 2024-04-01, not overdue; another review, so A2 stays uncovered
//	a6 open        site outside the list: ignored
func actionsData() ([]SiteRef, []fidelity.ReviewScores, []fidelity.ActionItem) {
	sc := miniScale("1")
	sites := []SiteRef{
		site("T2", "Team 2", "/R/T2/"), site("T1", "Team 1", "/R/T1/"),
		{ID: "R", Name: "Region", Kind: fidelity.SiteKindRegion, Path: "/R/"},
	}
	reviews := []fidelity.ReviewScores{
		review(sc, "RV0", "T1", "2023-06-01", items(sc, 1, 1, 1, 1, 1)),
		review(sc, "RV1", "T1", "2024-01-15", items(sc, 1, 2, 3, 2, 5)),
		review(sc, "RV2", "T2", "2024-01-20", items(sc, 4, 4, 4, 4, 4)),
	}
	due := func(s string) *time.Time { d := date(s); return &d }
	act := func(id, siteID, rev string, st fidelity.ActionStatus, d *time.Time, its ...string) fidelity.ActionItem {
		return fidelity.ActionItem{ID: id, SiteID: siteID, ReviewID: rev, Status: st, Due: d, ItemIDs: its, Title: "do " + id}
	}
	actions := []fidelity.ActionItem{
		act("a5", "T1", "RV0", fidelity.ActionOpen, due("2024-04-01"), "A2"),
		act("a1", "T1", "RV1", fidelity.ActionOpen, due("2024-01-01"), "A1"),
		act("a2", "T1", "RV1", fidelity.ActionDropped, nil, "A2"),
		act("a3", "T1", "RV1", fidelity.ActionDone, nil, "B2"),
		act("a4", "T2", "RV2", fidelity.ActionInProgress, nil),
		act("a6", "ELSEWHERE", "RVX", fidelity.ActionOpen, due("2020-01-01")),
	}
	return sites, reviews, actions
}

func TestActions(t *testing.T) {
	sc := miniScale("1")
	sites, reviews, actions := actionsData()
	rep := Actions(sc, sites, reviews, actions, date("2024-03-01"), ActionsOptions{})
	if rep.LowScore != 2 {
		t.Errorf("default low score %d", rep.LowScore)
	}
	var open []string
	for _, o := range rep.Open {
		open = append(open, o.ActionID)
	}
	// By site name (Team 1, Team 2), then due date.
	if !reflect.DeepEqual(open, []string{"a1", "a5", "a4"}) {
		t.Errorf("open %v", open)
	}
	if a1 := rep.Open[0]; !a1.Overdue || a1.DaysOverdue != 60 {
		t.Errorf("a1 %+v", a1)
	}
	if rep.Open[1].Overdue || rep.Open[2].Overdue {
		t.Error("a5 and a4 are not overdue")
	}
	want := []UncoveredItem{{SiteID: "T1", SiteName: "Team 1", ReviewID: "RV1", VisitEnd: date("2024-01-15"), ItemID: "A2", Score: 2}}
	if !reflect.DeepEqual(rep.Uncovered, want) {
		t.Errorf("uncovered %+v", rep.Uncovered)
	}
	// By path: /R/, /R/T1/, /R/T2/.
	if len(rep.Sites) != 3 || rep.Sites[0].Site.ID != "R" || rep.Sites[1].Site.ID != "T1" || rep.Sites[2].Site.ID != "T2" {
		t.Fatalf("sites %+v", rep.Sites)
	}
	if got := rep.Sites[1].Own; got != (ActionCounts{Open: 2, Overdue: 1, Done: 1, Dropped: 1}) {
		t.Errorf("T1 %+v", got)
	}
	if got := rep.Sites[0].Own; got != (ActionCounts{}) {
		t.Errorf("R own %+v", got)
	}
	if got := rep.Sites[0].Subtree; got != (ActionCounts{Open: 2, InProgress: 1, Overdue: 1, Done: 1, Dropped: 1}) {
		t.Errorf("R subtree %+v", got)
	}
	// Threshold 3 adds B1 (3).
	rep = Actions(sc, sites, reviews, actions, date("2024-03-01"), ActionsOptions{LowScore: 3})
	var items []string
	for _, u := range rep.Uncovered {
		items = append(items, u.ItemID)
	}
	if !reflect.DeepEqual(items, []string{"A2", "B1"}) {
		t.Errorf("uncovered at 3: %v", items)
	}
	for name, tb := range map[string]func() ([]string, [][]string){
		"open": rep.Table, "sites": rep.SitesTable, "uncovered": rep.UncoveredTable,
	} {
		h, rows := tb()
		checkTable(t, name, h, rows)
	}
}

func TestSiteRef(t *testing.T) {
	s := NewSiteRef(fidelity.Site{ID: "t", ParentID: "o", Path: "/r/o/t/", Kind: "team", Code: "T", Name: "Team"})
	want := SiteRef{ID: "t", Name: "Team", Kind: "team", Code: "T", ParentID: "o", Path: "/r/o/t/"}
	if s != want {
		t.Errorf("%+v", s)
	}
	if NewSiteRef(fidelity.Site{ID: "x"}).Path != "/x/" {
		t.Error("root path")
	}
	if !s.Within(SiteRef{ID: "r", Path: "/r/"}) || s.Within(SiteRef{ID: "q", Path: "/q/"}) || !s.Within(s) {
		t.Error("within")
	}
	if len(SiteRefs([]fidelity.Site{{ID: "a"}, {ID: "b"}})) != 2 {
		t.Error("SiteRefs")
	}
}
