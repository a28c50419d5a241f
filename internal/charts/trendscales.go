package charts

import (
	"strings"
	"time"

	"github.com/ipsfidelity/fidelity/internal/report"
	"github.com/ipsfidelity/fidelity/internal/report/chart"
)

// olderScales returns one series per older scale that an item map joined
// to the trend (its totals are on another range, so they are not drawn as
// one line with the current scale's), and a marker at each scale change.
func olderScales(tr report.TrendReport, lang string) ([]chart.Series, []chart.Marker) {
	names := map[string]string{} // scale id → short name
	var markers []chart.Marker
	seen := map[string]bool{}
	for _, c := range tr.ScaleChanges {
		from, _, _ := strings.Cut(c.From, "@")
		names[from] = c.FromShort.In(lang)
		label := word(lang, "scale_changed") + ": " + c.FromShort.In(lang) + " → " + c.ToShort.In(lang)
		if at, err := time.Parse(time.DateOnly, c.At); err == nil && !seen[c.At+label] {
			seen[c.At+label] = true
			markers = append(markers, chart.Marker{Date: at, Label: label})
		}
	}
	var series []chart.Series
	index := map[string]int{}
	for _, p := range tr.Points {
		name, ok := names[p.Scale]
		if !ok || p.Score.Total == nil {
			continue
		}
		i, ok := index[p.Scale]
		if !ok {
			i = len(series)
			index[p.Scale] = i
			series = append(series, chart.Series{Name: name})
		}
		series[i].Points = append(series[i].Points, chart.Point{Date: p.VisitEnd, Value: *p.Score.Total})
	}
	return series, markers
}
