package export

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of the statistics scripts")

// The scripts for SPSS, Stata and R of both exports in both languages are
// kept as golden files: a change to any of them shows up in review as a
// diff of the script a researcher would run. Regenerate with
// go test ./internal/export -run TestStatsScriptsMatchGoldenFiles -update.
func TestStatsScriptsMatchGoldenFiles(t *testing.T) {
	_, sc := seFidelity(t)
	for _, layout := range []Layout{LayoutWide, LayoutLong} {
		for _, tool := range []Tool{ToolSPSS, ToolStata, ToolR} {
			for _, lang := range []string{"nb", "en"} {
				name := string(layout) + "-" + lang + "." + string(tool)
				t.Run(name, func(t *testing.T) {
					var b bytes.Buffer
					if err := WriteStatsScript(&b, tool, layout, sc, lang, "fidelity-"+string(layout)+".csv"); err != nil {
						t.Fatal(err)
					}
					golden := filepath.Join("testdata", "stats", name)
					if *update {
						if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
							t.Fatal(err)
						}
						if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
							t.Fatal(err)
						}
					}
					want, err := os.ReadFile(golden)
					if err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(b.Bytes(), want) {
						t.Errorf("%s differs from its golden file; run with -update and review the diff", name)
					}
				})
			}
		}
	}
}
