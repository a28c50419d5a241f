package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
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
//
// An entry also keeps the report's JSON once it has been answered as JSON
// (see EncodedReport): a national heatmap is 600 KB, and encoding it again
// on every hit was most of a hit's cost. The same key, so the same
// invalidation: the bytes go with their entry. Their total is bounded by
// jsonBudget; beyond it the least recently used entries go.
type reportCache struct {
	entries *lru.Cache[string, *reportEntry]
	group   singleflight.Group

	mu      sync.Mutex
	version int64 // the newest data version seen; older entries are gone

	// jmu orders keeping an entry's JSON against that entry's eviction
	// (whose callback runs after the entry has left the cache), so that
	// jsonBytes counts exactly the bytes of entries still cached.
	jmu        sync.Mutex
	jsonBytes  int64
	jsonBudget int64

	hits, misses atomic.Int64
}

// reportEntry is a cached report and, once answered as JSON, its encoding.
type reportEntry struct {
	value any
	json  atomic.Pointer[EncodedReport]
}

// reportJSONBudget bounds the encoded JSON the report cache holds: about
// fifty national heatmaps.
const reportJSONBudget = 32 << 20

func newReportCache(size int) *reportCache {
	if size <= 0 {
		return nil
	}
	c := &reportCache{jsonBudget: reportJSONBudget}
	entries, err := lru.NewWithEvict(size, func(_ string, e *reportEntry) {
		c.jmu.Lock()
		defer c.jmu.Unlock()
		if enc := e.json.Load(); enc != nil {
			c.jsonBytes -= int64(len(enc.JSON))
		}
	})
	if err != nil { // only for size <= 0, excluded above
		return nil
	}
	c.entries = entries
	return c
}

// EncodedReport is a report as a JSON answer: the bytes exactly as
// encoding/json writes the report, and a strong ETag derived from the
// cache key (report, question, asker, day, data version), so it changes
// whenever the answer may.
type EncodedReport struct {
	JSON []byte
	ETag string // quoted, e.g. "r1f2e…"
}

type encodedKey struct{}

// WithEncodedReport asks the report read made with the returned context to
// fill out with the report's JSON (from the cache when it is there), so an
// adapter answering JSON can send the bytes instead of encoding the value
// again. out stays empty when the cache is off; the adapter then encodes
// the returned value itself. Passing the request through the context keeps
// one key derivation and one method per report.
func WithEncodedReport(ctx context.Context) (context.Context, *EncodedReport) {
	out := &EncodedReport{}
	return context.WithValue(ctx, encodedKey{}, out), out
}

// encode fills out, the request's EncodedReport if it asked for one (nil
// otherwise), from the entry, encoding and keeping the JSON on the entry's
// first JSON answer.
func (c *reportCache) encode(out *EncodedReport, key string, e *reportEntry, stored bool) error {
	if out == nil {
		return nil
	}
	if enc := e.json.Load(); enc != nil {
		*out = *enc
		return nil
	}
	b, err := json.Marshal(e.value)
	if err != nil {
		return err
	}
	sum := sha256.Sum256([]byte(key))
	enc := &EncodedReport{JSON: b, ETag: `"r` + hex.EncodeToString(sum[:16]) + `"`}
	*out = *enc
	if stored && int64(len(b)) <= c.jsonBudget && c.keep(key, e, enc) {
		// Over budget: the least recently used entries go (this one was
		// just used, so it is the last to).
		for c.overBudget() && c.entries.Len() > 1 {
			if _, _, ok := c.entries.RemoveOldest(); !ok {
				break
			}
		}
	}
	return nil
}

// keep stores enc on e if e is still the cached entry of key and has no
// JSON yet.
func (c *reportCache) keep(key string, e *reportEntry, enc *EncodedReport) bool {
	c.jmu.Lock()
	defer c.jmu.Unlock()
	if cur, ok := c.entries.Peek(key); !ok || cur != e || !e.json.CompareAndSwap(nil, enc) {
		return false
	}
	c.jsonBytes += int64(len(enc.JSON))
	return true
}

func (c *reportCache) overBudget() bool {
	c.jmu.Lock()
	defer c.jmu.Unlock()
	return c.jsonBytes > c.jsonBudget
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
	// JSONBytes is the encoded JSON the entries hold (bounded).
	JSONBytes int64
}

// ReportCacheStats returns the cache counters (zero when caching is off).
func (s *Service) ReportCacheStats() ReportCacheStats {
	if s.reports == nil {
		return ReportCacheStats{}
	}
	c := s.reports
	c.jmu.Lock()
	defer c.jmu.Unlock()
	return ReportCacheStats{Hits: c.hits.Load(), Misses: c.misses.Load(), Entries: c.entries.Len(), JSONBytes: c.jsonBytes}
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
	// The request for the encoded report is this call's, not that of a
	// report its computation might read: taken off the context here and
	// passed on explicitly.
	out, _ := ctx.Value(encodedKey{}).(*EncodedReport)
	if out != nil {
		ctx = context.WithValue(ctx, encodedKey{}, (*EncodedReport)(nil))
	}
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
	if e, ok := c.entries.Get(key); ok {
		if r, ok := e.value.(T); ok {
			c.hits.Add(1)
			return r, c.encode(out, key, e, true)
		}
	}
	c.misses.Add(1)
	v, err, _ := c.group.Do(key, func() (any, error) {
		r, err := compute(ctx)
		if err != nil && ctx.Err() != nil {
			return nil, leaderGone{err}
		}
		if err != nil {
			return nil, err
		}
		e := &reportEntry{value: r}
		if storable {
			c.entries.Add(key, e)
		}
		return e, nil
	})
	if gone, ok := errors.AsType[leaderGone](err); ok {
		// The request that computed went away, and whatever its reads
		// failed with (a cancelled context, a connection cut under it)
		// says nothing about the report: a request still wanted computes
		// it on its own context.
		if ctx.Err() == nil {
			r, err := compute(ctx)
			if err != nil {
				return zero, err
			}
			return r, c.encode(out, key, &reportEntry{value: r}, false)
		}
		return zero, gone.err
	}
	if err != nil {
		return zero, err
	}
	e := v.(*reportEntry)
	return e.value.(T), c.encode(out, key, e, storable)
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
