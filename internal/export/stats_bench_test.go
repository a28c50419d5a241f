package export

import (
	"io"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/scale"
)

func benchScale(b *testing.B) *scale.Scale {
	b.Helper()
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		b.Fatal(err)
	}
	sc, err := cat.Get("se-fidelity", "2008")
	if err != nil {
		b.Fatal(err)
	}
	return sc
}

// The scripts and the template are built per request from the scale; these
// benchmarks size that work (see BENCHMARKS.md, "Statistics exports").
func BenchmarkStatsScripts(b *testing.B) {
	sc := benchScale(b)
	for _, tool := range []Tool{ToolSPSS, ToolStata, ToolR} {
		b.Run(string(tool), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := WriteStatsScript(io.Discard, tool, LayoutWide, sc, "nb", "x.csv"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkImportTemplate(b *testing.B) {
	sc := benchScale(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteTemplate(io.Discard, sc, "nb"); err != nil {
			b.Fatal(err)
		}
	}
}
