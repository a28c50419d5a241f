package chart

import (
	"fmt"
	"image/color"
	"math"
)

// Palette choices (see docs/charts/README.md):
//
//   - Categories (series, periods): Okabe & Ito (2008), "Color Universal
//     Design", distinguishable with every common colour-vision deficiency.
//     The order starts with the darker members (blue, vermillion, bluish
//     green, reddish purple) so that lines and markers keep at least 3:1
//     contrast against white.
//   - Scores (heatmap cells, profile bars' scale): viridis (van der Walt &
//     Smith, matplotlib), a sequential ramp that is perceptually uniform,
//     monotone in lightness (so it also reads in greyscale) and
//     colour-blind safe. Low scores are dark purple, high scores yellow.
//     Values between two scores are interpolated; the five integer scores
//     of a 1–5 scale land on the classic 5-class viridis colours.
//   - Band zones: very light tints (78 % white) of the same viridis ramp, so
//     that the band order reads from dark-tinted (low) to light-tinted
//     (high) behind the data without competing with it.
var okabeIto = []string{
	"#0072B2", // blue
	"#D55E00", // vermillion
	"#009E73", // bluish green
	"#CC79A7", // reddish purple
	"#E69F00", // orange
	"#56B4E9", // sky blue
	"#000000", // black
}

// seriesColor returns the category colour for index i.
func seriesColor(i int) string { return okabeIto[i%len(okabeIto)] }

// viridisStops samples viridis at nine evenly spaced points.
var viridisStops = []color.RGBA{
	{0x44, 0x01, 0x54, 0xff},
	{0x47, 0x2d, 0x7b, 0xff},
	{0x3b, 0x52, 0x8b, 0xff},
	{0x2c, 0x72, 0x8e, 0xff},
	{0x21, 0x91, 0x8c, 0xff},
	{0x28, 0xae, 0x80, 0xff},
	{0x5e, 0xc9, 0x62, 0xff},
	{0xad, 0xdc, 0x30, 0xff},
	{0xfd, 0xe7, 0x25, 0xff},
}

// ramp returns the viridis colour at t in [0, 1] (clamped; NaN gives 0).
func ramp(t float64) color.RGBA {
	if !finite(t) {
		t = 0
	}
	t = clamp(t, 0, 1)
	pos := t * float64(len(viridisStops)-1)
	i := int(math.Floor(pos))
	if i >= len(viridisStops)-1 {
		return viridisStops[len(viridisStops)-1]
	}
	f := pos - float64(i)
	a, b := viridisStops[i], viridisStops[i+1]
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*f)) }
	return color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xff}
}

// scoreColor maps a score in [lo, hi] onto the ramp.
func scoreColor(v, lo, hi float64) color.RGBA {
	if hi <= lo {
		return ramp(0.5)
	}
	return ramp((v - lo) / (hi - lo))
}

// tint mixes c with white; amount 0 keeps c, 1 gives white.
func tint(c color.RGBA, amount float64) color.RGBA {
	mix := func(x uint8) uint8 { return uint8(math.Round(float64(x) + (255-float64(x))*amount)) }
	return color.RGBA{mix(c.R), mix(c.G), mix(c.B), 0xff}
}

// bandTint is the zone colour of band i of n, ordered from low to high.
func bandTint(i, n int) color.RGBA {
	t := 0.5
	if n > 1 {
		t = float64(i) / float64(n-1)
	}
	return tint(ramp(t), 0.78)
}

// bandSolid is the bar colour of band i of n (band distribution, stacked).
func bandSolid(i, n int) color.RGBA {
	t := 0.5
	if n > 1 {
		t = float64(i) / float64(n-1)
	}
	return ramp(t)
}

func hex(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// luminance is the WCAG relative luminance of c.
func luminance(c color.RGBA) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// contrast is the WCAG contrast ratio between two colours.
func contrast(a, b color.RGBA) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

var (
	white = color.RGBA{0xff, 0xff, 0xff, 0xff}
	black = color.RGBA{0x00, 0x00, 0x00, 0xff}
)

// inkOn returns black or white, whichever contrasts more with bg.
func inkOn(bg color.RGBA) color.RGBA {
	if contrast(bg, black) >= contrast(bg, white) {
		return black
	}
	return white
}

// labelInk returns the text colour for value labels of series i: the
// series colour, darkened until it keeps 4.5:1 contrast on the darkest
// band tint, so that a label is tied to its line by colour and still
// readable.
func labelInk(i int) string {
	c := parseHex(seriesColor(i))
	worst := bandTint(0, 2)
	for k := 0; k < 20 && contrast(c, worst) < 4.5; k++ {
		c = color.RGBA{uint8(float64(c.R) * 0.9), uint8(float64(c.G) * 0.9), uint8(float64(c.B) * 0.9), 0xff}
	}
	return hex(c)
}

func parseHex(s string) color.RGBA {
	var c color.RGBA
	c.A = 0xff
	if len(s) == 7 && s[0] == '#' {
		fmt.Sscanf(s[1:], "%02x%02x%02x", &c.R, &c.G, &c.B)
	}
	return c
}
