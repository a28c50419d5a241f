package httpapi_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/httpapi"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// TestRetryAfterAKilledRequestRuns: a POST with an Idempotency-Key whose
// process was killed mid-request (it never completed nor released its
// record) must not block the key for a day. A retry within the request's
// deadline still hears 409 "still running" (the first attempt might yet
// finish); once the deadline and the grace for storing an answer have
// passed, the retry is processed and answers 201, and later retries replay
// that answer.
func TestRetryAfterAKilledRequestRuns(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		var clock atomic.Pointer[time.Time]
		t0 := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
		clock.Store(&t0)
		cat := scale.NewCatalog()
		if err := scale.LoadEmbedded(cat); err != nil {
			t.Fatal(err)
		}
		svc := service.New(st, cat, service.DefaultConfig(), service.WithClock(func() time.Time { return *clock.Load() }))
		h := httpapi.New(httpapi.Options{Service: svc, RequestTimeout: 30 * time.Second, Version: "test"})
		e := &env{t: t, handler: h, store: st, router: contractRouter(t), now: t0, svc: svc}

		body := map[string]any{"name": "Ingrid Solberg", "organisation": "IPS-senteret", "email": "ingrid@example.no"}
		raw, _ := json.Marshal(body)
		sum := sha256.Sum256(raw)
		// The first attempt: started under a 30 s deadline, then SIGKILL.
		ctx, cancel := context.WithTimeout(fidelity.WithPrincipal(context.Background(), fidelity.System), 30*time.Second)
		_, started, err := svc.BeginIdempotent(ctx, "k-killed", "POST", "/v1/raters", hex.EncodeToString(sum[:]))
		cancel()
		if err != nil || !started {
			t.Fatalf("first attempt: started %v, %v", started, err)
		}

		later := func(d time.Duration) { t1 := clock.Load().Add(d); clock.Store(&t1) }
		later(20 * time.Second)
		e.do("POST", "/v1/raters", body, "Idempotency-Key", "k-killed").problem(http.StatusConflict)

		later(25 * time.Second) // past the 30 s deadline and the grace
		id := e.create("/v1/raters", body, "Idempotency-Key", "k-killed")["id"]
		again := e.do("POST", "/v1/raters", body, "Idempotency-Key", "k-killed").want(http.StatusCreated).obj()
		if again["id"] != id {
			t.Fatalf("the retry after the lease was not replayed: %v, then %v", id, again["id"])
		}
	})
}
