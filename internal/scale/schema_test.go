package scale

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/scales"
)

// yamlFields lists the YAML keys of a struct type, following inline
// fields (Bounds) the way the decoder does.
func yamlFields(t reflect.Type) []string {
	var out []string
	for f := range t.Fields() {
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		switch {
		case name == "-":
		case strings.Contains(opts, "inline"):
			out = append(out, yamlFields(f.Type)...)
		case name != "":
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// TestSchemaMirrorsTypes fails when a field is added to the Go types
// without the schema (or the other way round): the schema is the format's
// published contract and must name exactly what the decoder accepts.
func TestSchemaMirrorsTypes(t *testing.T) {
	type object struct {
		Properties map[string]json.RawMessage `json:"properties"`
		Additional *bool                      `json:"additionalProperties"`
	}
	var doc struct {
		object
		Defs map[string]object `json:"$defs"`
	}
	if err := json.Unmarshal(scales.Schema, &doc); err != nil {
		t.Fatal(err)
	}
	cases := map[string]reflect.Type{
		"":           reflect.TypeFor[Scale](),
		"text":       reflect.TypeFor[Text](),
		"looseText":  reflect.TypeFor[Text](),
		"source":     reflect.TypeFor[Source](),
		"levels":     reflect.TypeFor[Levels](),
		"missing":    reflect.TypeFor[MissingData](),
		"dataSource": reflect.TypeFor[DataSource](),
		"section":    reflect.TypeFor[Section](),
		"grouping":   reflect.TypeFor[Grouping](),
		"group":      reflect.TypeFor[Group](),
		"item":       reflect.TypeFor[Item](),
		"element":    reflect.TypeFor[Element](),
		"rule":       reflect.TypeFor[Rule](),
		"input":      reflect.TypeFor[Input](),
		"option":     reflect.TypeFor[Option](),
		"derive":     reflect.TypeFor[Derive](),
		"domain":     reflect.TypeFor[Domain](),
		"interval":   reflect.TypeFor[Interval](),
		"cap":        reflect.TypeFor[Cap](),
		"band":       reflect.TypeFor[Band](),
	}
	for def, typ := range cases {
		obj := doc.object
		if def != "" {
			var ok bool
			if obj, ok = doc.Defs[def]; !ok {
				t.Errorf("schema has no $defs/%s", def)
				continue
			}
		}
		var props []string
		for k := range obj.Properties {
			props = append(props, k)
		}
		slices.Sort(props)
		if want := yamlFields(typ); !slices.Equal(props, want) {
			t.Errorf("schema %q properties %v, Go type %s has %v", def, props, typ, want)
		}
		if obj.Additional == nil || *obj.Additional {
			t.Errorf("schema %q must set additionalProperties: false", def)
		}
	}
}

func TestSchemaCompiles(t *testing.T) {
	if _, err := compiledSchema(); err != nil {
		t.Fatal(err)
	}
}
