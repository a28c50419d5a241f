package chart

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strconv"
)

// PNG output is a thumbnail. The standard library has no font rasteriser,
// so the PNGs draw shapes, colours and numbers (with the built-in 5×7
// bitmap font in font.go) but no words: no title, item names, site names,
// band names or legend words. Use the SVG wherever the chart is read; use
// the PNG where only an image will do (e-mail, office documents) and put
// Description() next to it as alternative text and caption.
//
// Heatmap.PNG: one cell per score with the score printed in it, sections
// separated by a gap, row means in a right margin and column means in a
// bottom margin (grey), missing cells hatched with a dash, and a legend
// strip of the score colours numbered from Min to Max plus a hatched
// swatch for missing.
//
// BandDistribution.PNG: the bars (grouped or stacked, as in the SVG) with
// their counts, gridlines at round counts, colours as in the SVG.

const pngFont = 2 // bitmap font scale: 10×14 px digits

var (
	pngMargin  = color.RGBA{0xf2, 0xf2, 0xf2, 0xff}
	pngMissing = color.RGBA{0xf2, 0xf2, 0xf2, 0xff}
	pngHatch   = color.RGBA{0xb3, 0xb3, 0xb3, 0xff}
	pngGrid    = color.RGBA{0xd9, 0xd9, 0xd9, 0xff}
	pngAxis    = color.RGBA{0x73, 0x73, 0x73, 0xff}
	pngInk     = color.RGBA{0x1a, 0x1a, 0x1a, 0xff}
)

func encodePNG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func newCanvas(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, max(w, 1), max(h, 1)))
	fillRect(img, 0, 0, w, h, white)
	return img
}

func hatchRect(img *image.RGBA, x, y, w, h int) {
	fillRect(img, x, y, w, h, pngMissing)
	for yy := y; yy < y+h; yy++ {
		for xx := x; xx < x+w; xx++ {
			if (xx+yy)%6 < 2 && image.Pt(xx, yy).In(img.Bounds()) {
				img.SetRGBA(xx, yy, pngHatch)
			}
		}
	}
}

// PNG renders the heatmap as a thumbnail without text labels (see above).
func (c Heatmap) PNG() ([]byte, error) {
	l := getLang(c.Lang)
	lo, hi := scaleRange(c.Min, c.Max)
	const cellW, cellH, pad, gap, meanW = 42, 24, 12, 8, 46
	if len(c.Rows) == 0 || len(c.Columns) == 0 {
		return encodePNG(newCanvas(160, 60))
	}
	secs := groupSections(sectionsOf(c.Rows))
	nc := len(c.Columns)
	gridW := nc*cellW + gap + meanW
	gridH := len(c.Rows)*cellH + (len(secs)-1)*gap + gap + cellH
	legendH := 22 + 16
	W := max(pad*2+gridW, pad*2+6*32+40)
	H := pad*2 + gridH + legendH
	if W > 8000 || H > 8000 {
		return encodePNG(newCanvas(160, 60))
	}
	img := newCanvas(W, H)

	y := pad
	for si, s := range secs {
		if si > 0 {
			y += gap
		}
		for _, r := range s.items {
			for k := 0; k < nc; k++ {
				x := pad + k*cellW
				if v, ok := c.cell(r, k); ok {
					bg := scoreColor(v, lo, hi)
					fillRect(img, x, y, cellW-1, cellH-1, bg)
					drawCentered(img, x+cellW/2, y+cellH/2, formatValue(v, l), pngFont, inkOn(bg))
				} else {
					hatchRect(img, x, y, cellW-1, cellH-1)
					drawCentered(img, x+cellW/2, y+cellH/2, "–", pngFont, pngInk)
				}
			}
			mx := pad + nc*cellW + gap
			fillRect(img, mx, y, meanW-1, cellH-1, pngMargin)
			if m, ok := c.rowMean(r); ok {
				drawCentered(img, mx+meanW/2, y+cellH/2, formatFixed(m, 1, l), pngFont, pngInk)
			}
			y += cellH
		}
	}
	y += gap
	for k := 0; k < nc; k++ {
		x := pad + k*cellW
		fillRect(img, x, y, cellW-1, cellH-1, pngMargin)
		if m, ok := c.colMean(k); ok {
			drawCentered(img, x+cellW/2, y+cellH/2, formatFixed(m, 1, l), pngFont, pngInk)
		}
	}
	y += cellH + 16

	// Legend strip.
	x := pad
	for _, t := range niceTicks(lo, hi, 5) {
		bg := scoreColor(t, lo, hi)
		fillRect(img, x, y, 32, 22, bg)
		drawCentered(img, x+16, y+11, formatValue(t, l), pngFont, inkOn(bg))
		x += 32
	}
	x += 12
	hatchRect(img, x, y, 32, 22)
	drawCentered(img, x+16, y+11, "–", pngFont, pngInk)
	return encodePNG(img)
}

// WritePNG writes the heatmap thumbnail.
func (c Heatmap) WritePNG(w io.Writer) error {
	b, err := c.PNG()
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// PNG renders the band distribution as a thumbnail without text labels
// (see above). Width and Height default to 480 × 260.
func (c BandDistribution) PNG() ([]byte, error) {
	W, H := c.Width, c.Height
	if W <= 0 {
		W = 480
	}
	if H <= 0 {
		H = 260
	}
	W, H = min(max(W, 160), 4000), min(max(H, 100), 4000)
	img := newCanvas(W, H)
	grand := 0
	for p := range c.Periods {
		grand += c.total(p)
	}
	if len(c.Bands) == 0 || len(c.Periods) == 0 || grand == 0 {
		return encodePNG(img)
	}
	const pad = 12
	if c.Stacked {
		rowH := (H - 2*pad) / len(c.Periods)
		barH := max(min(rowH-10, 40), 4)
		n := len(c.Bands)
		for p := range c.Periods {
			tot := c.total(p)
			y := pad + p*rowH + (rowH-barH)/2
			x := float64(pad)
			for b := range c.Bands {
				cnt := c.count(p, b)
				if tot == 0 || cnt == 0 {
					continue
				}
				wd := float64(cnt) / float64(tot) * float64(W-2*pad)
				bg := bandSolid(b, n)
				x0, x1 := int(math.Round(x)), int(math.Round(x+wd))
				fillRect(img, x0, y, x1-x0-1, barH, bg)
				if txt := strconv.Itoa(cnt); bitmapWidth(txt, pngFont)+4 <= x1-x0 && barH >= bitmapHeight(pngFont)+4 {
					drawCentered(img, (x0+x1)/2, y+barH/2, txt, pngFont, inkOn(bg))
				}
				x += wd
			}
		}
		return encodePNG(img)
	}

	maxCount := 0
	for p := range c.Periods {
		for b := range c.Bands {
			maxCount = max(maxCount, c.count(p, b))
		}
	}
	ticks := intTicks(maxCount)
	yMax := float64(ticks[len(ticks)-1])
	top, bottom := pad+4, H-pad
	yOf := func(v float64) int { return bottom - int(math.Round(v/yMax*float64(bottom-top))) }
	for _, t := range ticks {
		fillRect(img, pad, yOf(float64(t)), W-2*pad, 1, pngGrid)
	}
	nb, np := len(c.Bands), len(c.Periods)
	groupW := float64(W-2*pad) / float64(nb)
	barW := int(math.Min(48, groupW*0.8/float64(np)))
	for b := 0; b < nb; b++ {
		start := pad + int(float64(b)*groupW+(groupW-float64(barW*np+2*(np-1)))/2)
		for p := 0; p < np; p++ {
			n := c.count(p, b)
			x := start + p*(barW+2)
			yt := yOf(float64(n))
			fillRect(img, x, yt, barW, bottom-yt, parseHex(seriesColor(p)))
			drawCentered(img, x+barW/2, yt-4-bitmapHeight(pngFont)/2, strconv.Itoa(n), pngFont, pngInk)
		}
	}
	fillRect(img, pad, bottom, W-2*pad, 1, pngAxis)
	return encodePNG(img)
}

// WritePNG writes the band distribution thumbnail.
func (c BandDistribution) WritePNG(w io.Writer) error {
	b, err := c.PNG()
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}
