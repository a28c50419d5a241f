package scale

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// FuzzParse feeds arbitrary bytes to the loader: it must never panic, and
// every failure must be a KindInvalid *fidelity.Error (a scale file is user
// input, never an internal error). Seeds: every fixture, plus the
// committed corpus in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"testdata/valid/*.yaml", "testdata/invalid/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, name := range files {
			data, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte("id: x\nversion: \"1\"\n"))
	f.Add([]byte("{a: [1, 2, {b: c}]}"))
	f.Add([]byte("anchors: {1: {en: a, nb: b}, \"1\": {en: a, nb: b}}"))
	f.Fuzz(func(t *testing.T, data []byte) {
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
