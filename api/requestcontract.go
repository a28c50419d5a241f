package api

import (
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"
)

// RequestContract is the request side of Spec as JSON: every path,
// operation, parameter and request body schema, with the descriptions,
// examples and responses removed. The server checks requests against it
// (internal/httpapi/contract.go). It is generated from openapi.yaml by
// `go generate ./api` (TestRequestContractIsCurrent fails when it is
// stale) because parsing the whole YAML document at every start cost
// about 100 ms of CPU and 300,000 allocations, most of a cold start;
// this 80 KB of JSON parses several times faster.
//
//go:embed request-contract.json
var RequestContract []byte

// BuildRequestContract derives RequestContract from an OpenAPI document.
func BuildRequestContract(spec []byte) ([]byte, error) {
	doc, err := openapi3.NewLoader().LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("request contract: %w", err)
	}
	s := stripper{seen: map[*openapi3.Schema]bool{}}
	if doc.Info != nil {
		doc.Info.Description = ""
	}
	for i := range doc.Tags {
		doc.Tags[i].Description = ""
	}
	doc.ExternalDocs = nil
	for _, sv := range doc.Servers {
		sv.Description = ""
	}
	for _, item := range doc.Paths.Map() {
		item.Summary, item.Description = "", ""
		s.params(item.Parameters)
		for _, op := range item.Operations() {
			op.Summary, op.Description, op.ExternalDocs, op.Callbacks = "", "", nil, nil
			// Responses do not constrain requests; OpenAPI 3.0 wants one.
			op.Responses = openapi3.NewResponses(openapi3.WithName("default", openapi3.NewResponse().WithDescription("")))
			s.params(op.Parameters)
			if op.RequestBody != nil && op.RequestBody.Ref == "" {
				s.body(op.RequestBody.Value)
			}
		}
	}
	if c := doc.Components; c != nil {
		c.Responses, c.Examples, c.Headers, c.Links, c.Callbacks = nil, nil, nil, nil, nil
		for _, ref := range c.Schemas {
			s.schema(ref.Value)
		}
		s.params(openapi3.Parameters(paramRefs(c.Parameters)))
		for _, ref := range c.RequestBodies {
			s.body(ref.Value)
		}
		for _, ref := range c.SecuritySchemes {
			if ref.Value != nil {
				ref.Value.Description = ""
			}
		}
	}
	return json.Marshal(doc)
}

func paramRefs(m openapi3.ParametersMap) []*openapi3.ParameterRef {
	out := make([]*openapi3.ParameterRef, 0, len(m))
	for _, ref := range m {
		out = append(out, ref)
	}
	return out
}

// stripper removes the prose and examples of the objects it visits. A
// reference ($ref) is left as it is: what it names is visited where it is
// defined, in the components.
type stripper struct{ seen map[*openapi3.Schema]bool }

func (s stripper) params(ps openapi3.Parameters) {
	for _, ref := range ps {
		if ref == nil || ref.Ref != "" || ref.Value == nil {
			continue
		}
		p := ref.Value
		p.Description, p.Example, p.Examples = "", nil, nil
		s.schemaRef(p.Schema)
		s.content(p.Content)
	}
}

func (s stripper) body(b *openapi3.RequestBody) {
	if b == nil {
		return
	}
	b.Description = ""
	s.content(b.Content)
}

func (s stripper) content(c openapi3.Content) {
	for _, mt := range c {
		mt.Example, mt.Examples = nil, nil
		s.schemaRef(mt.Schema)
	}
}

func (s stripper) schemaRef(ref *openapi3.SchemaRef) {
	if ref != nil && ref.Ref == "" {
		s.schema(ref.Value)
	}
}

func (s stripper) schema(sc *openapi3.Schema) {
	if sc == nil || s.seen[sc] {
		return
	}
	s.seen[sc] = true
	sc.Title, sc.Description, sc.Example, sc.ExternalDocs = "", "", nil, nil
	for _, p := range sc.Properties {
		s.schemaRef(p)
	}
	for _, list := range []openapi3.SchemaRefs{sc.OneOf, sc.AnyOf, sc.AllOf} {
		for _, r := range list {
			s.schemaRef(r)
		}
	}
	s.schemaRef(sc.Not)
	s.schemaRef(sc.Items)
	s.schemaRef(sc.AdditionalProperties.Schema)
}
