package chart

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Band is a named range of a scale's total, e.g. "Good fidelity" 100–114.
// Bands are given by the caller (never hard-coded) and may be in any order.
type Band struct {
	Label    string
	From, To float64
	// Printed, when set, is the range as the scale prints it ("100–114"),
	// shown instead of From–To: a half-open band [100, 115) of integer
	// totals reads better as its printed range.
	Printed string
	// Threshold marks the band whose lower edge (From) is the target, e.g.
	// "good fidelity": that edge is drawn as an emphasised line.
	Threshold bool
}

// Point is one review of a site.
type Point struct {
	Date  time.Time
	Value float64
	// Label replaces the printed value next to the point when set.
	Label string
}

// Series is one line, e.g. external reviews or self-assessments.
type Series struct {
	Name   string
	Points []Point
}

// TrendChart is a site's total score over time. Min and Max are the
// scale's total range (e.g. 25 and 125); points outside it widen the axis
// rather than being hidden. Points with a NaN or infinite value (or one
// beyond ±1e12), a zero date or a date outside the years 1–9999 are
// skipped.
type TrendChart struct {
	Title, Subtitle, Caption string
	YLabel                   string
	XLabel                   string // default: "Review date" in the chosen language
	Min, Max                 float64
	Bands                    []Band
	Series                   []Series
	Markers                  []Marker // vertical lines at dates, e.g. where the scale changed
	Lang                     string   // "nb" or "en"
	Width, Height            int      // default 820 × 460
}

// WriteSVG writes the chart as an SVG document.
func (c TrendChart) WriteSVG(w io.Writer) error {
	_, err := w.Write(c.SVG())
	return err
}

// Series styles: colour, dash pattern and marker shape differ together, so
// that the lines stay distinct in greyscale and for colour-blind readers.
var (
	dashes  = []string{"", "7 4", "2 3", "9 3 2 3"}
	markers = []string{"circle", "square", "diamond", "triangle"}
)

type trendPoint struct {
	t     time.Time
	x, y  float64
	v     float64
	label string
}

// SVG renders the chart.
func (c TrendChart) SVG() []byte {
	l := getLang(c.Lang)
	W, H := size(c.Width, c.Height, 820, 460)
	f := frame{c.Title, c.Subtitle, c.Caption}

	series, tmin, tmax, lo, hi, bands := c.prepare()
	if len(series) == 0 {
		return noData("trend", f, W, H, l)
	}

	// X domain: padded so that the first and last points are not on the
	// axis; a single review gets a few months either side.
	d0, d1 := unixf(tmin), unixf(tmax)
	if d1-d0 < 86400 {
		d0 -= 75 * 86400
		d1 += 75 * 86400
	} else {
		pad := (d1 - d0) * 0.06
		d0, d1 = d0-pad, d1+pad
	}

	w := &svgWriter{id: chartID("trend", c.Title, c.YLabel, fmt.Sprint(len(series)))}
	w.header(W, H, accessibleName(c.Title, l.noData), c.describe(l, series, bands, lo, hi))
	top := w.titleBlock(f, float64(W))

	// Legend: series, then the threshold line.
	type legendItem struct {
		name      string
		i         int
		threshold bool
	}
	var legend []legendItem
	for i, s := range series {
		if s.name != "" && (len(series) > 1 || len(bands) > 0) {
			legend = append(legend, legendItem{s.name, i, false})
		}
	}
	for _, b := range bands {
		if b.Threshold {
			legend = append(legend, legendItem{thresholdText(b, l), 0, true})
		}
	}
	if len(legend) > 0 {
		x := 16.0
		y := top + 4
		for _, it := range legend {
			wd := textWidth(it.name, fontBody, false) + 38
			if x+wd > float64(W)-16 && x > 16 {
				x = 16
				y += 20
			}
			if it.threshold {
				w.line(x, y, x+26, y, attrs{"stroke", inkDark, "stroke-width", "2.5"})
			} else {
				col := seriesColor(it.i)
				w.line(x, y, x+26, y, attrs{"stroke", col, "stroke-width", "2.5", "stroke-dasharray", dashes[it.i%len(dashes)]})
				marker(w, markers[it.i%len(markers)], x+13, y, col)
			}
			w.text(x+32, y+4, it.name, nil)
			x += wd + 14
		}
		top = y + 18
	}

	// Margins.
	yTicks := niceTicks(lo, hi, 5)
	tickW := 0.0
	for _, t := range yTicks {
		tickW = math.Max(tickW, textWidth(formatValue(t, l), fontSmall, true))
	}
	left := 16 + 18 + tickW + 10
	right := 24.0
	bandLabelW := 0.0
	if len(bands) > 0 {
		for _, b := range bands {
			bandLabelW = math.Max(bandLabelW, textWidth(b.Label, fontSmall, false))
		}
		bandLabelW = math.Min(bandLabelW, float64(W)*0.22)
		right = bandLabelW + 20
	}
	bottom := 56 + captionHeight(f, float64(W))
	px0, px1 := left, float64(W)-right
	py0, py1 := top+8, float64(H)-bottom
	if py1-py0 < 60 {
		py1 = py0 + 60
	}
	xOf := func(s float64) float64 { return px0 + (s-d0)/(d1-d0)*(px1-px0) }
	yOf := func(v float64) float64 { return py1 - (v-lo)/(hi-lo)*(py1-py0) }

	// Band zones behind everything, with their labels in the right margin.
	zones := bandZones(bands, lo, hi)
	for _, z := range zones {
		ya, yb := yOf(z.to), yOf(z.from)
		w.rect(px0, ya, px1-px0, yb-ya, attrs{"fill", hex(bandTint(z.rank, len(bands)))})
	}
	for _, z := range zones {
		ya, yb := yOf(z.to), yOf(z.from)
		if yb-ya < 12 {
			continue
		}
		mid := (ya + yb) / 2
		lines := wrap(z.band.Label, bandLabelW, fontSmall, false, 2)
		rng := formatValue(z.band.From, l) + "–" + formatValue(z.band.To, l)
		if z.band.Printed != "" {
			rng = z.band.Printed
		}
		if yb-ya < float64(len(lines))*14+12 {
			lines = []string{truncate(z.band.Label, bandLabelW, fontSmall, false)}
			rng = ""
		}
		n := float64(len(lines))
		if rng != "" {
			n++
		}
		y := mid - (n-1)*7 + 4
		for _, ln := range lines {
			w.titled(px1+8, y, ln, z.band.Label, attrs{"font-size", strconv.Itoa(fontSmall)})
			y += 14
		}
		if rng != "" {
			w.text(px1+8, y, rng, attrs{"font-size", strconv.Itoa(fontSmall), "fill", inkMuted})
		}
	}

	// Grid and y axis.
	for _, t := range yTicks {
		y := yOf(t)
		w.line(px0, y, px1, y, attrs{"stroke", "#ffffff", "stroke-width", "1"})
		w.line(px0-4, y, px0, y, attrs{"stroke", axisLine})
		w.text(px0-7, y+4, formatValue(t, l), attrs{"text-anchor", "end", "font-size", strconv.Itoa(fontSmall), "fill", inkMuted})
	}
	for _, b := range bands {
		if !b.Threshold || b.From < lo || b.From > hi {
			continue
		}
		y := yOf(b.From)
		w.line(px0, y, px1, y, attrs{"stroke", inkDark, "stroke-width", "2"})
		if !containsTick(yTicks, b.From) {
			w.text(px0-7, y+4, formatValue(b.From, l), attrs{"text-anchor", "end", "font-size", strconv.Itoa(fontSmall), "font-weight", "bold"})
		}
	}
	w.line(px0, py0, px0, py1, attrs{"stroke", axisLine})
	w.line(px0, py1, px1, py1, attrs{"stroke", axisLine})
	if c.YLabel != "" {
		ylab := truncate(c.YLabel, py1-py0, fontBody, true)
		w.text(0, 0, ylab, attrs{"transform", "translate(" + num(16+fontBody) + " " + num((py0+py1)/2) + ") rotate(-90)", "text-anchor", "middle", "font-weight", "bold"})
	}

	// X axis: date ticks.
	ticks := dateTicks(d0, d1, int(math.Max(2, (px1-px0)/80)), l)
	for _, t := range ticks {
		x := xOf(t.at)
		if x < px0-0.5 || x > px1+0.5 {
			continue
		}
		w.line(x, py1, x, py1+4, attrs{"stroke", axisLine})
		w.text(x, py1+17, t.line1, attrs{"text-anchor", "middle", "font-size", strconv.Itoa(fontSmall), "fill", inkMuted})
		if t.line2 != "" {
			w.text(x, py1+31, t.line2, attrs{"text-anchor", "middle", "font-size", strconv.Itoa(fontSmall), "fill", inkMuted})
		}
	}
	xl := c.XLabel
	if xl == "" {
		xl = l.date
	}
	w.text((px0+px1)/2, py1+49, xl, attrs{"text-anchor", "middle", "font-weight", "bold"})

	drawMarkers(w, c.Markers, xOf, px0, px1, py0, py1)

	// Lines, markers, then value labels on top.
	var obstacles []box
	for si := range series {
		for pi := range series[si].pts {
			p := &series[si].pts[pi]
			p.x, p.y = xOf(unixf(p.t)), yOf(p.v)
			obstacles = append(obstacles, box{p.x - 6, p.y - 6, p.x + 6, p.y + 6})
		}
	}
	for si := len(series) - 1; si >= 0; si-- {
		s := series[si]
		col := seriesColor(si)
		w.group(s.name)
		if len(s.pts) > 1 {
			xs, ys := make([]float64, len(s.pts)), make([]float64, len(s.pts))
			for i, p := range s.pts {
				xs[i], ys[i] = p.x, p.y
			}
			w.empty("polyline", attrs{"points", points(xs, ys), "fill", "none", "stroke", col, "stroke-width", "2.5",
				"stroke-linejoin", "round", "stroke-dasharray", dashes[si%len(dashes)]})
		}
		for _, p := range s.pts {
			marker(w, markers[si%len(markers)], p.x, p.y, col)
		}
		w.close("g")
	}
	bounds := box{px0, py0, px1, py1}
	for si, s := range series {
		for _, p := range s.pts {
			txt := p.label
			if txt == "" {
				txt = formatValue(p.v, l)
			}
			tw := textWidth(txt, fontBody, true)
			prefer := []float64{-1, 1} // above, below
			if otherBelow(series, si, p) {
				prefer = []float64{-1, 1}
			} else if len(series) > 1 {
				prefer = []float64{1, -1}
			}
			var cands []box
			for _, dir := range prefer {
				if dir < 0 {
					cands = append(cands, box{p.x - tw/2, p.y - 24, p.x + tw/2, p.y - 9})
				} else {
					cands = append(cands, box{p.x - tw/2, p.y + 9, p.x + tw/2, p.y + 24})
				}
			}
			cands = append(cands, box{p.x + 9, p.y - 8, p.x + 9 + tw, p.y + 7}, box{p.x - 9 - tw, p.y - 8, p.x - 9, p.y + 7})
			pick := cands[0]
			for _, cb := range cands {
				if cb.inside(bounds) && !cb.hitsAny(obstacles) {
					pick = cb
					break
				}
			}
			obstacles = append(obstacles, pick)
			w.text((pick.x0+pick.x1)/2, pick.y1-3, txt, attrs{"text-anchor", "middle", "font-weight", "bold", "fill", labelInk(si),
				"stroke", "#ffffff", "stroke-width", "3", "stroke-linejoin", "round", "paint-order", "stroke"})
		}
	}

	w.captionBlock(f, float64(W), float64(H))
	w.footer()
	return w.b.Bytes()
}

// usablePoint reports whether a point can be drawn: a finite value within
// ±1e12 and a non-zero date in the years 1–9999.
func usablePoint(p Point) bool {
	y := p.Date.Year()
	return finite(p.Value) && math.Abs(p.Value) <= 1e12 && !p.Date.IsZero() && y >= 1 && y <= 9999
}

// prepare drops unusable points (see usablePoint),
// sorts each series by date, and works out the value domain: the scale's
// range widened to include every point. No series is returned when no
// point is left.
func (c TrendChart) prepare() (series []trendSeries, tmin, tmax time.Time, lo, hi float64, bands []Band) {
	vmin, vmax := math.Inf(1), math.Inf(-1)
	for _, s := range c.Series {
		cs := trendSeries{name: s.Name}
		for _, p := range s.Points {
			if !usablePoint(p) {
				continue
			}
			cs.pts = append(cs.pts, trendPoint{t: p.Date, v: p.Value, label: p.Label})
			if tmin.IsZero() || p.Date.Before(tmin) {
				tmin = p.Date
			}
			if tmax.IsZero() || p.Date.After(tmax) {
				tmax = p.Date
			}
			vmin, vmax = math.Min(vmin, p.Value), math.Max(vmax, p.Value)
		}
		sort.SliceStable(cs.pts, func(i, j int) bool { return cs.pts[i].t.Before(cs.pts[j].t) })
		series = append(series, cs)
	}
	if tmin.IsZero() {
		return nil, tmin, tmax, 0, 0, nil
	}
	lo, hi = c.Min, c.Max
	if !finite(lo) || !finite(hi) || hi <= lo {
		lo, hi = vmin, vmax
		if hi <= lo {
			lo, hi = lo-1, hi+1
		}
	}
	lo, hi = math.Min(lo, vmin), math.Max(hi, vmax)
	if !finite(hi-lo) || hi-lo <= 0 {
		// Values so large that their span overflows: nothing sensible to
		// scale against, so draw the points in the middle.
		lo, hi = -1, 1
	}
	return series, tmin, tmax, lo, hi, cleanBands(c.Bands)
}

// Description is the chart's text alternative (the SVG's <desc>): what it
// shows, every point with its date, and the bands. Use it as alt text for
// the image.
func (c TrendChart) Description() string {
	l := getLang(c.Lang)
	series, _, _, lo, hi, bands := c.prepare()
	if len(series) == 0 {
		return l.noDataDesc
	}
	return c.describe(l, series, bands, lo, hi)
}

// otherBelow reports whether the nearest other series passes below point
// p (larger y) at p's x position; a label then goes above p, away from it.
// With no other series close by, labels go above.
func otherBelow(series []trendSeries, si int, p trendPoint) bool {
	best, dy := math.Inf(1), 0.0
	for sj, s := range series {
		if sj == si || len(s.pts) == 0 {
			continue
		}
		y, ok := yAt(s.pts, p.x)
		if !ok {
			continue
		}
		if d := math.Abs(y - p.y); d < best {
			best, dy = d, y-p.y
		}
	}
	return best == math.Inf(1) || dy >= 0
}

// yAt interpolates a series' line at x; ok is false outside its extent.
func yAt(pts []trendPoint, x float64) (float64, bool) {
	if len(pts) == 1 {
		return pts[0].y, math.Abs(pts[0].x-x) < 30
	}
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		if x >= a.x && x <= b.x {
			if b.x == a.x {
				return a.y, true
			}
			return a.y + (b.y-a.y)*(x-a.x)/(b.x-a.x), true
		}
	}
	return 0, false
}

type trendSeries struct {
	name string
	pts  []trendPoint
}

// describe builds the text alternative: what the chart shows and the data.
func (c TrendChart) describe(l lang, series []trendSeries, bands []Band, lo, hi float64) string {
	var b strings.Builder
	what := c.YLabel
	if what == "" {
		what = c.Title
	}
	b.WriteString(fmt.Sprintf(l.descTrend, what, formatValue(lo, l), formatValue(hi, l)))
	for _, s := range series {
		if len(s.pts) == 0 {
			continue
		}
		b.WriteString(" ")
		if s.name != "" {
			b.WriteString(s.name + ": ")
		}
		for i, p := range s.pts {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(formatValue(p.v, l) + " (" + longDate(p.t, l) + ")")
		}
		b.WriteString(".")
	}
	if len(bands) > 0 {
		var parts []string
		for i := len(bands) - 1; i >= 0; i-- {
			rng := formatValue(bands[i].From, l) + "–" + formatValue(bands[i].To, l)
			if bands[i].Printed != "" {
				rng = bands[i].Printed
			}
			parts = append(parts, bands[i].Label+" "+rng)
		}
		b.WriteString(" " + strings.Join(parts, "; ") + ".")
	}
	describeMarkers(&b, c.Markers, l)
	return b.String()
}
