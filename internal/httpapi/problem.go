package httpapi

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// ProblemBase is the prefix of every problem type URI; the suffix is the
// error kind, so clients can switch on it.
const ProblemBase = "https://ipsfidelity.org/problems/"

// Problem is an RFC 9457 problem details document.
type Problem struct {
	Type     string                `json:"type"`
	Title    string                `json:"title"`
	Status   int                   `json:"status"`
	Detail   string                `json:"detail,omitempty"`
	Instance string                `json:"instance,omitempty"`
	Errors   []fidelity.FieldError `json:"errors,omitempty"`
}

// kindStatus is the one place where error kinds become HTTP statuses.
var kindStatus = map[fidelity.Kind]struct {
	status int
	title  string
}{
	fidelity.KindInvalid:              {http.StatusBadRequest, "The request is not valid"},
	fidelity.KindNotFound:             {http.StatusNotFound, "Not found"},
	fidelity.KindConflict:             {http.StatusConflict, "Conflict with the resource's current state"},
	fidelity.KindUnauthorized:         {http.StatusUnauthorized, "Authentication required"},
	fidelity.KindForbidden:            {http.StatusForbidden, "Not allowed"},
	fidelity.KindPreconditionFailed:   {http.StatusPreconditionFailed, "The resource has changed"},
	fidelity.KindPreconditionRequired: {http.StatusPreconditionRequired, "If-Match is required"},
	fidelity.KindTooLarge:             {http.StatusRequestEntityTooLarge, "The request is too large"},
	fidelity.KindRateLimited:          {http.StatusTooManyRequests, "Too many requests"},
	fidelity.KindUnavailable:          {http.StatusServiceUnavailable, "Service unavailable"},
	fidelity.KindInternal:             {http.StatusInternalServerError, "Internal error"},
}

// problemFor maps an error to its problem document. Internal errors never
// show their cause; it goes to the log instead.
func problemFor(err error, instance string) Problem {
	kind := fidelity.KindOf(err)
	ks, ok := kindStatus[kind]
	if !ok {
		kind, ks = fidelity.KindInternal, kindStatus[fidelity.KindInternal]
	}
	p := Problem{
		Type: ProblemBase + string(kind), Title: ks.title, Status: ks.status,
		Detail: fidelity.MessageOf(err), Instance: instance, Errors: fidelity.FieldsOf(err),
	}
	if kind == fidelity.KindInternal {
		p.Detail = "the server could not complete the request; it has been logged"
	}
	return p
}

// writeProblem sends err as application/problem+json and records it on the
// context for the access log.
func writeProblem(c *gin.Context, err error) {
	if errors.Is(c.Request.Context().Err(), context.Canceled) {
		// The client has gone: nobody reads an answer, and it is not a
		// server fault (499, as nginx logs it).
		c.AbortWithStatus(statusClientClosed)
		return
	}
	p := problemFor(err, c.Request.URL.Path)
	if p.Status == http.StatusServiceUnavailable {
		c.Header("Retry-After", "1")
	}
	if wait := fidelity.RetryAfterOf(err); wait > 0 {
		c.Header("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
	}
	if p.Status >= 500 {
		_ = c.Error(err)
	}
	c.Header("Content-Type", "application/problem+json")
	c.Header("Cache-Control", "no-store")
	c.AbortWithStatusJSON(p.Status, p)
}

// statusClientClosed is recorded when the client left before the answer.
const statusClientClosed = 499

// statusProblem answers the router's own 404 and 405 in problem+json.
func statusProblem(c *gin.Context, status int, typ, title, detail string) {
	c.Header("Content-Type", "application/problem+json")
	c.AbortWithStatusJSON(status, Problem{Type: ProblemBase + typ, Title: title, Status: status, Detail: detail, Instance: c.Request.URL.Path})
}
