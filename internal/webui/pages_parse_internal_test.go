package webui

import "testing"

// Page templates are parsed on first use (see pages); here every one of
// them is parsed, so a broken template fails the tests, not a request.
func TestEveryPageTemplateParses(t *testing.T) {
	p := mustParsePages()
	if len(p.set) < 10 {
		t.Fatalf("only %d page templates found", len(p.set))
	}
	for name, parse := range p.set {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("page %s: %v", name, r)
				}
			}()
			if parse().Lookup("layout") == nil {
				t.Errorf("page %s has no layout", name)
			}
		}()
	}
}
