package service_test

import (
	"context"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/demo"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/report"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// finaliseUnder takes a review of site under the scale ref, visited on
// day, through both raters and a consensus at level.
func (w world) finaliseUnder(t *testing.T, ref, site string, day time.Time, level int) string {
	t.Helper()
	ctx := context.Background()
	sc, err := w.svc.Scales().Resolve(ref)
	if err != nil {
		t.Fatal(err)
	}
	v, err := w.svc.PlanReview(ctx, service.ReviewInput{SiteID: site, Scale: ref, Type: fidelity.ReviewExternal,
		VisitStart: day, VisitEnd: day, RaterIDs: []string{w.raterA, w.raterB}})
	if err != nil {
		t.Fatal(err)
	}
	inputs := func(seed uint64) []fidelity.ItemInput {
		rng := rand.New(rand.NewPCG(seed, seed))
		var out []fidelity.ItemInput
		for i := range sc.Items {
			in, err := demo.InputFor(sc, &sc.Items[i], level, rng)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, in)
		}
		return out
	}
	for i, r := range []string{w.raterA, w.raterB} {
		if _, err := w.svc.SaveRatings(ctx, v.ID, r, service.AnyVersion, inputs(uint64(i+1)), true); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.svc.SaveConsensus(ctx, v.ID, service.AnyVersion, inputs(7)); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.Finalize(ctx, v.ID, service.AnyVersion); err != nil {
		t.Fatal(err)
	}
	return v.ID
}

// snapshot is everything stored about a review that re-scoring must leave
// alone.
type snapshot struct {
	Review    service.ReviewView
	Consensus fidelity.RatingSet
	Score     service.ReviewScore
}

func take(t *testing.T, svc *service.Service, ctx context.Context, id string) snapshot {
	t.Helper()
	r, err := svc.GetReview(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	c, err := svc.GetConsensus(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	s, err := svc.Score(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return snapshot{r, c, s}
}

// A team reviewed twice on the 15-item IPS scale and later on the SE
// Fidelity Scale: its trend holds all three reviews with the scale change
// marked and the map shown; only zero exclusion compares across the change
// until an administrator re-scores the old reviews, after which caseload
// compares too. Re-scoring leaves every original exactly as it was, runs
// once, and is for administrators only.
func TestIPS15HistoryAndRescoring(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		admin := as(fidelity.RoleAdmin, "")
		day := func(y int, m time.Month) time.Time { return time.Date(y, m, 15, 0, 0, 0, 0, time.UTC) }
		old1 := w.finaliseUnder(t, "ips-15@1996", w.teamA, day(2006, 3), 2)
		old2 := w.finaliseUnder(t, "ips-15@1996", w.teamA, day(2007, 3), 3)
		newer := w.finaliseUnder(t, "se-fidelity@2008", w.teamA, day(2009, 3), 4)
		w.finaliseUnder(t, "ips-15@1996", w.teamB, day(2007, 5), 3)

		tr, err := w.svc.Trend(admin, w.teamA, service.ReportQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if len(tr.Points) != 3 || tr.Points[0].ReviewID != old1 || tr.Points[2].ReviewID != newer || tr.Points[0].Scale != "ips-15" {
			t.Fatalf("trend points %+v, skipped %+v", tr.Points, tr.Skipped)
		}
		if len(tr.ScaleChanges) != 1 || tr.ScaleChanges[0].ReviewID != newer || len(tr.Maps) != 1 {
			t.Fatalf("scale changes %+v, maps %d", tr.ScaleChanges, len(tr.Maps))
		}
		change := tr.Points[2].Change
		if got := comparedItems(change); !reflect.DeepEqual(got, []string{"O3→O6"}) {
			t.Fatalf("compared across the change %v, want only O3→O6", got)
		}
		if !leftOutFor(change, "S1", report.ReasonNotRescored) {
			t.Fatalf("S1 not left out as not re-scored: %+v", change.LeftOut)
		}

		// Only an administrator re-scores.
		req := service.RescoreRequest{To: "se-fidelity@2008"}
		if _, err := w.svc.Rescore(as(fidelity.RoleLead, ""), req); fidelity.KindOf(err) != fidelity.KindForbidden {
			t.Fatalf("lead re-scored: %v", err)
		}
		before := map[string]snapshot{old1: take(t, w.svc, admin, old1), old2: take(t, w.svc, admin, old2)}

		// A dry run reports and stores nothing.
		dry, err := w.svc.Rescore(admin, service.RescoreRequest{To: "se-fidelity@2008", Site: w.regionA, DryRun: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(dry.Reviews) != 2 || dry.Reviews[0].Status != service.RescoreDryRun {
			t.Fatalf("dry run %+v", dry.Reviews)
		}
		if got, _ := w.svc.RescoredScorecards(admin, old1); len(got) != 0 {
			t.Fatalf("a dry run stored %d scorecards", len(got))
		}

		res, err := w.svc.Rescore(admin, service.RescoreRequest{To: "se-fidelity@2008", Site: w.regionA})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Reviews) != 2 {
			t.Fatalf("re-scored %d reviews of region A, want its two IPS-15 reviews", len(res.Reviews))
		}
		for _, r := range res.Reviews {
			rs := r.Rescored
			if r.Status != service.RescoreStored || r.From != "ips-15@1996" || rs.Scorecard.ScaleID != "se-fidelity" {
				t.Fatalf("review %s: %s from %s to %s", r.ReviewID, r.Status, r.From, rs.Scorecard.ScaleID)
			}
			if len(rs.Carried) != 2 || len(rs.NotCarried) == 0 || rs.Scorecard.Total != nil {
				t.Fatalf("carried %+v, not carried %d, total %v", rs.Carried, len(rs.NotCarried), rs.Scorecard.Total)
			}
		}
		for id, b := range before {
			if after := take(t, w.svc, admin, id); !reflect.DeepEqual(after, b) {
				t.Fatalf("re-scoring changed review %s:\nbefore %+v\nafter  %+v", id, b, after)
			}
		}
		stored, err := w.svc.RescoredScorecards(admin, old2)
		if err != nil || len(stored) != 1 || stored[0].CreatedBy != string(fidelity.RoleAdmin) || stored[0].ReviewVersion != before[old2].Review.Version {
			t.Fatalf("stored %+v, %v", stored, err)
		}

		// Running it again changes nothing.
		again, err := w.svc.Rescore(admin, service.RescoreRequest{To: "se-fidelity@2008", Site: w.regionA})
		if err != nil || again.Reviews[0].Status != service.RescoreUnchanged || again.Reviews[0].Rescored.ID != res.Reviews[0].Rescored.ID {
			t.Fatalf("second run %+v, %v", again.Reviews, err)
		}

		// Now caseload compares across the change, from the re-scored inputs.
		tr, err = w.svc.Trend(admin, w.teamA, service.ReportQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if got := comparedItems(tr.Points[2].Change); !reflect.DeepEqual(got, []string{"S1→S1 (re-scored)", "O3→O6"}) {
			t.Fatalf("compared after re-scoring %v", got)
		}

		// What cannot be asked.
		for _, bad := range []service.RescoreRequest{{To: "goi@2004"}, {To: "no-such-scale@1"}} {
			_, err := w.svc.Rescore(admin, bad)
			if fe := fidelity.FieldsOf(err); fidelity.KindOf(err) != fidelity.KindInvalid || len(fe) != 1 || fe[0].Field != "to" {
				t.Errorf("rescore to %s: %v", bad.To, err)
			}
		}
		if _, err := w.svc.Rescore(admin, service.RescoreRequest{To: "se-fidelity@2008", Site: "no-such-site"}); fidelity.KindOf(err) != fidelity.KindNotFound {
			t.Errorf("unknown site: %v", err)
		}
	})
}

func comparedItems(c *report.ReviewChange) []string {
	var out []string
	for _, it := range c.Items {
		s := it.PreviousItem + "→" + it.ItemID
		if it.Rescored {
			s += " (re-scored)"
		}
		out = append(out, s)
	}
	return out
}

func leftOutFor(c *report.ReviewChange, item, reason string) bool {
	for _, l := range c.LeftOut {
		if len(l.From) == 1 && l.From[0] == item && l.Reason == reason {
			return true
		}
	}
	return false
}
