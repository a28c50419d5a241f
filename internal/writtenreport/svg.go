package writtenreport

import (
	"fmt"
	"html"
	"html/template"
	"strings"
)

// svgPainter draws a chart as inline SVG in millimetre user units.
type svgPainter struct{ b strings.Builder }

func f1(v float64) string { return fmt.Sprintf("%.2f", v) }

func (s *svgPainter) rect(x, y, w, h float64, fill string) {
	fmt.Fprintf(&s.b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`, f1(x), f1(y), f1(w), f1(h), fill)
}

func dash(d bool) string {
	if d {
		return ` stroke-dasharray="1 0.8"`
	}
	return ""
}

func (s *svgPainter) line(x1, y1, x2, y2 float64, stroke string, width float64, dashed bool) {
	fmt.Fprintf(&s.b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"%s/>`,
		f1(x1), f1(y1), f1(x2), f1(y2), stroke, f1(width), dash(dashed))
}

func (s *svgPainter) polygon(pts []point, fill, stroke string, width float64, dashed bool) {
	if fill == "" {
		fill = "none"
	}
	var ps []string
	for _, p := range pts {
		ps = append(ps, f1(p.X)+","+f1(p.Y))
	}
	fmt.Fprintf(&s.b, `<polygon points="%s" fill="%s" stroke="%s" stroke-width="%s"%s/>`,
		strings.Join(ps, " "), fill, stroke, f1(width), dash(dashed))
}

func (s *svgPainter) circle(x, y, r float64, fill, stroke string) {
	fmt.Fprintf(&s.b, `<circle cx="%s" cy="%s" r="%s" fill="%s" stroke="%s" stroke-width="0.4"/>`, f1(x), f1(y), f1(r), fill, stroke)
}

func (s *svgPainter) text(x, y float64, t string, size float64, anchor string, bold bool, color string) {
	weight := ""
	if bold {
		weight = ` font-weight="bold"`
	}
	fmt.Fprintf(&s.b, `<text x="%s" y="%s" font-size="%s" text-anchor="%s" fill="%s"%s>%s</text>`,
		f1(x), f1(y), f1(size*1.05), anchor, color, weight, html.EscapeString(t))
}

// svgChart wraps a drawing in an accessible <svg>: role img, a title
// element for screen readers, width in millimetres so print keeps scale.
func svgChart(w, h float64, label string, draw func(painter)) template.HTML {
	p := &svgPainter{}
	draw(p)
	return template.HTML(fmt.Sprintf(
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%smm" height="%smm" role="img" aria-label="%s" font-family="Go, 'Helvetica Neue', Arial, sans-serif"><title>%s</title>%s</svg>`,
		f1(w), f1(h), f1(w), f1(h), html.EscapeString(label), html.EscapeString(label), p.b.String()))
}
