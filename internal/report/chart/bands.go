package chart

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// BandPeriod is the number of sites in each band at one point in time;
// Counts is aligned with BandDistribution.Bands (missing entries count 0,
// negative counts are treated as 0).
type BandPeriod struct {
	Name   string
	Counts []int
}

// BandDistribution shows how many sites are in each band, for one period
// or several side by side (e.g. 2023 and 2024, to show band transitions).
// Bands are the already-translated band labels ordered from the lowest to
// the highest band.
//
// The default layout is grouped vertical bars: one group per band, one bar
// per period, coloured by period. With Stacked set, each period is one
// horizontal bar split into bands (coloured on the viridis ramp from low
// to high) and scaled to 100 % of the period's sites.
type BandDistribution struct {
	Title, Subtitle, Caption string
	YLabel                   string // default "Number of sites"
	XLabel                   string // optional axis title under the bands
	Bands                    []string
	Periods                  []BandPeriod
	Stacked                  bool
	Lang                     string
	Width, Height            int // default 820 × 440
}

// WriteSVG writes the chart as an SVG document.
func (c BandDistribution) WriteSVG(w io.Writer) error {
	_, err := w.Write(c.SVG())
	return err
}

func (c BandDistribution) count(p, b int) int {
	if p >= len(c.Periods) || b >= len(c.Periods[p].Counts) {
		return 0
	}
	return max(c.Periods[p].Counts[b], 0)
}

func (c BandDistribution) total(p int) int {
	t := 0
	for b := range c.Bands {
		t += c.count(p, b)
	}
	return t
}

// SVG renders the chart.
func (c BandDistribution) SVG() []byte {
	l := getLang(c.Lang)
	f := frame{c.Title, c.Subtitle, c.Caption}
	grand := 0
	for p := range c.Periods {
		grand += c.total(p)
	}
	if len(c.Bands) == 0 || len(c.Periods) == 0 || grand == 0 {
		W, H := size(c.Width, c.Height, 820, 400)
		return noData("bands", f, W, H, l)
	}
	if c.Stacked {
		return c.stacked(l, f)
	}
	W, H := size(c.Width, c.Height, 820, 440)
	fw, fh := float64(W), float64(H)
	w := &svgWriter{id: chartID("bands", c.Title, strings.Join(c.Bands, "|"))}
	w.header(W, H, accessibleName(c.Title, l.noData), c.describe(l))
	top := w.titleBlock(f, fw)
	top = c.periodLegend(w, top, fw)

	maxCount := 0
	for p := range c.Periods {
		for b := range c.Bands {
			maxCount = max(maxCount, c.count(p, b))
		}
	}
	ticks := intTicks(maxCount)
	yMax := ticks[len(ticks)-1]
	tickW := textWidth(strconv.Itoa(yMax), fontSmall, false)
	px0 := 16 + 18 + tickW + 12
	px1 := fw - 16
	bottom := 44.0 + captionHeight(f, fw)
	if c.XLabel != "" {
		bottom += 20
	}
	py0, py1 := top+20, fh-bottom
	if py1-py0 < 60 {
		py1 = py0 + 60
	}
	yOf := func(v float64) float64 { return py1 - v/float64(yMax)*(py1-py0) }

	for _, t := range ticks {
		y := yOf(float64(t))
		w.line(px0, y, px1, y, attrs{"stroke", gridLine})
		w.text(px0-7, y+4, strconv.Itoa(t), attrs{"text-anchor", "end", "font-size", strconv.Itoa(fontSmall), "fill", inkMuted})
	}
	yl := c.YLabel
	if yl == "" {
		yl = l.sites
	}
	w.text(0, 0, truncate(yl, py1-py0, fontBody, true), attrs{"transform", "translate(" + num(16+fontBody) + " " + num((py0+py1)/2) + ") rotate(-90)", "text-anchor", "middle", "font-weight", "bold"})

	nb, np := float64(len(c.Bands)), float64(len(c.Periods))
	groupW := (px1 - px0) / nb
	barW := math.Min(64, groupW*0.8/np)
	for b, label := range c.Bands {
		gx := px0 + float64(b)*groupW
		start := gx + (groupW-barW*np-2*(np-1))/2
		for p := range c.Periods {
			n := c.count(p, b)
			x := start + float64(p)*(barW+2)
			col := seriesColor(p)
			w.raw(`<rect x="` + num(x) + `" y="` + num(yOf(float64(n))) + `" width="` + num(barW) + `" height="` + num(py1-yOf(float64(n))) +
				`" fill="` + col + `"><title>` + esc(label+", "+c.Periods[p].Name+": "+strconv.Itoa(n)) + "</title></rect>\n")
			w.text(x+barW/2, yOf(float64(n))-6, strconv.Itoa(n), attrs{"text-anchor", "middle", "font-weight", "bold"})
		}
		lines := wrap(label, groupW-8, fontBody, false, 2)
		for i, ln := range lines {
			w.titled(gx+groupW/2, py1+18+float64(i)*15, ln, label, attrs{"text-anchor", "middle"})
		}
	}
	w.line(px0, py1, px1, py1, attrs{"stroke", axisLine})
	if c.XLabel != "" {
		w.text((px0+px1)/2, py1+56, c.XLabel, attrs{"text-anchor", "middle", "font-weight", "bold"})
	}
	w.captionBlock(f, fw, fh)
	w.footer()
	return w.b.Bytes()
}

// periodLegend draws the period colours (only when there are several
// periods) and returns the new top.
func (c BandDistribution) periodLegend(w *svgWriter, top, fw float64) float64 {
	if len(c.Periods) < 2 {
		return top
	}
	x := 16.0
	for p, per := range c.Periods {
		wd := textWidth(per.Name, fontBody, false) + 24
		if x+wd > fw-16 && x > 16 {
			x = 16
			top += 20
		}
		w.rect(x, top-2, 14, 14, attrs{"fill", seriesColor(p)})
		w.text(x+20, top+10, per.Name, nil)
		x += wd + 18
	}
	return top + 22
}

// stacked draws one 100 % bar per period, split by band.
func (c BandDistribution) stacked(l lang, f frame) []byte {
	const rowH, barH = 48.0, 30.0
	W0 := c.Width
	if W0 <= 0 {
		W0 = 820
	}
	headTop := 12.0 + float64(len(wrap(c.Title, float64(W0)-32, fontTitle, true, 2)))*(fontTitle+4) +
		float64(len(wrap(c.Subtitle, float64(W0)-32, fontLabel, false, 2)))*(fontLabel+5) + 10
	legendW := 0.0
	for _, label := range c.Bands {
		legendW += textWidth(label, fontBody, false) + 42
	}
	legendRows := math.Ceil(legendW / (float64(W0) - 32))
	autoH := int(headTop + 8 + 22*legendRows + rowH*float64(len(c.Periods)) + 24 + captionHeight(f, float64(W0)) + 8)
	W, H := size(c.Width, c.Height, 820, autoH)
	fw, fh := float64(W), float64(H)
	w := &svgWriter{id: chartID("bands-stacked", c.Title, strings.Join(c.Bands, "|"))}
	w.header(W, H, accessibleName(c.Title, l.noData), c.describe(l))
	top := w.titleBlock(f, fw)

	// Band legend, low to high.
	x := 16.0
	n := len(c.Bands)
	for b, label := range c.Bands {
		wd := textWidth(label, fontBody, false) + 24
		if x+wd > fw-16 && x > 16 {
			x = 16
			top += 22
		}
		w.rect(x, top-2, 14, 14, attrs{"fill", hex(bandSolid(b, n))})
		w.text(x+20, top+10, label, nil)
		x += wd + 18
	}
	top += 30

	nameW := 0.0
	for _, p := range c.Periods {
		nameW = math.Max(nameW, textWidth(p.Name, fontBody, true))
	}
	nameW = math.Min(nameW, fw*0.25)
	totW := textWidth("n = 000", fontSmall, false) + 12
	px0, px1 := 16+nameW+12, fw-16-totW
	y := top
	for p, per := range c.Periods {
		tot := c.total(p)
		cy := y + barH/2
		w.titled(16, cy+4, truncate(per.Name, nameW, fontBody, true), per.Name, attrs{"font-weight", "bold"})
		xx := px0
		for b, label := range c.Bands {
			cnt := c.count(p, b)
			if tot == 0 || cnt == 0 {
				continue
			}
			wd := float64(cnt) / float64(tot) * (px1 - px0)
			bg := bandSolid(b, n)
			w.raw(`<rect x="` + num(xx) + `" y="` + num(y) + `" width="` + num(wd) + `" height="` + num(barH) + `" fill="` + hex(bg) +
				`" stroke="#ffffff" stroke-width="1.5"><title>` + esc(per.Name+", "+label+": "+strconv.Itoa(cnt)) + "</title></rect>\n")
			if txt := strconv.Itoa(cnt); textWidth(txt, fontBody, true)+6 <= wd {
				w.text(xx+wd/2, cy+4, txt, attrs{"text-anchor", "middle", "font-weight", "bold", "fill", hex(inkOn(bg))})
			}
			xx += wd
		}
		w.text(fw-16, cy+4, "n = "+strconv.Itoa(tot), attrs{"text-anchor", "end", "font-size", strconv.Itoa(fontSmall), "fill", inkMuted})
		y += rowH
	}
	// Percentage axis.
	for _, t := range []int{0, 25, 50, 75, 100} {
		xx := px0 + float64(t)/100*(px1-px0)
		w.line(xx, y-rowH+barH+2, xx, y-rowH+barH+6, attrs{"stroke", axisLine})
		w.text(xx, y-rowH+barH+19, strconv.Itoa(t)+l.percent, attrs{"text-anchor", "middle", "font-size", strconv.Itoa(fontSmall), "fill", inkMuted})
	}
	w.captionBlock(f, fw, fh)
	w.footer()
	return w.b.Bytes()
}

// intTicks returns integer ticks from 0 to at least max, at most ~6.
func intTicks(maxV int) []int {
	if maxV < 1 {
		maxV = 1
	}
	step := 1
	for _, s := range []int{1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000} {
		step = s
		if maxV/s <= 6 {
			break
		}
	}
	for maxV/step > 6 && step < math.MaxInt/20 {
		step *= 10
	}
	top := (maxV + step - 1) / step * step
	if top == maxV {
		top += step // headroom for the count labels above the bars
	}
	var out []int
	for t := 0; t <= top && len(out) < 20; t += step {
		out = append(out, t)
	}
	return out
}

func (c BandDistribution) describe(l lang) string {
	var b strings.Builder
	b.WriteString(l.descBands)
	for p, per := range c.Periods {
		var parts []string
		for bi, label := range c.Bands {
			parts = append(parts, label+" "+strconv.Itoa(c.count(p, bi)))
		}
		b.WriteString(fmt.Sprintf(" %s (n = %d): %s.", per.Name, c.total(p), strings.Join(parts, ", ")))
	}
	return b.String()
}

// Description is the chart's text alternative (the SVG's <desc>): the
// counts per band for every period. Use it as alt text, in particular for
// the PNG.
func (c BandDistribution) Description() string {
	l := getLang(c.Lang)
	grand := 0
	for p := range c.Periods {
		grand += c.total(p)
	}
	if len(c.Bands) == 0 || len(c.Periods) == 0 || grand == 0 {
		return l.noDataDesc
	}
	return c.describe(l)
}
