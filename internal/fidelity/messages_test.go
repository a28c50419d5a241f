package fidelity_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// messageCalls are the calls whose string-literal argument (by position)
// becomes a message or a field reason shown to people.
var messageCalls = map[string]int{"add": 1, "because": 0, "Invalid": 0, "Errorf": 1, "Reasonf": 1, "err": 0}

// TestEveryServiceMessageIsTranslated: a Norwegian reader never meets an
// English validation message. Every message literal the service and scoring
// layers build has a Norwegian text.
func TestEveryServiceMessageIsTranslated(t *testing.T) {
	n := 0
	for _, dir := range []string{"../service", "../scoring"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			fs := token.NewFileSet()
			af, err := parser.ParseFile(fs, f, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(af, func(node ast.Node) bool {
				// FieldError{Reason: "…"} literals are keys too.
				if kv, ok := node.(*ast.KeyValueExpr); ok {
					if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Reason" {
						if lit, ok := kv.Value.(*ast.BasicLit); ok && lit.Kind == token.STRING {
							s, _ := strconv.Unquote(lit.Value)
							n++
							if !fidelity.HasTranslation(s) {
								t.Errorf("%s: %q has no Norwegian text in internal/fidelity/messages.go", fs.Position(lit.Pos()), s)
							}
						}
					}
				}
				call, ok := node.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				i, ok := messageCalls[sel.Sel.Name]
				if !ok || len(call.Args) <= i {
					return true
				}
				lit, ok := call.Args[i].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, _ := strconv.Unquote(lit.Value)
				n++
				if !fidelity.HasTranslation(s) {
					t.Errorf("%s: %q has no Norwegian text in internal/fidelity/messages.go", fs.Position(lit.Pos()), s)
				}
				return true
			})
		}
	}
	if n < 50 {
		t.Fatalf("found only %d messages; the scan no longer sees the service's calls", n)
	}
}

func TestReasonsInNorwegian(t *testing.T) {
	fe := fidelity.FieldError{Field: "values.fte", Reason: "must be greater than 0.5"}
	if got, want := fe.ReasonIn("nb"), "må være større enn 0,5"; got != want {
		t.Errorf("nb: %q, want %q", got, want)
	}
	if got := fe.ReasonIn("en"); got != fe.Reason {
		t.Errorf("en: %q", got)
	}
	// The more specific format wins: "at most %d characters", not "at most %s".
	if got, want := fidelity.Translate("nb", "must be at most 200 characters"), "kan være høyst 200 tegn"; got != want {
		t.Errorf("specific format: %q, want %q", got, want)
	}
	err := fidelity.Errorf(fidelity.KindConflict, "review %s is finalised and read-only; use a correction", "r1")
	if got := fidelity.MessageIn(err, "nb"); got != "evaluering r1 er ferdigstilt og skrivebeskyttet; bruk en rettelse" {
		t.Errorf("message in nb: %q", got)
	}
	if got := fidelity.MessageIn(fidelity.Invalid("the ratings cannot be submitted yet"), "nb"); got != "vurderingene kan ikke sendes inn ennå" {
		t.Errorf("plain message in nb: %q", got)
	}
	if got := fidelity.Translate("nb", "something unknown"); got != "something unknown" {
		t.Errorf("an untranslated text must stay as it is: %q", got)
	}
	if got, want := fidelity.Translate("nb", `is not used by judged item S3: the score follows from the inputs`),
		"brukes ikke for punkt S3 (judged): skåren følger av tallene som er fylt inn"; got != want {
		t.Errorf("reordered arguments: %q, want %q", got, want)
	}
}

// TestEachFormatFindsItsOwnTranslation: a text printed from any format is
// translated with that format's Norwegian text, not a look-alike's.
func TestEachFormatFindsItsOwnTranslation(t *testing.T) {
	verb := regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*\d*(?:\.\d+)?[sdqvf]`)
	for _, en := range fidelity.MessageFormats() {
		n := 0
		printed := verb.ReplaceAllStringFunc(en, func(string) string { n++; return "«a" + strconv.Itoa(n) + "»" })
		n = 0
		want := verb.ReplaceAllStringFunc(fidelity.MessageNB(en), func(v string) string {
			if m := verb.FindStringSubmatch(v); m[1] != "" {
				return "«a" + m[1] + "»"
			}
			n++
			return "«a" + strconv.Itoa(n) + "»"
		})
		if got := fidelity.Translate("nb", printed); got != want {
			t.Errorf("%q\n printed %q\n got     %q\n want    %q", en, printed, got, want)
		}
	}
}
