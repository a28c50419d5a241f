package chart

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Radar shows one review's item scores as a radar (item profile) chart:
// one spoke per item, clockwise from the top in the order given, the
// score as distance from the centre, the previous review as a dashed
// outline. It is the same data as ItemProfile, for the shape at a glance
// (which parts of the model are weak); the bars remain the chart to read
// values from. Spokes where a new Section begins are drawn darker, and the
// sections are listed under the chart with their first and last item.
type Radar struct {
	Title, Subtitle, Caption string
	Min, Max                 float64 // item scale; default 1–5
	Items                    []Item
	CurrentName              string // legend; default "This review"
	PreviousName             string // legend; default "Previous review"
	Lang                     string
	Width                    int // default 640
	Height                   int // default: fitted
}

const radarFill = "#cfe3f1" // light tint of barColor; no opacity needed

// WriteSVG writes the chart as an SVG document.
func (c Radar) WriteSVG(w io.Writer) error {
	_, err := w.Write(c.SVG())
	return err
}

// PNG renders the radar chart as a PNG image.
func (c Radar) PNG() ([]byte, error) { return rasterPNG(c.SVG()) }

// WritePNG writes the radar chart as a PNG image.
func (c Radar) WritePNG(w io.Writer) error { return writePNG(w, c.PNG) }

func (c Radar) names(l lang) (string, string) {
	cur, prev := c.CurrentName, c.PreviousName
	if cur == "" {
		cur = l.current
	}
	if prev == "" {
		prev = l.previous
	}
	return cur, prev
}

// SVG renders the chart.
func (c Radar) SVG() []byte {
	l := getLang(c.Lang)
	lo, hi := scaleRange(c.Min, c.Max)
	f := frame{c.Title, c.Subtitle, c.Caption}
	if len(c.Items) < 3 || len(c.Items) > 200 {
		W, H := size(c.Width, c.Height, 640, 400)
		return noData("radar", f, W, H, l)
	}
	W0 := c.Width
	if W0 <= 0 {
		W0 = 640
	}
	fw := float64(min(max(W0, 320), 4000))
	titles := make([]string, len(c.Items))
	hasPrev := false
	for i, it := range c.Items {
		titles[i] = it.Section
		hasPrev = hasPrev || validScore(it.Previous, lo, hi)
	}
	secs := groupSections(titles)
	secLines := 0
	for _, s := range secs {
		if s.title != "" {
			secLines++
		}
	}
	headTop := 12.0 + float64(len(wrap(c.Title, fw-32, fontTitle, true, 2)))*(fontTitle+4) +
		float64(len(wrap(c.Subtitle, fw-32, fontLabel, false, 2)))*(fontLabel+5) + 10
	R := math.Min(fw/2-64, 240)
	autoH := int(math.Ceil(headTop + 26 + 2*R + 72 + float64(secLines)*(fontBody+6) + captionHeight(f, fw)))
	W, H := size(int(fw), c.Height, 640, autoH)
	fw, fh := float64(W), float64(H)
	cur, prev := c.names(l)

	w := &svgWriter{id: chartID("radar", c.Title, fmt.Sprint(len(c.Items)))}
	w.header(W, H, accessibleName(c.Title, l.noData), c.describe(l, lo, hi, cur, prev, hasPrev))
	top := w.titleBlock(f, fw)

	// Legend.
	x := 16.0
	w.rect(x, top-2, 22, 12, attrs{"fill", radarFill, "stroke", barColor, "stroke-width", "2"})
	w.text(x+28, top+8, cur, nil)
	x += 28 + textWidth(cur, fontBody, false) + 22
	if hasPrev {
		w.line(x, top+4, x+22, top+4, attrs{"stroke", previousColor, "stroke-width", "2", "stroke-dasharray", "5 3"})
		w.text(x+28, top+8, prev, nil)
	}
	top += 26

	cx, cy := fw/2, top+R+30
	ticks := niceTicks(lo, hi, 5)
	step := 1.0
	if len(ticks) > 1 {
		step = ticks[1] - ticks[0]
	}
	// As in the bars, the centre is one step below the minimum, so that the
	// lowest score is a visible point and not the centre itself.
	base := lo - step
	n := len(c.Items)
	angle := func(i int) float64 { return -math.Pi/2 + 2*math.Pi*float64(i)/float64(n) }
	at := func(i int, v float64) (float64, float64) {
		r := (clamp(v, base, hi) - base) / (hi - base) * R
		return cx + r*math.Cos(angle(i)), cy + r*math.Sin(angle(i))
	}

	// The current review's area first, so that rings and spokes stay
	// visible on top of it; missing scores sit at the centre and are named
	// in the description.
	xs, ys := make([]float64, n), make([]float64, n)
	for i, it := range c.Items {
		v := base
		if validScore(it.Value, lo, hi) {
			v = it.Value
		}
		xs[i], ys[i] = at(i, v)
	}
	w.empty("polygon", attrs{"points", points(xs, ys), "fill", radarFill})

	// Rings at each tick.
	for _, t := range ticks {
		rx, ry := make([]float64, n), make([]float64, n)
		for i := range n {
			rx[i], ry[i] = at(i, t)
		}
		w.empty("polygon", attrs{"points", points(rx, ry), "fill", "none", "stroke", gridLine})
	}
	// Spokes; a darker spoke where a section begins.
	sectionStart := map[int]bool{}
	if len(secs) > 1 {
		for _, s := range secs {
			sectionStart[s.items[0]] = true
		}
	}
	for i := range n {
		x1, y1 := at(i, hi)
		col := gridLine
		if sectionStart[i] {
			col = axisLine
		}
		w.line(cx, cy, x1, y1, attrs{"stroke", col})
	}

	// Outlines: the previous review dashed, the current one solid.
	if hasPrev {
		pxs, pys := make([]float64, 0, n), make([]float64, 0, n)
		for i, it := range c.Items {
			v := base
			if validScore(it.Previous, lo, hi) {
				v = it.Previous
			}
			px, py := at(i, v)
			pxs, pys = append(pxs, px), append(pys, py)
		}
		w.empty("polygon", attrs{"points", points(pxs, pys), "fill", "none", "stroke", previousColor, "stroke-width", "2", "stroke-dasharray", "5 3"})
	}
	w.empty("polygon", attrs{"points", points(xs, ys), "fill", "none", "stroke", barColor, "stroke-width", "2.5", "stroke-linejoin", "round"})

	// Ring values half-way between the first two spokes, clear of the
	// markers on them.
	mid := angle(0) + math.Pi/float64(n)
	for _, t := range ticks {
		r := (t - base) / (hi - base) * R
		w.text(cx+r*math.Cos(mid)+2, cy+r*math.Sin(mid)+4, formatValue(t, l),
			attrs{"font-size", strconv.Itoa(fontSmall), "fill", inkMuted, "stroke", "#ffffff", "stroke-width", "3", "paint-order", "stroke"})
	}
	for i, it := range c.Items {
		if validScore(it.Value, lo, hi) {
			w.group(itemLabel(it.ID, it.Label) + ": " + formatValue(it.Value, l))
			w.empty("circle", attrs{"cx", num(xs[i]), "cy", num(ys[i]), "r", "3.5", "fill", barColor, "stroke", "#ffffff", "stroke-width", "1"})
			w.close("g")
		}
	}

	// Spoke labels: the item id, the full name as tooltip.
	for i, it := range c.Items {
		id := it.ID
		if id == "" {
			id = strconv.Itoa(i + 1)
		}
		shown := truncate(id, 60, fontSmall, true)
		a := angle(i)
		lx, ly := cx+(R+14)*math.Cos(a), cy+(R+14)*math.Sin(a)+4
		anchor := "middle"
		switch {
		case math.Cos(a) > 0.3:
			anchor = "start"
		case math.Cos(a) < -0.3:
			anchor = "end"
		}
		if math.Sin(a) < -0.9 {
			ly -= 4
		} else if math.Sin(a) > 0.9 {
			ly += 6
		}
		at := attrs{"text-anchor", anchor, "font-size", strconv.Itoa(fontSmall), "font-weight", "bold"}
		if !validScore(it.Value, lo, hi) {
			at = append(at, "fill", inkMuted)
		}
		w.titled(lx, ly, shown, itemLabel(it.ID, it.Label), at)
	}

	// Sections with their item ranges.
	y := cy + R + 44
	for _, s := range secs {
		if s.title == "" {
			continue
		}
		first, last := c.Items[s.items[0]].ID, c.Items[s.items[len(s.items)-1]].ID
		rng := first
		if last != first {
			rng += "–" + last
		}
		line := s.title
		if rng != "" {
			line += " (" + rng + ")"
		}
		if m, ok := sectionMean(c.Items, s.items, lo, hi); ok {
			line += ", " + strings.ToLower(l.mean) + " " + formatFixed(m, 1, l)
		}
		w.text(16, y, truncate(line, fw-32, fontBody, false), nil)
		y += fontBody + 6
	}
	w.captionBlock(f, fw, fh)
	w.footer()
	return w.b.Bytes()
}

func (c Radar) describe(l lang, lo, hi float64, cur, prev string, hasPrev bool) string {
	return describeItems(l.descRadar, l, c.Items, lo, hi, prev, hasPrev)
}

// Description is the chart's text alternative: every item with its score
// and previous score.
func (c Radar) Description() string {
	l := getLang(c.Lang)
	if len(c.Items) < 3 || len(c.Items) > 200 {
		return l.noDataDesc
	}
	lo, hi := scaleRange(c.Min, c.Max)
	hasPrev := false
	for _, it := range c.Items {
		hasPrev = hasPrev || validScore(it.Previous, lo, hi)
	}
	cur, prev := c.names(l)
	return c.describe(l, lo, hi, cur, prev, hasPrev)
}
