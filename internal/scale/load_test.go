package scale

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/scales"
)

var update = flag.Bool("update", false, "rewrite the golden error files testdata/invalid/*.want")

// golden renders an error the way the .want files store it: the message,
// then one "field: reason" per line, so a diff shows which fault changed.
func golden(err error) string {
	var fe *fidelity.Error
	if !errors.As(err, &fe) {
		return "not a *fidelity.Error: " + err.Error() + "\n"
	}
	var b strings.Builder
	b.WriteString(string(fe.Kind) + ": " + fe.Message + "\n")
	for _, f := range fe.Fields {
		b.WriteString(f.Field + ": " + f.Reason + "\n")
	}
	return b.String()
}

func TestParseValid(t *testing.T) {
	files, _ := filepath.Glob("testdata/valid/*.yaml")
	if len(files) == 0 {
		t.Fatal("no valid fixtures")
	}
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			s, err := Parse(name, data)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(s.Checksum) != 64 || s.Origin != name || !bytes.Equal(s.Raw, data) {
				t.Errorf("loader fields: checksum %q origin %q raw %d bytes", s.Checksum, s.Origin, len(s.Raw))
			}
			data[0] ^= 0xff // Raw must be a copy, not the caller's buffer
			if bytes.Equal(s.Raw, data) {
				t.Error("Raw aliases the input buffer")
			}
		})
	}
}

func TestParseExampleContent(t *testing.T) {
	s, err := LoadFile("testdata/valid/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if s.Ref() != "example@1" || len(s.Items) != 4 || len(s.Bands) != 3 {
		t.Fatalf("got %s with %d items, %d bands", s.Ref(), len(s.Items), len(s.Bands))
	}
	e1, _ := s.Item("E1")
	if e1.Rule.Derive.Kind != DeriveRatio || e1.Rule.Inputs[1].Min == nil || !e1.Rule.Inputs[1].MinExclusive {
		t.Errorf("E1 rule decoded wrong: %+v", e1.Rule)
	}
	if got := e1.Anchors[5].NB; got != "20 eller færre klienter" {
		t.Errorf("anchor 5 nb = %q", got)
	}
	e2, _ := s.Item("E2")
	if iv := e2.Rule.Intervals[1]; !iv.PrintedGap || iv.Note.EN == "" || *iv.GE != 64 {
		t.Errorf("E2 printed gap interval decoded wrong: %+v", iv)
	}
	if lo, hi := s.TotalRange(); lo != 4 || hi != 20 {
		t.Errorf("TotalRange = %v..%v", lo, hi)
	}
}

// TestParseInvalid loads every broken fixture and compares the whole error
// with its golden file (run with -update to rewrite them after a deliberate
// wording change, then review the diff).
func TestParseInvalid(t *testing.T) {
	files, _ := filepath.Glob("testdata/invalid/*.yaml")
	if len(files) < 20 {
		t.Fatalf("only %d invalid fixtures", len(files))
	}
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Parse(name, data)
			if err == nil {
				t.Fatal("Parse accepted an invalid file")
			}
			if fidelity.KindOf(err) != fidelity.KindInvalid {
				t.Fatalf("kind %q, want invalid: %v", fidelity.KindOf(err), err)
			}
			got := golden(err)
			wantFile := strings.TrimSuffix(name, ".yaml") + ".want"
			if *update {
				if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (run go test -run TestParseInvalid -update)", err)
			}
			if got != string(want) {
				t.Errorf("error differs from %s\n--- got\n%s--- want\n%s", wantFile, got, want)
			}
		})
	}
}

// TestErrorShape pins the format callers and editors rely on:
// "file:line:col: path" in Field, and every position on its own field.
func TestErrorShape(t *testing.T) {
	data, err := os.ReadFile("testdata/invalid/wrong_type.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse("se.yaml", data)
	fields := fidelity.FieldsOf(err)
	want := fidelity.FieldError{Field: "se.yaml:88:13: items[2].number", Reason: `wrong type: cannot use text "three" as an integer`}
	for _, f := range fields {
		if f == want {
			return
		}
	}
	t.Fatalf("no field %+v in %+v", want, fields)
}

func TestOversized(t *testing.T) {
	data := bytes.Repeat([]byte("# padding\n"), MaxFileSize/10+1)
	_, err := Parse("big.yaml", data)
	if fidelity.KindOf(err) != fidelity.KindInvalid || !strings.Contains(err.Error(), "limit") {
		t.Fatalf("got %v", err)
	}
	path := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadFile(path); fidelity.KindOf(err) != fidelity.KindInvalid || !strings.Contains(err.Error(), "exceeds the limit") {
		t.Fatalf("LoadFile: %v", err)
	}
}

// TestBillionLaughsIsRefused checks that aliases are refused before they
// expand; how long that takes is measured by BenchmarkHostileInputs, not
// asserted here (timed assertions fail on loaded machines).
func TestBillionLaughsIsRefused(t *testing.T) {
	data, err := os.ReadFile("testdata/invalid/billion_laughs.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse("laughs.yaml", data)
	if err == nil || !strings.Contains(err.Error(), "aliases (*a) are not allowed") {
		t.Fatalf("got %v", err)
	}
	if n := len(fidelity.FieldsOf(err)); n > maxProblems+1 {
		t.Fatalf("%d fields, want at most %d", n, maxProblems+1)
	}
}

func TestNonFiniteNumbers(t *testing.T) {
	for _, v := range []string{".nan", ".NaN", "-.inf", "+.Inf", ".INF"} {
		data, err := os.ReadFile("testdata/valid/example.yaml")
		if err != nil {
			t.Fatal(err)
		}
		data = bytes.Replace(data, []byte("domain: {min: 0}"), []byte("domain: {min: "+v+"}"), 1)
		_, err = Parse("x.yaml", data)
		if err == nil || !strings.Contains(err.Error(), "NaN and infinite numbers are not allowed") {
			t.Errorf("%s: got %v", v, err)
		}
	}
}

func TestLoadFileMissing(t *testing.T) {
	_, err := LoadFile(filepath.Join(t.TempDir(), "nope.yaml"))
	if fidelity.KindOf(err) != fidelity.KindInvalid {
		t.Fatalf("got %v", err)
	}
}

func TestLoadFS(t *testing.T) {
	example, err := os.ReadFile("testdata/valid/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	broken, err := os.ReadFile("testdata/invalid/unknown_key.yaml")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("ok", func(t *testing.T) {
		fsys := fstest.MapFS{"scales/example/1.yaml": {Data: example}, "scales/README.md": {Data: []byte("x")}}
		list, err := LoadFS(fsys, "scales")
		if err != nil || len(list) != 1 || list[0].Origin != "scales/example/1.yaml" {
			t.Fatalf("got %v, %v", list, err)
		}
	})
	t.Run("path must match id and version", func(t *testing.T) {
		fsys := fstest.MapFS{"example/2.yaml": {Data: example}}
		_, err := LoadFS(fsys, ".")
		if err == nil || !strings.Contains(err.Error(), `example/2.yaml:3:5: id: a scale with id "example" and version "1" belongs in example/1.yaml`) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("all files reported", func(t *testing.T) {
		fsys := fstest.MapFS{"a/1.yaml": {Data: broken}, "b/1.yaml": {Data: broken}, "example/1.yaml": {Data: example}}
		list, err := LoadFS(fsys, ".")
		if len(list) != 1 || fidelity.KindOf(err) != fidelity.KindInvalid {
			t.Fatalf("got %d scales, %v", len(list), err)
		}
		msg := err.Error()
		if !strings.Contains(msg, "a/1.yaml:") || !strings.Contains(msg, "b/1.yaml:") {
			t.Fatalf("both broken files should be named: %v", err)
		}
	})
	t.Run("missing root", func(t *testing.T) {
		if _, err := LoadFS(fstest.MapFS{}, "nope"); fidelity.KindOf(err) != fidelity.KindInvalid {
			t.Fatalf("got %v", err)
		}
	})
}

// TestEmbeddedScales loads every scale shipped in package scales. It skips
// only while no scale file exists at all; once one is there, each must load.
func TestEmbeddedScales(t *testing.T) {
	files, err := scales.ScaleFiles()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skip("no scale files embedded under scales/ yet")
	}
	cat := NewCatalog()
	if err := LoadEmbedded(cat); err != nil {
		t.Fatalf("embedded scales:\n%s", golden(err))
	}
	if got := len(cat.List()); got != len(files) {
		t.Fatalf("catalog holds %d scales, %d files embedded", got, len(files))
	}
	for _, s := range cat.List() {
		t.Logf("%s: %d items, %d bands, checksum %.12s", s.Ref(), len(s.Items), len(s.Bands), s.Checksum)
	}
}

// TestReadmeExample keeps the authoring guide honest: its complete example
// is byte for byte testdata/valid/example.yaml (minus the fixture's
// leading comment), which TestParseValid loads.
func TestReadmeExample(t *testing.T) {
	readme, err := os.ReadFile("../../scales/README.md")
	if err != nil {
		t.Fatal(err)
	}
	const start = "<!-- example.yaml start -->\n```yaml\n"
	const end = "```\n<!-- example.yaml end -->"
	_, rest, ok := bytes.Cut(readme, []byte(start))
	if !ok {
		t.Fatalf("README has no %q marker", start)
	}
	block, _, ok := bytes.Cut(rest, []byte(end))
	if !ok {
		t.Fatalf("README has no %q marker", end)
	}
	fixture, err := os.ReadFile("testdata/valid/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(block, fixture) {
		t.Fatal("the README example differs from testdata/valid/example.yaml; copy one onto the other")
	}
	if _, err := Parse("README.md", block); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkLoadEmbedded(b *testing.B) {
	files, err := scales.ScaleFiles()
	if err != nil {
		b.Fatal(err)
	}
	if len(files) == 0 {
		b.Skip("no scale files embedded under scales/ yet")
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := LoadEmbedded(NewCatalog()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseExample(b *testing.B) {
	data, err := os.ReadFile("testdata/valid/example.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("example.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReadmeSnippetsDecode decodes the guide's rule examples strictly, so
// a snippet with a typo (or a comma that splits a flow mapping) fails here
// rather than in an author's copy.
func TestReadmeSnippetsDecode(t *testing.T) {
	readme, err := os.ReadFile("../../scales/README.md")
	if err != nil {
		t.Fatal(err)
	}
	type snippet struct {
		Item         `yaml:",inline"`
		Intervals    []Interval    `yaml:"intervals"`
		Degenerate   []Degenerate  `yaml:"degenerate"`
		ReviewPolicy *ReviewPolicy `yaml:"review_policy"`
		// The encoding-revision header.
		Version      string `yaml:"version"`
		Encoding     int    `yaml:"encoding"`
		EncodingNote Text   `yaml:"encoding_note"`
	}
	blocks := strings.Split(string(readme), "```yaml\n")[1:]
	checked := 0
	for i, b := range blocks {
		b, _, _ = strings.Cut(b, "```")
		if strings.Contains(b, "[...]") || strings.HasPrefix(b, "# A small scale") {
			continue // the schematic overview and the complete example (tested above)
		}
		dec := yaml.NewDecoder(strings.NewReader(b))
		dec.KnownFields(true)
		var s snippet
		if err := dec.Decode(&s); err != nil {
			t.Errorf("README yaml block %d: %v\n%s", i, err, b)
		}
		checked++
	}
	if checked < 6 {
		t.Errorf("checked only %d README snippets", checked)
	}
}

// hostileInputs are near-limit files built to produce one problem per node.
func hostileInputs(tb testing.TB) map[string][]byte {
	example, err := os.ReadFile("testdata/valid/example.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	fill := func(prefix, unit, suffix string) []byte {
		var b strings.Builder
		b.WriteString(prefix)
		for i := 0; b.Len()+len(unit)+16+len(suffix) < MaxFileSize; i++ {
			fmt.Fprintf(&b, unit, i)
		}
		b.WriteString(suffix)
		return []byte(b.String())
	}
	anchorsAt := bytes.Index(example, []byte("    anchors:\n"))
	cases := map[string][]byte{
		"unknown keys, block":   fill("", "k%d: 1\n", ""),
		"unknown keys, flow":    fill("{", "k%d: 1, ", "}"),
		"aliases":               fill("a: &a x\nb: [", "*a, ", "]"),
		"nested sequences":      fill("", "- [[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]]]  # %d\n", ""),
		"anchor levels":         append(append(slices.Clone(example[:anchorsAt]), fill("    anchors:\n", "      %d: {en: a, nb: b}\n", "")...), example[anchorsAt+len("    anchors:\n"):]...),
		"wrong types, one line": fill("id: [", "{x%d: 1}, ", "]"),
	}
	for name, data := range cases {
		if len(data) > MaxFileSize {
			cases[name] = data[:MaxFileSize]
		}
	}
	return cases
}

// TestHostileInputsAreBounded checks that such files are refused with a
// bounded list of problems: reporting stays linear in the file, never one
// problem per node. Their cost is measured by BenchmarkHostileInputs.
func TestHostileInputsAreBounded(t *testing.T) {
	for name, data := range hostileInputs(t) {
		t.Run(name, func(t *testing.T) {
			_, err := Parse("hostile.yaml", data)
			if fidelity.KindOf(err) != fidelity.KindInvalid {
				t.Fatalf("got %v", err)
			}
			if n := len(fidelity.FieldsOf(err)); n > maxProblems+1 {
				t.Errorf("%d fields", n)
			}
		})
	}
}

// BenchmarkHostileInputs measures the refusal of each hostile file
// (go test ./internal/scale -run '^$' -bench Hostile).
func BenchmarkHostileInputs(b *testing.B) {
	for name, data := range hostileInputs(b) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				_, _ = Parse("hostile.yaml", data)
			}
		})
	}
}

// The shipped scales load at start without the node tree and schema pass
// (LoadEmbedded); this is where that pass runs for them. Every shipped file
// passes every check of Parse, and the start-up path yields exactly the
// scale Parse yields.
func TestEmbeddedScalesLoadAsParsed(t *testing.T) {
	shipped, err := loadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := LoadFS(scales.FS, ".")
	if err != nil {
		t.Fatalf("a shipped scale fails the full checks: %v", err)
	}
	if len(shipped) == 0 || len(shipped) != len(parsed) {
		t.Fatalf("%d scales shipped, %d parsed", len(shipped), len(parsed))
	}
	for i := range parsed {
		if !reflect.DeepEqual(shipped[i], parsed[i]) {
			t.Errorf("%s: the start-up load differs from Parse", parsed[i].Origin)
		}
	}
}
