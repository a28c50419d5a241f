package chart

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Item is one item of a review: its id ("S1"), already-translated short
// title and section, the score and the previous review's score. Value or
// Previous NaN (or outside the scale) means not scored; since the default
// scale starts at 1, a zero Previous also means "no previous score".
type Item struct {
	ID, Label, Section string
	Value, Previous    float64
}

// ItemProfile shows one review's item scores as horizontal bars grouped
// by section, with the previous review's score as a marker on each bar.
// Consecutive items with the same Section form a group under a header.
type ItemProfile struct {
	Title, Subtitle, Caption string
	XLabel                   string  // axis title; default "Score"
	Min, Max                 float64 // item scale; default 1–5
	Items                    []Item
	CurrentName              string // legend; default "This review"
	PreviousName             string // legend; default "Previous review"
	Lang                     string
	Width                    int // default 820
	Height                   int // default: fitted to the number of items
}

// WriteSVG writes the chart as an SVG document.
func (c ItemProfile) WriteSVG(w io.Writer) error {
	_, err := w.Write(c.SVG())
	return err
}

const (
	barColor      = "#0072B2" // Okabe–Ito blue
	previousColor = "#1a1a1a"
)

type section struct {
	title string
	items []int // indices into Items
}

// groupSections splits consecutive runs of equal section titles.
func groupSections(titles []string) []section {
	var out []section
	for i, t := range titles {
		if len(out) == 0 || out[len(out)-1].title != t {
			out = append(out, section{title: t})
		}
		out[len(out)-1].items = append(out[len(out)-1].items, i)
	}
	return out
}

// itemLabel is "S1 Caseload size" without doubling an id already there.
func itemLabel(id, label string) string {
	switch {
	case id == "":
		return label
	case label == "":
		return id
	case strings.HasPrefix(label, id+" "):
		return label
	}
	return id + "  " + label
}

// scaleRange returns [lo, hi] or the 1–5 default for an unusable range.
func scaleRange(lo, hi float64) (float64, float64) {
	if !finite(lo) || !finite(hi) || hi <= lo || hi-lo > 1e6 {
		return 1, 5
	}
	return lo, hi
}

// SVG renders the chart.
func (c ItemProfile) SVG() []byte {
	l := getLang(c.Lang)
	lo, hi := scaleRange(c.Min, c.Max)
	f := frame{c.Title, c.Subtitle, c.Caption}
	if len(c.Items) == 0 {
		W, H := size(c.Width, c.Height, 820, 400)
		return noData("profile", f, W, H, l)
	}
	titles := make([]string, len(c.Items))
	hasPrev := false
	for i, it := range c.Items {
		titles[i] = it.Section
		if validScore(it.Previous, lo, hi) {
			hasPrev = true
		}
	}
	secs := groupSections(titles)
	const rowH, headH = 24.0, 30.0
	nHeads := 0
	for _, s := range secs {
		if s.title != "" {
			nHeads++
		}
	}
	W0 := c.Width
	if W0 <= 0 {
		W0 = 820
	}
	fw := float64(W0)
	// Estimate the title block height to fit the default height to content.
	headTop := 12.0 + float64(len(wrap(c.Title, fw-32, fontTitle, true, 2)))*(fontTitle+4) +
		float64(len(wrap(c.Subtitle, fw-32, fontLabel, false, 2)))*(fontLabel+5) + 10
	body := float64(len(c.Items))*rowH + float64(nHeads)*headH
	autoH := int(math.Ceil(headTop + 24 + 26 + body + 52 + captionHeight(f, fw)))
	W, H := size(c.Width, c.Height, 820, autoH)
	fw, fh := float64(W), float64(H)

	curName, prevName := c.CurrentName, c.PreviousName
	if curName == "" {
		curName = l.current
	}
	if prevName == "" {
		prevName = l.previous
	}

	w := &svgWriter{id: chartID("profile", c.Title, fmt.Sprint(len(c.Items)))}
	w.header(W, H, accessibleName(c.Title, l.noData), c.describe(l, lo, hi, curName, prevName, hasPrev))
	top := w.titleBlock(f, fw)

	// Legend.
	x := 16.0
	w.rect(x, top-2, 22, 12, attrs{"fill", barColor})
	w.text(x+28, top+8, curName, nil)
	x += 28 + textWidth(curName, fontBody, false) + 22
	if hasPrev {
		w.line(x+11, top-5, x+11, top+13, attrs{"stroke", previousColor, "stroke-width", "3"})
		w.text(x+22, top+8, prevName, nil)
	}
	top += 26

	// Columns: labels | bars | value | change.
	valW, chgW := 52.0, 0.0
	if hasPrev {
		chgW = math.Max(56, textWidth(l.change, fontSmall, true)+12)
	}
	labelW := 0.0
	for _, it := range c.Items {
		labelW = math.Max(labelW, textWidth(itemLabel(it.ID, it.Label), fontBody, false))
	}
	labelW = math.Min(labelW, math.Min(fw*0.42, 320))
	px0 := 16 + labelW + 12
	px1 := fw - 16 - chgW - valW
	if px1-px0 < 120 {
		labelW = math.Max(60, fw-16-chgW-valW-120-28)
		px0 = 16 + labelW + 12
		px1 = px0 + 120
	}
	ticks := niceTicks(lo, hi, 5)
	step := 1.0
	if len(ticks) > 1 {
		step = ticks[1] - ticks[0]
	}
	// Bars start one tick step below the scale minimum, so that the lowest
	// score is a visible bar and not a zero-length one.
	base := lo - step
	xOf := func(v float64) float64 { return px0 + (clamp(v, base, hi)-base)/(hi-base)*(px1-px0) }

	py0 := top + 20
	py1 := py0 + body
	// Tick labels above and below the bars, gridlines through them.
	for _, t := range ticks {
		xx := xOf(t)
		w.line(xx, py0-4, xx, py1, attrs{"stroke", gridLine})
		w.text(xx, py0-8, formatValue(t, l), attrs{"text-anchor", "middle", "font-size", strconv.Itoa(fontSmall), "fill", inkMuted})
		w.text(xx, py1+16, formatValue(t, l), attrs{"text-anchor", "middle", "font-size", strconv.Itoa(fontSmall), "fill", inkMuted})
	}
	w.line(xOf(base), py0-4, xOf(base), py1, attrs{"stroke", axisLine})
	w.text(px1+valW-4, py0-8, l.score, attrs{"text-anchor", "end", "font-size", strconv.Itoa(fontSmall), "font-weight", "bold"})
	if hasPrev {
		w.text(fw-16, py0-8, l.change, attrs{"text-anchor", "end", "font-size", strconv.Itoa(fontSmall), "font-weight", "bold"})
	}
	xl := c.XLabel
	if xl == "" {
		xl = l.score
	}
	w.text((xOf(lo)+px1)/2, py1+36, xl, attrs{"text-anchor", "middle", "font-weight", "bold"})

	y := py0
	for _, s := range secs {
		if s.title != "" {
			w.rect(16, y+4, fw-32, headH-8, attrs{"fill", "#f0f0f0"})
			w.text(22, y+headH/2+5, truncate(s.title, labelW+px1-px0, fontLabel, true), attrs{"font-weight", "bold", "font-size", strconv.Itoa(fontLabel)})
			if m, ok := sectionMean(c.Items, s.items, lo, hi); ok {
				w.text(px1+valW-4, y+headH/2+5, formatFixed(m, 1, l), attrs{"text-anchor", "end", "font-weight", "bold"})
				w.text(px1+valW-4-textWidth(formatFixed(m, 1, l), fontBody, true)-6, y+headH/2+5, l.mean,
					attrs{"text-anchor", "end", "fill", inkMuted, "font-size", strconv.Itoa(fontSmall)})
			}
			y += headH
		}
		for _, i := range s.items {
			it := c.Items[i]
			cy := y + rowH/2
			full := itemLabel(it.ID, it.Label)
			shown := truncate(full, labelW, fontBody, false)
			w.group(full)
			if it.ID != "" && strings.HasPrefix(shown, it.ID) {
				w.raw(`<text x="` + num(16) + `" y="` + num(cy+4) + `"><title>` + esc(full) + `</title><tspan font-weight="bold">` +
					esc(it.ID) + `</tspan>` + esc(shown[len(it.ID):]) + "</text>\n")
			} else {
				w.titled(16, cy+4, shown, full, nil)
			}
			if validScore(it.Value, lo, hi) {
				w.rect(xOf(base), cy-7, xOf(it.Value)-xOf(base), 14, attrs{"fill", barColor})
				w.text(px1+valW-4, cy+4, formatValue(it.Value, l), attrs{"text-anchor", "end", "font-weight", "bold"})
			} else {
				w.text(xOf(base)+6, cy+4, l.missing, attrs{"fill", inkMuted, "font-size", strconv.Itoa(fontSmall), "font-style", "italic"})
				w.text(px1+valW-4, cy+4, "–", attrs{"text-anchor", "end", "fill", inkMuted})
			}
			if validScore(it.Previous, lo, hi) {
				xx := xOf(it.Previous)
				w.line(xx, cy-10, xx, cy+10, attrs{"stroke", "#ffffff", "stroke-width", "5"})
				w.line(xx, cy-10, xx, cy+10, attrs{"stroke", previousColor, "stroke-width", "3"})
				if validScore(it.Value, lo, hi) {
					d := it.Value - it.Previous
					a := attrs{"text-anchor", "end", "fill", inkMuted}
					if math.Abs(d) >= 0.005 {
						a = attrs{"text-anchor", "end", "font-weight", "bold"}
					}
					w.text(fw-16, cy+4, signed(d, l), a)
				}
			}
			w.close("g")
			y += rowH
		}
	}
	w.line(xOf(base), py1, px1, py1, attrs{"stroke", axisLine})
	w.captionBlock(f, fw, fh)
	w.footer()
	return w.b.Bytes()
}

func validScore(v, lo, hi float64) bool { return finite(v) && v >= lo && v <= hi }

func sectionMean(items []Item, idx []int, lo, hi float64) (float64, bool) {
	var sum float64
	n := 0
	for _, i := range idx {
		if validScore(items[i].Value, lo, hi) {
			sum += items[i].Value
			n++
		}
	}
	if n == 0 {
		return 0, false
	}
	return sum / float64(n), true
}

// signed formats a change: "+1", "−2", "±0".
func signed(d float64, l lang) string {
	switch {
	case math.Abs(d) < 0.005:
		return "±0"
	case d > 0:
		return "+" + formatValue(d, l)
	}
	return formatValue(d, l)
}

func (c ItemProfile) describe(l lang, lo, hi float64, curName, prevName string, hasPrev bool) string {
	return describeItems(l.descProfile, l, c.Items, lo, hi, prevName, hasPrev)
}

// describeItems is the text alternative shared by the bars and the radar:
// the kind of chart (head, a format of item count, scale min and max),
// then every item with its score and previous score.
func describeItems(head string, l lang, items []Item, lo, hi float64, prevName string, hasPrev bool) string {
	var b strings.Builder
	b.WriteString(fmt.Sprintf(head, len(items), formatValue(lo, l), formatValue(hi, l)))
	for _, it := range items {
		b.WriteString(" " + itemLabel(it.ID, it.Label) + ": ")
		if validScore(it.Value, lo, hi) {
			b.WriteString(formatValue(it.Value, l))
		} else {
			b.WriteString(l.missing)
		}
		if hasPrev {
			if validScore(it.Previous, lo, hi) {
				b.WriteString(" (" + prevName + ": " + formatValue(it.Previous, l) + ")")
			} else {
				b.WriteString(" (" + l.noPrevious + ")")
			}
		}
		b.WriteString(".")
	}
	return b.String()
}

// Description is the chart's text alternative (the SVG's <desc>): every
// item with its score and previous score.
func (c ItemProfile) Description() string {
	l := getLang(c.Lang)
	if len(c.Items) == 0 {
		return l.noDataDesc
	}
	lo, hi := scaleRange(c.Min, c.Max)
	hasPrev := false
	for _, it := range c.Items {
		hasPrev = hasPrev || validScore(it.Previous, lo, hi)
	}
	cur, prev := c.CurrentName, c.PreviousName
	if cur == "" {
		cur = l.current
	}
	if prev == "" {
		prev = l.previous
	}
	return c.describe(l, lo, hi, cur, prev, hasPrev)
}
