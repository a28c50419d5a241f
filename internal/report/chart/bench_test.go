package chart

import "testing"

// PNG rendering: the SVG drawn at twice its size and encoded. Run with
// go test -bench PNG ./internal/report/chart/.
func BenchmarkPNGItemProfile(b *testing.B) {
	c := exampleProfile()
	for b.Loop() {
		if _, err := c.PNG(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPNGRadar(b *testing.B) {
	c := exampleRadar()
	for b.Loop() {
		if _, err := c.PNG(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPNGHeatmap(b *testing.B) {
	c := exampleHeatmap()
	for b.Loop() {
		if _, err := c.PNG(); err != nil {
			b.Fatal(err)
		}
	}
}
