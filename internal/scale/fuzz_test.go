package scale

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// maxFuzzInput bounds what FuzzParse feeds to the loader. The loader's cost
// grows with the file (schema and semantic checks take milliseconds for a
// full scale), and the fuzzer minimises every new interesting input by
// re-running it thousands of times: seeded with the 7 KB fixtures, both
// workers spent the whole -fuzztime minimising (execs stuck at ~50) and the
// run ended with "context deadline exceeded" when the deadline hit
// mid-minimisation. Small inputs reach the same code paths (the structural
// checks fire per node, not per file), so the target stays fast. The large
// fixtures are still parsed, with golden messages, by TestParseInvalid.
const maxFuzzInput = 256

// FuzzParse feeds arbitrary bytes to the loader: it must never panic, and
// every failure must be a KindInvalid *fidelity.Error (a scale file is user
// input, never an internal error). Seeds: every fixture small enough for
// the fuzzer, plus the committed corpus in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"testdata/valid/*.yaml", "testdata/invalid/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, name := range files {
			data, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			if len(data) <= maxFuzzInput {
				f.Add(data)
			}
		}
	}
	f.Add([]byte("id: x\nversion: \"1\"\n"))
	f.Add([]byte("{a: [1, 2, {b: c}]}"))
	f.Add([]byte("anchors: {1: {en: a, nb: b}, \"1\": {en: a, nb: b}}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		s, err := Parse("fuzz.yaml", data)
		if err == nil {
			if s == nil || s.Checksum == "" {
				t.Fatal("success without a scale")
			}
			return
		}
		var fe *fidelity.Error
		if !errors.As(err, &fe) || fe.Kind != fidelity.KindInvalid {
			t.Fatalf("error %T %v is not a KindInvalid *fidelity.Error", err, err)
		}
		if len(fe.Fields) == 0 {
			t.Fatalf("error without fields: %v", err)
		}
	})
}
