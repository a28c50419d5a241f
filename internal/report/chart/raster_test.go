package chart

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
)

// darkPixels counts pixels in r darker than mid-grey.
func darkPixels(img image.Image, r image.Rectangle) int {
	n := 0
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			g := color.GrayModel.Convert(img.At(x, y)).(color.Gray)
			if g.Y < 128 {
				n++
			}
		}
	}
	return n
}

// inkBox is the bounding box of the dark pixels of img.
func inkBox(img image.Image) image.Rectangle {
	var box image.Rectangle
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if darkPixels(img, image.Rect(x, y, x+1, y+1)) == 1 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return box
}

func textSVG(s string, extra string) []byte {
	return []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" font-size="20" fill="#1a1a1a">` +
		`<rect x="0" y="0" width="200" height="60" fill="#ffffff"/><text x="10" y="40"` + extra + `>` + esc(s) + `</text></svg>`)
}

func mustRaster(t *testing.T, svg []byte) *image.RGBA {
	t.Helper()
	img, err := rasterize(svg, 1)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// A Norwegian letter is drawn as itself: "Å" reaches higher than "A" (the
// ring), and "ø" differs from "o" (the stroke).
func TestRasterNorwegianLetters(t *testing.T) {
	a, aRing := inkBox(mustRaster(t, textSVG("A", ""))), inkBox(mustRaster(t, textSVG("Å", "")))
	if a.Empty() || aRing.Empty() {
		t.Fatalf("no ink: A %v, Å %v", a, aRing)
	}
	if aRing.Min.Y >= a.Min.Y-2 {
		t.Errorf("Å (top %d) is not taller than A (top %d): the ring is missing", aRing.Min.Y, a.Min.Y)
	}
	o, oSlash := mustRaster(t, textSVG("o", "")), mustRaster(t, textSVG("ø", ""))
	if bytes.Equal(o.Pix, oSlash.Pix) {
		t.Error("ø is drawn like o")
	}
}

// text-anchor places the text: end-anchored text ends at x, middle
// centres on it.
func TestRasterTextAnchor(t *testing.T) {
	end := inkBox(mustRaster(t, []byte(`<svg width="200" height="60"><text x="150" y="40" font-size="20" text-anchor="end">Skår</text></svg>`)))
	if end.Max.X > 152 || end.Max.X < 140 {
		t.Errorf("end-anchored text ends at %d, want about 150", end.Max.X)
	}
	mid := inkBox(mustRaster(t, []byte(`<svg width="200" height="60"><text x="100" y="40" font-size="20" text-anchor="middle">Skår</text></svg>`)))
	if c := (mid.Min.X + mid.Max.X) / 2; c < 96 || c > 104 {
		t.Errorf("middle-anchored text centred at %d, want about 100", c)
	}
}

// Rotated text (the y-axis title) is drawn upright-rotated: taller than
// wide.
func TestRasterRotatedText(t *testing.T) {
	img := mustRaster(t, []byte(`<svg width="80" height="200"><text x="0" y="0" font-size="16" text-anchor="middle" transform="translate(40 100) rotate(-90)">Totalskår</text></svg>`))
	box := inkBox(img)
	if box.Dy() < 2*box.Dx() {
		t.Errorf("rotated text box %v is not vertical", box)
	}
}

// Shapes: a filled rect is filled with its colour, a missing cell is
// hatched, a line is stroked.
func TestRasterShapes(t *testing.T) {
	img := mustRaster(t, []byte(`<svg width="100" height="100"><rect x="0" y="0" width="100" height="100" fill="#ffffff"/>`+
		`<rect x="10" y="10" width="20" height="20" fill="#0072B2"/><rect x="50" y="10" width="30" height="30" fill="url(#p)"/>`+
		`<line x1="10" y1="80" x2="90" y2="80" stroke="#000000" stroke-width="2"/></svg>`))
	if got := img.RGBAAt(20, 20); got != (color.RGBA{0x00, 0x72, 0xb2, 0xff}) {
		t.Errorf("rect fill %v", got)
	}
	if darkPixels(img, image.Rect(10, 79, 90, 81)) < 150 {
		t.Error("line not stroked")
	}
	seen := map[color.RGBA]bool{}
	for x := 52; x < 78; x++ {
		seen[img.RGBAAt(x, 25)] = true
	}
	if len(seen) < 2 {
		t.Error("missing cell is not hatched")
	}
}

// Bad or hostile documents give an error, never a panic or a huge image.
func TestRasterRejects(t *testing.T) {
	for _, doc := range []string{"", "<svg", `<svg width="100000" height="100000"></svg>`, `<rect/>`, `<svg width="NaN" height="1"/>`} {
		if _, err := rasterize([]byte(doc), 2); err == nil {
			t.Errorf("%q: no error", doc)
		}
	}
}

// FuzzPNG draws item profiles with arbitrary names and values: the PNG
// always decodes.
func FuzzPNG(f *testing.F) {
	f.Add("Nav Ålesund", "S1", 3.0, 2.0, "nb")
	f.Add("<&>\x00\xff", "", -1e308, 1e308, "en")
	f.Fuzz(func(t *testing.T, name, id string, v, prev float64, lang string) {
		if len(name) > 200 {
			name = name[:200]
		}
		c := ItemProfile{Title: name, Items: []Item{{ID: id, Label: name, Section: name, Value: v, Previous: prev}}, Lang: lang, Width: 320}
		b, err := c.PNG()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := png.Decode(bytes.NewReader(b)); err != nil {
			t.Fatal(err)
		}
		r := Radar{Title: name, Width: 320, Items: []Item{{ID: id, Label: name, Value: v, Previous: prev}, {ID: "x", Value: prev}, {ID: strings.Repeat("y", 3), Value: v}}, Lang: lang}
		if _, err := r.PNG(); err != nil {
			t.Fatal(err)
		}
	})
}
