package service

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/sync/singleflight"
)

// reportCache keeps computed reports until the data version moves.
//
// A report is a pure function of (what was asked, who asks, today, the
// committed data). The first three are the key; the last is the data
// version, which every write transaction on every replica moves (see
// Store.DataVersion). So a cached report is served only while the database
// still reads the version it was computed at: a write on another replica
// makes every older entry unreachable on the next request, with no
// messages between replicas and no time-to-live to tune.
//
// Who asks is the caller's role, rater and sorted scope: two keys with the
// same scope share entries, no entry crosses scopes, and a rater never gets
// a result computed for someone allowed to see more (blind ratings).
//
// Cached values are shared between requests and must be treated as
// read-only by every caller.
type reportCache struct {
	entries *lru.Cache[string, any]
	group   singleflight.Group

	mu      sync.Mutex
	version int64 // the newest data version seen; older entries are gone

	hits, misses atomic.Int64
}

func newReportCache(size int) *reportCache {
	if size <= 0 {
		return nil
	}
	entries, err := lru.New[string, any](size)
	if err != nil { // only for size <= 0, excluded above
		return nil
	}
	return &reportCache{entries: entries}
}

// observe notes the version a request read. A newer version empties the
// cache: nothing computed before it can be served again. It reports whether
// results computed at v may be stored (not when v is already older than
// what another request saw).
func (c *reportCache) observe(v int64) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case v > c.version:
		c.version = v
		c.entries.Purge()
		return true
	case v == c.version:
		return true
	default:
		return false
	}
}

// ReportCacheStats says how often reports were served from the cache.
type ReportCacheStats struct {
	Hits, Misses int64
	Entries      int
}

// ReportCacheStats returns the cache counters (zero when caching is off).
func (s *Service) ReportCacheStats() ReportCacheStats {
	if s.reports == nil {
		return ReportCacheStats{}
	}
	return ReportCacheStats{Hits: s.reports.hits.Load(), Misses: s.reports.misses.Load(), Entries: s.reports.entries.Len()}
}

// cachedReport returns the report named name for the request q, computing
// it with compute unless a result for the same question, asker, day and
// data version is cached. Concurrent identical misses compute once.
func cachedReport[T any](ctx context.Context, s *Service, name string, q any, compute func(context.Context) (T, error)) (T, error) {
	c := s.reports
	if c == nil {
		return compute(ctx)
	}
	var zero T
	// The version is read before the report's own reads, so a result is
	// never older than the version it is stored under.
	version, err := s.store.DataVersion(ctx)
	if err != nil {
		return zero, err
	}
	storable := c.observe(version)
	key, err := s.reportKey(ctx, name, q, version)
	if err != nil {
		return compute(ctx)
	}
	if v, ok := c.entries.Get(key); ok {
		if r, ok := v.(T); ok {
			c.hits.Add(1)
			return r, nil
		}
	}
	c.misses.Add(1)
	v, err, _ := c.group.Do(key, func() (any, error) {
		r, err := compute(ctx)
		if err != nil && ctx.Err() != nil {
			return r, leaderGone{err}
		}
		if err == nil && storable {
			c.entries.Add(key, r)
		}
		return r, err
	})
	if gone, ok := errors.AsType[leaderGone](err); ok {
		// The request that computed went away, and whatever its reads
		// failed with (a cancelled context, a connection cut under it)
		// says nothing about the report: a request still wanted computes
		// it on its own context.
		if ctx.Err() == nil {
			return compute(ctx)
		}
		return zero, gone.err
	}
	if err != nil {
		return zero, err
	}
	return v.(T), nil
}

// leaderGone marks a failure of a shared computation whose own request was
// cancelled while it ran.
type leaderGone struct{ err error }

func (e leaderGone) Error() string { return e.err.Error() }
func (e leaderGone) Unwrap() error { return e.err }

// reportKey is the cache key: report, question, asker, day, data version.
func (s *Service) reportKey(ctx context.Context, name string, q any, version int64) (string, error) {
	question, err := json.Marshal(q)
	if err != nil {
		return "", err
	}
	p := caller(ctx)
	scope := slices.Clone(p.Scope)
	slices.Sort(scope)
	var b strings.Builder
	b.WriteString(name)
	b.WriteByte('\x00')
	b.Write(question)
	b.WriteByte('\x00')
	b.WriteString(string(p.Role))
	b.WriteByte('\x00')
	b.WriteString(p.RaterID)
	b.WriteByte('\x00')
	b.WriteString(strings.Join(scope, ","))
	b.WriteByte('\x00')
	b.WriteString(s.today().Format("2006-01-02"))
	b.WriteByte('\x00')
	b.WriteString(strconv.FormatInt(version, 10))
	return b.String(), nil
}
