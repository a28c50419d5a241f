package service

import (
	"math"
	"sync"
	"time"
)

// Failed authentication is throttled per client address: authFailureBurst
// failures in a row are answered as such, then one more is allowed every
// authFailureRefill. A valid key is never throttled, so an address shared
// by many users (a proxy, an office NAT) cannot be locked out by one
// client guessing keys; keys carry 190 secret bits, so the throttle is
// about load and noise, not about making guessing feasible. The state is
// per process: with N replicas an address gets N times the allowance.
const (
	authFailureBurst  = 10
	authFailureRefill = 6 * time.Second
	// authThrottleMax bounds the addresses remembered; beyond it, those
	// whose allowance is full again are forgotten.
	authThrottleMax = 100_000
)

type authThrottle struct {
	mu      sync.Mutex
	buckets map[string]*failureBucket
}

// failureBucket holds the failures an address may still make (tokens) as
// of at.
type failureBucket struct {
	tokens float64
	at     time.Time
}

func (b *failureBucket) refill(now time.Time) {
	if now.After(b.at) {
		b.tokens = math.Min(authFailureBurst, b.tokens+float64(now.Sub(b.at))/float64(authFailureRefill))
		b.at = now
	}
}

// fail records a failed authentication from client and reports how long
// it must wait when it has used up its allowance (0 otherwise).
func (t *authThrottle) fail(client string, now time.Time) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.buckets == nil {
		t.buckets = map[string]*failureBucket{}
	}
	b, ok := t.buckets[client]
	if !ok {
		if len(t.buckets) >= authThrottleMax {
			t.forgetFull(now)
		}
		b = &failureBucket{tokens: authFailureBurst, at: now}
		t.buckets[client] = b
	}
	b.refill(now)
	if b.tokens >= 1 {
		b.tokens--
		return 0
	}
	return time.Duration((1 - b.tokens) * float64(authFailureRefill))
}

func (t *authThrottle) forgetFull(now time.Time) {
	for k, b := range t.buckets {
		if b.refill(now); b.tokens >= authFailureBurst {
			delete(t.buckets, k)
		}
	}
}
