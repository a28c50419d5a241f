package httpapi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// capture records a response while it is written, to store it for replay.
type capture struct {
	gin.ResponseWriter
	buf bytes.Buffer
}

func (w *capture) Write(b []byte) (int, error) {
	w.buf.Write(b)
	return w.ResponseWriter.Write(b)
}

func (w *capture) WriteString(s string) (int, error) {
	w.buf.WriteString(s)
	return w.ResponseWriter.WriteString(s)
}

// idempotent makes POSTs with an Idempotency-Key safe to retry: the first
// answer is stored and replayed for retries with the same key and body; the
// same key with another body, or while the first request still runs, is a
// conflict. Server errors are not stored, so a retry runs again.
func (a *API) idempotent() gin.HandlerFunc {
	return func(c *gin.Context) {
		key := c.GetHeader("Idempotency-Key")
		if c.Request.Method != http.MethodPost || key == "" || !isAPI(c.Request.URL.Path) {
			c.Next()
			return
		}
		if len(key) > 255 || !printable(key) {
			writeProblem(c, fidelity.Invalid("the Idempotency-Key is not valid",
				fidelity.FieldError{Field: "Idempotency-Key", Reason: "must be 1–255 printable ASCII characters"}))
			return
		}
		body, err := readBody(c)
		if err != nil {
			writeProblem(c, err)
			return
		}
		c.Request.Body = io.NopCloser(bytes.NewReader(body))
		sum := sha256.Sum256(body)
		hash := hex.EncodeToString(sum[:])
		ctx := c.Request.Context()
		prior, started, err := a.svc.BeginIdempotent(ctx, key, c.Request.Method, c.Request.URL.Path, hash)
		if err != nil {
			writeProblem(c, err)
			return
		}
		if !started {
			replay(c, prior, hash)
			return
		}
		w := &capture{ResponseWriter: c.Writer}
		c.Writer = w
		c.Next()
		// The request's context may be cancelled by now (client gone,
		// timeout): the record must still be completed or released, or the
		// key would answer "still running" until it expires.
		done, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		status := w.Status()
		if status >= 500 || ctx.Err() != nil {
			if err := a.svc.AbandonIdempotent(done, key); err != nil {
				a.log.Warn("idempotency key not released", "error", err, "request_id", c.GetString(requestIDHeader))
			}
			return
		}
		if err := a.svc.CompleteIdempotent(done, key, status, w.Header().Get("Content-Type"), w.Header().Get("Location"), w.buf.Bytes()); err != nil {
			a.log.Warn("idempotent response not stored", "error", err, "request_id", c.GetString(requestIDHeader))
		}
	}
}

func replay(c *gin.Context, prior fidelity.IdempotentResponse, hash string) {
	switch {
	case prior.BodyHash != hash || prior.Path != c.Request.URL.Path:
		writeProblem(c, fidelity.Errorf(fidelity.KindConflict,
			"this Idempotency-Key was used for a different request; use a new key for a new request"))
	case prior.Status == 0:
		c.Header("Retry-After", "1")
		writeProblem(c, fidelity.Errorf(fidelity.KindConflict, "a request with this Idempotency-Key is still running; retry shortly"))
	default:
		if prior.Location != "" {
			c.Header("Location", prior.Location)
		}
		c.Header("Idempotent-Replayed", "true")
		c.Header("X-Original-Status", strconv.Itoa(prior.Status))
		c.Data(prior.Status, prior.ContentType, prior.Body)
		c.Abort()
	}
}

func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return s != ""
}
