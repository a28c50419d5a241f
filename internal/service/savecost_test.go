package service_test

import (
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// ratingSaveBudget is the number of SQL statements one save of a rater's
// 25-item rating set may cost (transaction begin and commit not counted),
// by dialect and kind of save. It is a ceiling to catch regressions, set
// at what the saves cost now. An autosave: the review read under its lock,
// the rating-set heads, the set's UPDATE, its item rows, the audit event
// and the data version; a submit adds the review's row. On PostgreSQL the
// item rows are one upsert-and-delete statement and the audit event and
// the data version one (a WITH); on SQLite the item rows are a DELETE and an
// INSERT, and the event and the version two (7 and 8 on both before that; before the review lock, review and
// site path were read in one statement and autosaves stopped rewriting
// the review row, 10 on SQLite and 11 on PostgreSQL; 8 and 9 until the
// review's raters were read in the same statement as the review).
var ratingSaveBudget = map[string]map[bool]int64{
	"sqlite":   {false: 7, true: 8},
	"postgres": {false: 5, true: 6},
}

// An autosave of a rater's rating set costs a fixed, small number of
// statements, whatever the number of items: the 25 item rows are written
// as one statement (two on SQLite).
func TestRatingSaveStatements(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		review := w.plan(t, w.teamA)
		rater := as(fidelity.RoleRater, w.raterA)
		items := w.complete(t, 4, 1)
		if _, err := w.svc.SaveRatings(rater, review, w.raterA, service.AnyVersion, items, false); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name   string
			submit bool
		}{{"autosave", false}, {"submit", true}} {
			before := st.Statements()
			if _, err := w.svc.SaveRatings(rater, review, w.raterA, service.AnyVersion, items, c.submit); err != nil {
				t.Fatal(err)
			}
			n := st.Statements() - before
			t.Logf("%s of a 25-item rating set: %d statements", c.name, n)
			if budget := ratingSaveBudget[st.Dialect()][c.submit]; n > budget {
				t.Errorf("%s cost %d statements, budget %d", c.name, n, budget)
			}
		}
	})
}

// siteViewBudget is the number of SQL statements GET /v1/sites/{id} may
// cost: the site, then its due facts (latest reviews from site_latest, open
// reviews, grouping, rater ids) in one statement. It was 6 to 7 before the
// due facts were read together.
const siteViewBudget = 2

// Opening a team's page with a finalised review and a planned one reads
// the site and its due state in a fixed two statements.
func TestSiteViewStatements(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		w.finalise(t, w.plan(t, w.teamA), 4)
		w.plan(t, w.teamA)
		admin := as(fidelity.RoleAdmin, "")
		before := st.Statements()
		v, err := w.svc.GetSite(admin, w.teamA)
		if err != nil {
			t.Fatal(err)
		}
		n := st.Statements() - before
		t.Logf("site view: %d statements", n)
		if v.LastReview == nil || v.Due.Planned == nil || len(v.LastReview.RaterIDs) != 2 || v.LastReview.RaterIDs[0] != w.raterA {
			t.Fatalf("site view lacks what it is measured with: last %+v, due %+v", v.LastReview, v.Due)
		}
		if n > siteViewBudget {
			t.Errorf("site view cost %d statements, budget %d", n, siteViewBudget)
		}
	})
}

// reviewReadBudget is the number of SQL statements of GET
// /v1/reviews/{id}/score and of a page of GET /v1/reviews: the review rows
// come with their rater ids and (for the score) the site's path in the
// same statement (4 and 2 before; the score 3 before the path was joined).
const (
	scoreReadBudget  = 2
	reviewListBudget = 1
)

// The score page of a finalised review and a page of the review list cost
// a fixed number of statements, whatever the number of raters and reviews.
func TestReviewReadStatements(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		review := w.plan(t, w.teamA)
		w.finalise(t, review, 4)
		w.plan(t, w.teamB)
		admin := as(fidelity.RoleAdmin, "")

		before := st.Statements()
		score, err := w.svc.Score(admin, review)
		if err != nil {
			t.Fatal(err)
		}
		n := st.Statements() - before
		t.Logf("score of a finalised review: %d statements", n)
		if len(score.Review.RaterIDs) != 2 || score.Consensus == nil {
			t.Fatalf("score lacks what it is measured with: %+v", score)
		}
		if n > scoreReadBudget {
			t.Errorf("score read cost %d statements, budget %d", n, scoreReadBudget)
		}

		before = st.Statements()
		list, _, err := w.svc.ListReviews(admin, service.ReviewFilter{})
		if err != nil {
			t.Fatal(err)
		}
		n = st.Statements() - before
		t.Logf("a page of %d reviews: %d statements", len(list), n)
		if len(list) != 2 || len(list[0].RaterIDs) != 2 || list[0].RaterIDs[0] != w.raterA {
			t.Fatalf("list lacks what it is measured with: %+v", list)
		}
		if n > reviewListBudget {
			t.Errorf("review list cost %d statements, budget %d", n, reviewListBudget)
		}
	})
}
