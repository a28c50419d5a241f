package httpapi

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

const requestIDHeader = "X-Request-Id"

// requestID takes a sane incoming X-Request-Id or makes one, so a client's
// report and the server's log line can be matched.
func requestID() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader(requestIDHeader)
		if !validRequestID(id) {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		c.Set(requestIDHeader, id)
		c.Header(requestIDHeader, id)
		c.Next()
	}
}

func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// accessLog writes one structured line per request: never bodies, never
// credentials, never evidence text.
func accessLog(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		status := c.Writer.Status()
		attrs := []any{
			"method", c.Request.Method,
			"route", c.FullPath(),
			"path", c.Request.URL.Path,
			"status", status,
			"latency_ms", float64(time.Since(start).Microseconds()) / 1000,
			"bytes", c.Writer.Size(),
			"request_id", c.GetString(requestIDHeader),
		}
		if p, ok := fidelity.PrincipalFrom(c.Request.Context()); ok && p.KeyID != "" {
			attrs = append(attrs, "key_id", p.KeyID)
		}
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
			if len(c.Errors) > 0 {
				attrs = append(attrs, "error", c.Errors.Last().Error())
			}
		}
		log.Log(c.Request.Context(), level, "request", attrs...)
	}
}

// recovery turns a panic into a logged 500 problem instead of a dropped
// connection; the fuzz and hostile-input tests assert it never fires.
func recovery(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if r := recover(); r != nil {
				log.Error("panic", "panic", fmt.Sprint(r), "stack", string(debug.Stack()),
					"request_id", c.GetString(requestIDHeader))
				writeProblem(c, fidelity.Errorf(fidelity.KindInternal, "panic"))
			}
		}()
		c.Next()
	}
}

// limitBody caps every request body; decoding reports the overflow as 413.
// File uploads for a bulk import (the API's and the web page's) may be up
// to MaxImportBytes.
func limitBody(bodyMax int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		max := bodyMax
		if c.Request.Method == http.MethodPost && (c.Request.URL.Path == "/v1/imports" || c.Request.URL.Path == "/ui/imports") &&
			strings.HasPrefix(c.GetHeader("Content-Type"), "multipart/form-data") {
			max = MaxImportBytes
		}
		if c.Request.ContentLength > max {
			writeProblem(c, fidelity.Errorf(fidelity.KindTooLarge, "the request body exceeds %d bytes", max))
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, max)
		c.Next()
	}
}

// securityHeaders are safe defaults for an API also read by browsers.
func securityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		c.Next()
	}
}

// strictQuery rejects a query string that does not parse; Go would
// otherwise silently drop the broken parameters and answer as if they
// were absent.
func strictQuery() gin.HandlerFunc {
	return func(c *gin.Context) {
		if _, err := url.ParseQuery(c.Request.URL.RawQuery); err != nil {
			writeProblem(c, fidelity.Invalid("the query string is not valid",
				fidelity.FieldError{Field: "query", Reason: "is not valid URL encoding: " + err.Error()}))
			return
		}
		c.Next()
	}
}

// MaxHeaderBytes is the documented limit on a request's headers. The
// server's own hard cap (http.Server.MaxHeaderBytes) must sit above it:
// net/http answers an overflow with a bare text/plain 431, this
// middleware with problem+json.
const MaxHeaderBytes = 64 << 10

// kindHeadersTooLarge is an adapter-only kind: only HTTP has headers.
const kindHeadersTooLarge fidelity.Kind = "headers-too-large"

func init() {
	kindStatus[kindHeadersTooLarge] = struct {
		status int
		title  string
	}{http.StatusRequestHeaderFieldsTooLarge, "Request header fields too large"}
}

// limitHeaders answers 431 problem+json when the headers exceed max bytes.
func limitHeaders(max int) gin.HandlerFunc {
	return func(c *gin.Context) {
		n := len(c.Request.RequestURI)
		for k, vs := range c.Request.Header {
			for _, v := range vs {
				n += len(k) + len(v) + 4 // ": " and CRLF
			}
		}
		if n > max {
			writeProblem(c, fidelity.Errorf(kindHeadersTooLarge, "the request headers exceed %d bytes", max))
			return
		}
		c.Next()
	}
}
