package scale

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// path addresses a node of the document: string elements are mapping keys,
// int elements are sequence indexes. It renders as "items[3].anchors.2.nb",
// the form authors see in every error.
type path []any

func (p path) String() string {
	var b strings.Builder
	for _, el := range p {
		switch v := el.(type) {
		case int:
			b.WriteString("[" + strconv.Itoa(v) + "]")
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			fmt.Fprint(&b, v)
		}
	}
	if b.Len() == 0 {
		return "(document)"
	}
	return b.String()
}

// with returns a copy of p extended by els; copying keeps sibling paths
// built from one parent independent.
func (p path) with(els ...any) path {
	out := make(path, 0, len(p)+len(els))
	return append(append(out, p...), els...)
}

// maxProblems bounds the problems reported for one file, maxRecorded those
// kept while checking. Past maxRecorded problems are only counted: locating
// each one walks the node tree, and a hostile file with a problem on every
// one of a hundred thousand nodes would otherwise cost quadratic time.
const (
	maxProblems = 50
	maxRecorded = 200
)

// problem is one load error before it becomes a fidelity.FieldError. Line
// and column are kept apart so the list can be sorted by position.
type problem struct {
	line, col int
	path      string
	reason    string
}

// problems collects every error of one file so authors see all of them at
// once instead of fixing one per run.
type problems struct {
	file    string
	what    string     // what the file is, for the message; "" = "scale file"
	root    *yaml.Node // the document's top node; nil before parsing succeeded
	list    []problem
	dropped int // problems past maxRecorded, counted only
}

// full reports whether further problems are only counted; callers skip
// the work of locating them.
func (ps *problems) full() bool {
	if len(ps.list) >= maxRecorded {
		ps.dropped++
		return true
	}
	return false
}

// at records a problem at the node addressed by p; when p names something
// absent (a missing key), the nearest existing ancestor gives the position.
func (ps *problems) at(p path, format string, args ...any) {
	if ps.full() {
		return
	}
	line, col := 0, 0
	if n := locate(ps.root, p); n != nil {
		line, col = n.Line, n.Column
	}
	ps.list = append(ps.list, problem{line: line, col: col, path: p.String(), reason: fmt.Sprintf(format, args...)})
}

// atNode records a problem at a known node.
func (ps *problems) atNode(n *yaml.Node, p string, format string, args ...any) {
	if ps.full() {
		return
	}
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Column
	}
	ps.list = append(ps.list, problem{line: line, col: col, path: p, reason: fmt.Sprintf(format, args...)})
}

func (ps *problems) empty() bool { return len(ps.list) == 0 && ps.dropped == 0 }

// err turns the collected problems into one KindInvalid error, sorted by
// position and without exact duplicates (two checks may see one fault).
func (ps *problems) err() error {
	if ps.empty() {
		return nil
	}
	list := slices.Clone(ps.list)
	slices.SortStableFunc(list, func(a, b problem) int {
		return cmp.Or(cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col))
	})
	list = slices.Compact(list)
	// A hostile file can produce one problem per node; past a screenful
	// more of them help nobody and only cost memory.
	more := ps.dropped
	if len(list) > maxProblems {
		more += len(list) - maxProblems
		list = list[:maxProblems]
	}
	fields := make([]fidelity.FieldError, len(list), len(list)+1)
	for i, p := range list {
		fields[i] = fidelity.FieldError{Field: p.field(ps.file), Reason: p.reason}
	}
	if more > 0 {
		fields = append(fields, fidelity.FieldError{Field: ps.file, Reason: fmt.Sprintf("%d more problems not shown", more)})
	}
	msg := "invalid " + cmp.Or(ps.what, "scale file") + " " + ps.file
	if n := len(list) + more; n > 1 {
		msg += fmt.Sprintf(" (%d problems)", n)
	}
	return &fidelity.Error{Kind: fidelity.KindInvalid, Message: msg, Fields: fields}
}

// field renders "file:line:col: path", the position editors jump to.
func (p problem) field(file string) string {
	pos := file
	if p.line > 0 {
		pos += fmt.Sprintf(":%d:%d", p.line, p.col)
	}
	if p.path == "" {
		return pos
	}
	return pos + ": " + p.path
}

// invalidFile is a whole-file error with no position (too large, unreadable).
func invalidFile(file, reason string) error {
	return fidelity.Invalid("invalid scale file "+file, fidelity.FieldError{Field: file, Reason: reason})
}

// locate follows p from root and returns the deepest node reached: the node
// itself when it exists, else its nearest existing ancestor.
func locate(root *yaml.Node, p path) *yaml.Node {
	n := root
	if n == nil {
		return nil
	}
	for _, el := range p {
		next := child(n, el)
		if next == nil {
			return n
		}
		n = next
	}
	return n
}

// child returns the value under key (mappings) or index (sequences).
func child(n *yaml.Node, el any) *yaml.Node {
	switch n.Kind {
	case yaml.MappingNode:
		key := fmt.Sprint(el)
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				return n.Content[i+1]
			}
		}
	case yaml.SequenceNode:
		i, ok := el.(int)
		if !ok {
			s, isStr := el.(string)
			if !isStr {
				return nil
			}
			var err error
			if i, err = strconv.Atoi(s); err != nil {
				return nil
			}
		}
		if i >= 0 && i < len(n.Content) {
			return n.Content[i]
		}
	}
	return nil
}

// keyNode returns the key node of key in mapping n, for errors about the
// key itself (unknown or duplicate keys).
func keyNode(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i]
		}
	}
	return nil
}
