package httpapi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
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

// TestFailedAuthenticationIsThrottledPerAddress: a client guessing keys
// gets its ten 401s, then 429 problem+json with Retry-After, wrong and
// malformed keys alike. The same address with a valid key is still served
// (a shared proxy address must not lock users out), another address is not
// throttled, and after Retry-After the guesser is answered 401 again.
func TestFailedAuthenticationIsThrottledPerAddress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		var clock atomic.Pointer[time.Time]
		t0 := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
		clock.Store(&t0)
		cat := scale.NewCatalog()
		if err := scale.LoadEmbedded(cat); err != nil {
			t.Fatal(err)
		}
		svc := service.New(st, cat, service.DefaultConfig(), service.WithClock(func() time.Time { return *clock.Load() }))
		h := httpapi.New(httpapi.Options{Service: svc, Version: "test"})
		e := &env{t: t, handler: h, store: st, router: contractRouter(t), now: t0, svc: svc}
		_, secret, err := svc.CreateKey(fidelity.WithPrincipal(context.Background(), fidelity.System),
			service.KeyInput{Name: "Admin", Role: fidelity.RoleAdmin})
		if err != nil {
			t.Fatal(err)
		}
		from := func(addr, key string) resp {
			req := httptest.NewRequest("GET", "/v1/sites", nil)
			req.RemoteAddr = addr + ":40000"
			req.Header.Set("Authorization", "Bearer "+key)
			rec := httptest.NewRecorder()
			e.handler.ServeHTTP(rec, req)
			r := resp{t: t, Code: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
			e.checkContract(req, nil, r)
			return r
		}
		wrong := "fk_AAAAAAAA_" + "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"
		for i := range 10 {
			guess := wrong
			if i%2 == 1 {
				guess = "not-even-a-key"
			}
			from("198.51.100.7", guess).problem(http.StatusUnauthorized)
		}
		throttled := from("198.51.100.7", wrong)
		throttled.problem(http.StatusTooManyRequests)
		wait, err := strconv.Atoi(throttled.Header.Get("Retry-After"))
		if err != nil || wait < 1 || wait > 6 {
			t.Fatalf("Retry-After %q, want 1–6 seconds", throttled.Header.Get("Retry-After"))
		}
		from("198.51.100.7", "not-even-a-key").problem(http.StatusTooManyRequests)

		from("198.51.100.7", secret).want(http.StatusOK)
		from("203.0.113.9", wrong).problem(http.StatusUnauthorized)

		t1 := t0.Add(time.Duration(wait) * time.Second)
		clock.Store(&t1)
		from("198.51.100.7", wrong).problem(http.StatusUnauthorized)
		from("198.51.100.7", wrong).problem(http.StatusTooManyRequests)
	})
}
