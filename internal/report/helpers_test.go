package report

import (
	"math"
	"sync"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// f returns a pointer to v (for scale bounds).
func f(v float64) *float64 { return &v }

// miniScale is a 5-item scale, levels 1–5, sum 5–25:
//
//	section s1: A1, A2; section s2: B1, B2, B3
//	grouping g: g1 = {A1, B1}, g2 = {B2}
//	bands (scale order): high 20–25, good 15–19, fair 10–14, low 5–9
func miniScale(version string, itemIDs ...string) *scale.Scale {
	if len(itemIDs) == 0 {
		itemIDs = []string{"A1", "A2", "B1", "B2", "B3"}
	}
	s := &scale.Scale{
		ID: "mini", Version: version,
		Levels:      scale.Levels{Min: 1, Max: 5},
		Aggregation: scale.AggregateSum,
		Sections:    []scale.Section{{ID: "s1"}, {ID: "s2"}},
		Groupings: []scale.Grouping{{ID: "g", Groups: []scale.Group{
			{ID: "g1", Items: []string{"A1", "B1"}}, {ID: "g2", Items: []string{"B2"}},
		}}},
	}
	for i, id := range itemIDs {
		sec := "s2"
		if id[0] == 'A' {
			sec = "s1"
		}
		s.Items = append(s.Items, scale.Item{ID: id, Number: i + 1, Section: sec,
			Title: fidelity.Text{EN: "Item " + id}})
	}
	n := float64(len(itemIDs))
	s.Bands = []scale.Band{
		{ID: "high", Bounds: scale.Bounds{GE: f(4 * n), LE: f(5 * n)}},
		{ID: "good", Bounds: scale.Bounds{GE: f(3 * n), LT: f(4 * n)}},
		{ID: "fair", Bounds: scale.Bounds{GE: f(2 * n), LT: f(3 * n)}},
		{ID: "low", Bounds: scale.Bounds{GE: f(n), LT: f(2 * n)}},
	}
	return s
}

var (
	realOnce  sync.Once
	realScale *scale.Scale
	realErr   error
)

// seScale loads the real SE Fidelity Scale (IPS-25).
func seScale(t testing.TB) *scale.Scale {
	t.Helper()
	realOnce.Do(func() { realScale, realErr = scale.LoadFile("../../scales/se-fidelity/2008.yaml") })
	if realErr != nil {
		t.Fatal(realErr)
	}
	return realScale
}

// items maps the scale's items, in order, to the given scores (0 = missing).
func items(sc *scale.Scale, scores ...int) map[string]int {
	m := make(map[string]int, len(scores))
	for i, v := range scores {
		if v != 0 {
			m[sc.Items[i].ID] = v
		}
	}
	return m
}

// spread gives the scale's items scores summing to total: total/n each,
// the first total%n items one more.
func spread(sc *scale.Scale, total int) map[string]int {
	n := len(sc.Items)
	m := make(map[string]int, n)
	for i, it := range sc.Items {
		v := total / n
		if i < total%n {
			v++
		}
		m[it.ID] = v
	}
	return m
}

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// review builds a finalised external review under sc.
func review(sc *scale.Scale, id, site, visitEnd string, consensus map[string]int) fidelity.ReviewScores {
	end := date(visitEnd)
	return fidelity.ReviewScores{
		ReviewID: id, SiteID: site, ScaleID: sc.ID, ScaleVersion: sc.Version,
		Type: fidelity.ReviewExternal, Status: fidelity.StatusFinalised,
		VisitStart: end.AddDate(0, 0, -1), VisitEnd: end, Consensus: consensus,
	}
}

func site(id, name, path string) SiteRef {
	return SiteRef{ID: id, Name: name, Kind: fidelity.SiteKindTeam, Path: path}
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func wantFloat(t *testing.T, name string, got *float64, want float64) {
	t.Helper()
	if got == nil {
		t.Errorf("%s = nil, want %v", name, want)
		return
	}
	if !near(*got, want) {
		t.Errorf("%s = %v, want %v", name, *got, want)
	}
}

func wantNil(t *testing.T, name string, got *float64) {
	t.Helper()
	if got != nil {
		t.Errorf("%s = %v, want nil", name, *got)
	}
}

// checkTable asserts every row has the header's width.
func checkTable(t *testing.T, name string, header []string, rows [][]string) {
	t.Helper()
	if len(header) == 0 {
		t.Errorf("%s: empty header", name)
	}
	for i, r := range rows {
		if len(r) != len(header) {
			t.Errorf("%s row %d: %d cells, header has %d", name, i, len(r), len(header))
		}
	}
}
