package store

import (
	"encoding/json"
	"testing"
)

// A rating set, a correction and a bare input lose their notes and keep
// every other field, numbers as written; a document without notes is
// reported unchanged.
func TestRedactEvidenceDoc(t *testing.T) {
	cases := []struct{ in, want string }{
		{`{"inputs":[{"item":"S1","score":4,"evidence":"Kari Nordmann"},{"item":"S2","values":{"n":0.1000000000000000055511151231257827}}]}`,
			`{"inputs":[{"evidence":"","item":"S1","score":4},{"item":"S2","values":{"n":0.1000000000000000055511151231257827}}]}`},
		{`{"before":{"item":"O1","evidence":"a"},"after":{"item":"O1","evidence":"b"},"reason":"typo"}`,
			`{"after":{"evidence":"","item":"O1"},"before":{"evidence":"","item":"O1"},"reason":"typo"}`},
		{`{"item":"O1","evidence":"x"}`, `{"evidence":"","item":"O1"}`},
	}
	for _, c := range cases {
		got, changed, err := redactEvidenceDoc(&c.in)
		if err != nil || !changed || *got != c.want {
			t.Errorf("redact %s = %v %v %v, want %s", c.in, *got, changed, err, c.want)
		}
	}
	for _, doc := range []string{`{"version":3}`, `{"evidence":""}`, `{"evidence_notes_removed":4}`, `null`} {
		got, changed, err := redactEvidenceDoc(&doc)
		if err != nil || changed || *got != doc {
			t.Errorf("a document without notes changed: %s → %s %v", doc, *got, err)
		}
	}
	if got, changed, err := redactEvidenceDoc(nil); got != nil || changed || err != nil {
		t.Error("a missing document must stay missing")
	}
}

// No stored document makes the redaction panic; what it returns is JSON
// without a non-empty "evidence" string.
func FuzzRedactEvidenceDoc(f *testing.F) {
	f.Add(`{"inputs":[{"item":"S1","evidence":"Kari"}]}`)
	f.Add(`[{"evidence":{"evidence":"x"}}]`)
	f.Add(`{"a":1e400}`)
	f.Fuzz(func(t *testing.T, doc string) {
		got, changed, err := redactEvidenceDoc(&doc)
		if err != nil || !changed {
			return
		}
		var v any
		if err := json.Unmarshal([]byte(*got), &v); err != nil {
			t.Fatalf("redacted %q is not JSON: %v", *got, err)
		}
		if blankEvidence(v) {
			t.Fatalf("a note survived in %s", *got)
		}
	})
}
