package chart

import (
	"bytes"
	"html"
	"math"
	"strconv"
	"strings"
)

// fontFamily is Arial first: its metrics are the ones textWidth estimates,
// and Liberation Sans (the usual Linux substitute) shares them.
const fontFamily = "Arial, 'Liberation Sans', Helvetica, sans-serif"

// Font sizes in px. Nothing smaller than fontSmall is ever written.
const (
	fontSmall = 11
	fontBody  = 12
	fontLabel = 13
	fontTitle = 17
)

// Text colours: both pass WCAG AA (4.5:1) on white and on the light tints
// used for backgrounds.
const (
	inkDark  = "#1a1a1a"
	inkMuted = "#4d4d4d"
	gridLine = "#d9d9d9"
	axisLine = "#737373"
)

// svgWriter builds an SVG document. Every number goes through num, which
// never writes NaN or Inf, and every piece of user text through esc.
type svgWriter struct {
	b  bytes.Buffer
	id string // prefix for element ids, unique per chart content
}

// num formats a coordinate with at most two decimals. Non-finite values are
// written as 0 so that a bad input can never produce an invalid document.
func num(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		f = 0
	}
	f = math.Round(f*100) / 100
	if f == 0 {
		return "0" // also turns -0 into 0
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// esc escapes text for element content and attribute values.
func esc(s string) string {
	return html.EscapeString(cleanText(s))
}

// cleanText drops characters XML 1.0 does not allow (control characters and
// invalid UTF-8), so that any caller string yields a well-formed document.
func cleanText(s string) string {
	ok := true
	for _, r := range s {
		if !xmlChar(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if xmlChar(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func xmlChar(r rune) bool {
	switch {
	case r == utf8RuneError:
		return false
	case r == 0x9 || r == 0xA || r == 0xD:
		return true
	case r >= 0x20 && r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return true
	case r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

const utf8RuneError = '\uFFFD'

// attrs is a flat list of name/value pairs; values are escaped on output.
type attrs []string

func (w *svgWriter) raw(s string) { w.b.WriteString(s) }

func (w *svgWriter) open(tag string, a attrs) {
	w.b.WriteByte('<')
	w.b.WriteString(tag)
	w.attrs(a)
	w.b.WriteString(">\n")
}

// group opens a <g> named by a <title> child: SVG's own way to name a
// group. aria-label is prohibited on a <g> without a role (axe
// aria-prohibited-attr, WCAG 4.1.2), and the chart as a whole is already
// role="img" with its label and description.
func (w *svgWriter) group(name string) {
	w.b.WriteString("<g><title>" + esc(name) + "</title>\n")
}

func (w *svgWriter) close(tag string) {
	w.b.WriteString("</")
	w.b.WriteString(tag)
	w.b.WriteString(">\n")
}

// empty writes a self-closing element.
func (w *svgWriter) empty(tag string, a attrs) {
	w.b.WriteByte('<')
	w.b.WriteString(tag)
	w.attrs(a)
	w.b.WriteString("/>\n")
}

func (w *svgWriter) attrs(a attrs) {
	for i := 0; i+1 < len(a); i += 2 {
		if a[i+1] == "" {
			continue
		}
		w.b.WriteByte(' ')
		w.b.WriteString(a[i])
		w.b.WriteString(`="`)
		w.b.WriteString(esc(a[i+1]))
		w.b.WriteByte('"')
	}
}

// text writes a <text> element; s is user or built-in text and is escaped.
func (w *svgWriter) text(x, y float64, s string, a attrs) {
	w.b.WriteString(`<text x="` + num(x) + `" y="` + num(y) + `"`)
	w.attrs(a)
	w.b.WriteByte('>')
	w.b.WriteString(esc(s))
	w.b.WriteString("</text>\n")
}

// titled writes a <text> whose visible content is short but whose full
// text is available as a tooltip and to assistive technology.
func (w *svgWriter) titled(x, y float64, shown, full string, a attrs) {
	if shown == full {
		w.text(x, y, shown, a)
		return
	}
	w.b.WriteString(`<text x="` + num(x) + `" y="` + num(y) + `"`)
	w.attrs(a)
	w.b.WriteString("><title>")
	w.b.WriteString(esc(full))
	w.b.WriteString("</title>")
	w.b.WriteString(esc(shown))
	w.b.WriteString("</text>\n")
}

func (w *svgWriter) rect(x, y, width, height float64, a attrs) {
	if width < 0 {
		x, width = x+width, -width
	}
	if height < 0 {
		y, height = y+height, -height
	}
	w.b.WriteString(`<rect x="` + num(x) + `" y="` + num(y) + `" width="` + num(width) + `" height="` + num(height) + `"`)
	w.attrs(a)
	w.b.WriteString("/>\n")
}

func (w *svgWriter) line(x1, y1, x2, y2 float64, a attrs) {
	w.b.WriteString(`<line x1="` + num(x1) + `" y1="` + num(y1) + `" x2="` + num(x2) + `" y2="` + num(y2) + `"`)
	w.attrs(a)
	w.b.WriteString("/>\n")
}

// points formats a polyline/polygon point list.
func points(xs, ys []float64) string {
	var b strings.Builder
	for i := range xs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(num(xs[i]))
		b.WriteByte(',')
		b.WriteString(num(ys[i]))
	}
	return b.String()
}

// header opens the document: size, accessibility metadata, font and a white
// background. label is the accessible name (usually the title), desc the
// longer text alternative.
func (w *svgWriter) header(width, height int, label, desc string) {
	w.raw(`<svg xmlns="http://www.w3.org/2000/svg" width="` + strconv.Itoa(width) + `" height="` + strconv.Itoa(height) +
		`" viewBox="0 0 ` + strconv.Itoa(width) + ` ` + strconv.Itoa(height) + `" role="img" aria-label="` + esc(label) +
		`" aria-describedby="` + w.id + `-desc" font-family="` + esc(fontFamily) + `" font-size="` + strconv.Itoa(fontBody) + `" fill="` + inkDark + `">` + "\n")
	w.raw(`<title id="` + w.id + `-title">` + esc(label) + "</title>\n")
	w.raw(`<desc id="` + w.id + `-desc">` + esc(desc) + "</desc>\n")
	w.rect(0, 0, float64(width), float64(height), attrs{"fill", "#ffffff"})
}

func (w *svgWriter) footer() { w.raw("</svg>\n") }

// chartID derives a short, deterministic id prefix from the chart's
// content (FNV-1a), so that several charts inlined in one HTML page do not
// share pattern or title ids.
func chartID(kind string, parts ...string) string {
	h := uint32(2166136261)
	add := func(s string) {
		for i := 0; i < len(s); i++ {
			h ^= uint32(s[i])
			h *= 16777619
		}
		h ^= 0xff
		h *= 16777619
	}
	add(kind)
	for _, p := range parts {
		add(p)
	}
	return kind + "-" + strconv.FormatUint(uint64(h), 36)
}

// frame holds the common text around a chart: title, subtitle and caption.
type frame struct {
	title, subtitle, caption string
}

// titleBlock draws the title and subtitle at the top left and returns the y
// coordinate below them.
func (w *svgWriter) titleBlock(f frame, width float64) float64 {
	y := 12.0
	if f.title != "" {
		for _, ln := range wrap(f.title, width-32, fontTitle, true, 2) {
			y += fontTitle + 4
			w.text(16, y, ln, attrs{"font-size", strconv.Itoa(fontTitle), "font-weight", "bold"})
		}
	}
	if f.subtitle != "" {
		for _, ln := range wrap(f.subtitle, width-32, fontLabel, false, 2) {
			y += fontLabel + 5
			w.text(16, y, ln, attrs{"font-size", strconv.Itoa(fontLabel), "fill", inkMuted})
		}
	}
	return y + 10
}

// captionHeight is the vertical space the caption needs.
func captionHeight(f frame, width float64) float64 {
	if f.caption == "" {
		return 0
	}
	return float64(len(wrap(f.caption, width-32, fontSmall, false, 3)))*(fontSmall+4) + 8
}

// captionBlock draws the caption at the bottom of the chart.
func (w *svgWriter) captionBlock(f frame, width, height float64) {
	if f.caption == "" {
		return
	}
	lines := wrap(f.caption, width-32, fontSmall, false, 3)
	y := height - 10 - float64(len(lines)-1)*(fontSmall+4)
	for _, ln := range lines {
		w.text(16, y, ln, attrs{"font-size", strconv.Itoa(fontSmall), "fill", inkMuted})
		y += fontSmall + 4
	}
}

// noData writes a complete chart that says there is nothing to show.
func noData(kind string, f frame, width, height int, l lang) []byte {
	w := &svgWriter{id: chartID(kind, f.title, "nodata")}
	label := f.title
	if label == "" {
		label = l.noData
	}
	w.header(width, height, label, l.noDataDesc)
	w.titleBlock(f, float64(width))
	w.rect(16, 60, float64(width)-32, float64(height)-90, attrs{"fill", "#f5f5f5", "stroke", gridLine})
	w.text(float64(width)/2, float64(height)/2+10, l.noData, attrs{"text-anchor", "middle", "font-size", "16", "fill", inkMuted})
	w.captionBlock(f, float64(width), float64(height))
	w.footer()
	return w.b.Bytes()
}
