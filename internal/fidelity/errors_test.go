package fidelity

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

func TestErrorKindsSurviveWrapping(t *testing.T) {
	base := Invalid("the site is not valid", FieldError{Field: "name", Reason: "is required"})
	wrapped := fmt.Errorf("creating: %w", base)
	if KindOf(wrapped) != KindInvalid || len(FieldsOf(wrapped)) != 1 || MessageOf(wrapped) != "the site is not valid" {
		t.Fatalf("kind %s fields %v message %q", KindOf(wrapped), FieldsOf(wrapped), MessageOf(wrapped))
	}
	if got := base.Error(); got != "the site is not valid: name: is required" {
		t.Fatalf("Error() = %q", got)
	}
	plain := errors.New("boom")
	if KindOf(plain) != KindInternal || MessageOf(plain) != "internal error" {
		t.Fatal("errors without a kind must be internal and must not leak their text")
	}
	stale := &Error{Kind: KindConflict, Message: "stale", Err: ErrStale}
	if !errors.Is(fmt.Errorf("x: %w", stale), ErrStale) {
		t.Fatal("ErrStale must be found through wrapping")
	}
}

func TestSiteActive(t *testing.T) {
	d := func(s string) *time.Time { v, _ := time.Parse(time.DateOnly, s); return &v }
	s := Site{ActiveFrom: d("2020-01-01"), ActiveTo: d("2025-01-01")}
	for day, want := range map[string]bool{"2019-12-31": false, "2020-01-01": true, "2024-12-31": true, "2025-01-01": false} {
		if got := s.Active(*d(day)); got != want {
			t.Errorf("Active(%s) = %v", day, got)
		}
	}
	if !(Site{}).Active(*d("1900-01-01")) {
		t.Error("a site without a period is always active")
	}
}

func TestTextFallsBackToEnglish(t *testing.T) {
	if (Text{EN: "Caseload"}).In("nb") != "Caseload" || (Text{EN: "a", NB: "b"}).In("nb") != "b" {
		t.Fatal("Text.In")
	}
}
