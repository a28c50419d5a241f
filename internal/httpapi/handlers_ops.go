package httpapi

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/ipsfidelity/fidelity/api"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
)

// GetHealth answers while the process runs; it never touches the database.
func (a *API) GetHealth(c *gin.Context) {
	c.JSON(http.StatusOK, oapi.Health{Status: oapi.HealthStatusOk})
}

// readyTimeout bounds the readiness ping: a database that hangs (rather
// than refusing connections) must still make /readyz answer 503 at once.
const readyTimeout = time.Second

// GetReady answers 200 only while the database answers.
func (a *API) GetReady(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), readyTimeout)
	defer cancel()
	if err := a.svc.Ready(ctx); err != nil {
		writeProblem(c, fidelity.Wrap(fidelity.KindUnavailable, err, "the database is not reachable"))
		return
	}
	c.JSON(http.StatusOK, oapi.Health{Status: oapi.HealthStatusOk})
}

// GetMetrics exposes Prometheus metrics.
func (a *API) GetMetrics(c *gin.Context) {
	promhttp.HandlerFor(a.metrics.registry, promhttp.HandlerOpts{}).ServeHTTP(c.Writer, c.Request)
}

// GetOpenAPI serves the contract this server implements.
func (a *API) GetOpenAPI(c *gin.Context) {
	c.Data(http.StatusOK, "application/yaml", api.Spec)
}

// GetDocs serves the human-readable reference rendered from the contract.
func (a *API) GetDocs(c *gin.Context) {
	html, err := renderedDocs()
	if err != nil {
		a.log.Error("the API reference page could not be rendered", "error", err)
		writeProblem(c, fidelity.Errorf(fidelity.KindInternal, "the API reference is unavailable"))
		return
	}
	c.Header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	c.Data(http.StatusOK, "text/html; charset=utf-8", html)
}
