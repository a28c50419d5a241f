package api_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ipsfidelity/fidelity/api"
)

// The server checks requests against request-contract.json; it must be
// what openapi.yaml says now.
func TestRequestContractIsCurrent(t *testing.T) {
	want, err := api.BuildRequestContract(api.Spec)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, api.RequestContract) {
		t.Fatal("api/request-contract.json is stale: run go generate ./api")
	}
}

// The request contract keeps every operation with its parameters and
// request body, and is itself a valid OpenAPI document.
func TestRequestContractKeepsEveryRequest(t *testing.T) {
	full := loadSpec(t)
	req, err := openapi3.NewLoader().LoadFromData(api.RequestContract)
	if err != nil {
		t.Fatal(err)
	}
	if err := req.Validate(context.Background()); err != nil {
		t.Fatalf("request contract is not a valid OpenAPI document: %v", err)
	}
	fullOps, reqOps := operations(full), operations(req)
	if len(fullOps) != len(reqOps) || len(fullOps) == 0 {
		t.Fatalf("%d operations, want %d", len(reqOps), len(fullOps))
	}
	for i, f := range fullOps {
		r := reqOps[i]
		if f.method != r.method || f.path != r.path {
			t.Fatalf("operation %d: %s %s, want %s %s", i, r.method, r.path, f.method, f.path)
		}
		fp := full.Paths.Find(f.path).Parameters
		rp := req.Paths.Find(r.path).Parameters
		if len(f.op.Parameters) != len(r.op.Parameters) || len(fp) != len(rp) {
			t.Errorf("%s %s: parameters differ", f.method, f.path)
		}
		for j, p := range f.op.Parameters {
			q := r.op.Parameters[j].Value
			if p.Value.Name != q.Name || p.Value.In != q.In || p.Value.Required != q.Required || (p.Value.Schema == nil) != (q.Schema == nil) {
				t.Errorf("%s %s: parameter %s differs", f.method, f.path, p.Value.Name)
			}
		}
		if (f.op.RequestBody == nil) != (r.op.RequestBody == nil) {
			t.Errorf("%s %s: request body differs", f.method, f.path)
		}
	}
	for name, ref := range full.Components.Schemas {
		got := req.Components.Schemas[name]
		if got == nil {
			t.Errorf("schema %s missing", name)
			continue
		}
		g, w := got.Value, ref.Value
		if len(g.Properties) != len(w.Properties) || len(g.Required) != len(w.Required) || len(g.Enum) != len(w.Enum) ||
			g.Pattern != w.Pattern || typeOf(g) != typeOf(w) || !sameLimit(g.MaxLength, w.MaxLength) || !sameLimit(g.Max, w.Max) ||
			!sameLimit(g.Min, w.Min) || !sameLimit(g.MaxItems, w.MaxItems) || g.Nullable != w.Nullable {
			t.Errorf("schema %s: constraints differ", name)
		}
	}
}

func typeOf(s *openapi3.Schema) string {
	if s.Type == nil || len(s.Type.Slice()) == 0 {
		return ""
	}
	return s.Type.Slice()[0]
}

func sameLimit[T comparable](a, b *T) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
