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

// The item scores of site_latest survive their text form, and a text that
// is not one is an error, not a zero.
func TestItemScoresText(t *testing.T) {
	in := map[string]int{"S1": 5, "Sv10": 1, "O6": 3}
	text := store.EncodeItemScores(in)
	if text != "O6=3,S1=5,Sv10=1" {
		t.Fatalf("encoded %q", text)
	}
	out := map[string]int{}
	if err := store.DecodeItemScores(text, out); err != nil || len(out) != 3 || out["Sv10"] != 1 || out["S1"] != 5 {
		t.Fatalf("decoded %v, %v", out, err)
	}
	for _, bad := range []string{"S1", "S1=x", "S1=5,,"} {
		if err := store.DecodeItemScores(bad, map[string]int{}); err == nil {
			t.Errorf("%q decoded without an error", bad)
		}
	}
}

func BenchmarkDecodeItemScores(b *testing.B) {
	text := "O1=4,O2=4,O3=4,O4=4,O5=4,O6=1,O7=4,O8=4,S1=4,S2=4,S3=4,Sv1=4,Sv10=4,Sv11=4,Sv12=4,Sv13=4,Sv14=4,Sv2=4,Sv3=4,Sv4=4,Sv5=4,Sv6=4,Sv7=4,Sv8=4,Sv9=4"
	for b.Loop() {
		m := make(map[string]int, 25)
		_ = store.DecodeItemScores(text, m)
	}
}
