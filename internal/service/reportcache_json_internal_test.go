package service

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// The encoded JSON the report cache keeps is bounded: beyond the budget the
// least recently used entries go, the byte count always equals the JSON of
// the entries still cached (evictions, purges and an entry that left the
// cache before its JSON was kept included), and the bytes are exactly what
// encoding/json makes of the report.
func TestReportCacheJSONIsBoundedAndCounted(t *testing.T) {
	c := newReportCache(16)
	report := func(n int) any { return map[string]string{"x": strings.Repeat("a", n)} }
	size := func(v any) int64 { b, _ := json.Marshal(v); return int64(len(b)) }
	c.jsonBudget = 3*size(report(100)) + 10 // three reports fit, four do not

	counted := func() int64 {
		c.jmu.Lock()
		defer c.jmu.Unlock()
		return c.jsonBytes
	}
	held := func() int64 {
		var n int64
		for _, k := range c.entries.Keys() {
			e, _ := c.entries.Peek(k)
			if enc := e.json.Load(); enc != nil {
				n += int64(len(enc.JSON))
			}
		}
		return n
	}
	answer := func(key string, v any) EncodedReport {
		t.Helper()
		e := &reportEntry{value: v}
		c.entries.Add(key, e)
		_, out := WithEncodedReport(context.Background())
		if err := c.encode(out, key, e, true); err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(v)
		if string(out.JSON) != string(want) || out.ETag == "" {
			t.Fatalf("encoded %s as %q (ETag %q), want %q", key, out.JSON, out.ETag, want)
		}
		return *out
	}
	a := answer("a", report(100))
	answer("b", report(100))
	answer("c", report(100))
	if got := counted(); got != held() || got != 3*size(report(100)) {
		t.Fatalf("counted %d bytes, entries hold %d", got, held())
	}
	answer("d", report(100)) // over budget: "a", the least recently used, goes
	if _, ok := c.entries.Peek("a"); ok || c.entries.Len() != 3 || counted() != held() {
		t.Fatalf("after the fourth: a cached %v, %d entries, counted %d, held %d", ok, c.entries.Len(), counted(), held())
	}
	if answer("a", report(100)).ETag != a.ETag {
		t.Fatal("the same key got another ETag")
	}

	// A report bigger than the whole budget is answered but not kept.
	answer("huge", report(int(c.jsonBudget)))
	if e, _ := c.entries.Peek("huge"); e.json.Load() != nil || counted() != held() {
		t.Fatal("a report over the budget was kept")
	}

	// An entry evicted before its JSON was kept: answered, not counted.
	gone := &reportEntry{value: report(50)}
	_, out := WithEncodedReport(context.Background())
	if err := c.encode(out, "gone", gone, true); err != nil || out.JSON == nil {
		t.Fatalf("an evicted entry was not answered: %v", err)
	}
	if counted() != held() {
		t.Fatalf("an entry no longer cached was counted: %d, held %d", counted(), held())
	}

	// A newer data version empties the cache and its bytes.
	c.observe(c.version + 1)
	if counted() != 0 || c.entries.Len() != 0 {
		t.Fatalf("after a newer version: %d bytes counted, %d entries", counted(), c.entries.Len())
	}

	// A request that did not ask for JSON gets nothing encoded.
	e := &reportEntry{value: report(10)}
	c.entries.Add("plain", e)
	if err := c.encode(nil, "plain", e, true); err != nil || e.json.Load() != nil {
		t.Fatalf("encoded without being asked: %v", err)
	}
}
