package chart

import (
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
)

// The PNGs set text in the Go fonts (Go Regular and Go Bold, by Bigelow &
// Holmes; BSD-style licence, the same as the Go project's; the notice
// binary redistribution requires is in docs/licenses/go-fonts.txt). They are
// embedded in the binary through the gofont packages, cover Latin-1 and
// more (æøå, ÆØÅ, é, «», –, …) and need no font on the host.

var (
	parseFonts            sync.Once
	regularFont, boldFont *sfnt.Font
	fontErr               error
)

func goFonts() (*sfnt.Font, *sfnt.Font, error) {
	parseFonts.Do(func() {
		regularFont, fontErr = opentype.Parse(goregular.TTF)
		if fontErr == nil {
			boldFont, fontErr = opentype.Parse(gobold.TTF)
		}
	})
	return regularFont, boldFont, fontErr
}

// faceCache holds the font faces of one rendering. Faces are not safe for
// concurrent use, so every rasterize call has its own cache.
type faceCache struct {
	faces map[faceKey]font.Face
}

type faceKey struct {
	size int // 1/64 px
	bold bool
}

func newFaceCache() *faceCache { return &faceCache{faces: map[faceKey]font.Face{}} }

// face returns the face for a pixel size; nil only if the embedded fonts
// fail to parse, which a test rules out.
func (fc *faceCache) face(px float64, bold bool) font.Face {
	k := faceKey{int(px * 64), bold}
	if f, ok := fc.faces[k]; ok {
		return f
	}
	reg, bd, err := goFonts()
	if err != nil {
		return nil
	}
	src := reg
	if bold {
		src = bd
	}
	f, err := opentype.NewFace(src, &opentype.FaceOptions{Size: max(px, 1), DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil
	}
	fc.faces[k] = f
	return f
}

// advance is the width of s in SVG units at the given size.
func (fc *faceCache) advance(s string, size float64, bold bool) float64 {
	f := fc.face(size*16, bold) // measure at 16× for precision
	if f == nil {
		return textWidth(s, size, bold)
	}
	return float64(font.MeasureString(f, s)) / 64 / 16
}
