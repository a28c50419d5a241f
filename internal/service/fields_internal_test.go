package service

import (
	"reflect"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// A scoring error's "items[i].x" paths name the one item of a correction
// ("item.x"); other paths, the message and the kind stay, and an error
// without field errors passes as it is.
func TestPrefixFieldsRenamesTheItemsPaths(t *testing.T) {
	in := fidelity.Invalid("the inputs are not valid",
		fidelity.FieldError{Field: "items[3].values.fte", Reason: "must be greater than 0"},
		fidelity.FieldError{Field: "scale", Reason: "unknown"})
	got := prefixFields(in, "item")
	want := fidelity.Invalid("the inputs are not valid",
		fidelity.FieldError{Field: "item.values.fte", Reason: "must be greater than 0"},
		fidelity.FieldError{Field: "scale", Reason: "unknown"})
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%#v, want %#v", got, want)
	}
	if fidelity.FieldsOf(in)[0].Field != "items[3].values.fte" {
		t.Fatal("the original error was changed")
	}
	internal := fidelity.Errorf(fidelity.KindInternal, "scoring: no scale")
	if got := prefixFields(internal, "item"); got != internal {
		t.Fatalf("an error without fields: %#v", got)
	}
}
