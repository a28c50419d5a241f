package service

import (
	"sync"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// Every API request authenticates its key. Reading the key from the
// database each time was one statement (and its gorm scan) per request,
// as much as some reads themselves. So a key read is trusted for
// keyCacheTTL: a revocation on this replica takes effect at once (the
// cache is emptied), on every other replica within keyCacheTTL. Expiry
// is checked on every request against the cached expiry time, so it is
// exact. Only keys that exist are cached: an unknown key is asked for
// every time (and throttled, see authThrottle), so guessing cannot fill
// the cache.
const (
	keyCacheTTL = 2 * time.Second
	// keyCacheMax bounds the keys remembered; a full cache drops its
	// expired entries, and if that is not enough, all of them.
	keyCacheMax = 10_000
)

type keyCache struct {
	mu   sync.Mutex
	keys map[string]cachedKey // by hash
}

type cachedKey struct {
	key  fidelity.APIKey
	read time.Time // when it was read from the database
}

// get returns the key with the hash if it was read less than keyCacheTTL
// before now.
func (c *keyCache) get(hash string, now time.Time) (fidelity.APIKey, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.keys[hash]
	if !ok || now.Sub(e.read) >= keyCacheTTL || now.Before(e.read) {
		return fidelity.APIKey{}, false
	}
	return e.key, true
}

// put remembers a key read from the database at read.
func (c *keyCache) put(hash string, k fidelity.APIKey, read time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.keys == nil {
		c.keys = map[string]cachedKey{}
	}
	if _, ok := c.keys[hash]; !ok && len(c.keys) >= keyCacheMax {
		for h, e := range c.keys {
			if read.Sub(e.read) >= keyCacheTTL {
				delete(c.keys, h)
			}
		}
		if len(c.keys) >= keyCacheMax {
			clear(c.keys)
		}
	}
	c.keys[hash] = cachedKey{key: k, read: read}
}

// touched records that the key's last-used time was written, so the
// cached copy does not ask for another write within the minute.
func (c *keyCache) touched(hash string, at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.keys[hash]; ok {
		e.key.LastUsedAt = &at
		c.keys[hash] = e
	}
}

// forget drops every cached key: a key was revoked here.
func (c *keyCache) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.keys)
}
