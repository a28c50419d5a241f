package writtenreport

import (
	"strconv"

	"github.com/go-pdf/fpdf"
)

// pdfPainter draws a chart onto the PDF page at (ox, oy), in millimetres,
// with the PDF's own vector operators (lines, paths, text in the embedded
// font), so charts stay sharp at any zoom and their text can be searched.
type pdfPainter struct {
	f      *fpdf.Fpdf
	ox, oy float64
}

func rgb(hex string) (int, int, int) {
	if len(hex) != 7 || hex[0] != '#' {
		return 0, 0, 0
	}
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil {
		return 0, 0, 0
	}
	return int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)
}

func (p *pdfPainter) fill(hex string)   { p.f.SetFillColor(rgb(hex)) }
func (p *pdfPainter) stroke(hex string) { p.f.SetDrawColor(rgb(hex)) }

func (p *pdfPainter) dashed(d bool) {
	if d {
		p.f.SetDashPattern([]float64{1, 0.8}, 0)
	} else {
		p.f.SetDashPattern([]float64{}, 0)
	}
}

func (p *pdfPainter) rect(x, y, w, h float64, fill string) {
	if w <= 0 || h <= 0 {
		return
	}
	p.fill(fill)
	p.f.Rect(p.ox+x, p.oy+y, w, h, "F")
}

func (p *pdfPainter) line(x1, y1, x2, y2 float64, stroke string, width float64, dashed bool) {
	p.stroke(stroke)
	p.f.SetLineWidth(width)
	p.dashed(dashed)
	p.f.Line(p.ox+x1, p.oy+y1, p.ox+x2, p.oy+y2)
	p.dashed(false)
}

func (p *pdfPainter) polygon(pts []point, fill, stroke string, width float64, dashed bool) {
	ps := make([]fpdf.PointType, len(pts))
	for i, q := range pts {
		ps[i] = fpdf.PointType{X: p.ox + q.X, Y: p.oy + q.Y}
	}
	style := "D"
	if fill != "" {
		p.fill(fill)
		style = "DF"
	}
	p.stroke(stroke)
	p.f.SetLineWidth(width)
	p.dashed(dashed)
	p.f.Polygon(ps, style)
	p.dashed(false)
}

func (p *pdfPainter) circle(x, y, r float64, fill, stroke string) {
	p.fill(fill)
	p.stroke(stroke)
	p.f.SetLineWidth(0.4)
	p.f.Circle(p.ox+x, p.oy+y, r, "DF")
}

// mmToPt converts the charts' text size (mm, as in the SVG) to points.
const mmToPt = 72 / 25.4

func (p *pdfPainter) text(x, y float64, s string, size float64, anchor string, bold bool, color string) {
	style := ""
	if bold {
		style = "B"
	}
	p.f.SetFont(fontFamily, style, size*mmToPt*1.05)
	p.f.SetTextColor(rgb(color))
	s = printable(s)
	w := p.f.GetStringWidth(s)
	switch anchor {
	case "middle":
		x -= w / 2
	case "end":
		x -= w
	}
	p.f.Text(p.ox+x, p.oy+y, s)
}
