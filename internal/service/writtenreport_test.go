package service_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// reviewAt plans a review of site on day, has both raters submit level
// ratings and saves them as the consensus; finalise closes it.
func (w world) reviewAt(t *testing.T, site string, day time.Time, level int, seed uint64, finalise bool) string {
	t.Helper()
	ctx := fidelity.WithPrincipal(context.Background(), fidelity.System)
	v, err := w.svc.PlanReview(ctx, service.ReviewInput{SiteID: site, Scale: "se-fidelity@2008", Type: fidelity.ReviewExternal,
		VisitStart: day, VisitEnd: day, RaterIDs: []string{w.raterA, w.raterB}})
	if err != nil {
		t.Fatal(err)
	}
	items := w.complete(t, level, seed)
	for _, r := range []string{w.raterA, w.raterB} {
		if _, err := w.svc.SaveRatings(ctx, v.ID, r, service.AnyVersion, items, true); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.svc.SaveConsensus(ctx, v.ID, service.AnyVersion, items); err != nil {
		t.Fatal(err)
	}
	if finalise {
		if _, err := w.svc.Finalize(ctx, v.ID, service.AnyVersion); err != nil {
			t.Fatal(err)
		}
	}
	return v.ID
}

// TestWrittenReportOfAConsensus: a reviewer asks for the report of a
// review whose consensus is saved. It shows the team with the offices
// above it, the consensus total and band in Norwegian, every item in
// scale order with the previous finalised review's score beside it, the
// trend of both reviews (this one last and marked), the sections and the
// IPS principles, the reviewers by name and what in the scale is not
// verified.
func TestWrittenReportOfAConsensus(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		prev := w.reviewAt(t, w.teamA, time.Date(2025, 5, 6, 0, 0, 0, 0, time.UTC), 2, 7, true)
		cur := w.reviewAt(t, w.teamA, time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), 4, 8, false)
		sys := fidelity.System
		doc, err := w.svc.WrittenReport(context.Background(), sys, cur, "nb")
		if err != nil {
			t.Fatal(err)
		}
		if got := doc.Site.Path; !slices.Equal(got, []string{"Vest", "Bergen", "Team Bergen"}) {
			t.Errorf("site path %q", got)
		}
		if doc.Lang != "nb" || doc.Review.Type != "Ekstern evaluering" || !slices.Equal(doc.Review.Reviewers, []string{"Rater A", "Rater B"}) {
			t.Errorf("cover: %q %q %q", doc.Lang, doc.Review.Type, doc.Review.Reviewers)
		}
		cons, err := w.svc.GetConsensus(context.Background(), cur)
		if err != nil {
			t.Fatal(err)
		}
		prevCons, err := w.svc.GetConsensus(context.Background(), prev)
		if err != nil {
			t.Fatal(err)
		}
		if doc.Total == nil || *doc.Total != *cons.Scorecard.Total || doc.Band.ID != cons.Scorecard.Band || doc.Band.Label == "" {
			t.Errorf("total/band %v %+v, consensus %v %s", doc.Total, doc.Band, cons.Scorecard.Total, cons.Scorecard.Band)
		}
		if len(doc.Items) != len(w.sc.Items) {
			t.Fatalf("%d items, scale has %d", len(doc.Items), len(w.sc.Items))
		}
		for i, it := range doc.Items {
			if it.ID != w.sc.Items[i].ID || it.Title != w.sc.Items[i].Title.NB {
				t.Errorf("item %d is %s %q", i, it.ID, it.Title)
			}
			want, _ := cons.Scorecard.Score(it.ID)
			was, _ := prevCons.Scorecard.Score(it.ID)
			if it.Score == nil || *it.Score != want || it.Previous == nil || *it.Previous != was {
				t.Errorf("item %s: score %v previous %v, want %d and %d", it.ID, it.Score, it.Previous, want, was)
			}
			if it.Unverified == w.sc.Items[i].Verified {
				t.Errorf("item %s: unverified flag %v", it.ID, it.Unverified)
			}
		}
		if len(doc.Trend) != 2 || doc.Trend[0].Current || !doc.Trend[1].Current || doc.Trend[1].Total != *doc.Total {
			t.Errorf("trend %+v", doc.Trend)
		}
		if len(doc.Sections) != 3 || doc.Sections[0].Label != "Ansatte" || len(doc.Principles) != 8 {
			t.Errorf("sections %+v principles %d", doc.Sections, len(doc.Principles))
		}
		if len(doc.Bands) != len(w.sc.Bands) || len(doc.Unverified) == 0 || doc.HowItWorks == "" {
			t.Errorf("bands %d unverified %q how %q", len(doc.Bands), doc.Unverified, doc.HowItWorks)
		}
		en, err := w.svc.WrittenReport(context.Background(), sys, cur, "en")
		if err != nil || en.Items[0].Title != w.sc.Items[0].Title.EN || en.Review.Type != "External review" {
			t.Errorf("English report: %v %q", err, en.Review.Type)
		}
	})
}

// TestWrittenReportRefusals: a review still being rated has no report
// (conflict); a lead of another region does not learn that the review
// exists (not found); a lead scoped to the team sees the team but not the
// names above it; an unknown language is refused by field.
func TestWrittenReportRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		done := w.reviewAt(t, w.teamA, time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), 3, 9, true)
		open := w.plan(t, w.teamA)
		sys := fidelity.System
		if _, err := w.svc.WrittenReport(context.Background(), sys, open, "nb"); fidelity.KindOf(err) != fidelity.KindConflict {
			t.Errorf("planned review: %v, want conflict", err)
		}
		other := fidelity.Principal{Name: "lead B", Role: fidelity.RoleLead, Scope: []string{w.regionB}}
		if _, err := w.svc.WrittenReport(context.Background(), other, done, "nb"); fidelity.KindOf(err) != fidelity.KindNotFound {
			t.Errorf("out of scope: %v, want not found", err)
		}
		team := fidelity.Principal{Name: "lead team", Role: fidelity.RoleLead, Scope: []string{w.teamA}}
		doc, err := w.svc.WrittenReport(context.Background(), team, done, "en")
		if err != nil || !slices.Equal(doc.Site.Path, []string{"Team Bergen"}) {
			t.Errorf("team lead: %v, path %q", err, doc.Site.Path)
		}
		_, err = w.svc.WrittenReport(context.Background(), sys, done, "de")
		if fidelity.KindOf(err) != fidelity.KindInvalid || len(fidelity.FieldsOf(err)) != 1 || fidelity.FieldsOf(err)[0].Field != "lang" {
			t.Errorf("lang de: %v", err)
		}
	})
}
