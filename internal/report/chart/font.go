package chart

import (
	"image"
	"image/color"
)

// A tiny 5×7 bitmap font for the PNG thumbnails. It covers only what the
// PNGs print: digits, the decimal point and comma, signs, dash and percent.
// Each glyph is seven rows of five bits, the leftmost pixel in bit 4.
// Any other character is drawn as a space; PNGs therefore carry numbers
// only, never names (see png.go).
var glyphs = map[rune][7]uint8{
	'0': {0b01110, 0b10001, 0b10011, 0b10101, 0b11001, 0b10001, 0b01110},
	'1': {0b00100, 0b01100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110},
	'2': {0b01110, 0b10001, 0b00001, 0b00010, 0b00100, 0b01000, 0b11111},
	'3': {0b11111, 0b00010, 0b00100, 0b00010, 0b00001, 0b10001, 0b01110},
	'4': {0b00010, 0b00110, 0b01010, 0b10010, 0b11111, 0b00010, 0b00010},
	'5': {0b11111, 0b10000, 0b11110, 0b00001, 0b00001, 0b10001, 0b01110},
	'6': {0b00110, 0b01000, 0b10000, 0b11110, 0b10001, 0b10001, 0b01110},
	'7': {0b11111, 0b00001, 0b00010, 0b00100, 0b01000, 0b01000, 0b01000},
	'8': {0b01110, 0b10001, 0b10001, 0b01110, 0b10001, 0b10001, 0b01110},
	'9': {0b01110, 0b10001, 0b10001, 0b01111, 0b00001, 0b00010, 0b01100},
	'.': {0, 0, 0, 0, 0, 0b01100, 0b01100},
	',': {0, 0, 0, 0, 0b01100, 0b00100, 0b01000},
	'-': {0, 0, 0, 0b01110, 0, 0, 0},
	'–': {0, 0, 0, 0b11111, 0, 0, 0},
	'−': {0, 0, 0, 0b11111, 0, 0, 0},
	'+': {0, 0b00100, 0b00100, 0b11111, 0b00100, 0b00100, 0},
	'%': {0b11000, 0b11001, 0b00010, 0b00100, 0b01000, 0b10011, 0b00011},
}

// bitmapWidth is the width in px of s drawn at the given scale: glyphs are
// five pixels wide with one pixel between them.
func bitmapWidth(s string, scale int) int {
	n := len([]rune(s))
	if n == 0 {
		return 0
	}
	return (n*6 - 1) * scale
}

// bitmapHeight is the height in px of a line at the given scale.
func bitmapHeight(scale int) int { return 7 * scale }

// drawString draws s with its top-left corner at (x, y), each font pixel
// a scale×scale square.
func drawString(img *image.RGBA, x, y int, s string, scale int, c color.RGBA) {
	for _, r := range s {
		g := glyphs[r]
		for row := 0; row < 7; row++ {
			for col := 0; col < 5; col++ {
				if g[row]&(1<<(4-col)) == 0 {
					continue
				}
				fillRect(img, x+col*scale, y+row*scale, scale, scale, c)
			}
		}
		x += 6 * scale
	}
}

// drawCentered draws s centred on (cx, cy).
func drawCentered(img *image.RGBA, cx, cy int, s string, scale int, c color.RGBA) {
	drawString(img, cx-bitmapWidth(s, scale)/2, cy-bitmapHeight(scale)/2, s, scale, c)
}

// fillRect fills a rectangle, clipped to the image.
func fillRect(img *image.RGBA, x, y, w, h int, c color.RGBA) {
	r := image.Rect(x, y, x+w, y+h).Intersect(img.Bounds())
	for yy := r.Min.Y; yy < r.Max.Y; yy++ {
		for xx := r.Min.X; xx < r.Max.X; xx++ {
			img.SetRGBA(xx, yy, c)
		}
	}
}
