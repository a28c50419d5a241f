package store_test

import (
	"errors"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// The data version counts committed writes: each audited write moves it by
// one, a rolled-back write leaves it where it was.
func TestDataVersionCountsCommittedWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := ctxT(t)
		version := func() int64 {
			v, err := s.DataVersion(ctx)
			must(t, err)
			return v
		}
		start := version()
		for i := 1; i <= 20; i++ {
			must(t, s.AppendAudit(ctx, fidelity.AuditEvent{At: now(), Actor: "test", Action: "site.create", ResourceType: "site", ResourceID: newID(t)}))
			if got := version(); got != start+int64(i) {
				t.Fatalf("after %d writes the version is %d, want %d", i, got, start+int64(i))
			}
		}
		boom := errors.New("rolled back")
		err := s.InTx(ctx, func(tx service.Store) error {
			must(t, tx.AppendAudit(ctx, fidelity.AuditEvent{At: now(), Actor: "test", Action: "site.create", ResourceType: "site", ResourceID: newID(t)}))
			return boom
		})
		if !errors.Is(err, boom) && err == nil {
			t.Fatalf("transaction: %v", err)
		}
		if got := version(); got != start+20 {
			t.Fatalf("a rolled-back write moved the version to %d, want %d", got, start+20)
		}
	})
}
