package scale

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// maxDepth bounds nesting. The format itself needs about ten levels
// (document → items → item → rule → intervals → interval → note → en); the
// limit turns pathological input into an error before anything recurses
// over it.
const maxDepth = 24

// maxKeys bounds the keys of one mapping. The largest mapping of the format
// has about fifteen keys (anchors one per level); the limit matters because
// the YAML library checks duplicate keys pairwise, so a mapping of 100,000
// keys would take minutes to decode.
const maxKeys = 256

// nodeRef is one node of the parsed document with its rendered path, kept
// in document order so that decoder messages, which only carry a line, can
// be pinned to a column and a path.
type nodeRef struct {
	node  *yaml.Node
	path  string
	isKey bool
}

// parseDocument parses data into a node tree and rejects what the format
// never needs but an attacker or a typo could bring: several documents,
// anchors and aliases (the "billion laughs" expansion), merge keys, custom
// tags, non-scalar keys, duplicate keys, NaN/Inf and excessive depth.
// Parsing to nodes does not expand aliases, so this is safe to run first.
func parseDocument(data []byte, ps *problems) (root *yaml.Node, refs []nodeRef) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := safeDecode(func() error { return dec.Decode(&doc) }); err != nil {
		if errors.Is(err, io.EOF) {
			ps.atNode(nil, "", "the file is empty")
		} else {
			syntaxProblem(err, ps)
		}
		return nil, nil
	}
	var extra yaml.Node
	switch err := safeDecode(func() error { return dec.Decode(&extra) }); {
	case errors.Is(err, io.EOF):
	case err != nil:
		syntaxProblem(err, ps)
		return nil, nil
	default:
		ps.atNode(&extra, "", "a scale file holds exactly one YAML document")
		return nil, nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		ps.atNode(nil, "", "the file is empty")
		return nil, nil
	}
	root = doc.Content[0]
	if root.Kind != yaml.MappingNode {
		ps.atNode(root, "", "the top level must be a mapping (id: …, version: …)")
		return nil, nil
	}
	ps.root = root
	w := walker{ps: ps}
	w.walk(root, nil, 1)
	return root, w.refs
}

// safeDecode turns a panic inside the YAML library into an error: the
// loader reads untrusted files and must answer with KindInvalid, not crash.
func safeDecode(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: cannot parse: %v", r)
		}
	}()
	return f()
}

var lineRE = regexp.MustCompile(`^yaml: line (\d+): `)

// syntaxProblem moves the library's "yaml: line N:" prefix into the
// problem's position so every message has the same shape. The library
// reports where the enclosing block starts rather than the faulty
// character, and no column, so the message says "near".
func syntaxProblem(err error, ps *problems) {
	msg := err.Error()
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		ps.list = append(ps.list, problem{line: line, col: 1, reason: "syntax error near this line: " + msg[len(m[0]):]})
		return
	}
	ps.atNode(nil, "", "syntax error: %s", strings.TrimPrefix(msg, "yaml: "))
}

type walker struct {
	ps   *problems
	refs []nodeRef
}

var allowedTags = map[string]bool{
	"!!str": true, "!!int": true, "!!float": true, "!!bool": true, "!!null": true,
	"!!map": true, "!!seq": true, "!!timestamp": true,
}

func (w *walker) walk(n *yaml.Node, p path, depth int) {
	w.refs = append(w.refs, nodeRef{node: n, path: p.String()})
	if depth > maxDepth {
		w.ps.atNode(n, p.String(), "nested deeper than %d levels", maxDepth)
		return
	}
	if n.Anchor != "" {
		w.ps.atNode(n, p.String(), "YAML anchors (&%s) are not allowed, repeat the text instead", n.Anchor)
	}
	if n.Kind == yaml.AliasNode {
		w.ps.atNode(n, p.String(), "YAML aliases (*%s) are not allowed, repeat the text instead", n.Value)
		return
	}
	if tag := n.ShortTag(); !allowedTags[tag] {
		w.ps.atNode(n, p.String(), "YAML tag %s is not allowed", tag)
		return
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.ShortTag() == "!!float" {
			if f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err == nil && (math.IsNaN(f) || math.IsInf(f, 0)) {
				w.ps.atNode(n, p.String(), "NaN and infinite numbers are not allowed (%s)", n.Value)
			} else if isSpecialFloat(n.Value) {
				w.ps.atNode(n, p.String(), "NaN and infinite numbers are not allowed (%s)", n.Value)
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			w.walk(c, p.with(i), depth+1)
		}
	case yaml.MappingNode:
		if len(n.Content)/2 > maxKeys {
			w.ps.atNode(n, p.String(), "a mapping with %d keys, more than the %d a scale file can need", len(n.Content)/2, maxKeys)
			return
		}
		seen := make(map[string]int, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode || k.Anchor != "" {
				w.ps.atNode(k, p.String(), "mapping keys must be plain words or numbers")
				continue
			}
			if k.ShortTag() == "!!merge" {
				w.ps.atNode(k, p.String(), "merge keys (<<) are not allowed")
				continue
			}
			kp := p.with(k.Value)
			w.refs = append(w.refs, nodeRef{node: k, path: kp.String(), isKey: true})
			if first, dup := seen[k.Value]; dup {
				w.ps.atNode(k, kp.String(), "duplicate key %q (first at line %d)", k.Value, first)
				continue
			}
			seen[k.Value] = k.Line
			w.walk(v, kp, depth+1)
		}
	}
}

// isSpecialFloat recognises YAML's spellings of NaN and infinity, which
// strconv does not parse.
func isSpecialFloat(s string) bool {
	switch strings.TrimLeft(s, "+-") {
	case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF":
		return true
	}
	return false
}

var (
	decodeLineRE = regexp.MustCompile(`^line (\d+): (.*)$`)
	unknownRE    = regexp.MustCompile(`^field (.+) not found in type \S+$`)
	unmarshalRE  = regexp.MustCompile("^cannot unmarshal (\\S+)(?: `([^`]*)`)? into (\\S+)$")
)

// decodeStrict decodes data into a Scale with unknown fields rejected. It
// runs only after parseDocument accepted the file, so no alias can expand.
// The decoder reports only a line; refs pin each message to a column and a
// path.
func decodeStrict(data []byte, refs []nodeRef, ps *problems) *Scale {
	var s Scale
	if !decodeStrictInto(data, refs, ps, &s) {
		return nil
	}
	return &s
}

// decodeStrictInto is decodeStrict for any target type (scales, item
// maps); it reports false after recording the decoder's faults.
func decodeStrictInto(data []byte, refs []nodeRef, ps *problems, v any) bool {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err := safeDecode(func() error { return dec.Decode(v) })
	if err == nil {
		return true
	}
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		ps.atNode(nil, "", "%s", strings.TrimPrefix(err.Error(), "yaml: "))
		return false
	}
	byLine := make(map[int][]nodeRef)
	for _, r := range refs {
		byLine[r.node.Line] = append(byLine[r.node.Line], r)
	}
	for _, msg := range te.Errors {
		if ps.full() {
			continue
		}
		m := decodeLineRE.FindStringSubmatch(msg)
		if m == nil {
			ps.atNode(nil, "", "%s", msg)
			continue
		}
		line, _ := strconv.Atoi(m[1])
		reason := m[2]
		if u := unknownRE.FindStringSubmatch(reason); u != nil {
			ref := findRef(byLine[line], line, func(r nodeRef) bool { return r.isKey && r.node.Value == u[1] })
			ps.atNode(ref.node, ref.path, "unknown field %q", u[1])
			continue
		}
		if u := unmarshalRE.FindStringSubmatch(reason); u != nil {
			shown := strings.TrimSuffix(u[2], "...")
			ref := findRef(byLine[line], line, func(r nodeRef) bool {
				if r.isKey {
					return false
				}
				switch u[1] {
				case "!!seq":
					return r.node.Kind == yaml.SequenceNode
				case "!!map":
					return r.node.Kind == yaml.MappingNode
				}
				return r.node.Kind == yaml.ScalarNode && strings.HasPrefix(r.node.Value, shown)
			})
			ps.atNode(ref.node, ref.path, "wrong type: cannot use %s as %s", describe(u[1], u[2]), goTypeName(u[3]))
			continue
		}
		ref := findRef(byLine[line], line, func(nodeRef) bool { return false })
		ps.atNode(ref.node, ref.path, "%s", reason)
	}
	return false
}

// findRef returns the first node of refs (the nodes on line) that matches
// want, else the first value node, else a position-only reference to the
// line.
func findRef(refs []nodeRef, line int, want func(nodeRef) bool) nodeRef {
	var fallback *nodeRef
	for i := range refs {
		r := refs[i]
		if want(r) {
			return r
		}
		if fallback == nil && !r.isKey {
			fallback = &refs[i]
		}
	}
	if fallback != nil {
		return *fallback
	}
	return nodeRef{node: &yaml.Node{Line: line, Column: 1}}
}

func describe(tag, value string) string {
	kinds := map[string]string{
		"!!str": "text", "!!int": "integer", "!!float": "number", "!!bool": "boolean",
		"!!null": "null", "!!seq": "a list", "!!map": "a mapping", "!!timestamp": "date",
	}
	k, ok := kinds[tag]
	if !ok {
		k = tag
	}
	if value == "" {
		return k
	}
	return fmt.Sprintf("%s %q", k, value)
}

// goTypeName translates Go type names in decoder messages into the
// format's vocabulary.
func goTypeName(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map[") || t == "scale.Anchors":
		return "a mapping"
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint"):
		return "an integer"
	case strings.HasPrefix(t, "float") || t == "*float64":
		return "a number"
	case t == "bool":
		return "a boolean (true/false)"
	case t == "string" || t == "scale.ItemType" || t == "scale.Aggregation" || t == "scale.DeriveKind":
		return "text"
	case strings.HasPrefix(t, "scale.") || strings.HasPrefix(t, "fidelity."):
		return "a mapping"
	}
	return t
}
