package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"io"
	"math"
	"strconv"
	"strings"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/math/f64"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// PNG output is the chart's own SVG drawn to pixels by rasterize below, so
// that a PNG carries exactly what the SVG does: title, subtitle, axis
// titles, tick labels, legends, item and site names (with æøå), numbers
// and caption. rasterize understands only the subset of SVG this package
// writes (rect, line, polyline, polygon, circle, text with one level of
// tspan, translate/rotate transforms, the hatch pattern of missing cells),
// not SVG in general. Text is set in the Go fonts (see fonts.go); the
// layout was measured with Arial metrics (text.go), so a run that comes
// out wider in the Go font is narrowed to the width the layout reserved.

// pngScale is the pixel density of the PNGs: two pixels per SVG unit, so
// that 11 px text stays legible when a document shrinks the image.
const pngScale = 2

// maxPNGPixels bounds the raster (width × height at pngScale) so that no
// input can make the service allocate an unbounded image.
const maxPNGPixels = 40_000_000

// rasterPNG renders svg (output of this package) as PNG bytes.
func rasterPNG(svg []byte) ([]byte, error) {
	img, err := rasterize(svg, pngScale)
	if err != nil {
		return nil, err
	}
	return encodePNG(img)
}

// paint is an inherited presentation state.
type paint struct {
	fill       string
	fontSize   float64
	fontWeight string
}

// matrix is a 2×3 affine transform [a c e; b d f] (SVG order).
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// mul returns m·n (n applied first).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[2]*n[1], m[1]*n[0] + m[3]*n[1],
		m[0]*n[2] + m[2]*n[3], m[1]*n[2] + m[3]*n[3],
		m[0]*n[4] + m[2]*n[5] + m[4], m[1]*n[4] + m[3]*n[5] + m[5],
	}
}

// parseTransform reads the translate(x y) and rotate(a [cx cy]) lists the
// package writes; anything else is ignored.
func parseTransform(s string) matrix {
	m := identity
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		open, end := strings.IndexByte(s, '('), strings.IndexByte(s, ')')
		if open < 0 || end < open {
			break
		}
		name := strings.TrimSpace(s[:open])
		args := numbers(s[open+1 : end])
		s = s[end+1:]
		switch {
		case name == "translate" && len(args) >= 1:
			ty := 0.0
			if len(args) > 1 {
				ty = args[1]
			}
			m = m.mul(matrix{1, 0, 0, 1, args[0], ty})
		case name == "rotate" && len(args) >= 1:
			a := args[0] * math.Pi / 180
			r := matrix{math.Cos(a), math.Sin(a), -math.Sin(a), math.Cos(a), 0, 0}
			if len(args) >= 3 {
				r = matrix{1, 0, 0, 1, args[1], args[2]}.mul(r).mul(matrix{1, 0, 0, 1, -args[1], -args[2]})
			}
			m = m.mul(r)
		}
	}
	return m
}

func numbers(s string) []float64 {
	var out []float64
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' }) {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil || !finite(v) {
			v = 0
		}
		out = append(out, v)
	}
	return out
}

// textRun is a piece of a text element with its own weight (a tspan).
type textRun struct {
	s    string
	bold bool
}

// rasterizer draws onto an RGBA image at a fixed scale.
type rasterizer struct {
	img   *image.RGBA
	scale float64
	fonts *faceCache
	vr    vector.Rasterizer
}

// rasterize draws the SVG subset written by this package onto a new image.
func rasterize(svg []byte, scale float64) (*image.RGBA, error) {
	dec := xml.NewDecoder(bytes.NewReader(svg))
	var r *rasterizer
	stack := []paint{{fill: inkDark, fontSize: fontBody}}
	xform := []matrix{identity}
	// Text being collected: its attributes, its runs, and whether we are
	// inside a <title> (tooltip text, not drawn) or <defs> (not drawn).
	var (
		inText    bool
		textAttrs map[string]string
		textPaint paint
		textM     matrix
		runs      []textRun
		skip      int // depth inside <title>, <desc> or <defs>
		boldRun   []bool
	)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			a := attrMap(t.Attr)
			name := t.Name.Local
			if skip > 0 || name == "title" || name == "desc" || name == "defs" {
				skip++
				continue
			}
			p := inherit(stack[len(stack)-1], a)
			m := xform[len(xform)-1].mul(parseTransform(a["transform"]))
			stack, xform = append(stack, p), append(xform, m)
			if name == "svg" {
				w, h := atof(a["width"]), atof(a["height"])
				if w < 1 || h < 1 || w*h*scale*scale > maxPNGPixels {
					return nil, errors.New("chart: image too large to rasterise")
				}
				r = &rasterizer{img: image.NewRGBA(image.Rect(0, 0, int(math.Ceil(w*scale)), int(math.Ceil(h*scale)))), scale: scale, fonts: newFaceCache()}
				draw.Draw(r.img, r.img.Bounds(), image.White, image.Point{}, draw.Src)
				continue
			}
			if r == nil {
				return nil, errors.New("chart: no <svg> root")
			}
			switch name {
			case "text":
				inText, textAttrs, textPaint, textM, runs = true, a, p, m, nil
				boldRun = []bool{p.fontWeight == "bold"}
			case "tspan":
				boldRun = append(boldRun, p.fontWeight == "bold")
			default:
				r.shape(name, a, p, m)
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			switch t.Name.Local {
			case "text":
				if inText {
					r.text(textAttrs, textPaint, textM, runs)
				}
				inText = false
			case "tspan":
				if len(boldRun) > 1 {
					boldRun = boldRun[:len(boldRun)-1]
				}
			}
			if len(stack) > 1 {
				stack, xform = stack[:len(stack)-1], xform[:len(xform)-1]
			}
		case xml.CharData:
			if inText && skip == 0 {
				runs = append(runs, textRun{s: string(t), bold: boldRun[len(boldRun)-1]})
			}
		}
	}
	if r == nil {
		return nil, errors.New("chart: no <svg> root")
	}
	return r.img, nil
}

func attrMap(as []xml.Attr) map[string]string {
	m := make(map[string]string, len(as))
	for _, a := range as {
		m[a.Name.Local] = a.Value
	}
	return m
}

func inherit(p paint, a map[string]string) paint {
	if v, ok := a["fill"]; ok {
		p.fill = v
	}
	if v, ok := a["font-size"]; ok {
		if f := atof(v); f > 0 {
			p.fontSize = f
		}
	}
	if v, ok := a["font-weight"]; ok {
		p.fontWeight = v
	}
	return p
}

func atof(s string) float64 {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || !finite(v) {
		return 0
	}
	return v
}

// colour parses #rgb and #rrggbb; ok is false for "none" and anything else.
func colour(s string) (color.RGBA, bool) {
	s = strings.TrimSpace(s)
	if len(s) == 4 && s[0] == '#' {
		s = "#" + strings.Repeat(s[1:2], 2) + strings.Repeat(s[2:3], 2) + strings.Repeat(s[3:4], 2)
	}
	if len(s) != 7 || s[0] != '#' {
		return color.RGBA{}, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.RGBA{}, false
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}, true
}

// shape draws one non-text element.
func (r *rasterizer) shape(name string, a map[string]string, p paint, m matrix) {
	var poly [][2]float64
	closed := true
	switch name {
	case "rect":
		x, y, w, h := atof(a["x"]), atof(a["y"]), atof(a["width"]), atof(a["height"])
		if w <= 0 || h <= 0 {
			return
		}
		poly = [][2]float64{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}}
	case "line":
		poly = [][2]float64{{atof(a["x1"]), atof(a["y1"])}, {atof(a["x2"]), atof(a["y2"])}}
		closed = false
	case "polyline", "polygon":
		ns := numbers(a["points"])
		for i := 0; i+1 < len(ns); i += 2 {
			poly = append(poly, [2]float64{ns[i], ns[i+1]})
		}
		closed = name == "polygon"
	case "circle":
		cx, cy, rad := atof(a["cx"]), atof(a["cy"]), atof(a["r"])
		if rad <= 0 {
			return
		}
		for i := range 32 {
			t := float64(i) / 32 * 2 * math.Pi
			poly = append(poly, [2]float64{cx + rad*math.Cos(t), cy + rad*math.Sin(t)})
		}
	default:
		return
	}
	if len(poly) == 0 {
		return
	}
	for i := range poly {
		x, y := m.apply(poly[i][0], poly[i][1])
		poly[i] = [2]float64{x * r.scale, y * r.scale}
	}
	if closed && name != "line" {
		fill := p.fill
		if strings.HasPrefix(fill, "url(") {
			r.hatch(poly)
		} else if c, ok := colour(fill); ok {
			r.fillPolygon(poly, c)
		}
	}
	if c, ok := colour(a["stroke"]); ok {
		sw := 1.0
		if v, ok := a["stroke-width"]; ok {
			sw = atof(v)
		}
		if sw <= 0 {
			return
		}
		pts := poly
		if closed && name != "line" {
			pts = append(append([][2]float64{}, poly...), poly[0])
		}
		r.stroke(pts, sw*r.scale, numbers(a["stroke-dasharray"]), c, a["stroke-linejoin"] == "round")
	}
}

// fillPolygon fills a polygon in pixel coordinates with anti-aliasing,
// rasterising only its bounding box.
func (r *rasterizer) fillPolygon(poly [][2]float64, c color.RGBA) {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range poly {
		x0, y0, x1, y1 = math.Min(x0, p[0]), math.Min(y0, p[1]), math.Max(x1, p[0]), math.Max(y1, p[1])
	}
	bb := image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1)), int(math.Ceil(y1))).Intersect(r.img.Bounds())
	if bb.Empty() {
		return
	}
	// Fast path: a pixel-aligned rectangle (backgrounds, cells, bars,
	// straight grid lines) needs no anti-aliasing.
	if len(poly) == 4 && isInt(x0) && isInt(y0) && isInt(x1) && isInt(y1) && axisAligned(poly) {
		draw.Draw(r.img, bb, image.NewUniform(c), image.Point{}, draw.Over)
		return
	}
	r.vr.Reset(bb.Dx(), bb.Dy())
	ox, oy := float64(bb.Min.X), float64(bb.Min.Y)
	r.vr.MoveTo(float32(poly[0][0]-ox), float32(poly[0][1]-oy))
	for _, p := range poly[1:] {
		r.vr.LineTo(float32(p[0]-ox), float32(p[1]-oy))
	}
	r.vr.ClosePath()
	r.vr.Draw(r.img, bb, image.NewUniform(c), image.Point{})
}

func isInt(v float64) bool { return v == math.Trunc(v) }

// axisAligned tells whether a quadrilateral's edges are all horizontal or
// vertical.
func axisAligned(p [][2]float64) bool {
	for i := range p {
		q := p[(i+1)%len(p)]
		if p[i][0] != q[0] && p[i][1] != q[1] {
			return false
		}
	}
	return true
}

// hatch fills a missing-value cell: light grey with diagonal stripes, as
// the SVG pattern does.
func (r *rasterizer) hatch(poly [][2]float64) {
	r.fillPolygon(poly, parseHex(missingFill))
	x0, y0, x1, y1 := poly[0][0], poly[0][1], poly[0][0], poly[0][1]
	for _, p := range poly {
		x0, y0, x1, y1 = math.Min(x0, p[0]), math.Min(y0, p[1]), math.Max(x1, p[0]), math.Max(y1, p[1])
	}
	stripe := parseHex(missingHatch)
	step := 6 * r.scale
	for k := math.Floor((x0+y0)/step) * step; k < x1+y1; k += step {
		// The line x + y = k clipped to the box.
		ax, ay := math.Max(x0, k-y1), 0.0
		ay = k - ax
		bx := math.Min(x1, k-y0)
		by := k - bx
		if bx <= ax {
			continue
		}
		r.stroke([][2]float64{{ax, ay}, {bx, by}}, 2*r.scale*0.7, nil, stripe, false)
	}
}

// stroke draws a polyline of width sw (pixels) as one quadrilateral per
// segment, with round joins when asked and dashes when given.
func (r *rasterizer) stroke(pts [][2]float64, sw float64, dash []float64, c color.RGBA, round bool) {
	segs := [][2][2]float64{}
	for i := 0; i+1 < len(pts); i++ {
		segs = append(segs, [2][2]float64{pts[i], pts[i+1]})
	}
	if len(dash) > 0 {
		segs = dashed(segs, dash, r.scale)
	}
	for _, s := range segs {
		dx, dy := s[1][0]-s[0][0], s[1][1]-s[0][1]
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		nx, ny := -dy/l*sw/2, dx/l*sw/2
		r.fillPolygon([][2]float64{
			{s[0][0] + nx, s[0][1] + ny}, {s[1][0] + nx, s[1][1] + ny},
			{s[1][0] - nx, s[1][1] - ny}, {s[0][0] - nx, s[0][1] - ny},
		}, c)
	}
	if round && len(dash) == 0 {
		for _, p := range pts[1 : len(pts)-1] {
			var disc [][2]float64
			for i := range 16 {
				t := float64(i) / 16 * 2 * math.Pi
				disc = append(disc, [2]float64{p[0] + sw/2*math.Cos(t), p[1] + sw/2*math.Sin(t)})
			}
			r.fillPolygon(disc, c)
		}
	}
}

// dashed cuts segments into dashes; the pattern is in SVG units.
func dashed(segs [][2][2]float64, dash []float64, scale float64) [][2][2]float64 {
	total := 0.0
	for _, d := range dash {
		total += math.Max(d, 0)
	}
	if total <= 0 {
		return segs
	}
	var out [][2][2]float64
	idx, left, on := 0, dash[0]*scale, true
	for _, s := range segs {
		dx, dy := s[1][0]-s[0][0], s[1][1]-s[0][1]
		l := math.Hypot(dx, dy)
		pos := 0.0
		for pos < l && len(out) < 100_000 {
			step := math.Min(left, l-pos)
			if on && step > 0 {
				a, b := pos/l, (pos+step)/l
				out = append(out, [2][2]float64{{s[0][0] + dx*a, s[0][1] + dy*a}, {s[0][0] + dx*b, s[0][1] + dy*b}})
			}
			pos += step
			left -= step
			if left <= 1e-9 {
				idx = (idx + 1) % len(dash)
				left, on = math.Max(dash[idx], 0.01)*scale, !on
			}
		}
	}
	return out
}

// text draws a text element: anchor, weight per run, optional halo, and
// any rotation through an offscreen image.
func (r *rasterizer) text(a map[string]string, p paint, m matrix, runs []textRun) {
	runs = collapseSpace(runs)
	var full strings.Builder
	for _, run := range runs {
		full.WriteString(run.s)
	}
	s := full.String()
	if s == "" {
		return
	}
	size := p.fontSize
	// Fit the run into the width the layout reserved (Arial estimate).
	est := textWidth(s, size, p.fontWeight == "bold")
	real := 0.0
	for _, run := range runs {
		real += r.fonts.advance(run.s, size, run.bold)
	}
	if real > est && est > 0 {
		size *= est / real
		real = est
	}
	x, y := atof(a["x"]), atof(a["y"])
	switch a["text-anchor"] {
	case "middle":
		x -= real / 2
	case "end":
		x -= real
	}
	col, ok := colour(p.fill)
	if !ok {
		col = parseHex(inkDark)
	}
	halo, haloOK := colour(a["stroke"])
	haloOK = haloOK && a["paint-order"] == "stroke"

	if m[0] == 1 && m[1] == 0 && m[2] == 0 && m[3] == 1 {
		px, py := m.apply(x, y)
		if haloOK {
			for _, d := range [][2]float64{{-1, 0}, {1, 0}, {0, -1}, {0, 1}, {-1, -1}, {1, 1}, {-1, 1}, {1, -1}} {
				r.drawRuns(r.img, runs, size, (px+d[0])*r.scale, (py+d[1])*r.scale, halo)
			}
		}
		r.drawRuns(r.img, runs, size, px*r.scale, py*r.scale, col)
		return
	}
	// Rotated: draw upright into an offscreen image, then map it through
	// the element's transform.
	ps := size * r.scale
	pad := math.Ceil(ps * 0.5)
	w := int(math.Ceil(real*r.scale + 2*pad))
	h := int(math.Ceil(ps*1.4 + 2*pad))
	if w <= 0 || h <= 0 || w*h > maxPNGPixels {
		return
	}
	off := image.NewRGBA(image.Rect(0, 0, w, h))
	base := pad + ps
	r.drawRuns(off, runs, size, pad, base, col)
	// Offscreen pixel (u, v) is local point (x + (u-pad)/s, y + (v-base)/s).
	s2 := r.scale
	loc := matrix{1 / s2, 0, 0, 1 / s2, x - pad/s2, y - base/s2}
	dev := matrix{s2, 0, 0, s2, 0, 0}.mul(m).mul(loc)
	aff := f64.Aff3{dev[0], dev[2], dev[4], dev[1], dev[3], dev[5]}
	xdraw.BiLinear.Transform(r.img, aff, off, off.Bounds(), xdraw.Over, nil)
}

// drawRuns draws runs left to right starting at the baseline point (x, y)
// in pixels.
func (r *rasterizer) drawRuns(dst *image.RGBA, runs []textRun, size, x, y float64, c color.RGBA) {
	d := font.Drawer{Dst: dst, Src: image.NewUniform(c)}
	d.Dot = fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(y * 64)}
	for _, run := range runs {
		if d.Face = r.fonts.face(size*r.scale, run.bold); d.Face == nil {
			return
		}
		d.DrawString(run.s)
	}
}

// collapseSpace applies SVG's default white-space handling across runs:
// runs of spaces become one, leading and trailing spaces go.
func collapseSpace(runs []textRun) []textRun {
	var out []textRun
	prevSpace := true // drops leading space
	for _, run := range runs {
		var b strings.Builder
		for _, c := range run.s {
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				if !prevSpace {
					b.WriteByte(' ')
				}
				prevSpace = true
				continue
			}
			b.WriteRune(c)
			prevSpace = false
		}
		if b.Len() > 0 {
			out = append(out, textRun{s: b.String(), bold: run.bold})
		}
	}
	if n := len(out); n > 0 {
		out[n-1].s = strings.TrimRight(out[n-1].s, " ")
		if out[n-1].s == "" {
			out = out[:n-1]
		}
	}
	return out
}
