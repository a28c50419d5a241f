package chart

import (
	"strings"
	"testing"
)

// A scale change is drawn as a labelled vertical line at its date and
// named in the text alternative; markers outside the plotted dates are
// not drawn.
func TestTrendMarker(t *testing.T) {
	c := TrendChart{
		Title: "IPS-team Bergenhus", YLabel: "Total", Min: 25, Max: 125, Lang: "en",
		Series: []Series{
			{Name: "IPS-15", Points: []Point{{Date: date(2006, 3, 1), Value: 30}, {Date: date(2007, 3, 1), Value: 44}}},
			{Name: "IPS-25", Points: []Point{{Date: date(2009, 3, 1), Value: 90}}},
		},
		Markers: []Marker{
			{Date: date(2009, 3, 1), Label: "Scale changed: IPS-15 → IPS-25"},
			{Date: date(1990, 1, 1), Label: "Outside the plot"},
		},
	}
	svg := c.SVG()
	checkSVG(t, "trend-marker", svg)
	s := string(svg)
	if n := strings.Count(s, "<title>Scale changed: IPS-15 → IPS-25</title>"); n != 1 {
		t.Errorf("marker group drawn %d times", n)
	}
	if !strings.Contains(s, `stroke-dasharray="5 4"`) {
		t.Error("no dashed marker line")
	}
	if strings.Contains(s, "Outside the plot</title>") {
		t.Error("a marker outside the dates was drawn")
	}
	if d := c.Description(); !strings.Contains(d, "Scale changed: IPS-15 → IPS-25 (") {
		t.Errorf("description does not name the change: %s", d)
	}
	if plain := (TrendChart{Title: "x", Min: 25, Max: 125, Series: c.Series}).SVG(); strings.Contains(string(plain), `stroke-dasharray="5 4"`) {
		t.Error("a chart without markers has a marker line")
	}
}
