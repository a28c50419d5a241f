package chart

import (
	"strconv"
	"strings"
	"time"
)

// Marker is a dated event drawn across a trend chart as a vertical dashed
// line with a label at its top, e.g. "Scale changed: IPS-15 → IPS-25".
type Marker struct {
	Date  time.Time
	Label string
}

// drawMarkers draws each marker whose date falls inside the plot; the label
// sits at the top of the plot, to the right of the line, or to its left
// when it would leave the plot.
func drawMarkers(w *svgWriter, markers []Marker, xOf func(float64) float64, px0, px1, py0, py1 float64) {
	for _, m := range markers {
		if m.Date.IsZero() {
			continue
		}
		x := xOf(unixf(m.Date))
		if x < px0 || x > px1 {
			continue
		}
		w.group(m.Label)
		w.line(x, py0, x, py1, attrs{"stroke", inkDark, "stroke-width", "1.5", "stroke-dasharray", "5 4"})
		label := truncate(m.Label, (px1-px0)*0.45, fontSmall, true)
		tw := textWidth(label, fontSmall, true)
		anchor, tx := "start", x+5
		if tx+tw > px1 {
			anchor, tx = "end", x-5
		}
		w.titled(tx, py0+12, label, m.Label, attrs{"text-anchor", anchor, "font-size", strconv.Itoa(fontSmall), "font-weight", "bold",
			"fill", inkDark, "stroke", "#ffffff", "stroke-width", "3", "stroke-linejoin", "round", "paint-order", "stroke"})
		w.close("g")
	}
}

// describeMarkers adds the markers to the text alternative.
func describeMarkers(b *strings.Builder, markers []Marker, l lang) {
	for _, m := range markers {
		if m.Date.IsZero() || m.Label == "" {
			continue
		}
		b.WriteString(" " + strings.TrimSuffix(m.Label, ".") + " (" + longDate(m.Date, l) + ").")
	}
}
