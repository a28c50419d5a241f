package store_test

import (
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/store"
)

// A self-assessment finalised after the last external review is not the
// site's latest fidelity review.
func testLatestFinalisedOfTypes(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	team := site(t, s, nil, fidelity.SiteKindTeam, "Team")
	external := review(t, s, team.ID, finalised(day(2025, 1, 10), 85))
	self := review(t, s, team.ID, finalised(day(2025, 6, 10), 110), func(r *fidelity.Review) { r.Type = fidelity.ReviewSelf })

	got, err := s.LatestFinalised(ctx, []string{team.ID}, fidelity.FidelityReviewTypes())
	must(t, err)
	if got[team.ID].ID != external.ID {
		t.Fatalf("latest fidelity review = %s, want the external review %s, not the later self-assessment", got[team.ID].ID, external.ID)
	}
	got, err = s.LatestFinalised(ctx, []string{team.ID}, []fidelity.ReviewType{fidelity.ReviewSelf, fidelity.ReviewExternal})
	must(t, err)
	if got[team.ID].ID != self.ID {
		t.Fatalf("latest review of any type = %s, want the self-assessment %s", got[team.ID].ID, self.ID)
	}
	got, err = s.LatestFinalised(ctx, []string{team.ID}, nil)
	must(t, err)
	if len(got) != 0 {
		t.Fatalf("no types chosen, got %+v", got)
	}
}

// Reviews planned, under way or in consensus are open; finalised ones not.
func testOpenReviews(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	team := site(t, s, nil, fidelity.SiteKindTeam, "Team")
	other := site(t, s, nil, fidelity.SiteKindTeam, "Other")
	review(t, s, team.ID, finalised(day(2025, 1, 10), 85))
	later := review(t, s, team.ID, func(r *fidelity.Review) { r.VisitStart, r.VisitEnd = day(2026, 3, 1), day(2026, 3, 2) })
	sooner := review(t, s, team.ID, func(r *fidelity.Review) {
		r.Status, r.VisitStart, r.VisitEnd = fidelity.StatusInProgress, day(2026, 2, 1), day(2026, 2, 2)
	})
	got, err := s.OpenReviews(ctx, []string{team.ID, other.ID})
	must(t, err)
	if len(got) != 1 || len(got[team.ID]) != 2 || got[team.ID][0].ID != sooner.ID || got[team.ID][1].ID != later.ID {
		t.Fatalf("open reviews = %+v, want the in-progress one, then the planned one", got)
	}
}

// A region and an office with teams below them and no review of their own
// group sites; an office reviewed itself, and a team, do not.
func testGroupings(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	region := site(t, s, nil, fidelity.SiteKindRegion, "Region")
	office := site(t, s, &region, fidelity.SiteKindOffice, "Office")
	team := site(t, s, &office, fidelity.SiteKindTeam, "Team")
	reviewedOffice := site(t, s, &region, fidelity.SiteKindOffice, "Reviewed office")
	site(t, s, &reviewedOffice, fidelity.SiteKindTeam, "Team 2")
	review(t, s, reviewedOffice.ID, func(r *fidelity.Review) { r.Type = fidelity.ReviewSelf })
	lone := site(t, s, nil, fidelity.SiteKindOffice, "Office without teams")

	got, err := s.Groupings(ctx, []string{region.ID, office.ID, team.ID, reviewedOffice.ID, lone.ID})
	must(t, err)
	if len(got) != 2 || !got[region.ID] || !got[office.ID] {
		t.Fatalf("groupings = %v, want the region and the office without reviews", got)
	}
}
