package httpapi

import (
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// ETags are the resource's version counter: "v3". A write with If-Match
// names the version it was based on; the service rejects stale ones (412).

func setETag(c *gin.Context, version int) {
	c.Header("ETag", `"v`+strconv.Itoa(version)+`"`)
}

// ifMatch returns the version named by If-Match, 0 when absent, "*" or "v0".
func ifMatch(h *string) (int, error) {
	if h == nil {
		return 0, nil
	}
	v := strings.TrimSpace(*h)
	if v == "" || v == "*" {
		return 0, nil
	}
	v = strings.TrimPrefix(v, "W/")
	// "v0" is the ETag of a rating set not saved yet; like "*" it asks for
	// no version check (a concurrent first save is retried, never lost).
	if n, err := strconv.Atoi(strings.TrimPrefix(strings.Trim(v, `"`), "v")); err == nil && n >= 0 && strings.HasPrefix(v, `"v`) {
		return n, nil
	}
	return 0, fidelity.Errorf(fidelity.KindPreconditionFailed, `If-Match %q does not name a version of this resource (ETags look like "v3")`, *h)
}
