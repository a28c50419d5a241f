package httpapi

import (
	"testing"

	"github.com/ipsfidelity/fidelity/api"
	"github.com/ipsfidelity/fidelity/internal/httpapi/docs"
)

func BenchmarkLoadContract(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loadContract(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderDocs(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := docs.Render(api.Spec); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewRouter is the router's construction once the contract is
// parsed (sharedContract is parsed once per process).
func BenchmarkNewRouter(b *testing.B) {
	if _, err := sharedContract(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		New(Options{})
	}
}
