package httpapi

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// TestCheckJSONTextNamesTheField: a string that is not storable text is
// refused with the path of the field it was in, however deep; text the
// client really sent as U+FFFD (the character or its escape in any case)
// is kept.
func TestCheckJSONTextNamesTheField(t *testing.T) {
	cases := []struct {
		body, field string // field "" means accepted
	}{
		{`{"items":[{"item":"O6","evidence":"ok"},{"item":"O7","evidence":"a\ud800b"}]}`, "items[1].evidence"},
		{`{"items":[{"item":"S1","values":{"active_clients":3,"note\u0000":"x"}}]}`, "items[0].values.note\x00"},
		{`["a",["b","\ud800"]]`, "[1][1]"},
		{`"\ud800"`, "(body)"},
		{`{"name":"a\u0000b"}`, "name"},
		{`{"name":"Bodø \ufffd"}`, ""},
		{`{"name":"x \uFfFd y \ud800"}`, ""},
		{`{"name":"` + "\uFFFD" + `","other":"\ud800"}`, ""},
		{`{"items":[{"item":"O6","evidence":"Støtte på arbeidsplassen"}]}`, ""},
	}
	for _, c := range cases {
		var doc any
		if err := json.Unmarshal([]byte(c.body), &doc); err != nil {
			t.Fatalf("%s: %v", c.body, err)
		}
		err := checkJSONText(doc, []byte(c.body))
		if c.field == "" {
			if err != nil {
				t.Errorf("%s: refused: %v", c.body, err)
			}
			continue
		}
		var fe *fidelity.Error
		if !errors.As(err, &fe) || len(fe.Fields) != 1 || fe.Fields[0].Field != c.field {
			t.Errorf("%s: got %v, want a problem naming %q", c.body, err, c.field)
		}
	}
}
