// Package docs renders the API reference served at /docs: one
// self-contained HTML page (inline CSS, no scripts, no external resources)
// generated from the OpenAPI document, so the reference can never drift
// from the contract.
//
// Render is meant to run once at startup; the result is a static page.
package docs

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Render parses an OpenAPI 3.0 document (YAML or JSON) and returns the HTML
// reference page: operations grouped by tag, each with its method, path,
// summary, description, parameters, request body (as a nested field list)
// and responses, followed by every component schema.
func Render(spec []byte) ([]byte, error) {
	loader := openapi3.NewLoader()
	loader.Context = context.Background()
	doc, err := loader.LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("docs: load spec: %w", err)
	}
	if doc.Info == nil || doc.Paths == nil {
		return nil, fmt.Errorf("docs: spec has no info or no paths")
	}
	p := buildPage(doc)
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, p); err != nil {
		return nil, fmt.Errorf("docs: render: %w", err)
	}
	return buf.Bytes(), nil
}

// ---------------------------------------------------------------- views

type page struct {
	Title       string
	Version     string
	Description template.HTML
	Security    []securityView
	Groups      []groupView
	Schemas     []schemaView
}

type securityView struct {
	Name        string
	Kind        string
	Description template.HTML
}

type groupView struct {
	Name        string
	Anchor      string
	Description template.HTML
	Ops         []opView
}

type opView struct {
	Anchor      string
	Method      string
	MethodClass string
	Path        string
	OperationID string
	Summary     string
	Description template.HTML
	Deprecated  bool
	Public      bool
	Params      []paramView
	Body        *bodyView
	Responses   []responseView
}

type paramView struct {
	Name        string
	In          string
	Required    bool
	Type        typeView
	Constraints []string
	Description template.HTML
}

type bodyView struct {
	Required    bool
	Description template.HTML
	Contents    []contentView
}

type contentView struct {
	MediaType   string
	Type        typeView
	Constraints []string
	Fields      []field
}

type responseView struct {
	Status      string
	Class       string
	Description template.HTML
	Headers     []headerView
	Contents    []contentView
}

type headerView struct {
	Name        string
	Type        typeView
	Description template.HTML
}

type schemaView struct {
	Name        string
	Anchor      string
	Type        typeView
	Constraints []string
	Description template.HTML
	Fields      []field
}

// typeView is a readable type, e.g. "array of Site", with a link to the
// named schema when there is one.
type typeView struct {
	Label string
	Ref   string // schema name, "" for anonymous schemas
}

// field is one property of an object schema, with its nested fields.
type field struct {
	Name        string
	Required    bool
	Type        typeView
	Constraints []string
	Description template.HTML
	Children    []field
}

// ---------------------------------------------------------------- building

var methodOrder = map[string]int{"GET": 0, "POST": 1, "PUT": 2, "PATCH": 3, "DELETE": 4, "HEAD": 5, "OPTIONS": 6, "TRACE": 7}

const maxDepth = 8

func buildPage(doc *openapi3.T) page {
	p := page{
		Title:       doc.Info.Title,
		Version:     doc.Info.Version,
		Description: markdown(doc.Info.Description),
	}

	if doc.Components != nil {
		for _, name := range sortedKeys(doc.Components.SecuritySchemes) {
			s := doc.Components.SecuritySchemes[name]
			if s == nil || s.Value == nil {
				continue
			}
			kind := s.Value.Type
			if s.Value.Scheme != "" {
				kind += " (" + s.Value.Scheme + ")"
			}
			p.Security = append(p.Security, securityView{Name: name, Kind: kind, Description: markdown(s.Value.Description)})
		}
	}

	groups := map[string]*groupView{}
	var order []string
	addGroup := func(name, desc string) *groupView {
		if g, ok := groups[name]; ok {
			return g
		}
		g := &groupView{Name: name, Anchor: "tag-" + slug(name), Description: markdown(desc)}
		groups[name] = g
		order = append(order, name)
		return g
	}
	for _, tag := range doc.Tags {
		if tag != nil {
			addGroup(tag.Name, tag.Description)
		}
	}

	paths := doc.Paths.Map()
	for _, path := range sortedKeys(paths) {
		item := paths[path]
		ops := item.Operations()
		methods := make([]string, 0, len(ops))
		for m := range ops {
			methods = append(methods, m)
		}
		sort.Slice(methods, func(i, j int) bool { return methodOrder[methods[i]] < methodOrder[methods[j]] })
		for _, m := range methods {
			op := ops[m]
			tag := "Other"
			if len(op.Tags) > 0 {
				tag = op.Tags[0]
			}
			g := addGroup(tag, "")
			g.Ops = append(g.Ops, buildOp(path, m, item, op))
		}
	}
	for _, name := range order {
		if g := groups[name]; len(g.Ops) > 0 {
			p.Groups = append(p.Groups, *g)
		}
	}

	if doc.Components != nil {
		for _, name := range sortedKeys(doc.Components.Schemas) {
			ref := doc.Components.Schemas[name]
			if ref == nil || ref.Value == nil {
				continue
			}
			s := ref.Value
			sv := schemaView{
				Name:        name,
				Anchor:      "schema-" + name,
				Type:        typeOf(&openapi3.SchemaRef{Value: s}),
				Constraints: constraints(s),
				Description: markdown(s.Description),
			}
			// One level only: nested named schemas are linked, not repeated.
			sv.Fields = fieldsOf(s, 1, nil)
			p.Schemas = append(p.Schemas, sv)
		}
	}
	return p
}

func buildOp(path, method string, item *openapi3.PathItem, op *openapi3.Operation) opView {
	v := opView{
		Method:      method,
		MethodClass: strings.ToLower(method),
		Path:        path,
		OperationID: op.OperationID,
		Summary:     op.Summary,
		Description: markdown(op.Description),
		Deprecated:  op.Deprecated,
	}
	v.Anchor = "op-" + op.OperationID
	if op.OperationID == "" {
		v.Anchor = "op-" + slug(method+" "+path)
	}
	if op.Security != nil && len(*op.Security) == 0 {
		v.Public = true
	}

	// Operation parameters override path-level ones with the same name and location.
	type key struct{ in, name string }
	seen := map[key]bool{}
	var params []*openapi3.Parameter
	for _, list := range []openapi3.Parameters{op.Parameters, item.Parameters} {
		for _, pr := range list {
			if pr == nil || pr.Value == nil {
				continue
			}
			k := key{pr.Value.In, pr.Value.Name}
			if seen[k] {
				continue
			}
			seen[k] = true
			params = append(params, pr.Value)
		}
	}
	inOrder := map[string]int{"path": 0, "query": 1, "header": 2, "cookie": 3}
	sort.SliceStable(params, func(i, j int) bool { return inOrder[params[i].In] < inOrder[params[j].In] })
	for _, pr := range params {
		pv := paramView{
			Name:        pr.Name,
			In:          pr.In,
			Required:    pr.Required,
			Description: markdown(pr.Description),
		}
		if pr.Schema != nil && pr.Schema.Value != nil {
			pv.Type = typeOf(pr.Schema)
			pv.Constraints = constraints(pr.Schema.Value)
			if pr.Description == "" {
				pv.Description = markdown(pr.Schema.Value.Description)
			}
		}
		if pr.Explode != nil && *pr.Explode && pr.Schema != nil && pr.Schema.Value != nil && pr.Schema.Value.Type.Is("array") {
			pv.Constraints = append(pv.Constraints, "repeatable")
		}
		v.Params = append(v.Params, pv)
	}

	if op.RequestBody != nil && op.RequestBody.Value != nil {
		rb := op.RequestBody.Value
		b := &bodyView{Required: rb.Required, Description: markdown(rb.Description)}
		for _, mt := range sortedKeys(rb.Content) {
			b.Contents = append(b.Contents, contentOf(mt, rb.Content[mt], maxDepth))
		}
		v.Body = b
	}

	if op.Responses != nil {
		resps := op.Responses.Map()
		codes := sortedKeys(resps)
		sort.SliceStable(codes, func(i, j int) bool {
			// "default" last; numeric codes in order.
			return codes[i] != "default" && (codes[j] == "default" || codes[i] < codes[j])
		})
		for _, code := range codes {
			r := resps[code]
			if r == nil || r.Value == nil {
				continue
			}
			rv := responseView{Status: code, Class: statusClass(code), Description: markdown(deref(r.Value.Description))}
			for _, name := range sortedKeys(r.Value.Headers) {
				h := r.Value.Headers[name]
				if h == nil || h.Value == nil {
					continue
				}
				hv := headerView{Name: name, Description: markdown(h.Value.Description)}
				if h.Value.Schema != nil && h.Value.Schema.Value != nil {
					hv.Type = typeOf(h.Value.Schema)
				}
				rv.Headers = append(rv.Headers, hv)
			}
			for _, mt := range sortedKeys(r.Value.Content) {
				// Responses link to the schema section instead of expanding.
				rv.Contents = append(rv.Contents, contentOf(mt, r.Value.Content[mt], 0))
			}
			v.Responses = append(v.Responses, rv)
		}
	}
	return v
}

func contentOf(mediaType string, mt *openapi3.MediaType, depth int) contentView {
	cv := contentView{MediaType: mediaType}
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return cv
	}
	cv.Type = typeOf(mt.Schema)
	if depth > 0 {
		cv.Constraints = constraints(unwrap(mt.Schema).Value)
		var stack []string
		if name := refName(mt.Schema.Ref); name != "" {
			stack = []string{name}
		}
		cv.Fields = fieldsOf(unwrap(mt.Schema).Value, depth, stack)
	}
	return cv
}

// fieldsOf lists the properties of an object schema (or of the items of an
// array of objects), expanding nested objects up to depth levels. stack
// holds the named schemas being expanded, so a recursive schema stops.
func fieldsOf(s *openapi3.Schema, depth int, stack []string) []field {
	if s == nil || depth <= 0 {
		return nil
	}
	if s.Type.Is("array") && s.Items != nil && s.Items.Value != nil {
		return fieldsOf(unwrap(s.Items).Value, depth, stack)
	}
	if len(s.Properties) == 0 {
		return nil
	}
	required := map[string]bool{}
	for _, r := range s.Required {
		required[r] = true
	}
	names := sortedKeys(s.Properties)
	sort.SliceStable(names, func(i, j int) bool { return required[names[i]] && !required[names[j]] })

	var out []field
	for _, name := range names {
		pref := s.Properties[name]
		if pref == nil || pref.Value == nil {
			continue
		}
		inner := unwrap(pref)
		f := field{
			Name:        name,
			Required:    required[name],
			Type:        typeOf(pref),
			Constraints: constraints(mergedForConstraints(pref)),
		}
		desc := pref.Value.Description
		if desc == "" && inner.Value != nil && !isObjectLike(inner.Value) {
			desc = inner.Value.Description
		}
		f.Description = markdown(desc)

		target := inner
		if target.Value != nil && target.Value.Type.Is("array") && target.Value.Items != nil {
			target = unwrap(target.Value.Items)
		}
		name := refName(target.Ref)
		if target.Value != nil && isObjectLike(target.Value) && !contains(stack, name) {
			next := stack
			if name != "" {
				next = append(append([]string(nil), stack...), name)
			}
			f.Children = fieldsOf(target.Value, depth-1, next)
		}
		out = append(out, f)
	}
	return out
}

// unwrap resolves the "allOf: [ $ref ]" idiom used to add nullable or a
// description to a referenced schema.
func unwrap(ref *openapi3.SchemaRef) *openapi3.SchemaRef {
	if ref == nil || ref.Value == nil {
		return ref
	}
	s := ref.Value
	if ref.Ref == "" && len(s.AllOf) == 1 && len(s.Properties) == 0 && (s.Type == nil || s.Type.IsEmpty()) {
		return s.AllOf[0]
	}
	return ref
}

// mergedForConstraints returns the schema whose constraints describe the
// field: the referenced one, with nullable taken from the wrapper.
func mergedForConstraints(ref *openapi3.SchemaRef) *openapi3.Schema {
	inner := unwrap(ref)
	if inner == ref || inner.Value == nil {
		return ref.Value
	}
	s := *inner.Value
	s.Nullable = s.Nullable || ref.Value.Nullable
	if ref.Value.Default != nil {
		s.Default = ref.Value.Default
	}
	return &s
}

func isObjectLike(s *openapi3.Schema) bool {
	return s.Type.Is("object") || len(s.Properties) > 0
}

func typeOf(ref *openapi3.SchemaRef) typeView {
	if ref == nil || ref.Value == nil {
		return typeView{Label: "any"}
	}
	outer := ref
	ref = unwrap(ref)
	s := ref.Value
	name := refName(ref.Ref)
	var label string
	switch {
	case s.Type.Is("array"):
		item := typeOf(s.Items)
		label = "array of " + item.Label
		if name == "" {
			return typeView{Label: label, Ref: item.Ref}
		}
	case s.Type.Is("object") || len(s.Properties) > 0:
		label = "object"
		if ap := s.AdditionalProperties.Schema; ap != nil {
			label = "map of string → " + typeOf(ap).Label
		}
	case s.Type != nil && !s.Type.IsEmpty():
		label = strings.Join(s.Type.Slice(), " | ")
		if s.Format != "" {
			label += " (" + s.Format + ")"
		}
	default:
		label = "any"
	}
	if name != "" && isObjectLike(s) {
		label = name
	}
	if outer.Value.Nullable || s.Nullable {
		label += " | null"
	}
	return typeView{Label: label, Ref: name}
}

func constraints(s *openapi3.Schema) []string {
	if s == nil {
		return nil
	}
	var c []string
	if len(s.Enum) > 0 {
		vals := make([]string, len(s.Enum))
		for i, e := range s.Enum {
			vals[i] = fmt.Sprint(e)
		}
		c = append(c, "one of: "+strings.Join(vals, ", "))
	}
	if s.Default != nil {
		c = append(c, fmt.Sprintf("default: %v", s.Default))
	}
	minBound, maxBound := "≥", "≤"
	if s.ExclusiveMin.Bool != nil && *s.ExclusiveMin.Bool {
		minBound = ">"
	}
	if s.ExclusiveMax.Bool != nil && *s.ExclusiveMax.Bool {
		maxBound = "<"
	}
	if s.Min != nil {
		c = append(c, minBound+" "+num(*s.Min))
	}
	if s.Max != nil {
		c = append(c, maxBound+" "+num(*s.Max))
	}
	if s.MinLength > 0 && s.MaxLength != nil {
		c = append(c, fmt.Sprintf("length %d–%d", s.MinLength, *s.MaxLength))
	} else if s.MinLength > 0 {
		c = append(c, fmt.Sprintf("length ≥ %d", s.MinLength))
	} else if s.MaxLength != nil {
		c = append(c, fmt.Sprintf("length ≤ %d", *s.MaxLength))
	}
	if s.Pattern != "" {
		c = append(c, "pattern "+s.Pattern)
	}
	if s.MinItems > 0 && s.MaxItems != nil {
		c = append(c, fmt.Sprintf("%d–%d items", s.MinItems, *s.MaxItems))
	} else if s.MinItems > 0 {
		c = append(c, fmt.Sprintf("at least %d items", s.MinItems))
	} else if s.MaxItems != nil {
		c = append(c, fmt.Sprintf("at most %d items", *s.MaxItems))
	}
	if s.UniqueItems {
		c = append(c, "unique items")
	}
	if s.MinProps > 0 {
		c = append(c, fmt.Sprintf("at least %d field(s)", s.MinProps))
	}
	if s.AdditionalProperties.Has != nil && !*s.AdditionalProperties.Has {
		c = append(c, "no other fields")
	}
	if s.ReadOnly {
		c = append(c, "read-only")
	}
	return c
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func refName(ref string) string {
	const prefix = "#/components/schemas/"
	if i := strings.LastIndex(ref, prefix); i >= 0 {
		return ref[i+len(prefix):]
	}
	return ""
}

func statusClass(code string) string {
	if code == "" || code == "default" {
		return "sx"
	}
	return "s" + code[:1] + "xx"
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func contains(list []string, s string) bool {
	if s == "" {
		return false
	}
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
