package service

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode/utf8"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// checks collects field errors so a request reports every problem at once.
type checks []fidelity.FieldError

func (c *checks) add(field, format string, args ...any) {
	*c = append(*c, fidelity.FieldError{Field: field, Reason: fmt.Sprintf(format, args...)})
}

// text checks a required (min 1) or optional (min 0) string's length after
// trimming, and that it is valid UTF-8 without control characters.
func (c *checks) text(field, v string, min, max int) {
	t := strings.TrimSpace(v)
	switch {
	case !utf8.ValidString(v):
		c.add(field, "must be valid UTF-8 text")
	case min > 0 && t == "":
		c.add(field, "is required")
	case utf8.RuneCountInString(t) > max:
		c.add(field, "must be at most %d characters", max)
	case strings.ContainsFunc(t, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' }):
		c.add(field, "must not contain control characters")
	}
}

func (c *checks) email(field, v string) {
	if strings.TrimSpace(v) == "" {
		return
	}
	a, err := mail.ParseAddress(v)
	if err != nil || a.Address != strings.TrimSpace(v) {
		c.add(field, "must be an e-mail address such as name@example.org")
	}
}

func (c checks) err(message string) error {
	if len(c) == 0 {
		return nil
	}
	return fidelity.Invalid(message, c...)
}
