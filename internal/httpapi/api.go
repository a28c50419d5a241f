// Package httpapi is the REST adapter: a gin router implementing the
// server interface generated from api/openapi.yaml. Handlers are thin:
// decode and validate the request, call the service, map the result to the
// contract's types, map errors to problem+json once (problem.go).
package httpapi

import (
	"database/sql"
	"log/slog"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/go-playground/validator/v10"

	"github.com/ipsfidelity/fidelity/api"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/httpapi/docs"
	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// Options wire the adapter.
type Options struct {
	Service      *service.Service
	Logger       *slog.Logger
	MaxBodyBytes int64
	Version      string
	// DB, when set, exports connection-pool statistics on /metrics.
	DB func() *sql.DB
	// Mount, when set, adds further routes (the web interface) to the
	// same engine, after the API's middleware.
	Mount func(*gin.Engine)
	// RatePerSecond and RateBurst limit each API key (each client address
	// in open mode); 0 disables the limit.
	RatePerSecond float64
	RateBurst     int
	// RequestTimeout bounds one API request (exports get ExportTimeout).
	RequestTimeout time.Duration
	ExportTimeout  time.Duration
	// IfMatchOptional lets review and rating writes go without If-Match
	// (the default requires it, answering 428).
	IfMatchOptional bool
}

// API implements oapi.ServerInterface.
type API struct {
	svc      *service.Service
	log      *slog.Logger
	validate *validator.Validate
	metrics  *metrics
	version  string
	limiter  *limiter
	contract *contract
	// exportTimeout also extends the connection's write deadline for
	// streamed exports, which the server's WriteTimeout would cut short.
	exportTimeout time.Duration

	ifMatchOptional bool
}

var _ oapi.ServerInterface = (*API)(nil)

// New builds the HTTP handler: middleware, the generated routes, problem
// answers for unknown routes and methods.
func New(o Options) http.Handler {
	gin.SetMode(gin.ReleaseMode)
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = 1 << 20
	}
	a := &API{
		svc: o.Service, log: o.Logger, validate: newValidator(),
		metrics: newMetrics(o.DB), version: o.Version,
		ifMatchOptional: o.IfMatchOptional, exportTimeout: o.ExportTimeout,
	}
	if o.RatePerSecond > 0 {
		a.limiter = newLimiter(o.RatePerSecond, max(1, o.RateBurst))
	}
	if k, err := sharedContract(); err == nil {
		a.contract = k
	} else {
		o.Logger.Error("the contract could not be loaded; parameters and bodies are checked by the handlers only", "error", err)
	}

	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.RedirectTrailingSlash = false
	r.RedirectFixedPath = false
	r.ContextWithFallback = true
	r.Use(requestID(), recovery(o.Logger), a.metrics.middleware(), accessLog(o.Logger),
		securityHeaders(), limitHeaders(MaxHeaderBytes), strictQuery(), validText(), limitBody(o.MaxBodyBytes),
		requestTimeout(o.RequestTimeout, o.ExportTimeout), a.authenticate(), a.rateLimit(), a.checkParams(), a.idempotent())
	oapi.RegisterHandlersWithOptions(r, a, oapi.GinServerOptions{ErrorHandler: paramError})
	if o.Mount != nil {
		o.Mount(r)
	}
	r.NoRoute(func(c *gin.Context) {
		statusProblem(c, http.StatusNotFound, "not-found", "Not found", "no resource at "+c.Request.URL.Path)
	})
	r.NoMethod(func(c *gin.Context) {
		statusProblem(c, http.StatusMethodNotAllowed, "method-not-allowed", "Method not allowed",
			c.Request.Method+" is not supported on "+c.Request.URL.Path)
	})
	return r
}

// sharedContract parses the request contract (api.RequestContract, the
// requests of api/openapi.yaml without descriptions, examples or
// responses) once per process: the parse is still the largest part of a
// cold start's CPU (114,000 allocations, BenchmarkLoadContract), every
// router of the process can share the result (it is only read), and
// Preload can start it while the database is being opened.
var sharedContract = sync.OnceValues(loadContract)

// Preload starts parsing the contract in the background so that it overlaps
// the rest of start-up; New waits for it. Calling it is optional.
func Preload() { go func() { _, _ = sharedContract() }() }

// renderedDocs is the /docs page, rendered on its first request rather than
// at start: it parses the contract a second time and keeps 0.8 MB, for a
// page few replicas are ever asked for.
var renderedDocs = sync.OnceValues(func() ([]byte, error) { return docs.Render(api.Spec) })

var paramName = regexp.MustCompile(`parameter ([A-Za-z0-9_-]+)`)

// paramError answers a query, path or header parameter that does not bind
// (a non-numeric limit, a malformed date) with a problem naming it.
func paramError(c *gin.Context, err error, _ int) {
	field := ""
	if m := paramName.FindStringSubmatch(err.Error()); m != nil {
		field = m[1]
	}
	reason := err.Error()
	if i := strings.Index(reason, ": "); i >= 0 {
		reason = reason[i+2:]
	}
	writeProblem(c, fidelity.Invalid("a parameter is not valid", fidelity.FieldError{Field: field, Reason: "is not valid: " + reason}))
}

// newValidator names fields by their JSON names so errors match the body.
func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.SetTagName("validate")
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name := strings.SplitN(f.Tag.Get("json"), ",", 2)[0]
		if name == "-" {
			return ""
		}
		return name
	})
	return v
}
