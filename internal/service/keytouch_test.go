package service_test

import (
	"context"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// A key used for many requests in a minute is written to once: a read
// request does not cost a write. Its last-used time is at most a minute
// behind.
func TestAuthenticateTouchesAKeyOncePerMinute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		cat := scale.NewCatalog()
		clock := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
		svc := service.New(st, cat, service.DefaultConfig(), service.WithClock(func() time.Time { return clock }))
		ctx := context.Background()
		k, secret, err := svc.CreateKey(ctx, service.KeyInput{Name: "integration", Role: fidelity.RoleAdmin})
		if err != nil {
			t.Fatal(err)
		}
		lastUsed := func() time.Time {
			got, err := st.GetKey(ctx, k.ID)
			if err != nil || got.LastUsedAt == nil {
				t.Fatalf("key after use: %+v, %v", got, err)
			}
			return *got.LastUsedAt
		}
		if _, err := svc.Authenticate(ctx, secret, "192.0.2.1"); err != nil {
			t.Fatal(err)
		}
		first := lastUsed()
		clock = clock.Add(59 * time.Second)
		if _, err := svc.Authenticate(ctx, secret, "192.0.2.1"); err != nil {
			t.Fatal(err)
		}
		if got := lastUsed(); !got.Equal(first) {
			t.Fatalf("used again after 59 s: last used moved to %v (a write per request)", got)
		}
		clock = clock.Add(2 * time.Second)
		if _, err := svc.Authenticate(ctx, secret, "192.0.2.1"); err != nil {
			t.Fatal(err)
		}
		if got := lastUsed(); !got.Equal(clock) {
			t.Fatalf("used after 61 s: last used %v, want %v", got, clock)
		}
	})
}
