// Package charts turns reports into chart inputs: the one place that
// decides what the trend, item profile, heatmap and band charts show, for
// the REST API and the web interface alike. internal/report/chart draws;
// this package chooses.
package charts

import (
	"math"
	"slices"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/report"
	"github.com/ipsfidelity/fidelity/internal/report/chart"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

var words = map[string]map[string]string{
	"en": {"trend": "Fidelity over time", "total": "Total score", "external": "External reviews",
		"self": "Self-assessments", "profile": "Item profile", "radar": "Item profile (radar)", "heatmap": "Latest score per item and site",
		"bands": "Sites per fidelity band", "sites": "Number of sites", "current": "This review", "previous": "Previous review",
		"scale_changed": "Scale changed"},
	"nb": {"trend": "Modelltrofasthet over tid", "total": "Totalskår", "external": "Eksterne gjennomganger",
		"self": "Egenvurderinger", "profile": "Skår per element", "radar": "Elementprofil (radar)", "heatmap": "Siste skår per element og enhet",
		"bands": "Enheter per nivå", "sites": "Antall enheter", "current": "Denne gjennomgangen", "previous": "Forrige gjennomgang",
		"scale_changed": "Skalaen endret"},
}

func word(lang, key string) string {
	if w, ok := words[lang][key]; ok {
		return w
	}
	return words["en"][key]
}

// bands turns a scale's bands into chart zones, marking the lower edge of
// the first "good" band as the threshold line.
func bands(sc *scale.Scale, lang string, good []string) []chart.Band {
	lo, hi := sc.TotalRange()
	var out []chart.Band
	threshold := false
	for i := len(sc.Bands) - 1; i >= 0; i-- {
		b := sc.Bands[i]
		cb := chart.Band{Label: b.Label.In(lang), From: b.LowerOr(lo), To: b.UpperOr(hi), Printed: b.Printed}
		if !threshold && slices.Contains(good, b.ID) && !slices.Contains(good, lowerNeighbour(sc, i)) {
			cb.Threshold, threshold = true, true
		}
		out = append(out, cb)
	}
	slices.Reverse(out)
	return out
}

func lowerNeighbour(sc *scale.Scale, i int) string {
	best, id := math.Inf(-1), ""
	lo := sc.Bands[i].Lower()
	for _, b := range sc.Bands {
		if l := b.Lower(); l < lo && l > best {
			best, id = l, b.ID
		}
	}
	return id
}

// Trend charts a trend report: external (and remote) reviews as one
// series, self-assessments as a second.
func Trend(sc *scale.Scale, tr report.TrendReport, lang string, good []string) chart.TrendChart {
	lo, hi := sc.TotalRange()
	ext := chart.Series{Name: word(lang, "external")}
	self := chart.Series{Name: word(lang, "self")}
	for _, p := range tr.Points {
		if p.Score.Total == nil || (p.Scale != "" && p.Scale != sc.ID) {
			continue // reviews under an older scale are a series of their own
		}
		pt := chart.Point{Date: p.VisitEnd, Value: *p.Score.Total}
		if p.Type == fidelity.ReviewSelf {
			self.Points = append(self.Points, pt)
		} else {
			ext.Points = append(ext.Points, pt)
		}
	}
	older, markers := olderScales(tr, lang)
	series := []chart.Series{ext}
	if len(self.Points) > 0 {
		series = append(series, self)
	}
	series = append(series, older...)
	return chart.TrendChart{
		Title: word(lang, "trend") + " — " + tr.Site.Name, Subtitle: sc.Title.In(lang) + " (" + sc.Ref() + ")",
		YLabel: word(lang, "total"), Min: lo, Max: hi, Bands: bands(sc, lang, good), Series: series, Lang: lang,
		Markers: markers,
	}
}

// Profile charts one review's consensus item scores against the previous
// review's (NaN where an item has no score).
func Profile(sc *scale.Scale, siteName string, current, previous map[string]int, lang string) chart.ItemProfile {
	items := make([]chart.Item, 0, len(sc.Items))
	for _, it := range sc.Items {
		items = append(items, chart.Item{
			ID: it.ID, Label: it.Title.In(lang), Section: sectionTitle(sc, it.Section, lang),
			Value: score(current, it.ID), Previous: score(previous, it.ID),
		})
	}
	return chart.ItemProfile{
		Title: word(lang, "profile") + " — " + siteName, Subtitle: sc.Title.In(lang),
		Min: float64(sc.Levels.Min), Max: float64(sc.Levels.Max), Items: items,
		CurrentName: word(lang, "current"), PreviousName: word(lang, "previous"), Lang: lang,
	}
}

// Radar is the same data as Profile, drawn as a radar: one spoke per item.
func Radar(sc *scale.Scale, siteName string, current, previous map[string]int, lang string) chart.Radar {
	p := Profile(sc, siteName, current, previous, lang)
	return chart.Radar{
		Title: word(lang, "radar") + " — " + siteName, Subtitle: p.Subtitle,
		Min: p.Min, Max: p.Max, Items: p.Items,
		CurrentName: p.CurrentName, PreviousName: p.PreviousName, Lang: lang,
	}
}

func score(m map[string]int, id string) float64 {
	if v, ok := m[id]; ok {
		return float64(v)
	}
	return math.NaN()
}

func sectionTitle(sc *scale.Scale, id, lang string) string {
	for _, s := range sc.Sections {
		if s.ID == id {
			return s.Title.In(lang)
		}
	}
	return id
}

// Heatmap charts a heatmap report; sites without a review are left out.
func Heatmap(sc *scale.Scale, h report.HeatmapReport, lang string) chart.Heatmap {
	c := chart.Heatmap{
		Title: word(lang, "heatmap"), Subtitle: sc.Title.In(lang),
		Min: float64(sc.Levels.Min), Max: float64(sc.Levels.Max), Lang: lang,
	}
	for _, it := range h.Items {
		c.Rows = append(c.Rows, chart.HeatmapRow{ID: it.ItemID, Label: it.Title.In(lang), Section: sectionTitle(sc, it.Section, lang)})
	}
	values := make([][]float64, len(h.Items))
	for _, site := range h.Sites {
		if site.ReviewID == "" {
			continue
		}
		c.Columns = append(c.Columns, site.SiteName)
		for i := range h.Items {
			v := math.NaN()
			if i < len(site.Scores) && site.Scores[i] != nil {
				v = float64(*site.Scores[i])
			}
			values[i] = append(values[i], v)
		}
	}
	c.Values = values
	return c
}

// Bands charts the band counts of one or two comparison reports (earlier
// period first).
func Bands(sc *scale.Scale, periods []string, reports []report.ComparisonReport, lang string) chart.BandDistribution {
	c := chart.BandDistribution{Title: word(lang, "bands"), Subtitle: sc.Title.In(lang), YLabel: word(lang, "sites"), Lang: lang}
	order := lowestFirst(sc)
	for _, id := range order {
		for _, b := range sc.Bands {
			if b.ID == id {
				c.Bands = append(c.Bands, b.Label.In(lang))
			}
		}
	}
	for i, r := range reports {
		counts := make([]int, len(order))
		for _, bc := range r.Bands {
			if j := slices.Index(order, bc.Band); j >= 0 {
				counts[j] = bc.Count
			}
		}
		c.Periods = append(c.Periods, chart.BandPeriod{Name: periods[i], Counts: counts})
	}
	return c
}

func lowestFirst(sc *scale.Scale) []string {
	ids := make([]string, len(sc.Bands))
	for i, b := range sc.Bands {
		ids[i] = b.ID
	}
	slices.SortFunc(ids, func(a, b string) int {
		var la, lb float64
		for _, band := range sc.Bands {
			if band.ID == a {
				la = band.Lower()
			}
			if band.ID == b {
				lb = band.Lower()
			}
		}
		switch {
		case la < lb:
			return -1
		case la > lb:
			return 1
		}
		return 0
	})
	return ids
}
