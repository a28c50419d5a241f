package service_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// encoding1 is se-fidelity@2008 exactly as the binaries before encoding
// revisions shipped it; databases made by them hold its checksum.
func encoding1(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/se-fidelity-2008-encoding1.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func catalogOf(t *testing.T, name string, data []byte) *scale.Catalog {
	t.Helper()
	sc, err := scale.ParseStored(name, data) // as the binary that shipped it loaded it
	if err != nil {
		t.Fatal(err)
	}
	sc.Origin = "embedded"
	cat := scale.NewCatalog()
	if err := cat.Add(sc); err != nil {
		t.Fatal(err)
	}
	return cat
}

// A database made by the previous binary (se-fidelity@2008, encoding 1)
// must still start with the corrected encoding 2 of the same printed form,
// and its reviews keep the scores they were given: the stored scorecards
// are not recomputed, each names the encoding that computed it, and the
// replaced encoding stays on record.
func TestEncodingRevisionKeepsOldDatabaseAndScores(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		old := newWorldWith(t, st, catalogOf(t, "se-fidelity/2008.yaml", encoding1(t)))
		review := old.plan(t, old.teamA)
		saved, err := old.svc.SaveRatings(as(fidelity.RoleRater, old.raterA), review, old.raterA, service.AnyVersion, old.complete(t, 4, 7), false)
		if err != nil {
			t.Fatal(err)
		}
		if saved.Scorecard.ScaleEncoding != 1 || saved.Scorecard.Total == nil {
			t.Fatalf("old scorecard: encoding %d, total %v", saved.Scorecard.ScaleEncoding, saved.Scorecard.Total)
		}
		oldChecksum := old.sc.Checksum

		// The new binary starts on the same database.
		cat := scale.NewCatalog()
		if err := scale.LoadEmbedded(cat); err != nil {
			t.Fatal(err)
		}
		svc := service.New(st, cat, service.DefaultConfig())
		if err := svc.SyncScales(ctx); err != nil {
			t.Fatalf("a database made by the previous binary no longer starts: %v", err)
		}
		current, _ := cat.Get("se-fidelity", "2008")
		if current.Revision() != 2 {
			t.Fatalf("embedded encoding %d, want 2", current.Revision())
		}
		stored, err := st.GetScale(ctx, "se-fidelity", "2008")
		if err != nil || stored.Checksum != current.Checksum || !bytes.Equal(stored.Source, current.Raw) {
			t.Fatalf("stored encoding not revised: %.12s, %v", stored.Checksum, err)
		}
		kept, err := st.ListScaleEncodings(ctx, "se-fidelity", "2008")
		if err != nil || len(kept) != 1 || kept[0].Checksum != oldChecksum || !bytes.Equal(kept[0].Source, encoding1(t)) {
			t.Fatalf("superseded encoding not kept: %d rows, %v", len(kept), err)
		}
		events, _, err := svc.AuditLog(as(fidelity.RoleAdmin, ""), service.AuditFilter{ResourceType: "scale"})
		if err != nil || len(events) == 0 || events[0].Action != "scale.revise_encoding" || !strings.Contains(events[0].Before, oldChecksum) {
			t.Fatalf("no audit event for the revision: %+v %v", events, err)
		}

		// The old review keeps its score and says which encoding gave it.
		again, err := svc.GetRatings(as(fidelity.RoleLead, ""), review, old.raterA)
		if err != nil {
			t.Fatal(err)
		}
		if *again.Scorecard.Total != *saved.Scorecard.Total || again.Scorecard.ScaleEncoding != 1 {
			t.Fatalf("old review changed: total %v → %v, encoding %d", *saved.Scorecard.Total, *again.Scorecard.Total, again.Scorecard.ScaleEncoding)
		}
		// A later save is scored by the new encoding.
		resaved, err := svc.SaveRatings(as(fidelity.RoleRater, old.raterA), review, old.raterA, service.AnyVersion, old.complete(t, 4, 7), false)
		if err != nil {
			t.Fatal(err)
		}
		if resaved.Scorecard.ScaleEncoding != 2 || *resaved.Scorecard.Total != *saved.Scorecard.Total {
			t.Fatalf("re-saved: encoding %d, total %v (was %v)", resaved.Scorecard.ScaleEncoding, *resaved.Scorecard.Total, *saved.Scorecard.Total)
		}
		// Restarting is idempotent.
		if err := svc.SyncScales(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

// A changed file that is not a later encoding of the same form is refused:
// the same encoding number with other bytes, or a revision that changes an
// interval (the same inputs could score differently: a new version).
func TestEncodingRevisionRefusesOtherChanges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		base := encoding1(t)
		newWorldWith(t, st, catalogOf(t, "se-fidelity/2008.yaml", base))
		// A real interval change: S1's ≤ 20 becomes ≤ 21 (and 21–25 starts above 21).
		moved := bytes.Replace(base, []byte("version: \"2008\"\n"), []byte("version: \"2008\"\nencoding: 2\n"), 1)
		moved = bytes.Replace(moved, []byte("          le: 20\n          score: 5"), []byte("          le: 21\n          score: 5"), 1)
		moved = bytes.Replace(moved, []byte("        - gt: 20\n          le: 25"), []byte("        - gt: 21\n          le: 25"), 1)
		cases := map[string]struct {
			data []byte
			want string
		}{
			"same encoding, other bytes": {append(bytes.Clone(base), []byte("\n# an edit\n")...), "without a higher encoding number"},
			"interval changed":           {moved, "changes the intervals or caps of item S1"},
		}
		for name, tc := range cases {
			t.Run(name, func(t *testing.T) {
				if bytes.Equal(tc.data, base) {
					t.Fatal("the case changes nothing")
				}
				svc := service.New(st, catalogOf(t, "se-fidelity/2008.yaml", tc.data), service.DefaultConfig())
				err := svc.SyncScales(ctx)
				if fidelity.KindOf(err) != fidelity.KindConflict || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("got %v, want a conflict saying %q", err, tc.want)
				}
				if kept, _ := st.ListScaleEncodings(ctx, "se-fidelity", "2008"); len(kept) != 0 {
					t.Fatalf("a refused file was recorded: %d superseded encodings", len(kept))
				}
			})
		}
	})
}
