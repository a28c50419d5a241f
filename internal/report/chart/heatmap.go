package chart

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// HeatmapRow is one item: id ("S1"), already-translated short title and
// section. Consecutive rows with the same Section are grouped.
type HeatmapRow struct {
	ID, Label, Section string
}

// Heatmap shows item scores (rows) for several sites (columns), coloured
// on the viridis ramp with the number printed in every cell. Values is
// indexed [row][column]; a NaN or infinite value, or a cell beyond the end
// of a short row, is missing and drawn hatched with a dash. Row and column
// means of the present cells are shown in the margins.
type Heatmap struct {
	Title, Subtitle, Caption string
	Min, Max                 float64 // item scale; default 1–5
	Rows                     []HeatmapRow
	Columns                  []string // site names
	Values                   [][]float64
	Lang                     string
	// Width and Height default to a size fitted to the table; a given
	// Width stretches or narrows the cells (within readable limits).
	Width, Height int
}

// WriteSVG writes the chart as an SVG document.
func (c Heatmap) WriteSVG(w io.Writer) error {
	_, err := w.Write(c.SVG())
	return err
}

// cell returns the value at (r, k) and whether it is present.
func (c Heatmap) cell(r, k int) (float64, bool) {
	if r >= len(c.Values) || k >= len(c.Values[r]) {
		return 0, false
	}
	v := c.Values[r][k]
	return v, finite(v)
}

func (c Heatmap) rowMean(r int) (float64, bool) {
	var s float64
	n := 0
	for k := range c.Columns {
		if v, ok := c.cell(r, k); ok {
			s += v
			n++
		}
	}
	if n == 0 {
		return 0, false
	}
	return s / float64(n), true
}

func (c Heatmap) colMean(k int) (float64, bool) {
	var s float64
	n := 0
	for r := range c.Rows {
		if v, ok := c.cell(r, k); ok {
			s += v
			n++
		}
	}
	if n == 0 {
		return 0, false
	}
	return s / float64(n), true
}

const (
	colLabelAngle = 45.0 // degrees, labels rise to the right
	missingFill   = "#f2f2f2"
	missingHatch  = "#b3b3b3"
	marginFill    = "#f2f2f2"
)

// SVG renders the chart.
func (c Heatmap) SVG() []byte {
	l := getLang(c.Lang)
	lo, hi := scaleRange(c.Min, c.Max)
	f := frame{c.Title, c.Subtitle, c.Caption}
	if len(c.Rows) == 0 || len(c.Columns) == 0 {
		W, H := size(c.Width, c.Height, 820, 400)
		return noData("heatmap", f, W, H, l)
	}

	// Horizontal layout: labels | cells | gap | row means.
	labelW := 0.0
	for _, r := range c.Rows {
		labelW = math.Max(labelW, textWidth(itemLabel(r.ID, r.Label), fontBody, false))
	}
	labelW = math.Min(labelW, 280)
	nc := float64(len(c.Columns))
	const meanW, gap = 50.0, 8.0
	cellW := 46.0
	if c.Width > 0 {
		cellW = (float64(c.Width) - 32 - labelW - 10 - gap - meanW - 60) / nc
	}
	cellW = clamp(cellW, 24, 90)
	const cellH, headH = 24.0, 28.0

	// Column labels are rotated; their length sets the header height and
	// how far the last ones reach to the right.
	sin, cos := math.Sin(colLabelAngle*math.Pi/180), math.Cos(colLabelAngle*math.Pi/180)
	colLabelMax := 150.0
	colLabels := make([]string, len(c.Columns))
	longest := textWidth(l.mean, fontBody, true)
	for k, name := range c.Columns {
		colLabels[k] = truncate(name, colLabelMax, fontBody, false)
		longest = math.Max(longest, textWidth(colLabels[k], fontBody, false))
	}
	headerH := longest*sin + 16

	x0 := 16 + labelW + 10
	x1 := x0 + nc*cellW
	mx := x1 + gap
	reach := mx + meanW/2 + textWidth(l.mean, fontBody, true)*cos + 16
	for k := range c.Columns {
		reach = math.Max(reach, x0+(float64(k)+0.5)*cellW+textWidth(colLabels[k], fontBody, false)*cos+16)
	}
	autoW := int(math.Ceil(math.Max(reach, mx+meanW+16)))

	secs := groupSections(sectionsOf(c.Rows))
	nHeads := 0
	for _, s := range secs {
		if s.title != "" {
			nHeads++
		}
	}
	fw0 := float64(max(autoW, 320))
	if c.Width > 0 {
		fw0 = float64(c.Width)
	}
	headTop := 12.0 + float64(len(wrap(c.Title, fw0-32, fontTitle, true, 2)))*(fontTitle+4) +
		float64(len(wrap(c.Subtitle, fw0-32, fontLabel, false, 2)))*(fontLabel+5) + 10
	body := float64(len(c.Rows))*cellH + float64(nHeads)*headH
	autoH := int(math.Ceil(headTop + headerH + body + gap + cellH + 70 + captionHeight(f, fw0)))
	W, H := size(c.Width, c.Height, autoW, autoH)
	fw, fh := float64(W), float64(H)

	w := &svgWriter{id: chartID("heatmap", c.Title, strings.Join(c.Columns, "|"), fmt.Sprint(len(c.Rows)))}
	w.header(W, H, accessibleName(c.Title, l.noData), c.describe(l, lo, hi))
	hatch := w.id + "-missing"
	w.raw(`<defs><pattern id="` + hatch + `" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
		`<rect width="6" height="6" fill="` + missingFill + `"/><line x1="0" y1="0" x2="0" y2="6" stroke="` + missingHatch + `" stroke-width="2"/></pattern></defs>` + "\n")
	top := w.titleBlock(f, fw)

	// Column headers.
	yh := top + headerH
	for k := range c.Columns {
		cx := x0 + (float64(k)+0.5)*cellW
		w.titled(0, 0, colLabels[k], c.Columns[k], attrs{"transform", "translate(" + num(cx+4) + " " + num(yh-6) + ") rotate(-" + num(colLabelAngle) + ")"})
	}
	w.text(0, 0, l.mean, attrs{"transform", "translate(" + num(mx+meanW/2+4) + " " + num(yh-6) + ") rotate(-" + num(colLabelAngle) + ")", "font-weight", "bold"})

	y := yh
	for _, s := range secs {
		if s.title != "" {
			w.text(16, y+headH-9, truncate(s.title, fw-32, fontLabel, true), attrs{"font-weight", "bold", "font-size", strconv.Itoa(fontLabel)})
			w.line(16, y+headH-3, mx+meanW, y+headH-3, attrs{"stroke", axisLine})
			y += headH
		}
		for _, r := range s.items {
			row := c.Rows[r]
			full := itemLabel(row.ID, row.Label)
			shown := truncate(full, labelW, fontBody, false)
			cy := y + cellH/2 + 4
			if row.ID != "" && strings.HasPrefix(shown, row.ID) {
				w.raw(`<text x="16" y="` + num(cy) + `"><title>` + esc(full) + `</title><tspan font-weight="bold">` +
					esc(row.ID) + `</tspan>` + esc(shown[len(row.ID):]) + "</text>\n")
			} else {
				w.titled(16, cy, shown, full, nil)
			}
			for k := range c.Columns {
				cx := x0 + float64(k)*cellW
				tip := c.Columns[k] + " – " + full + ": "
				if v, ok := c.cell(r, k); ok {
					bg := scoreColor(v, lo, hi)
					w.raw(`<rect x="` + num(cx) + `" y="` + num(y) + `" width="` + num(cellW) + `" height="` + num(cellH) +
						`" fill="` + hex(bg) + `" stroke="#ffffff" stroke-width="1.5"><title>` + esc(tip+formatValue(v, l)) + "</title></rect>\n")
					w.text(cx+cellW/2, cy, formatValue(v, l), attrs{"text-anchor", "middle", "fill", hex(inkOn(bg))})
				} else {
					w.raw(`<rect x="` + num(cx) + `" y="` + num(y) + `" width="` + num(cellW) + `" height="` + num(cellH) +
						`" fill="url(#` + hatch + `)" stroke="#ffffff" stroke-width="1.5"><title>` + esc(tip+l.missing) + "</title></rect>\n")
					w.text(cx+cellW/2, cy, "–", attrs{"text-anchor", "middle", "fill", inkDark, "font-weight", "bold"})
				}
			}
			w.rect(mx, y, meanW, cellH, attrs{"fill", marginFill, "stroke", "#ffffff", "stroke-width", "1.5"})
			if m, ok := c.rowMean(r); ok {
				w.text(mx+meanW/2, cy, formatFixed(m, 1, l), attrs{"text-anchor", "middle", "font-weight", "bold"})
			} else {
				w.text(mx+meanW/2, cy, "–", attrs{"text-anchor", "middle", "fill", inkMuted})
			}
			y += cellH
		}
	}

	// Column means.
	y += gap
	cy := y + cellH/2 + 4
	w.text(16, cy, l.mean, attrs{"font-weight", "bold"})
	var all float64
	nAll := 0
	for k := range c.Columns {
		cx := x0 + float64(k)*cellW
		w.rect(cx, y, cellW, cellH, attrs{"fill", marginFill, "stroke", "#ffffff", "stroke-width", "1.5"})
		if m, ok := c.colMean(k); ok {
			w.text(cx+cellW/2, cy, formatFixed(m, 1, l), attrs{"text-anchor", "middle", "font-weight", "bold"})
		} else {
			w.text(cx+cellW/2, cy, "–", attrs{"text-anchor", "middle", "fill", inkMuted})
		}
	}
	for r := range c.Rows {
		for k := range c.Columns {
			if v, ok := c.cell(r, k); ok {
				all += v
				nAll++
			}
		}
	}
	w.rect(mx, y, meanW, cellH, attrs{"fill", "#e0e0e0", "stroke", "#ffffff", "stroke-width", "1.5"})
	if nAll > 0 {
		w.text(mx+meanW/2, cy, formatFixed(all/float64(nAll), 1, l), attrs{"text-anchor", "middle", "font-weight", "bold"})
	}
	y += cellH

	// Legend: a swatch per tick of the scale, then "missing".
	y += 22
	x := 16.0
	w.text(x, y+15, l.score, attrs{"font-weight", "bold"})
	x += textWidth(l.score, fontBody, true) + 10
	for _, t := range niceTicks(lo, hi, 5) {
		bg := scoreColor(t, lo, hi)
		w.rect(x, y, 34, 22, attrs{"fill", hex(bg)})
		w.text(x+17, y+15, formatValue(t, l), attrs{"text-anchor", "middle", "fill", hex(inkOn(bg))})
		x += 34
	}
	x += 16
	w.rect(x, y, 34, 22, attrs{"fill", "url(#" + hatch + ")"})
	w.text(x+17, y+15, "–", attrs{"text-anchor", "middle", "font-weight", "bold"})
	w.text(x+40, y+15, l.missing, nil)

	w.captionBlock(f, fw, fh)
	w.footer()
	return w.b.Bytes()
}

func sectionsOf(rows []HeatmapRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Section
	}
	return out
}

func (c Heatmap) describe(l lang, lo, hi float64) string {
	var b strings.Builder
	b.WriteString(fmt.Sprintf(l.descHeatmap, len(c.Rows), len(c.Columns), formatValue(lo, l), formatValue(hi, l)))
	var parts []string
	for k, name := range c.Columns {
		if m, ok := c.colMean(k); ok {
			parts = append(parts, name+" "+formatFixed(m, 1, l))
		} else {
			parts = append(parts, name+" –")
		}
	}
	b.WriteString(" " + l.colMeanDesc + ": " + strings.Join(parts, "; ") + ".")
	parts = parts[:0]
	for r, row := range c.Rows {
		if m, ok := c.rowMean(r); ok {
			parts = append(parts, itemLabel(row.ID, row.Label)+" "+formatFixed(m, 1, l))
		} else {
			parts = append(parts, itemLabel(row.ID, row.Label)+" –")
		}
	}
	b.WriteString(" " + l.rowMeanDesc + ": " + strings.Join(parts, "; ") + ".")
	return b.String()
}

// Description is the chart's text alternative (the SVG's <desc>): site
// means and item means. Use it as alt text, in particular for the PNG.
func (c Heatmap) Description() string {
	l := getLang(c.Lang)
	if len(c.Rows) == 0 || len(c.Columns) == 0 {
		return l.noDataDesc
	}
	lo, hi := scaleRange(c.Min, c.Max)
	return c.describe(l, lo, hi)
}
