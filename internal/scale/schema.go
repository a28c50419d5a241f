package scale

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/ipsfidelity/fidelity/scales"
)

const schemaURL = "https://github.com/ipsfidelity/fidelity/scales/schema/scale.schema.json"

// compiledSchema compiles the embedded schema once. The schema ships with
// the binary, so a failure here is a build defect that every load reports.
var compiledSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	return compileSchema(schemaURL, scales.Schema)
})

// compileSchema compiles one of the embedded, self-contained schemas.
func compileSchema(schemaURL string, raw []byte) (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("scale schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	// No loader: the schema is self-contained and must never fetch anything.
	c.UseLoader(jsonschema.SchemeURLLoader{})
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(schemaURL, doc); err != nil {
		return nil, fmt.Errorf("scale schema: %w", err)
	}
	sch, err := c.Compile(schemaURL)
	if err != nil {
		return nil, fmt.Errorf("scale schema: %w", err)
	}
	return sch, nil
}

var printer = message.NewPrinter(language.English)

// validateSchema checks the document against scales/schema/scale.schema.json
// and reports every leaf violation at the node it concerns.
func validateSchema(root *yaml.Node, ps *problems) {
	validateAgainst(compiledSchema, root, ps)
}

// validateAgainst checks the document against the schema compiled by
// compiled and reports every leaf violation at the node it concerns.
func validateAgainst(compiled func() (*jsonschema.Schema, error), root *yaml.Node, ps *problems) {
	sch, err := compiled()
	if err != nil {
		ps.atNode(nil, "", "%v", err)
		return
	}
	verr, ok := sch.Validate(toJSON(root)).(*jsonschema.ValidationError)
	if !ok || verr == nil {
		return
	}
	var leaves []*jsonschema.ValidationError
	collectLeaves(verr, &leaves)
	for _, e := range leaves {
		reportSchemaError(root, e, ps)
	}
}

func collectLeaves(e *jsonschema.ValidationError, out *[]*jsonschema.ValidationError) {
	if len(e.Causes) == 0 {
		*out = append(*out, e)
		return
	}
	for _, c := range e.Causes {
		collectLeaves(c, out)
	}
}

func reportSchemaError(root *yaml.Node, e *jsonschema.ValidationError, ps *problems) {
	if ps.full() {
		return
	}
	p := instancePath(root, e.InstanceLocation)
	n := locate(root, p)
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		ps.atNode(n, p.String(), "missing required field %s", quoteAll(k.Missing))
	case *kind.AdditionalProperties:
		for _, name := range k.Properties {
			ps.atNode(orNode(keyNode(n, name), n), p.with(name).String(), "unknown field %q", name)
		}
	case *kind.PropertyNames:
		ps.atNode(orNode(keyNode(n, k.Property), n), p.with(k.Property).String(), "invalid key %q", k.Property)
	case *kind.Type:
		reason := fmt.Sprintf("wrong type: got %s, want %s", k.Got, strings.Join(k.Want, " or "))
		if len(k.Want) == 1 && k.Want[0] == "string" && n != nil && n.Kind == yaml.ScalarNode {
			reason += fmt.Sprintf(" (quote it: %q)", n.Value)
		}
		ps.atNode(n, p.String(), "%s", reason)
	case *kind.Enum:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = fmt.Sprint(w)
		}
		ps.atNode(n, p.String(), "%q is not one of %s", fmt.Sprint(k.Got), strings.Join(want, ", "))
	default:
		ps.atNode(n, p.String(), "%s", e.ErrorKind.LocalizedString(printer))
	}
}

func orNode(a, b *yaml.Node) *yaml.Node {
	if a != nil {
		return a
	}
	return b
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// instancePath turns a JSON-pointer token list into a path, using the node
// tree to tell sequence indexes from mapping keys that look like numbers
// (anchor levels).
func instancePath(root *yaml.Node, tokens []string) path {
	p := make(path, 0, len(tokens))
	n := root
	for _, t := range tokens {
		if n != nil && n.Kind == yaml.SequenceNode {
			if i, err := strconv.Atoi(t); err == nil {
				p = append(p, i)
				n = child(n, i)
				continue
			}
		}
		p = append(p, t)
		if n != nil {
			n = child(n, t)
		}
	}
	return p
}

// toJSON converts the node tree into the value model the validator expects
// (map[string]any, []any, string, bool, nil and numbers). Scalars keep the
// type YAML resolved for them, so `version: 2008` is a number and the schema
// asks for quotes rather than the value silently changing type.
func toJSON(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = toJSON(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, c := range n.Content {
			s[i] = toJSON(c)
		}
		return s
	case yaml.ScalarNode:
		return scalarJSON(n)
	}
	return nil
}

func scalarJSON(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if safeDecode(func() error { return n.Decode(&b) }) == nil {
			return b
		}
	case "!!int":
		var v any
		if safeDecode(func() error { return n.Decode(&v) }) == nil {
			switch x := v.(type) {
			case int, int64, uint64:
				return x
			}
		}
	case "!!float":
		var f float64
		if safeDecode(func() error { return n.Decode(&f) }) == nil {
			return f
		}
	}
	return n.Value
}
