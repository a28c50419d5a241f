package httpapi

import (
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// ETags are the resource's version counter: "v3". A write with If-Match
// names the version it was based on; the service rejects stale ones (412).

func setETag(c *gin.Context, version int) {
	c.Header("ETag", `"v`+strconv.Itoa(version)+`"`)
}

// setReviewETag answers a write to a review's consensus or corrections,
// which rescores the review and so changes its version, with the review's
// new ETag: the If-Match for finalising or the next correction, without
// another read.
func setReviewETag(c *gin.Context, version int) {
	c.Header("Review-ETag", `"v`+strconv.Itoa(version)+`"`)
}

// ifMatch returns the version named by If-Match, service.AnyVersion when
// absent or "*". "v0" is the ETag of a rating set not saved yet and means
// "only if nobody has saved it meanwhile".
func ifMatch(h *string) (int, error) {
	if h == nil {
		return service.AnyVersion, nil
	}
	v := strings.TrimSpace(*h)
	if v == "" || v == "*" {
		return service.AnyVersion, nil
	}
	v = strings.TrimPrefix(v, "W/")
	if n, err := strconv.Atoi(strings.TrimPrefix(strings.Trim(v, `"`), "v")); err == nil && n >= 0 && strings.HasPrefix(v, `"v`) {
		return n, nil
	}
	return service.AnyVersion, fidelity.Errorf(fidelity.KindPreconditionFailed, `If-Match %q does not name a version of this resource (ETags look like "v3")`, *h)
}

// noneMatch reports whether an If-None-Match header names etag (or is
// "*"). The comparison is weak, as RFC 9110 §13.1.2 asks for
// If-None-Match: a W/ prefix does not matter.
func noneMatch(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, tag := range strings.Split(header, ",") {
		tag = strings.TrimSpace(tag)
		if tag == "*" || strings.TrimPrefix(tag, "W/") == etag {
			return true
		}
	}
	return false
}
