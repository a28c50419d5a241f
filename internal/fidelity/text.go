package fidelity

import (
	"strings"
	"unicode/utf8"
)

// Text is a string in the two languages the service speaks.
type Text struct {
	EN string `json:"en" yaml:"en"`
	NB string `json:"nb" yaml:"nb"`
}

// In returns the text in lang ("nb" or "en"), falling back to English.
func (t Text) In(lang string) string {
	if lang == "nb" && t.NB != "" {
		return t.NB
	}
	return t.EN
}

// UnstorableText says why s cannot be stored as text, or "" when it can:
// PostgreSQL refuses NUL bytes and invalid UTF-8 in text columns, and Go's
// decoders would silently turn invalid bytes into U+FFFD. The API and the
// web interface reject such input at their edge with this one rule.
func UnstorableText(s string) string {
	if !utf8.ValidString(s) {
		return "is not valid UTF-8 text"
	}
	if strings.IndexByte(s, 0) >= 0 {
		return "must not contain a NUL character"
	}
	return ""
}
