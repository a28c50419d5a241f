package httpapi

import (
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
func checkJSONText(doc any, raw []byte) error {
	sentFFFD := strings.Contains(string(raw), "\uFFFD") || strings.Contains(strings.ToLower(string(raw)), `\ufffd`)
	var walk func(v any, path string) error
	check := func(s, path string) error {
		why := textProblem(s)
		if why == "" && !sentFFFD && strings.ContainsRune(s, utf8.RuneError) {
			why = "is not valid UTF-8 text (an unpaired surrogate escape)"
		}
		if why != "" {
			if path == "" {
				path = "(body)"
			}
			return fidelity.Invalid("the request body is not valid", fidelity.FieldError{Field: path, Reason: why})
		}
		return nil
	}
	walk = func(v any, path string) error {
		switch t := v.(type) {
		case string:
			return check(t, path)
		case []any:
			for i, e := range t {
				if err := walk(e, path+"["+strconv.Itoa(i)+"]"); err != nil {
					return err
				}
			}
		case map[string]any:
			for k, e := range t {
				p := k
				if path != "" {
					p = path + "." + k
				}
				if err := check(k, p); err != nil {
					return err
				}
				if err := walk(e, p); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return walk(doc, "")
}
