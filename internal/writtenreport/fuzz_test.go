package writtenreport

import (
	"bytes"
	"io"
	"testing"
)

// FuzzWriteReport feeds arbitrary text where people write (site name,
// summary, strength, recommendation, comment): both renderers must finish
// without error or panic whatever the text holds (emoji, control
// characters, invalid UTF-8, very long words).
func FuzzWriteReport(f *testing.F) {
	for _, s := range []string{"", "æøå ÆØÅ", "😀 emoji", "\x00\x01\t\r\n", "\xff\xfe", "ordsomerveldiglangtutenmellomrom" + string(bytes.Repeat([]byte("x"), 400)), "<b>&amp;</b>", "{nb}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := fixture("nb")
		d.Site.Name, d.Summary, d.Comments[0].Text = s, s, s
		d.Items[0].Strength, d.Items[0].Recommendation, d.Items[0].Title = s, s, s
		d.Actions[0].Text, d.Bands[0].Label, d.Unverified[0] = s, s, s
		if err := WritePDF(io.Discard, d); err != nil {
			t.Fatalf("PDF: %v", err)
		}
		if err := WriteHTML(io.Discard, d); err != nil {
			t.Fatalf("HTML: %v", err)
		}
	})
}

// BenchmarkWritePDF renders the full 25-item fixture report (every
// narrative field filled, five trend points, three actions).
func BenchmarkWritePDF(b *testing.B) {
	d := fixture("nb")
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := WritePDF(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/pdf")
}

func BenchmarkWriteHTML(b *testing.B) {
	d := fixture("nb")
	for b.Loop() {
		if err := WriteHTML(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}
