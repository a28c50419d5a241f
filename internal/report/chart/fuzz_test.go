package chart

import (
	"math"
	"strings"
	"testing"
	"time"
)

// FuzzTrend feeds random values, dates and ranges to the trend chart and
// checks that the output is always well-formed XML without NaN or Inf.
func FuzzTrend(f *testing.F) {
	f.Add(72.0, 86.0, 104.0, int64(1678838400), int64(1695168000), int64(1739318400), 25.0, 125.0, "nb")
	f.Add(math.NaN(), math.Inf(1), -1e308, int64(0), int64(-1), int64(1), math.NaN(), 0.0, "en")
	f.Add(1e308, -1e308, 0.0, int64(math.MaxInt64), int64(math.MinInt64), int64(0), 5.0, 1.0, "nb")
	f.Add(3.0, 3.0, 3.0, int64(1), int64(1), int64(1), 3.0, 3.0, "x")
	f.Fuzz(func(t *testing.T, v1, v2, v3 float64, d1, d2, d3 int64, lo, hi float64, lang string) {
		c := TrendChart{
			Title: "fuzz", YLabel: "y", Min: lo, Max: hi, Lang: lang,
			Bands: []Band{{Label: "a", From: lo, To: (lo + hi) / 2, Threshold: true}, {Label: "b", From: v3, To: hi}},
			Series: []Series{
				{Name: "s1", Points: []Point{{Date: time.Unix(d1, 0), Value: v1}, {Date: time.Unix(d2, 0), Value: v2}}},
				{Name: "s2", Points: []Point{{Date: time.Unix(d3, 0), Value: v3}, {Date: time.Unix(d1/2, 0), Value: v1 / 2}}},
			},
		}
		b := c.SVG()
		if err := validSVG(b); err != nil {
			t.Fatalf("%v\n%s", err, b)
		}
		if strings.Contains(string(b), "NaN") {
			t.Fatal("NaN in output")
		}
		_ = c.Description()
	})
}
