package webui

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// Every key the templates use exists, in both languages.
func TestCatalogComplete(t *testing.T) {
	for k, v := range catalog {
		if strings.TrimSpace(v[0]) == "" || strings.TrimSpace(v[1]) == "" {
			t.Errorf("%s: missing a language: %q", k, v)
		}
		if strings.Count(v[0], "%") != strings.Count(v[1], "%") {
			t.Errorf("%s: the languages take different arguments: %q", k, v)
		}
	}
	used := regexp.MustCompile(`\.T "([a-z_.]+)"`)
	err := fs.WalkDir(assets, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(assets, path)
		if err != nil {
			return err
		}
		for _, m := range used.FindAllStringSubmatch(string(b), -1) {
			if _, ok := catalog[m[1]]; !ok {
				t.Errorf("%s uses %q, which the catalog lacks", path, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, prefix := range []string{"status.", "type.", "role.", "action."} {
		n := 0
		for k := range catalog {
			if strings.HasPrefix(k, prefix) {
				n++
			}
		}
		if n < 3 {
			t.Errorf("too few %s* entries", prefix)
		}
	}
}
