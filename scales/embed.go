// Package scales ships the published fidelity-scale files
// (<id>/<version>.yaml) and the JSON Schema they are validated against.
//
// Authors: read README.md in this directory before adding or changing a
// file. A published id@version is never edited; a change is a new version.
package scales

import (
	"embed"
	"io/fs"
)

// FS holds every file of this directory tree. The pattern is "*" rather
// than "*/*.yaml" because go:embed refuses a pattern that matches nothing,
// and the tree must build before (and regardless of whether) any scale file
// exists; ScaleFiles picks the scale files out of it.
//
//go:embed *
var FS embed.FS

// Schema is the JSON Schema (draft 2020-12) of the scale format.
//
//go:embed schema/scale.schema.json
var Schema []byte

// SchemaPath is the schema's path inside FS.
const SchemaPath = "schema/scale.schema.json"

// ScaleFiles returns the paths of the scale files in FS, sorted: every
// "<id>/<version>.yaml" one directory below the root.
func ScaleFiles() ([]string, error) {
	return fs.Glob(FS, "*/*.yaml")
}
