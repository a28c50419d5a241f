package fidelity_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// messageCalls are the calls whose string-literal argument (by position)
// becomes a message or a field reason shown to people.
var messageCalls = map[string]int{"add": 1, "Invalid": 0, "Errorf": 1, "Reasonf": 1, "err": 0}

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
	fe := fidelity.Reasonf("values.fte", "must be greater than %s", "0.5")
	if got, want := fe.ReasonIn("nb"), "må være større enn 0,5"; got != want {
		t.Errorf("nb: %q, want %q", got, want)
	}
	if got, want := fe.ReasonIn("en"), "must be greater than 0.5"; got != want {
		t.Errorf("en: %q, want %q", got, want)
	}
	if fe.Reason != "must be greater than 0.5" {
		t.Errorf("the English reason the API shows changed: %q", fe.Reason)
	}
	err := fidelity.Errorf(fidelity.KindConflict, "review %s is finalised and read-only; use a correction", "r1")
	if got := fidelity.MessageIn(err, "nb"); got != "evaluering r1 er ferdigstilt og skrivebeskyttet; bruk en rettelse" {
		t.Errorf("message in nb: %q", got)
	}
	if got := fidelity.MessageIn(fidelity.Invalid("the ratings cannot be submitted yet"), "nb"); got != "vurderingene kan ikke sendes inn ennå" {
		t.Errorf("plain message in nb: %q", got)
	}
	plain := fidelity.FieldError{Field: "x", Reason: "something unknown"}
	if plain.ReasonIn("nb") != "something unknown" {
		t.Error("an untranslated reason must stay as it is")
	}
}
