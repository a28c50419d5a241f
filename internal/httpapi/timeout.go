package httpapi

import (
	"context"
	"time"

	"github.com/gin-gonic/gin"
)

// requestTimeout bounds the work of one API request, so a database that
// stops answering turns into a 503 problem instead of a hanging client.
// Streaming exports get a longer bound.
func requestTimeout(d, export time.Duration) gin.HandlerFunc {
	return func(c *gin.Context) {
		if d <= 0 {
			c.Next()
			return
		}
		limit := d
		if len(c.Request.URL.Path) > len("/v1/exports/") && c.Request.URL.Path[:len("/v1/exports/")] == "/v1/exports/" {
			limit = export
		}
		ctx, cancel := context.WithTimeout(c.Request.Context(), limit)
		defer cancel()
		c.Request = c.Request.WithContext(ctx)
		c.Next()
	}
}
