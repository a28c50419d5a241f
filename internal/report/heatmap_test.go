package report

import (
	"reflect"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// TestHeatmap: mini scale, items A1 A2 B1 B2 B3.
//
//	Alpha   5 4 3 2 1   sum 15, mean 3, total 15
//	Bravo   4 4 2 – 1   sum 11 over 4, mean 2.75, no total (B2 missing)
//	Charlie no review
//	Delta   3 5 3 4 2   sum 17, mean 3.4, total 17
//
// Item means: A1 12/3 = 4, A2 13/3, B1 8/3, B2 6/2 = 3, B3 4/3.
// Sites ≤ 3: A1 1/3 (Delta), A2 0/3, B1 3/3, B2 1/2 (Alpha), B3 3/3.
// Weakest: B3 (1.33), B1 (2.67), B2 (3), A1 (4), A2 (4.33).
func TestHeatmap(t *testing.T) {
	sc := miniScale("1")
	sites := []SiteRef{site("D", "Delta", "/D/"), site("C", "Charlie", "/C/"), site("B", "Bravo", "/B/"), site("A", "Alpha", "/A/")}
	reviews := []fidelity.ReviewScores{
		review(sc, "A0", "A", "2023-01-01", items(sc, 1, 1, 1, 1, 1)), // superseded
		review(sc, "A1", "A", "2024-01-01", items(sc, 5, 4, 3, 2, 1)),
		review(sc, "B1", "B", "2024-02-01", items(sc, 4, 4, 2, 0, 1)),
		review(sc, "D1", "D", "2024-03-01", items(sc, 3, 5, 3, 4, 2)),
	}
	h := Heatmap(sc, sites, reviews)
	var names []string
	for _, s := range h.Sites {
		names = append(names, s.SiteName)
	}
	if !reflect.DeepEqual(names, []string{"Alpha", "Bravo", "Charlie", "Delta"}) {
		t.Fatalf("sites %v", names)
	}
	a, b, c, d := h.Sites[0], h.Sites[1], h.Sites[2], h.Sites[3]
	if a.ReviewID != "A1" || *a.Scores[0] != 5 || *a.Scores[4] != 1 || a.Rated != 5 {
		t.Errorf("alpha %+v", a)
	}
	wantFloat(t, "alpha mean", a.Mean, 3)
	wantFloat(t, "alpha total", a.Total, 15)
	if b.Scores[3] != nil || b.Rated != 4 || b.Total != nil {
		t.Errorf("bravo %+v", b)
	}
	wantFloat(t, "bravo mean", b.Mean, 2.75)
	if c.ReviewID != "" || c.Rated != 0 || c.Mean != nil || len(c.Scores) != 5 || c.Scores[0] != nil {
		t.Errorf("charlie %+v", c)
	}
	wantFloat(t, "delta mean", d.Mean, 3.4)

	wantMean := []float64{4, 13.0 / 3, 8.0 / 3, 3, 4.0 / 3}
	wantLow := []int{1, 0, 3, 1, 3}
	wantShare := []float64{1.0 / 3, 0, 1, 0.5, 1}
	for i, it := range h.Items {
		wantFloat(t, "mean "+it.ItemID, it.Mean, wantMean[i])
		wantFloat(t, "low share "+it.ItemID, it.LowShare, wantShare[i])
		if it.Low != wantLow[i] {
			t.Errorf("low %s = %d, want %d", it.ItemID, it.Low, wantLow[i])
		}
	}
	if h.Items[3].N != 2 || h.Items[0].N != 3 {
		t.Errorf("n %d %d", h.Items[3].N, h.Items[0].N)
	}
	var weakest []string
	for _, it := range h.Weakest {
		weakest = append(weakest, it.ItemID)
	}
	if !reflect.DeepEqual(weakest, []string{"B3", "B1", "B2", "A1", "A2"}) {
		t.Errorf("weakest %v", weakest)
	}
	hd, rows := h.Table()
	checkTable(t, "heatmap", hd, rows)
	hd, rows = h.ItemsTable()
	checkTable(t, "heatmap items", hd, rows)
	golden(t, "heatmap_mini.csv", h)
}

// Equal means are ordered by the larger share of low scores, then scale
// order.
func TestHeatmapWeakestTies(t *testing.T) {
	sc := miniScale("1")
	sites := []SiteRef{site("A", "A", "/A/"), site("B", "B", "/B/")}
	reviews := []fidelity.ReviewScores{
		// A1: 3, 3 → mean 3, 2/2 low; A2: 1, 5 → mean 3, 1/2 low; B1: 2, 4 → mean 3, 1/2 low.
		review(sc, "a", "A", "2024-01-01", items(sc, 3, 1, 2, 5, 5)),
		review(sc, "b", "B", "2024-01-01", items(sc, 3, 5, 4, 5, 5)),
	}
	h := Heatmap(sc, sites, reviews)
	var got []string
	for _, it := range h.Weakest[:3] {
		got = append(got, it.ItemID)
	}
	if !reflect.DeepEqual(got, []string{"A1", "A2", "B1"}) {
		t.Errorf("weakest %v", got)
	}
}
