package httpapi

import (
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// isAPI reports whether a path belongs to the versioned API, which is what
// keys protect; /healthz, /readyz, /metrics, /docs and /openapi.yaml stay
// open for probes and readers, and the web interface has its own sessions.
func isAPI(path string) bool { return strings.HasPrefix(path, "/v1/") || path == "/v1" }

// authenticate sets the caller of every API request: in open mode (no key
// exists) the system administrator, in key mode the key's principal, and
// 401 without a valid key. The same answer for every failure, so nothing
// about which keys exist leaks.
func (a *API) authenticate() gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx := fidelity.WithRequestID(c.Request.Context(), c.GetString(requestIDHeader))
		c.Request = c.Request.WithContext(ctx)
		if !isAPI(c.Request.URL.Path) {
			c.Next()
			return
		}
		required, err := a.svc.KeysConfigured(ctx)
		if err != nil {
			writeProblem(c, fidelity.Wrap(fidelity.KindUnavailable, err, "the database is not reachable"))
			return
		}
		if !required {
			c.Request = c.Request.WithContext(fidelity.WithPrincipal(ctx, fidelity.System))
			c.Next()
			return
		}
		token, ok := bearer(c.GetHeader("Authorization"))
		if !ok {
			c.Header("WWW-Authenticate", `Bearer realm="fidelity"`)
			writeProblem(c, fidelity.Errorf(fidelity.KindUnauthorized, "send an API key as Authorization: Bearer <key>"))
			return
		}
		p, err := a.svc.Authenticate(ctx, token, clientIP(c))
		if err != nil {
			c.Header("WWW-Authenticate", `Bearer realm="fidelity", error="invalid_token"`)
			writeProblem(c, err)
			return
		}
		c.Request = c.Request.WithContext(fidelity.WithPrincipal(ctx, p))
		c.Next()
	}
}

func bearer(h string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// requireIfMatch enforces optimistic concurrency on review and rating
// writes: without If-Match a client could overwrite a change it never saw.
func (a *API) requireIfMatch(c *gin.Context, h *string) (int, bool) {
	if a.ifMatchOptional {
		v, err := ifMatch(h)
		if err != nil {
			writeProblem(c, err)
			return 0, false
		}
		return v, true
	}
	if h == nil || strings.TrimSpace(*h) == "" {
		writeProblem(c, fidelity.Errorf(fidelity.KindPreconditionRequired,
			`send If-Match with the ETag you read (e.g. "v3"), or "*" to overwrite whatever is there`))
		return 0, false
	}
	v, err := ifMatch(h)
	if err != nil {
		writeProblem(c, err)
		return 0, false
	}
	return v, true
}
