package statsyntax

import (
	"bytes"
	"encoding/csv"
	"github.com/ipsfidelity/fidelity/internal/testtool"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostileLabels are labels that would end a string, start a comment or
// expand a macro if a writer quoted them naively.
var hostileLabels = []string{
	`Kari's "beste" enhet`, `Ærlig, ødegård & åpen`, `back\slash\`, `$HOME and ${x}`, "`tick' and `\"nested\"'",
	`ends with a quote"`, `'`, `''`, `"'`, `/* not a comment */`, `// nor this`, `a ///`, `=HYPERLINK("x")`,
	"two\nlines", "tab\there", "emoji 🙂 and \u2028 separator", `.`, `*`, `end.`,
}

func hostileDataset(file string) Dataset {
	var vals []Value
	for i, l := range hostileLabels {
		vals = append(vals, Value{Code: "c" + strconv.Itoa(i), Label: l})
	}
	var scores []Value
	for i := 1; i <= 5; i++ {
		scores = append(scores, Value{Code: strconv.Itoa(i), Label: hostileLabels[i]})
	}
	return Dataset{
		Title: "Hostile labels */ 'test'.", File: file,
		Vars: []Variable{
			{Name: "id", Label: hostileLabels[0], Kind: Text},
			{Name: "kind", Label: hostileLabels[3], Kind: Category, Values: vals},
			{Name: "when", Label: hostileLabels[4], Kind: Date},
			{Name: "score", Label: hostileLabels[10], Kind: Integer, Values: scores},
			{Name: "1bad-name.x", Label: hostileLabels[6], Kind: Number},
		},
		Keep: []Match{{Var: "id", Value: "keep'me"}},
	}
}

// hostileCSV has one row per hostile label, all kept but the last.
func hostileCSV(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"id", "kind", "when", "score", "1bad-name.x"})
	for i := range hostileLabels {
		_ = w.Write([]string{"keep'me", "c" + strconv.Itoa(i), "2026-10-28", strconv.Itoa(i%5 + 1), "1.5"})
	}
	_ = w.Write([]string{"drop", "c0", "", "", ""})
	w.Flush()
	return b.Bytes()
}

// R reads every hostile label back exactly as given (control characters
// become spaces), as factor levels, value labels and variable labels.
func TestRKeepsHostileLabelsExact(t *testing.T) {
	rscript := testtool.Require(t, "Rscript", "r-base-core")
	dir := t.TempDir()
	var script bytes.Buffer
	if err := WriteR(&script, hostileDataset("data.csv")); err != nil {
		t.Fatal(err)
	}
	script.WriteString(`
writeLines(as.character(nrow(fidelity)))
writeLines(levels(fidelity$kind))
writeLines(names(attr(fidelity$score, "labels")))
writeLines(c(attr(fidelity$id, "label"), attr(fidelity$kind, "label"), attr(fidelity$when, "label"), attr(fidelity$score, "label")))
writeLines(paste(class(fidelity$when), sum(fidelity[["1bad-name.x"]])))
`)
	if err := os.WriteFile(filepath.Join(dir, "s.R"), script.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "data.csv"), hostileCSV(t), 0o644); err != nil {
		t.Fatal(err)
	}
	out := testtool.Run(t, dir, rscript, "s.R")
	var want []string
	want = append(want, strconv.Itoa(len(hostileLabels)))
	for _, l := range hostileLabels {
		want = append(want, oneLine(l))
	}
	for _, l := range hostileLabels[1:6] {
		want = append(want, oneLine(l))
	}
	for _, i := range []int{0, 3, 4, 10} {
		want = append(want, oneLine(hostileLabels[i]))
	}
	want = append(want, "Date "+strconv.FormatFloat(1.5*float64(len(hostileLabels)), 'f', -1, 64))
	if got := strings.Split(strings.TrimRight(out, "\n"), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("R read back\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// PSPP (which runs SPSS syntax) reads every hostile label back exactly,
// within SPSS's byte limits, and keeps only the selected rows.
func TestSPSSKeepsHostileLabelsExact(t *testing.T) {
	pspp := testtool.Require(t, "pspp", "pspp")
	dir := t.TempDir()
	var syntax bytes.Buffer
	if err := WriteSPSS(&syntax, hostileDataset("data.csv")); err != nil {
		t.Fatal(err)
	}
	syntax.WriteString("SAVE TRANSLATE /OUTFILE='out.csv' /TYPE=CSV /FIELDNAMES /CELLS=LABELS /REPLACE.\n")
	if err := os.WriteFile(filepath.Join(dir, "s.sps"), syntax.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "data.csv"), hostileCSV(t), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := testtool.Run(t, dir, pspp, "s.sps"); strings.Contains(out, "error") || strings.Contains(out, "warning") {
		t.Fatalf("PSPP:\n%s\n%s", out, syntax.String())
	}
	data, err := os.ReadFile(filepath.Join(dir, "out.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][4] != "v1bad_name_x" || len(rows) != len(hostileLabels)+1 {
		t.Fatalf("header %v, %d rows", rows[0], len(rows))
	}
	for i, l := range hostileLabels {
		if got := strings.TrimRight(rows[i+1][1], " "); got != strings.TrimRight(oneLine(l), " ") {
			t.Errorf("value label %d: %q, want %q", i, got, oneLine(l))
		}
	}
}

// Stata cannot run here; its quoting is checked by the rules Stata
// applies: inside `"…"' no "' may close the string early, no backtick may
// open a macro, every $ is escaped and no comment marker appears.
func TestStataQuotingDefusesEveryHostileLabel(t *testing.T) {
	for _, l := range hostileLabels {
		checkStataString(t, l)
	}
}

func checkStataString(t *testing.T, l string) {
	t.Helper()
	q := stataString(l)
	inner, ok := strings.CutPrefix(q, "`\"")
	inner, ok2 := strings.CutSuffix(inner, "\"'")
	if !ok || !ok2 {
		t.Fatalf("%q is not in compound quotes: %s", l, q)
	}
	for _, bad := range []string{`"'`, "`", "//", "/*", "*/", "\n", "\r"} {
		if strings.Contains(inner, bad) {
			t.Errorf("stataString(%q) = %s contains %q", l, q, bad)
		}
	}
	if strings.Contains(strings.ReplaceAll(inner, `\$`, ""), "$") || strings.HasSuffix(inner, `\`) {
		t.Errorf("stataString(%q) = %s leaves a macro or escape", l, q)
	}
}

// rUnquote decodes the literals rString writes (the subset of R's escapes
// it uses), to check they mean the text quoted.
func rUnquote(t *testing.T, q string) string {
	t.Helper()
	if len(q) < 2 || q[0] != '"' || q[len(q)-1] != '"' {
		t.Fatalf("not a literal: %s", q)
	}
	var b strings.Builder
	s := q[1 : len(q)-1]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c < 0x20 {
			t.Fatalf("literal %s holds a raw byte %#x", q, c)
		}
		if c == '"' {
			t.Fatalf("literal %s holds an unescaped quote", q)
		}
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case '\\', '"':
			b.WriteByte(s[i])
		case 'u', 'U':
			end := strings.IndexByte(s[i:], '}')
			n, err := strconv.ParseUint(s[i+2:i+end], 16, 32)
			if err != nil || s[i+1] != '{' {
				t.Fatalf("bad escape in %s", q)
			}
			b.WriteRune(rune(n))
			i += end
		default:
			t.Fatalf("unknown escape \\%c in %s", s[i], q)
		}
	}
	return b.String()
}

func FuzzQuoting(f *testing.F) {
	for _, l := range hostileLabels {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkStataString(t, s)
		if got, want := rUnquote(t, rString(s)), strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD"); got != want {
			t.Fatalf("rString(%q) reads back as %q", s, got)
		}
		q := spssString(s, 4)
		for _, piece := range strings.Split(q, " +\n    ") {
			inner, ok := strings.CutPrefix(piece, "'")
			inner, ok2 := strings.CutSuffix(inner, "'")
			if !ok || !ok2 || strings.Contains(strings.ReplaceAll(inner, "''", ""), "'") || strings.ContainsAny(inner, "\n\r") {
				t.Fatalf("spssString(%q) piece %q is not one quoted string", s, piece)
			}
			if len(inner) > 2*spssPieceBytes || !utf8.ValidString(inner) {
				t.Fatalf("spssString(%q) piece %q too long or split inside a character", s, piece)
			}
		}
		// Any data set of such labels renders in every tool without error.
		d := Dataset{Title: s, File: s, Vars: []Variable{{Name: s, Label: s, Kind: Category, Values: []Value{{Code: s, Label: s}}}}}
		for _, write := range []func(*bytes.Buffer, Dataset) error{
			func(b *bytes.Buffer, d Dataset) error { return WriteSPSS(b, d) },
			func(b *bytes.Buffer, d Dataset) error { return WriteStata(b, d) },
			func(b *bytes.Buffer, d Dataset) error { return WriteR(b, d) },
		} {
			var b bytes.Buffer
			if err := write(&b, d); err != nil {
				t.Fatal(err)
			}
		}
		if n := toolNames([]Variable{{Name: s}, {Name: s}}); n[0] == n[1] || len(n[0]) > maxNameBytes || len(n[1]) > maxNameBytes {
			t.Fatalf("toolNames(%q twice) = %v", s, n)
		}
	})
}
