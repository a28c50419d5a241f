package writtenreport

import (
	"math"
	"sort"
	"strconv"
	"time"
)

// painter is the handful of vector primitives the charts need. The same
// chart code draws into inline SVG (HTML) and into the PDF page, so both
// documents show the same picture. Coordinates are millimetres from the
// chart's top-left corner; colours are "#rrggbb".
type painter interface {
	rect(x, y, w, h float64, fill string)
	line(x1, y1, x2, y2 float64, stroke string, width float64, dashed bool)
	polygon(pts []point, fill, stroke string, width float64, dashed bool)
	circle(x, y, r float64, fill, stroke string)
	// text draws s with its baseline at y; anchor is "start", "middle" or "end".
	text(x, y float64, s string, size float64, anchor string, bold bool, color string)
}

type point struct{ X, Y float64 }

// Colours of the report: one ink, one accent, greys, and band tints from
// weak (warm) to strong (green) fidelity.
const (
	ink      = "#1f2933"
	muted    = "#52606d"
	rule     = "#cbd2d9"
	accent   = "#1c4e80"
	previous = "#9aa5b1"
)

var bandTints = []string{"#f8d7d3", "#fbe7c6", "#dcecc9", "#c3e3cf", "#a9d8c0"}

// bandTint gives band i of n (sorted from lowest) its background colour.
func bandTint(i, n int) string {
	if n <= 1 {
		return bandTints[2]
	}
	return bandTints[int(math.Round(float64(i)*float64(len(bandTints)-1)/float64(n-1)))]
}

// sortedBands returns the bands from the lowest range up.
func sortedBands(bs []Band) []Band {
	out := append([]Band(nil), bs...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Lo < out[j].Lo })
	return out
}

// drawTrend draws the totals over time in a w×h box: band zones behind,
// a line through the totals, a dashed vertical line where the scale
// version changed, the current review marked.
func drawTrend(p painter, d Document, w, h float64) {
	l := lang(d)
	const left, right, top, bottom = 12.0, 44.0, 3.0, 9.0
	pw, ph := w-left-right, h-top-bottom
	lo, hi := d.Min, d.Max
	if hi <= lo {
		hi = lo + 1
	}
	y := func(v float64) float64 { return top + ph*(1-(v-lo)/(hi-lo)) }
	bands := sortedBands(d.Bands)
	for i, b := range bands {
		top := math.Min(hi, b.Hi)
		if i+1 < len(bands) {
			top = math.Min(hi, bands[i+1].Lo)
		}
		y0, y1 := y(top), y(math.Max(lo, b.Lo))
		p.rect(left, y0, pw, y1-y0, bandTint(i, len(bands)))
		// The band's name beside the plot, by a swatch of its colour.
		p.rect(left+pw+2, (y0+y1)/2-1.5, 3, 3, bandTint(i, len(bands)))
		p.text(left+pw+6.5, (y0+y1)/2+0.9, b.Label, 2.5, "start", false, ink)
	}
	for _, v := range niceTicks(lo, hi, 5) {
		p.line(left-1, y(v), left, y(v), muted, 0.2, false)
		p.text(left-1.8, y(v)+0.9, l.Num(v), 2.6, "end", false, muted)
	}
	p.line(left, top, left, top+ph, muted, 0.25, false)
	p.line(left, top+ph, left+pw, top+ph, muted, 0.25, false)
	pts := d.Trend
	if len(pts) == 0 {
		return
	}
	first, last := pts[0].Date, pts[len(pts)-1].Date
	span := last.Sub(first).Hours()
	x := func(t time.Time) float64 {
		if span <= 0 {
			return left + pw/2
		}
		return left + 6 + (pw-12)*t.Sub(first).Hours()/span
	}
	for _, tp := range pts {
		if tp.ScaleChange {
			p.line(x(tp.Date)-2, top, x(tp.Date)-2, top+ph, ink, 0.3, true)
			p.text(x(tp.Date)-2.8, top+3, l.T("scale_change"), 2.4, "end", false, ink)
		}
	}
	line := make([]point, len(pts))
	for i, tp := range pts {
		line[i] = point{x(tp.Date), y(clamp(tp.Total, lo, hi))}
	}
	for i := 1; i < len(line); i++ {
		p.line(line[i-1].X, line[i-1].Y, line[i].X, line[i].Y, accent, 0.6, false)
	}
	lastLabel := -100.0
	for i, tp := range pts {
		if tp.Current {
			p.circle(line[i].X, line[i].Y, 1.5, accent, "#ffffff")
		} else {
			p.circle(line[i].X, line[i].Y, 1, "#ffffff", accent)
		}
		p.text(line[i].X, line[i].Y-2.4, l.Num(tp.Total), 2.6, "middle", tp.Current, ink)
		// Year labels under the axis, skipped where they would overlap.
		if line[i].X-lastLabel >= 11 {
			p.text(line[i].X, top+ph+4, shortDate(l, tp.Date), 2.5, "middle", false, muted)
			lastLabel = line[i].X
		}
	}
}

func shortDate(l tr, t time.Time) string {
	if l == "nb" {
		return monthsNB[t.Month()-1] + " " + strconv.Itoa(t.Year())
	}
	return monthsEN[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// niceTicks returns about n round values from lo to hi.
func niceTicks(lo, hi float64, n int) []float64 {
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	var out []float64
	for v := math.Ceil(lo/step) * step; v <= hi+1e-9; v += step {
		out = append(out, v)
	}
	return out
}

// scoreRange is the item score range the bars and radar use.
const scoreMin, scoreMax = 1, 5

// drawBars draws one bar per item (consensus score) with a mark at the
// previous review's score, in a w×h box.
func drawBars(p painter, d Document, w, h float64) {
	l := lang(d)
	const left, right, top, bottom = 8.0, 2.0, 3.0, 8.0
	pw, ph := w-left-right, h-top-bottom
	y := func(v float64) float64 { return top + ph*(1-v/scoreMax) }
	for v := 0; v <= scoreMax; v++ {
		p.line(left, y(float64(v)), left+pw, y(float64(v)), rule, 0.15, false)
		p.text(left-1.5, y(float64(v))+0.9, strconv.Itoa(v), 2.6, "end", false, muted)
	}
	n := len(d.Items)
	if n == 0 {
		return
	}
	slot := pw / float64(n)
	bw := math.Min(slot*0.62, 8)
	section := ""
	for i, it := range d.Items {
		cx := left + slot*(float64(i)+0.5)
		if it.Section != section && i > 0 {
			p.line(left+slot*float64(i), top, left+slot*float64(i), top+ph+6.5, muted, 0.2, true)
		}
		section = it.Section
		if it.Score != nil {
			p.rect(cx-bw/2, y(float64(*it.Score)), bw, y(0)-y(float64(*it.Score)), accent)
		}
		if it.Previous != nil {
			py := y(float64(*it.Previous))
			p.line(cx-bw/2-0.6, py, cx+bw/2+0.6, py, ink, 0.7, false)
		}
		p.text(cx, top+ph+3.3, it.ID, 2.3, "middle", false, ink)
	}
	// Legend.
	p.rect(left, top+ph+5, 3, 2, accent)
	p.text(left+4, top+ph+6.8, l.T("current"), 2.5, "start", false, ink)
	p.line(left+40, top+ph+6, left+43, top+ph+6, ink, 0.7, false)
	p.text(left+44.5, top+ph+6.8, l.T("previous"), 2.5, "start", false, ink)
}

// drawRadar draws the item scores on spokes (one per item), rings at
// each score level, the previous review dashed, in a size×size box.
func drawRadar(p painter, d Document, size float64) {
	n := len(d.Items)
	if n < 3 {
		return
	}
	cx, cy := size/2, size/2
	r := size/2 - 9 // room for the item ids around the rim
	at := func(i int, v float64) point {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		return point{cx + r*v/scoreMax*math.Cos(a), cy + r*v/scoreMax*math.Sin(a)}
	}
	for v := scoreMin; v <= scoreMax; v++ {
		ring := make([]point, n)
		for i := range ring {
			ring[i] = at(i, float64(v))
		}
		p.polygon(ring, "", rule, 0.15, false)
	}
	for i := range n {
		o := at(i, scoreMax)
		p.line(cx, cy, o.X, o.Y, rule, 0.15, false)
		lp := at(i, scoreMax+0.55)
		anchor := "middle"
		if lp.X < cx-1 {
			anchor = "end"
		} else if lp.X > cx+1 {
			anchor = "start"
		}
		p.text(lp.X, lp.Y+0.9, d.Items[i].ID, 2.3, anchor, false, ink)
	}
	shape := func(score func(Item) *int) []point {
		var pts []point
		for i, it := range d.Items {
			v := 0.0
			if s := score(it); s != nil {
				v = float64(*s)
			}
			pts = append(pts, at(i, v))
		}
		return pts
	}
	hasPrev := false
	for _, it := range d.Items {
		hasPrev = hasPrev || it.Previous != nil
	}
	p.polygon(shape(func(it Item) *int { return it.Score }), "#dbe6f1", accent, 0.5, false)
	if hasPrev {
		p.polygon(shape(func(it Item) *int { return it.Previous }), "", ink, 0.35, true)
	}
	for v := scoreMin; v <= scoreMax; v++ {
		q := at(0, float64(v))
		p.text(q.X+0.8, q.Y+0.9, strconv.Itoa(v), 2.1, "start", false, muted)
	}
}
