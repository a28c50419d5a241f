package docs_test

import (
	"go/parser"
	"go/token"
	"html"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ipsfidelity/fidelity/api"
	"github.com/ipsfidelity/fidelity/internal/httpapi/docs"
)

func render(t *testing.T) string {
	t.Helper()
	out, err := docs.Render(api.Spec)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return string(out)
}

// TestRenderEveryOperation checks that every path and operation of the
// contract appears, with an anchor, its method and its summary.
func TestRenderEveryOperation(t *testing.T) {
	page := render(t)
	doc, err := openapi3.NewLoader().LoadFromData(api.Spec)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			n++
			anchor := `id="op-` + op.OperationID + `"`
			i := strings.Index(page, anchor)
			if i < 0 {
				t.Errorf("%s %s: no element with %s", method, path, anchor)
				continue
			}
			end := strings.Index(page[i:], "</article>")
			if end < 0 {
				t.Errorf("%s %s: article not closed", method, path)
				continue
			}
			article := page[i : i+end]
			for _, want := range []string{
				`<span class="method ` + strings.ToLower(method) + `">` + method + `</span>`,
				`<span class="path">` + html.EscapeString(path) + `</span>`,
				html.EscapeString(op.Summary),
			} {
				if !strings.Contains(article, want) {
					t.Errorf("%s %s: article lacks %q", method, path, want)
				}
			}
			for code := range op.Responses.Map() {
				if !strings.Contains(article, ">"+code+"</span>") {
					t.Errorf("%s %s: response %s not listed", method, path, code)
				}
			}
		}
	}
	if n < 30 {
		t.Errorf("only %d operations in the spec", n)
	}
	for name := range doc.Components.Schemas {
		if !strings.Contains(page, `id="schema-`+name+`"`) {
			t.Errorf("schema %s not rendered", name)
		}
	}
}

// TestRenderRequestBodyFields checks the nested field list of a request
// body: names, required marks, types, constraints and nested objects.
func TestRenderRequestBodyFields(t *testing.T) {
	page := render(t)
	i := strings.Index(page, `id="op-createCorrection"`)
	if i < 0 {
		t.Fatal("createCorrection not rendered")
	}
	article := page[i : i+strings.Index(page[i:], "</article>")]
	for _, want := range []string{
		`<span class="fname">reason</span><span class="req">required</span>`,
		`length 1–2000`,
		`<span class="fname">item</span><span class="req">required</span><span class="ftype"><a href="#schema-ItemInput">ItemInput</a>`,
		// ItemInput's own fields, nested under item.
		`<span class="fname">specialists</span>`,
		`map of string → number (double)`,
		`no other fields`,
		// Parameters.
		`<code>If-Match</code>`,
		`<code>Idempotency-Key</code>`,
	} {
		if !strings.Contains(article, want) {
			t.Errorf("createCorrection lacks %q", want)
		}
	}

	i = strings.Index(page, `id="op-listReviews"`)
	article = page[i : i+strings.Index(page[i:], "</article>")]
	for _, want := range []string{"repeatable", "default: 50", "≤ 500", `<code>status</code>`} {
		if !strings.Contains(article, want) {
			t.Errorf("listReviews lacks %q", want)
		}
	}
}

// TestRenderSelfContained checks that the page loads nothing from elsewhere
// and runs no script.
func TestRenderSelfContained(t *testing.T) {
	page := strings.ToLower(render(t))
	for _, bad := range []string{"<script", "<link", "<iframe", "<img", "src=", "@import", "url("} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	if strings.Contains(page, `href="http`) {
		t.Error("page links to an external resource")
	}
	if !strings.HasPrefix(page, "<!doctype html>") || !strings.Contains(page, "<style>") {
		t.Error("not a complete HTML page with inline CSS")
	}
	// Markdown in descriptions is rendered, and escaped.
	if !strings.Contains(page, "<h3>review workflow</h3>") || !strings.Contains(page, "<ol><li><strong>plan.</strong>") {
		t.Error("info description markdown not rendered")
	}
}

func TestRenderDeterministic(t *testing.T) {
	a, b := render(t), render(t)
	if a != b {
		t.Error("two renders of the same spec differ")
	}
}

func TestRenderEscapes(t *testing.T) {
	spec := []byte(`openapi: 3.0.3
info: {title: "<b>T</b>", version: "1", description: "a <script>x</script> ` + "`<i>`" + `"}
paths:
  /x/{id}:
    get:
      summary: "<img src=x>"
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200': {description: ok}
`)
	out, err := docs.Render(spec)
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, bad := range []string{"<b>T</b>", "<script>", "<img", "<i>"} {
		if strings.Contains(s, bad) {
			t.Errorf("unescaped %q in output", bad)
		}
	}
	if !strings.Contains(s, "<code>&lt;i&gt;</code>") {
		t.Error("code span not rendered")
	}
	if !strings.Contains(s, `id="op-get-x-id"`) {
		t.Error("operation without operationId has no anchor")
	}
}

func TestRenderRejectsBadSpec(t *testing.T) {
	if _, err := docs.Render([]byte("not: [valid")); err == nil {
		t.Error("want an error for malformed YAML")
	}
}

// TestNoWebDependencies keeps the package a pure function of the spec: it
// must not import gin (or net/http), so any adapter can serve the page.
func TestNoWebDependencies(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		af, err := parser.ParseFile(fset, f, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if strings.Contains(path, "gin-gonic") || path == "net/http" {
				t.Errorf("%s imports %s", f, path)
			}
		}
	}
}
