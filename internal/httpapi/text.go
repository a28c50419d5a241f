package httpapi

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// textProblem is the one rule for storable text (fidelity.UnstorableText),
// applied once at the edge to everything a client sends.
func textProblem(s string) string { return fidelity.UnstorableText(s) }

// textHeaders are the request headers the service reads as text.
var textHeaders = []string{
	"Authorization", "If-Match", "If-None-Match", "Idempotency-Key", "Accept-Language",
	"Content-Type", "Accept", "Cookie", "Origin", "Referer",
}

// validText rejects a path, query string or header value that is not
// storable text with 400 problem+json naming where it was found. The query
// must already be known to parse (strictQuery runs first).
func validText() gin.HandlerFunc {
	return func(c *gin.Context) {
		if why := textProblem(c.Request.URL.Path); why != "" {
			writeProblem(c, fidelity.Invalid("the path is not valid", fidelity.FieldError{Field: "path", Reason: why}))
			return
		}
		for key, values := range c.Request.URL.Query() {
			if why := textProblem(key); why != "" {
				writeProblem(c, fidelity.Invalid("the query string is not valid", fidelity.FieldError{Field: "query", Reason: "a parameter name " + why}))
				return
			}
			for _, v := range values {
				if why := textProblem(v); why != "" {
					writeProblem(c, fidelity.Invalid("the query string is not valid", fidelity.FieldError{Field: key, Reason: why}))
					return
				}
			}
		}
		for _, h := range textHeaders {
			for _, v := range c.Request.Header.Values(h) {
				if why := textProblem(v); why != "" {
					writeProblem(c, fidelity.Invalid("a header is not valid", fidelity.FieldError{Field: h, Reason: why}))
					return
				}
			}
		}
		c.Next()
	}
}

// checkJSONText walks a decoded JSON document and rejects any string (or
// object key) that is not storable text. raw is the body as sent: a
// U+FFFD in a decoded string that the client did not send means the
// decoder replaced an invalid escape such as a lone surrogate.
//
// The field path ("items[3].evidence") is spelled out only for the string
// that fails: building it for every value was most of the allocations of
// checking a rating set.
func checkJSONText(doc any, raw []byte) error {
	t := textWalk{sentFFFD: sentReplacementChar(raw)}
	return t.walk(doc)
}

// textWalk is checkJSONText's walk; path holds the keys and indexes down
// to the value being checked.
type textWalk struct {
	sentFFFD bool
	path     []pathStep
}

// pathStep is one step of a field path: an object key, or (key "" and
// index ≥ 0) an array index.
type pathStep struct {
	key   string
	index int
}

func (t *textWalk) walk(v any) error {
	switch v := v.(type) {
	case string:
		return t.check(v)
	case []any:
		for i, e := range v {
			t.path = append(t.path, pathStep{index: i})
			if err := t.walk(e); err != nil {
				return err
			}
			t.path = t.path[:len(t.path)-1]
		}
	case map[string]any:
		for k, e := range v {
			t.path = append(t.path, pathStep{key: k, index: -1})
			if err := t.check(k); err != nil {
				return err
			}
			if err := t.walk(e); err != nil {
				return err
			}
			t.path = t.path[:len(t.path)-1]
		}
	}
	return nil
}

func (t *textWalk) check(s string) error {
	why := textProblem(s)
	if why == "" && !t.sentFFFD && strings.ContainsRune(s, utf8.RuneError) {
		why = "is not valid UTF-8 text (an unpaired surrogate escape)"
	}
	if why == "" {
		return nil
	}
	return fidelity.Invalid("the request body is not valid", fidelity.FieldError{Field: t.field(), Reason: why})
}

// field spells the path as the error names it: items[3].evidence, or
// (body) for the document itself.
func (t *textWalk) field() string {
	var b strings.Builder
	for _, p := range t.path {
		if p.index >= 0 {
			b.WriteString("[" + strconv.Itoa(p.index) + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p.key)
	}
	if b.Len() == 0 {
		return "(body)"
	}
	return b.String()
}

// sentReplacementChar reports whether the client sent U+FFFD: the
// character itself, or its escape \ufffd in any case of the hex digits.
func sentReplacementChar(raw []byte) bool {
	if bytes.ContainsRune(raw, utf8.RuneError) {
		return true
	}
	for i := 0; ; {
		j := bytes.Index(raw[i:], []byte(`\u`))
		if j < 0 {
			return false
		}
		i += j + 2
		if len(raw)-i >= 4 && bytes.EqualFold(raw[i:i+4], []byte("fffd")) {
			return true
		}
	}
}
