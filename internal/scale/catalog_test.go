package scale

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

func mustLoad(t testing.TB, name string) *Scale {
	t.Helper()
	s, err := LoadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// variant returns a copy of s as another version, or with other bytes.
func variant(s *Scale, version, checksum string) *Scale {
	c := *s
	c.Version, c.Checksum = version, checksum
	return &c
}

func TestCatalogAdd(t *testing.T) {
	s := mustLoad(t, "testdata/valid/example.yaml")
	cat := NewCatalog()
	if err := cat.Add(s); err != nil {
		t.Fatal(err)
	}
	same := mustLoad(t, "testdata/valid/example.yaml")
	if err := cat.Add(same); err != nil {
		t.Fatalf("same bytes again must be a no-op: %v", err)
	}
	if got, _ := cat.Get("example", "1"); got != s {
		t.Error("a no-op Add replaced the stored scale")
	}
	err := cat.Add(variant(s, "1", strings.Repeat("0", 64)))
	if fidelity.KindOf(err) != fidelity.KindConflict || !strings.Contains(err.Error(), "example@1") {
		t.Fatalf("edited published version: got %v, want a conflict", err)
	}
	if err := cat.Add(nil); fidelity.KindOf(err) != fidelity.KindInvalid {
		t.Fatalf("nil scale: %v", err)
	}
}

func TestCatalogLookup(t *testing.T) {
	s := mustLoad(t, "testdata/valid/example.yaml")
	f := mustLoad(t, "testdata/valid/features.yaml")
	cat := NewCatalog()
	for _, v := range []string{"1", "2", "10", "9", "1.10", "1.9"} {
		if err := cat.Add(variant(s, v, "sum-"+v)); err != nil {
			t.Fatal(err)
		}
	}
	if err := cat.Add(f); err != nil {
		t.Fatal(err)
	}
	if got := cat.Versions("example"); !slices.Equal(got, []string{"1", "1.9", "1.10", "2", "9", "10"}) {
		t.Errorf("Versions = %v", got)
	}
	if got := cat.Versions("nope"); got != nil {
		t.Errorf("Versions of unknown id = %v", got)
	}
	for ref, want := range map[string]string{
		"example":      "example@10",
		"example@1.9":  "example@1.9",
		"features":     "features@2.1",
		"features@2.1": "features@2.1",
	} {
		got, err := cat.Resolve(ref)
		if err != nil || got.Ref() != want {
			t.Errorf("Resolve(%q) = %v, %v; want %s", ref, got, err, want)
		}
	}
	for _, ref := range []string{"nope", "example@3", "features@", "@1", ""} {
		if _, err := cat.Resolve(ref); fidelity.KindOf(err) != fidelity.KindNotFound {
			t.Errorf("Resolve(%q): got %v, want not-found", ref, err)
		}
	}
	var refs []string
	for _, s := range cat.List() {
		refs = append(refs, s.Ref())
	}
	want := []string{"example@1", "example@1.9", "example@1.10", "example@2", "example@9", "example@10", "features@2.1"}
	if !slices.Equal(refs, want) {
		t.Errorf("List = %v", refs)
	}
}

func TestCompareVersions(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"2008", "1996", 1},
		{"10", "9", 1},
		{"1.10", "1.9", 1},
		{"1.0", "1", 1},
		{"2", "2", 0},
		{"2008a", "2008", 1}, // not numeric: lexical
		{"beta", "alpha", 1},
		{"1.x", "1.10", 1}, // "1.x" is not a dotted number
	}
	for _, tc := range cases {
		if got := CompareVersions(tc.a, tc.b); got != tc.want {
			t.Errorf("CompareVersions(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := CompareVersions(tc.b, tc.a); got != -tc.want {
			t.Errorf("CompareVersions(%q, %q) = %d, want %d", tc.b, tc.a, got, -tc.want)
		}
	}
}

// TestCatalogConcurrent is meant for -race: readers and writers at once.
func TestCatalogConcurrent(t *testing.T) {
	s := mustLoad(t, "testdata/valid/example.yaml")
	cat := NewCatalog()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 50 {
				v := variant(s, string(rune('a'+i))+"-"+string(rune('a'+j%26)), "x")
				_ = cat.Add(v)
				_, _ = cat.Resolve("example")
				_ = cat.List()
				_ = cat.Versions("example")
			}
		})
	}
	wg.Wait()
	if n := len(cat.Versions("example")); n != 8*26 {
		t.Fatalf("%d versions", n)
	}
}

func TestLoadDir(t *testing.T) {
	data, err := os.ReadFile("testdata/valid/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "example"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "example", "1.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	cat := NewCatalog()
	if err := LoadDir(cat, dir); err != nil {
		t.Fatal(err)
	}
	s, err := cat.Get("example", "1")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "example", "1.yaml"); s.Origin != want {
		t.Errorf("Origin = %q, want %q", s.Origin, want)
	}

	// The same id@version with other bytes in a second directory: someone
	// edited a published scale.
	other := t.TempDir()
	if err := os.MkdirAll(filepath.Join(other, "example"), 0o755); err != nil {
		t.Fatal(err)
	}
	edited := append([]byte("# edited\n"), data...)
	if err := os.WriteFile(filepath.Join(other, "example", "1.yaml"), edited, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := LoadDir(cat, other); fidelity.KindOf(err) != fidelity.KindConflict {
		t.Fatalf("got %v, want a conflict", err)
	}

	if err := LoadDir(cat, filepath.Join(dir, "missing")); fidelity.KindOf(err) != fidelity.KindInvalid {
		t.Fatalf("missing dir: %v", err)
	}
	if err := LoadDir(cat, filepath.Join(dir, "example", "1.yaml")); fidelity.KindOf(err) != fidelity.KindInvalid {
		t.Fatalf("file instead of dir: %v", err)
	}
	if os.Geteuid() != 0 { // root reads anything, so the check means nothing there
		locked := filepath.Join(t.TempDir(), "locked")
		if err := os.Mkdir(locked, 0o000); err != nil {
			t.Fatal(err)
		}
		if err := LoadDir(cat, locked); fidelity.KindOf(err) != fidelity.KindInvalid {
			t.Fatalf("unreadable dir: %v", err)
		}
	}
}

func TestLoadEmbeddedEmptyOrValid(t *testing.T) {
	// Whatever is embedded, loading twice into one catalog is a no-op the
	// second time (identical checksums).
	cat := NewCatalog()
	if err := LoadEmbedded(cat); err != nil {
		t.Skipf("embedded scales invalid (TestEmbeddedScales reports it): %v", err)
	}
	if err := LoadEmbedded(cat); err != nil {
		t.Fatalf("second load: %v", err)
	}
}
