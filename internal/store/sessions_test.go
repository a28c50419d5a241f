package store_test

import (
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// TestEndedSessions: a signed-out session stays ended (twice is fine), and
// is forgotten once its cookie has lapsed, so the table does not grow.
func TestEndedSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := ctxT(t)
		t0 := now()
		must(t, s.EndSession(ctx, "a", t0.Add(time.Hour), t0))
		must(t, s.EndSession(ctx, "a", t0.Add(time.Hour), t0))
		ended := func(id string) bool {
			t.Helper()
			ok, err := s.SessionEnded(ctx, id)
			must(t, err)
			return ok
		}
		if !ended("a") || ended("b") {
			t.Fatal("ended sessions are not what was signed out")
		}
		must(t, s.EndSession(ctx, "b", t0.Add(3*time.Hour), t0.Add(2*time.Hour)))
		if ended("a") || !ended("b") {
			t.Fatal("a lapsed session was kept, or a live one dropped")
		}
	})
}
