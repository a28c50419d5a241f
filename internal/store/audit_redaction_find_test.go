package store_test

import (
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// The redaction of a review's audit events finds them under every
// resource type a review's data is logged under (the review, its written
// report, its rating sets, its corrections), and leaves alone another
// resource that happens to have the same id, another review's rating set
// and a rating set id that only starts like the review's.
func TestRedactAuditEvidenceFindsTheReviewsEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := ctxT(t)
		st := site(t, s, nil, fidelity.SiteKindTeam, "Team")
		rv := review(t, s, st.ID)
		other := review(t, s, st.ID)
		correction := newID(t)
		must(t, s.AddCorrection(ctx, fidelity.Correction{ID: correction, ReviewID: rv.ID, ItemID: "O6",
			Before: fidelity.ItemInput{ItemID: "O6"}, After: fidelity.ItemInput{ItemID: "O6"}, CreatedAt: now(), ReviewVersion: 2}))
		note := `{"inputs":[{"item":"O6","evidence":"Per Hansen"}]}`
		events := []struct {
			typ, id string
			found   bool
		}{
			{fidelity.ResourceReview, rv.ID, true},
			{fidelity.ResourceWrittenReport, rv.ID, true},
			{fidelity.ResourceRatingSet, rv.ID + "/" + fidelity.ConsensusKey, true},
			{fidelity.ResourceRatingSet, rv.ID + "/rater-1", true},
			{fidelity.ResourceCorrection, correction, true},
			{"action", rv.ID, false},
			{"site", rv.ID, false},
			{fidelity.ResourceRatingSet, other.ID + "/" + fidelity.ConsensusKey, false},
			{fidelity.ResourceRatingSet, rv.ID + "x/" + fidelity.ConsensusKey, false},
			{fidelity.ResourceReview, other.ID, false},
		}
		for _, e := range events {
			must(t, s.AppendAudit(ctx, fidelity.AuditEvent{ID: newID(t), At: now(), Actor: "test", Action: e.typ + ".save",
				ResourceType: e.typ, ResourceID: e.id, After: note}))
		}
		var n int
		must(t, s.InTx(ctx, func(tx service.Store) error {
			var err error
			n, err = tx.RedactAuditEvidence(ctx, rv.ID, now())
			return err
		}))
		got, err := s.ListAudit(ctx, service.AuditFilter{Page: service.Page{Limit: 100}})
		must(t, err)
		redacted := map[string]bool{}
		for _, e := range got {
			redacted[e.ResourceType+" "+e.ResourceID] = e.RedactedAt != nil
		}
		want := 0
		for _, e := range events {
			if e.found {
				want++
			}
			if redacted[e.typ+" "+e.id] != e.found {
				t.Errorf("%s %s: redacted %v, want %v", e.typ, e.id, redacted[e.typ+" "+e.id], e.found)
			}
		}
		if n != want {
			t.Errorf("%d events redacted, want %d", n, want)
		}
	})
}
