package testtool

import (
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/scales"
)

// EditedScaleFile is the shipped scale file at path (e.g.
// "se-fidelity/2008.yaml") with each edit's first text replaced by its
// second, once; a text the file lacks fails the test, so an edit cannot
// silently stop applying when the file changes.
func EditedScaleFile(t testing.TB, path string, edits ...[2]string) []byte {
	t.Helper()
	data, err := scales.FS.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	for _, r := range edits {
		if !strings.Contains(src, r[0]) {
			t.Fatalf("%s has no %q", path, r[0])
		}
		src = strings.Replace(src, r[0], r[1], 1)
	}
	return []byte(src)
}
