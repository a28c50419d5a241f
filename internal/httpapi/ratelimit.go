package httpapi

import (
	"math"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// limiter keeps one token bucket per API key (per client address in open
// mode). Buckets are per process: with N replicas a key gets N times the
// rate, which is documented in docs/security.md.
type limiter struct {
	mu      sync.Mutex
	rate    rate.Limit
	burst   int
	buckets map[string]*bucket
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newLimiter(perSecond float64, burst int) *limiter {
	return &limiter{rate: rate.Limit(perSecond), burst: burst, buckets: map[string]*bucket{}}
}

func (l *limiter) allow(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) > 100_000 {
			l.evict(now)
		}
		b = &bucket{lim: rate.NewLimiter(l.rate, l.burst)}
		l.buckets[key] = b
	}
	b.seen = now
	r := b.lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// evict drops buckets idle for a minute (full again by then anyway).
func (l *limiter) evict(now time.Time) {
	for k, b := range l.buckets {
		if now.Sub(b.seen) > time.Minute {
			delete(l.buckets, k)
		}
	}
}

// rateLimit answers 429 with Retry-After when a caller exceeds its rate.
func (a *API) rateLimit() gin.HandlerFunc {
	return func(c *gin.Context) {
		if a.limiter == nil || !isAPI(c.Request.URL.Path) {
			c.Next()
			return
		}
		key := "ip:" + clientIP(c)
		if p, ok := fidelity.PrincipalFrom(c.Request.Context()); ok && p.KeyID != "" {
			key = "key:" + p.KeyID
		}
		if ok, wait := a.limiter.allow(key, time.Now()); !ok {
			c.Header("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			writeProblem(c, fidelity.Errorf(fidelity.KindRateLimited, "too many requests; retry after %s", wait.Round(time.Millisecond)))
			return
		}
		c.Next()
	}
}

func clientIP(c *gin.Context) string {
	host, _, err := net.SplitHostPort(c.Request.RemoteAddr)
	if err != nil {
		return c.Request.RemoteAddr
	}
	return host
}
