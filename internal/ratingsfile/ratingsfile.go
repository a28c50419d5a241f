// Package ratingsfile reads a set of item inputs from a file for offline
// scoring (`fidelity score`) and bulk import: YAML, JSON or CSV.
//
// YAML and JSON carry the same document as the REST API's rating body:
//
//	scale: se-fidelity@2008        # optional; --scale on the command line wins
//	items:
//	  - item: S1
//	    values: {active_clients: 38, specialist_fte: 2}
//	  - item: O2
//	    elements: [a, b, c]
//	  - item: O6
//	    score: 4
//	    evidence: "No exclusion criteria in the referral policy."
//	    sources: [DOC, INT]
//
// A bare list of items (JSON array, YAML sequence) is read as the items.
//
// CSV is long, one field per row, with the header `item,field,value`:
//
//	item,field,value
//	S1,values.active_clients,38
//	S1,values.specialist_fte,2
//	O2,elements,a;b;c
//	Sv6,specialists.1.values.employer_contacts_per_week,6
//	Sv6,choices.tracking,weekly
//	O6,score,4
//	O6,sources,DOC;INT
//
// Fields: score, values.<input>, choices.<input>, elements (';'-separated),
// specialists.<n>.score, specialists.<n>.label, specialists.<n>.values.<input>,
// specialists.<n>.choices.<input> (n counts from 1), evidence, sources
// (';'-separated). Rows of one item need not be adjacent; item order
// follows first appearance.
//
// Every parser error names the line (and for CSV the column) and the field.
package ratingsfile

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// MaxSize bounds a ratings file; a complete review is a few kilobytes.
const MaxSize = 4 << 20

// MaxItems bounds the item count of one file.
const MaxItems = 500

// File is a parsed ratings file.
type File struct {
	Scale string               `json:"scale,omitempty"`
	Items []fidelity.ItemInput `json:"items"`
}

// Format names a file format.
type Format string

const (
	YAML Format = "yaml"
	JSON Format = "json"
	CSV  Format = "csv"
)

// FormatOf guesses the format from a file name, falling back to sniffing.
func FormatOf(name string, data []byte) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return JSON
	case ".csv":
		return CSV
	case ".yaml", ".yml":
		return YAML
	}
	trimmed := bytes.TrimSpace(data)
	switch {
	case bytes.HasPrefix(trimmed, []byte("{")), bytes.HasPrefix(trimmed, []byte("[")):
		return JSON
	case bytes.HasPrefix(trimmed, []byte("item,field,value")):
		return CSV
	}
	return YAML
}

// Parse reads data in the given format. name is used in error messages.
func Parse(name string, data []byte, f Format) (File, error) {
	if len(data) > MaxSize {
		return File{}, invalid(name, "", fmt.Sprintf("the file is %d bytes; the limit is %d", len(data), MaxSize))
	}
	var (
		out File
		err error
	)
	switch f {
	case JSON:
		out, err = parseJSON(name, data)
	case CSV:
		out, err = parseCSV(name, data)
	case YAML:
		out, err = parseYAML(name, data)
	default:
		return File{}, invalid(name, "", "unknown format "+string(f)+" (want yaml, json or csv)")
	}
	if err != nil {
		return File{}, err
	}
	if len(out.Items) > MaxItems {
		return File{}, invalid(name, "items", fmt.Sprintf("%d items; at most %d", len(out.Items), MaxItems))
	}
	return out, nil
}

func invalid(name, field, reason string) error {
	return fidelity.Invalid("cannot read ratings file "+name, fidelity.FieldError{Field: field, Reason: reason})
}
