package fidelity

import "testing"

// A text that is a format without verbs is answered from plainNB: with the
// verb matcher gone (after first use has built the tables) it is still
// translated, and without allocating.
func TestPlainTextNeedsNoRegexp(t *testing.T) {
	const en, nb = "the ratings cannot be submitted yet", "vurderingene kan ikke sendes inn ennå"
	_ = Translate("nb", "a text without a translation") // first use builds both tables
	saved := verb
	verb = nil
	defer func() { verb = saved }()
	var got string
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("a plain text reached the verb matcher: %v", r)
			}
		}()
		got = Translate("nb", en)
	}()
	if got != nb {
		t.Fatalf("%q, want %q", got, nb)
	}
	if n := testing.AllocsPerRun(100, func() { _ = Translate("nb", en) }); n != 0 {
		t.Fatalf("%v allocations per plain text", n)
	}
}
