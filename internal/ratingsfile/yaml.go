package ratingsfile

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// maxDepth bounds nesting; a ratings document is at most five levels deep.
const maxDepth = 12

// parseYAML reads YAML by converting its node tree to JSON (rejecting
// aliases, which defuses "billion laughs", and NaN/Inf), then decoding that
// strictly, so YAML and JSON accept exactly the same documents.
func parseYAML(name string, data []byte) (File, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return File{}, invalid(name, "", "malformed YAML: "+err.Error())
	}
	if root.Kind == 0 {
		return File{}, invalid(name, "", "the file is empty")
	}
	v, err := toJSONValue(name, &root, 0)
	if err != nil {
		return File{}, err
	}
	js, err := json.Marshal(v)
	if err != nil {
		return File{}, invalid(name, "", err.Error())
	}
	return parseJSON(name, js)
}

func toJSONValue(name string, n *yaml.Node, depth int) (any, error) {
	at := fmt.Sprintf("%s:%d:%d", name, n.Line, n.Column)
	if depth > maxDepth {
		return nil, invalid(at, "", "nested too deeply")
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, invalid(at, "", "the file is empty")
		}
		return toJSONValue(name, n.Content[0], depth+1)
	case yaml.AliasNode:
		return nil, invalid(at, "", "YAML aliases are not allowed in ratings files")
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				return nil, invalid(fmt.Sprintf("%s:%d:%d", name, k.Line, k.Column), "", "keys must be plain strings")
			}
			if _, dup := m[k.Value]; dup {
				return nil, invalid(fmt.Sprintf("%s:%d:%d", name, k.Line, k.Column), k.Value, "duplicate key")
			}
			v, err := toJSONValue(name, n.Content[i+1], depth+1)
			if err != nil {
				return nil, err
			}
			m[k.Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := toJSONValue(name, c, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.ScalarNode:
		return scalar(at, n)
	}
	return nil, invalid(at, "", "unsupported YAML node")
}

func scalar(at string, n *yaml.Node) (any, error) {
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, invalid(at, "", err.Error())
		}
		return b, nil
	case "!!int", "!!float":
		f, err := strconv.ParseFloat(n.Value, 64)
		if err != nil {
			var v float64
			if err := n.Decode(&v); err != nil {
				return nil, invalid(at, "", "not a number: "+n.Value)
			}
			f = v
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, invalid(at, "", "numbers must be finite (no NaN or infinity)")
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
	}
	return n.Value, nil
}
