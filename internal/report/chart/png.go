package chart

import (
	"bytes"
	"image"
	"image/png"
	"io"
)

// Every chart has PNG() and WritePNG(): the SVG drawn to pixels at twice
// its size (see raster.go), with the same title, axes, legend, names and
// numbers. Put Description() next to a PNG as its alternative text, as
// with the SVG.

func encodePNG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func writePNG(w io.Writer, render func() ([]byte, error)) error {
	b, err := render()
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// PNG renders the trend chart as a PNG image.
func (c TrendChart) PNG() ([]byte, error) { return rasterPNG(c.SVG()) }

// WritePNG writes the trend chart as a PNG image.
func (c TrendChart) WritePNG(w io.Writer) error { return writePNG(w, c.PNG) }

// PNG renders the item profile as a PNG image.
func (c ItemProfile) PNG() ([]byte, error) { return rasterPNG(c.SVG()) }

// WritePNG writes the item profile as a PNG image.
func (c ItemProfile) WritePNG(w io.Writer) error { return writePNG(w, c.PNG) }

// PNG renders the heatmap as a PNG image.
func (c Heatmap) PNG() ([]byte, error) { return rasterPNG(c.SVG()) }

// WritePNG writes the heatmap as a PNG image.
func (c Heatmap) WritePNG(w io.Writer) error { return writePNG(w, c.PNG) }

// PNG renders the band distribution as a PNG image.
func (c BandDistribution) PNG() ([]byte, error) { return rasterPNG(c.SVG()) }

// WritePNG writes the band distribution as a PNG image.
func (c BandDistribution) WritePNG(w io.Writer) error { return writePNG(w, c.PNG) }
