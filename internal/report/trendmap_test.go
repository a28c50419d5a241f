package report

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// A team reviewed twice on the 15-item IPS scale and then on the SE
// Fidelity Scale appears in one trend. Across the change, only zero
// exclusion (O3 → O6, equal) and, once re-scored, caseload (S1) are
// compared; every other item is left out with the map's reason, the
// totals are not subtracted, and the change is marked.
func TestTrendAcrossTheIPS15Map(t *testing.T) {
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	se, _ := cat.Get("se-fidelity", "2008")
	ips, _ := cat.Get("ips-15", "1996")
	m := cat.MapBetween(scale.ScaleRef{ID: "ips-15", Version: "1996"}, scale.ScaleRef{ID: "se-fidelity", Version: "2008"})

	old1 := review(ips, "I1", "T", "2006-03-01", items(ips, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2))
	old2 := review(ips, "I2", "T", "2007-03-01", items(ips, 3, 3, 3, 3, 3, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3)) // O3 = 2
	new1 := review(se, "N1", "T", "2009-03-01", spread(se, 90))
	new1.Consensus["O6"], new1.Consensus["S1"] = 4, 4
	opts := TrendOptions{Maps: []*scale.ItemMap{m}, Predecessors: []*scale.Scale{ips}}
	team := site("T", "IPS-team Bergenhus", "/T/")

	rep := Trend(se, team, []fidelity.ReviewScores{new1, old2, old1}, date("2010-01-01"), DueRule{}, opts)
	if got := ids(rep.Points); !reflect.DeepEqual(got, []string{"I1", "I2", "N1"}) {
		t.Fatalf("points %v, skipped %+v", got, rep.Skipped)
	}
	if rep.Points[0].ScaleVersion != "1996" || rep.Points[2].ScaleVersion != "2008" {
		t.Errorf("versions %s %s", rep.Points[0].ScaleVersion, rep.Points[2].ScaleVersion)
	}
	// Within IPS-15 the totals compare as before.
	wantFloat(t, "I1→I2 total delta", rep.Points[1].Change.TotalDelta, 44-30)
	if want := []ScaleChange{{SiteID: "T", ReviewID: "N1", At: "2009-03-01", From: "ips-15@1996", To: "se-fidelity@2008",
		FromShort: ips.Short, ToShort: se.Short}}; !reflect.DeepEqual(rep.ScaleChanges, want) {
		t.Errorf("scale changes %+v", rep.ScaleChanges)
	}
	if len(rep.Maps) != 1 || rep.Maps[0].From != "ips-15@1996" || len(rep.Maps[0].Items) != len(m.Items) {
		t.Errorf("maps %+v", rep.Maps)
	}

	c := rep.Points[2].Change
	if c.TotalDelta != nil || !strings.Contains(c.TotalDeltaReason, "different scales") {
		t.Errorf("total delta %v (%s), want none across scales", c.TotalDelta, c.TotalDeltaReason)
	}
	if c.Map != "ips-15@1996 → se-fidelity@2008" {
		t.Errorf("map %q", c.Map)
	}
	want := []ItemChange{{ItemID: "O6", Previous: 2, Current: 4, Delta: 2, Direction: Improved, PreviousItem: "O3"}}
	if !reflect.DeepEqual(c.Items, want) {
		t.Errorf("compared %+v, want only O3 → O6", c.Items)
	}
	if c.BandChange != "" {
		t.Errorf("band change %q across scales", c.BandChange)
	}
	reasons := map[string]string{}
	for _, l := range c.LeftOut {
		reasons[strings.Join(l.From, ",")+">"+strings.Join(l.To, ",")] = l.Reason
	}
	if reasons["S1>S1"] != ReasonNotRescored {
		t.Errorf("S1 left out because %q", reasons["S1>S1"])
	}
	if !strings.Contains(reasons["O1>O1,O2"], "two items") || !strings.Contains(reasons["Sv6>"], "no item of its own") ||
		!strings.Contains(reasons[">O3,O5,O7,O8"], "New on the 2008 form") {
		t.Errorf("left out %+v", c.LeftOut)
	}
	if len(c.LeftOut) != len(m.Items)-1 {
		t.Errorf("%d left out, want every mapping but O3 → O6", len(c.LeftOut))
	}

	// With I2 re-scored under se-fidelity, caseload is compared too.
	opts.Rescored = map[string]map[string]int{"I2": {"S1": 3}}
	rep = Trend(se, team, []fidelity.ReviewScores{new1, old2, old1}, date("2010-01-01"), DueRule{}, opts)
	c = rep.Points[2].Change
	want = []ItemChange{
		{ItemID: "S1", Previous: 3, Current: 4, Delta: 1, Direction: Improved, PreviousItem: "S1", Rescored: true},
		{ItemID: "O6", Previous: 2, Current: 4, Delta: 2, Direction: Improved, PreviousItem: "O3"},
	}
	if !reflect.DeepEqual(c.Items, want) {
		t.Errorf("compared %+v", c.Items)
	}

	// Without the map, the older reviews are skipped as before.
	rep = Trend(se, team, []fidelity.ReviewScores{new1, old2, old1}, date("2010-01-01"), DueRule{}, TrendOptions{Predecessors: []*scale.Scale{ips}})
	if len(rep.Points) != 1 || len(rep.Skipped) != 2 || len(rep.ScaleChanges) != 0 {
		t.Errorf("without a map: %d points, skipped %+v", len(rep.Points), rep.Skipped)
	}
}

// BenchmarkTrendAcrossMap is BenchmarkTrend's site with ten IPS-15 reviews
// before its ten SE Fidelity Scale reviews, joined by the shipped map.
func BenchmarkTrendAcrossMap(b *testing.B) {
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		b.Fatal(err)
	}
	se, _ := cat.Get("se-fidelity", "2008")
	ips, _ := cat.Get("ips-15", "1996")
	sites, reviews := benchData(se, 1, 10)
	for i := range 10 {
		r := review(ips, fmt.Sprintf("I%02d", i), sites[0].ID, "1990-01-01", items(ips, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3))
		r.VisitEnd = reviews[0].VisitEnd.AddDate(-1, -i, 0)
		reviews = append(reviews, r)
	}
	opts := TrendOptions{Maps: cat.Maps(), Predecessors: []*scale.Scale{ips}}
	today := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		rep := Trend(se, sites[0], reviews, today, DefaultDueRule(), opts)
		if len(rep.ScaleChanges) != 1 {
			b.Fatalf("%d scale changes", len(rep.ScaleChanges))
		}
	}
}
