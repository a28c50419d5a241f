package store_test

import (
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// The written report's rows round-trip on both databases: texts are kept
// in every version (a save with a taken version is a conflict), a second
// proposal for one item is a conflict, the lifecycle is versioned, the
// purge clears every evidence note and only those, and the timeline read
// honours the scope.
func TestWrittenReportRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := ctxT(t)
		region := site(t, s, nil, fidelity.SiteKindRegion, "Vest")
		team := site(t, s, &region, fidelity.SiteKindTeam, "Team")
		other := site(t, s, nil, fidelity.SiteKindTeam, "Nord")
		r := rater(t, s, "Rater")
		rv := review(t, s, team.ID, finalised(day(2026, 10, 1), 100), func(x *fidelity.Review) { x.RaterIDs = []string{r.ID} })
		review(t, s, other.ID, finalised(day(2026, 10, 1), 90))

		_, err := s.GetWrittenReport(ctx, rv.ID)
		wantKind(t, err, fidelity.KindNotFound)
		w := fidelity.WrittenReport{ReviewID: rv.ID, Status: fidelity.ReportDraft, CreatedAt: now(), UpdatedAt: now()}
		must(t, s.PutWrittenReport(ctx, w))
		wantKind(t, s.PutWrittenReport(ctx, w), fidelity.KindConflict) // created twice

		n := fidelity.ReportNarrative{ReviewID: rv.ID, Seq: 1, Summary: "Første", Author: "A", CreatedAt: now(),
			Items: map[string]fidelity.ItemNarrative{"O6": {Strength: "S", Recommendation: "Anbefaling æøå"}}}
		must(t, s.AddNarrative(ctx, n))
		wantKind(t, s.AddNarrative(ctx, n), fidelity.KindConflict)
		n2 := n
		n2.Seq, n2.Summary, n2.Correction, n2.Reason = 2, "Andre", true, "rettet"
		must(t, s.AddNarrative(ctx, n2))
		ns, err := s.Narratives(ctx, rv.ID)
		must(t, err)
		if len(ns) != 2 || ns[0].Summary != "Første" || ns[0].Correction || !ns[1].Correction || ns[1].Reason != "rettet" ||
			ns[0].Items["O6"].Recommendation != "Anbefaling æøå" {
			t.Fatalf("narratives: %+v", ns)
		}

		issued := day(2026, 10, 20)
		w.Version, w.Status, w.IssuedOn, w.IssuedTo = 1, fidelity.ReportIssued, &issued, "Leder"
		must(t, s.PutWrittenReport(ctx, w))
		wantKind(t, s.PutWrittenReport(ctx, w), fidelity.KindConflict) // stale version
		got, err := s.GetWrittenReport(ctx, rv.ID)
		must(t, err)
		if got.Version != 2 || got.Status != fidelity.ReportIssued || !got.IssuedOn.Equal(issued) || got.IssuedTo != "Leder" {
			t.Fatalf("report: %+v", got)
		}

		due := day(2026, 12, 1)
		a := fidelity.ReportAction{ID: newID(t), ReviewID: rv.ID, SiteID: team.ID, ItemID: "O6", Score: 2, Recommendation: "R",
			Text: "T", Due: &due, Status: fidelity.ReportActionProposed, CreatedAt: now(), UpdatedAt: now()}
		must(t, s.CreateReportAction(ctx, a))
		dup := a
		dup.ID = newID(t)
		wantKind(t, s.CreateReportAction(ctx, dup), fidelity.KindConflict)
		a.Version, a.Status, a.Reason = 1, fidelity.ReportActionDismissed, "dekket"
		must(t, s.UpdateReportAction(ctx, a))
		as, err := s.ReportActions(ctx, rv.ID)
		must(t, err)
		if len(as) != 1 || as[0].Status != fidelity.ReportActionDismissed || as[0].Version != 2 || !as[0].Due.Equal(due) {
			t.Fatalf("actions: %+v", as)
		}

		must(t, s.AddReportComment(ctx, fidelity.ReportComment{ID: newID(t), ReviewID: rv.ID, Author: "Åse", Text: "Enig",
			ReceivedOn: day(2026, 10, 24), CreatedAt: now()}))

		// Evidence on two raters' sets; the purge clears it and keeps scores.
		for _, key := range []string{r.ID, fidelity.ConsensusKey} {
			must(t, s.PutRatingSet(ctx, fidelity.RatingSet{ReviewID: rv.ID, RaterKey: key, UpdatedAt: now(), Inputs: []fidelity.ItemInput{
				{ItemID: "O6", Score: fidelity.IntPtr(2), Evidence: "Per Hansen"}, {ItemID: "O7", Score: fidelity.IntPtr(4)}}}))
		}
		var purged int
		must(t, s.InTx(ctx, func(tx service.Store) error { var err error; purged, err = tx.PurgeEvidence(ctx, rv.ID); return err }))
		if purged != 2 {
			t.Errorf("purged %d notes, want 2", purged)
		}
		rs, err := s.GetRatingSet(ctx, rv.ID, fidelity.ConsensusKey)
		must(t, err)
		if rs.Inputs[0].Evidence != "" || rs.Inputs[0].Score == nil || *rs.Inputs[0].Score != 2 {
			t.Errorf("after the purge: %+v", rs.Inputs[0])
		}

		// The timeline read: both reviews unscoped, only team's in region Vest.
		all, err := s.ReportTimelines(ctx, service.ReportTimelineFilter{Since: day(2026, 1, 1)})
		must(t, err)
		scoped, err := s.ReportTimelines(ctx, service.ReportTimelineFilter{Since: day(2026, 1, 1), Subtrees: []string{region.ID}})
		must(t, err)
		if len(all) != 2 || len(scoped) != 1 || scoped[0].ReviewID != rv.ID || scoped[0].Report == nil ||
			scoped[0].Report.Status != fidelity.ReportIssued || scoped[0].CommentedOn == nil || !scoped[0].CommentedOn.Equal(day(2026, 10, 24)) ||
			scoped[0].OpenProposals != 0 || scoped[0].SiteName != "Team" {
			t.Fatalf("timelines: all %+v, scoped %+v", all, scoped)
		}
		for _, row := range all {
			if row.ReviewID != rv.ID && row.Report != nil {
				t.Errorf("a review without a report has one: %+v", row)
			}
		}

		final := day(2026, 10, 30)
		w.Version, w.Status, w.FinalOn = 2, fidelity.ReportFinal, &final
		must(t, s.PutWrittenReport(ctx, w))
		toPurge, err := s.EvidenceToPurge(ctx, day(2026, 10, 29))
		must(t, err)
		if len(toPurge) != 0 {
			t.Errorf("a report final on 30 October is due for purging on the 29th: %v", toPurge)
		}
		toPurge, err = s.EvidenceToPurge(ctx, day(2026, 10, 30))
		must(t, err)
		if len(toPurge) != 1 || toPurge[0] != rv.ID {
			t.Errorf("to purge: %v", toPurge)
		}
	})
}
