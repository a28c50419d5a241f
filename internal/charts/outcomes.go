package charts

import (
	"math"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/report/chart"
)

var outcomeWords = map[string]map[string]string{
	"en": {"outcomes": "Outcome over time", "period_end": "End of period", "rate": "Share (%)", "value": "Value",
		"competitive_employment_rate": "Competitive employment rate"},
	"nb": {"outcomes": "Resultat over tid", "period_end": "Periodens slutt", "rate": "Andel (%)", "value": "Verdi",
		"competitive_employment_rate": "Andel i ordinært arbeid"},
}

func outcomeWord(lang, key string) string {
	if w, ok := outcomeWords[lang][key]; ok {
		return w
	}
	if w, ok := outcomeWords["en"][key]; ok {
		return w
	}
	return key
}

// MeasureName is a measure's name in lang: the known ones translated, any
// other shown as recorded.
func MeasureName(measure, lang string) string { return outcomeWord(lang, measure) }

// IsRate tells whether a measure's values are shares from 0 to 1, shown as
// percentages: a measure named "…_rate" whose every value lies in [0, 1].
func IsRate(measure string, values []float64) bool {
	if !strings.HasSuffix(measure, "_rate") {
		return false
	}
	for _, v := range values {
		if math.IsNaN(v) || v < 0 || v > 1 {
			return false
		}
	}
	return true
}

// Outcomes charts one measure of a site over time, by the end of each
// period, as a line beside the fidelity trend: shares as percentages on a
// 0–100 axis, other values on their own range.
func Outcomes(siteName, measure string, outcomes []fidelity.Outcome, lang string) chart.TrendChart {
	var values []float64
	for _, o := range outcomes {
		if o.Measure == measure {
			values = append(values, o.Value)
		}
	}
	rate := IsRate(measure, values)
	s := chart.Series{Name: MeasureName(measure, lang)}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, o := range outcomes {
		if o.Measure != measure {
			continue
		}
		v := o.Value
		if rate {
			v = math.Round(v*1000) / 10 // a percentage with one decimal
		}
		lo, hi = math.Min(lo, v), math.Max(hi, v)
		s.Points = append(s.Points, chart.Point{Date: o.PeriodEnd, Value: v})
	}
	c := chart.TrendChart{
		Title:  outcomeWord(lang, "outcomes") + " — " + siteName,
		YLabel: MeasureName(measure, lang), XLabel: outcomeWord(lang, "period_end"),
		Series: []chart.Series{s}, Lang: lang, Height: 360,
	}
	switch {
	case rate:
		c.Min, c.Max = 0, 100
		c.YLabel = MeasureName(measure, lang) + " (%)"
	case len(s.Points) > 0 && hi > lo:
		c.Min, c.Max = lo, hi
	case len(s.Points) > 0:
		c.Min, c.Max = lo-1, hi+1
	}
	return c
}
