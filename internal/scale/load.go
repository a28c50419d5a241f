package scale

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	slashpath "path"
	"slices"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// MaxFileSize bounds a scale file. The largest real scale is about 60 KiB;
// the limit keeps a hostile upload from costing more than a moment.
const MaxFileSize = 1 << 20

// Parse loads one scale from data; name (usually the file name) prefixes
// every error position. The stages run in order and each reports all its
// faults before the next would run on input it cannot trust:
//
//  1. size limit and YAML parse to a node tree, rejecting anchors/aliases,
//     duplicate keys, NaN/Inf and deep nesting;
//  2. strict decoding into the Go types (unknown fields, wrong types);
//  3. the JSON Schema in scales/schema;
//  4. semantic checks (references, uniqueness, coverage).
//
// Every error is a *fidelity.Error of KindInvalid whose Fields name
// "file:line:col: path".
func Parse(name string, data []byte) (*Scale, error) { return parse(name, data, true) }

// ParseStored parses a scale source that a database already holds. It runs
// every check of Parse except the authoring rules added after files were
// first published (every ratio states its zero denominator; every item is
// placed in or outside each grouping): a version or encoding recorded
// under the earlier rules must keep loading, or a database made by an
// older binary could not start. New and uploaded files go through Parse.
func ParseStored(name string, data []byte) (*Scale, error) { return parse(name, data, false) }

func parse(name string, data []byte, authoring bool) (*Scale, error) {
	if len(data) > MaxFileSize {
		return nil, invalidFile(name, fmt.Sprintf("the file is %d bytes; the limit is %d", len(data), MaxFileSize))
	}
	ps := &problems{file: name}
	root, refs := parseDocument(data, ps)
	if !ps.empty() {
		return nil, ps.err()
	}
	s := decodeStrict(data, refs, ps)
	if !ps.empty() {
		return nil, ps.err()
	}
	validateSchema(root, ps)
	if !ps.empty() {
		return nil, ps.err()
	}
	validateSemantics(s, ps, authoring)
	if !ps.empty() {
		return nil, ps.err()
	}
	sum := sha256.Sum256(data)
	s.Checksum = hex.EncodeToString(sum[:])
	s.Origin = name
	s.Raw = slices.Clone(data)
	return s, nil
}

// LoadFile reads and parses one scale file.
func LoadFile(name string) (*Scale, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fidelity.Wrap(fidelity.KindInvalid, err, "cannot read scale file "+name)
	}
	defer f.Close()
	data, err := readLimited(f, name)
	if err != nil {
		return nil, err
	}
	return Parse(name, data)
}

// readLimited reads at most MaxFileSize+1 bytes so an oversized file is
// detected without reading all of it.
func readLimited(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fidelity.Wrap(fidelity.KindInvalid, err, "cannot read scale file "+name)
	}
	if len(data) > MaxFileSize {
		return nil, invalidFile(name, fmt.Sprintf("the file exceeds the limit of %d bytes", MaxFileSize))
	}
	return data, nil
}

// LoadFS parses every *.yaml file under root in fsys, in lexical order.
// Files are expected at <id>/<version>.yaml relative to root, and the
// path must agree with the file's id and version, so a catalog directory
// cannot hold a file that claims to be another version. All files are
// tried; the error lists the faults of every invalid file.
func LoadFS(fsys fs.FS, root string) ([]*Scale, error) {
	return loadTree(fsys, root, func(name string) string { return name })
}

// loadTree is LoadFS with display turning a path inside fsys into the name
// errors and Origin show (a real directory shows its full path).
func loadTree(fsys fs.FS, root string, display func(string) string) ([]*Scale, error) {
	var names []string
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && isMapDir(p, root) {
			return fs.SkipDir // item maps, loaded by loadMaps
		}
		if !d.IsDir() && strings.HasSuffix(p, ".yaml") {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, fidelity.Wrap(fidelity.KindInvalid, err, "cannot read scale directory "+display(root))
	}
	slices.Sort(names)
	var (
		out    []*Scale
		fields []fidelity.FieldError
	)
	for _, name := range names {
		s, err := loadFSFile(fsys, root, name, display(name))
		if err != nil {
			fields = append(fields, fieldsOrMessage(err, display(name))...)
			continue
		}
		out = append(out, s)
	}
	if len(fields) > 0 {
		return out, &fidelity.Error{Kind: fidelity.KindInvalid, Message: "invalid scale files under " + display(root), Fields: fields}
	}
	return out, nil
}

func loadFSFile(fsys fs.FS, root, name, shown string) (*Scale, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fidelity.Wrap(fidelity.KindInvalid, err, "cannot read scale file "+shown)
	}
	defer f.Close()
	data, err := readLimited(f, shown)
	if err != nil {
		return nil, err
	}
	s, err := Parse(shown, data)
	if err != nil {
		return nil, err
	}
	rel := strings.TrimPrefix(name, strings.TrimSuffix(root, "/")+"/")
	if root == "." {
		rel = name
	}
	if want := s.ID + "/" + s.Version + ".yaml"; rel != want {
		ps := &problems{file: shown}
		ps.root, _ = parseDocument(data, ps)
		ps.at(path{"id"}, "a scale with id %q and version %q belongs in %s", s.ID, s.Version, slashpath.Join(root, want))
		return nil, ps.err()
	}
	return s, nil
}

// fieldsOrMessage flattens an error into field errors so the faults of
// several files fit one error value.
func fieldsOrMessage(err error, name string) []fidelity.FieldError {
	var fe *fidelity.Error
	if errors.As(err, &fe) && len(fe.Fields) > 0 {
		return fe.Fields
	}
	return []fidelity.FieldError{{Field: name, Reason: err.Error()}}
}
