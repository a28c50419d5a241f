// Package scales ships the published fidelity-scale files
// (<id>/<version>.yaml) and the JSON Schema they are validated against.
//
// Authors: read README.md in this directory before adding or changing a
// file. A published id@version is never edited; a change is a new version.
package scales

import (
	"embed"
	"io/fs"
	"strings"
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

// MapSchema is the JSON Schema (draft 2020-12) of the item-map format
// (maps/<from>_to_<to>.yaml: how one scale version's items carry over to a
// version that supersedes it).
//
//go:embed schema/map.schema.json
var MapSchema []byte

// MapDir is the directory of FS that holds the item maps; the scale
// loader skips it.
const MapDir = "maps"

// SchemaPath is the schema's path inside FS.
const SchemaPath = "schema/scale.schema.json"

// ScaleFiles returns the paths of the scale files in FS, sorted: every
// "<id>/<version>.yaml" one directory below the root, except the item maps
// under MapDir.
func ScaleFiles() ([]string, error) {
	all, err := fs.Glob(FS, "*/*.yaml")
	out := all[:0]
	for _, name := range all {
		if !strings.HasPrefix(name, MapDir+"/") {
			out = append(out, name)
		}
	}
	return out, err
}

// MapFiles returns the paths of the item maps in FS, sorted.
func MapFiles() ([]string, error) { return fs.Glob(FS, MapDir+"/*.yaml") }
