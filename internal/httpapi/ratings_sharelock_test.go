package httpapi_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// Autosaves of a review in progress take its row lock in share mode and so
// run together; everything that writes the review's row takes it
// exclusively (service.saveRatings). These tests race the two kinds of
// writer through the router and check what is stored. On PostgreSQL they
// also count the deadlocks the database broke meanwhile: the service
// retries a deadlock's loser, so a wrong lock mode (a submit or a first
// save under the share lock, which then writes the review row) still ends
// in the right state, and shows only as deadlocks (and a second's wait).

// lockEnv is a router on a fresh store, with what counts deadlocks.
type lockEnv struct {
	*env
	deadlocks func() int64 // nil on SQLite, which has none
}

// eachLockDB is eachDB whose PostgreSQL store comes with a deadlock count.
func eachLockDB(t *testing.T, fn func(t *testing.T, e lockEnv)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, lockEnv{env: newEnvOn(t, storetest.SQLite(t))}) })
	t.Run("postgres", func(t *testing.T) {
		url := storetest.PostgresURL(t)
		st := storetest.Open(t, url)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := st.Migrate(ctx, "up", io.Discard); err != nil {
			t.Fatal(err)
		}
		fn(t, lockEnv{env: newEnvOn(t, st), deadlocks: deadlockCounter(t, url)})
	})
}

// deadlockCounter reads pg_stat_database.deadlocks of url's database. The
// count is the whole test database's, which the package's tests share (a
// schema each); they do not run in parallel, so while one of these tests
// runs only its own writers can deadlock.
func deadlockCounter(t *testing.T, url string) func() int64 {
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return func() int64 {
		t.Helper()
		var n int64
		if err := db.QueryRow("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
}

// checkNoDeadlocks fails when the database broke a deadlock since before.
// A backend reports its statistics at most once a second while busy, and
// when idle only after up to ten seconds; it always does when it exits. So
// the store is closed first (its backends exit): call this last.
func (e lockEnv) checkNoDeadlocks(t *testing.T, before int64) {
	t.Helper()
	if e.deadlocks == nil {
		return
	}
	if err := e.store.Close(); err != nil {
		t.Fatal(err)
	}
	n := e.deadlocks()
	for range 10 { // until it no longer moves: backends exit asynchronously
		time.Sleep(200 * time.Millisecond)
		m := e.deadlocks()
		if m == n {
			break
		}
		n = m
	}
	if n -= before; n > 0 {
		t.Errorf("%d deadlocks broken by the database (a writer under the share lock wrote the review row)", n)
	}
}

func (e lockEnv) deadlocksNow() int64 {
	if e.deadlocks == nil {
		return 0
	}
	return e.deadlocks()
}

// partialItems is a draft of n ordinal items, all scored score.
func partialItems(n, score int) []map[string]any {
	ids := []string{"O6", "Sv1", "Sv3", "O4", "Sv11"} // ordinal: a score is a whole input
	var out []map[string]any
	for _, id := range ids[:n] {
		out = append(out, map[string]any{"item": id, "score": score})
	}
	return out
}

// Two raters start a planned review and keep saving drafts of it at the
// same time: every save succeeds (no 409, no 412), both sets end as the
// last draft, the review moved to in_progress once (one version step,
// whatever the number of first saves racing), one audit event per save,
// and no deadlock.
func TestAutosavesOfOneReviewRunTogether(t *testing.T) {
	eachLockDB(t, func(t *testing.T, e lockEnv) {
		f := e.setup()
		base := "/v1/reviews/" + f.review
		before := e.deadlocksNow()
		const rounds = 5
		const drafts = 6
		for round := range rounds {
			var wg sync.WaitGroup
			start := make(chan struct{})
			errs := make(chan error, 2*drafts)
			for _, rater := range []string{f.raterA, f.raterB} {
				wg.Go(func() {
					<-start
					etag := "*"
					for d := range drafts {
						w := e.doQuiet("PUT", base+"/ratings/"+rater,
							map[string]any{"items": partialItems(1+d%5, 1+round%5)}, "If-Match", etag)
						if w.Code != http.StatusOK {
							errs <- fmt.Errorf("round %d rater %s draft %d: %d %s", round, rater, d, w.Code, w.Body)
							return
						}
						etag = w.Header.Get("ETag")
					}
				})
			}
			close(start)
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
		}
		if t.Failed() {
			t.FailNow()
		}
		for _, rater := range []string{f.raterA, f.raterB} {
			var rs struct {
				Items   []fidelity.ItemInput
				Version int
			}
			e.do("GET", base+"/ratings/"+rater, nil).want(http.StatusOK).json(&rs)
			if len(rs.Items) != 1+(drafts-1)%5 || rs.Version != rounds*drafts {
				t.Errorf("rater %s: %d items at version %d, want %d at %d", rater, len(rs.Items), rs.Version, 1+(drafts-1)%5, rounds*drafts)
			}
		}
		ctx := fidelity.WithPrincipal(context.Background(), fidelity.System)
		r, err := e.svc.GetReview(ctx, f.review)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != fidelity.StatusInProgress || r.Version != 2 {
			t.Errorf("review %s at version %d, want in_progress at version 2 (one status change)", r.Status, r.Version)
		}
		if n := ratingEvents(t, e.store, f.review); n != 2*rounds*drafts {
			t.Errorf("%d rating audit events, want one per save: %d", n, 2*rounds*drafts)
		}
		e.checkNoDeadlocks(t, before)
	})
}

// ratingEvents counts the audit events of the rating sets of a review.
func ratingEvents(t *testing.T, st *store.Store, reviewID string) int {
	t.Helper()
	evs, err := st.ListAudit(context.Background(), service.AuditFilter{ResourceType: "rating_set", Page: service.Page{Limit: 1000}})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ev := range evs {
		if strings.HasPrefix(ev.ResourceID, reviewID+"/") {
			n++
		}
	}
	return n
}

// A rater's autosaves (other tabs) race their own submit, the last one, which
// moves the review to consensus. Whichever wins, no draft is stored after
// the submit: the set at the end is the submitted one, the review is in
// consensus, autosaves that lost were told 409, and nothing deadlocked.
func TestAutosaveRacingTheLastSubmit(t *testing.T) {
	eachLockDB(t, func(t *testing.T, e lockEnv) {
		iterations := 12
		if e.deadlocks == nil {
			iterations = 3 // SQLite runs writers one at a time: nothing to race
		}
		f := e.setup()
		before := e.deadlocksNow()
		complete := ratingsFor(t, baseTargets(), 1)
		for i := range iterations {
			review := e.create("/v1/reviews", map[string]any{
				"site_id": f.team, "scale": "se-fidelity@2008", "type": "external",
				"visit_start": "2026-10-27", "visit_end": "2026-10-28", "rater_ids": []string{f.raterA, f.raterB},
			})["id"].(string)
			base := "/v1/reviews/" + review
			e.do("PUT", base+"/ratings/"+f.raterA, map[string]any{"items": complete, "submit": true}, "If-Match", "*").want(http.StatusOK)
			e.do("PUT", base+"/ratings/"+f.raterB, map[string]any{"items": partialItems(2, 3)}, "If-Match", "*").want(http.StatusOK)

			var wg sync.WaitGroup
			start := make(chan struct{})
			codes := make(chan int, 16)
			wg.Go(func() {
				<-start
				w := e.doQuiet("PUT", base+"/ratings/"+f.raterB, map[string]any{"items": complete, "submit": true}, "If-Match", "*")
				if w.Code != http.StatusOK {
					t.Errorf("iteration %d: the submit was refused: %d %s", i, w.Code, w.Body)
				}
			})
			for g := range 4 {
				wg.Go(func() {
					<-start
					for range 3 {
						w := e.doQuiet("PUT", base+"/ratings/"+f.raterB, map[string]any{"items": partialItems(1+g, 2)}, "If-Match", "*")
						codes <- w.Code
						if w.Code == http.StatusConflict {
							return
						}
					}
				})
			}
			close(start)
			wg.Wait()
			close(codes)
			for c := range codes {
				if c != http.StatusOK && c != http.StatusConflict {
					t.Errorf("iteration %d: an autosave answered %d, want 200 or 409", i, c)
				}
			}
			var rs struct {
				Items     []fidelity.ItemInput
				Submitted bool
			}
			e.do("GET", base+"/ratings/"+f.raterB, nil).want(http.StatusOK).json(&rs)
			if !rs.Submitted || len(rs.Items) != len(complete) {
				t.Fatalf("iteration %d: rater B's set has %d items, submitted %v: a draft was stored after the submit", i, len(rs.Items), rs.Submitted)
			}
			if st := e.do("GET", base, nil).want(http.StatusOK).obj()["status"]; st != "consensus" {
				t.Fatalf("iteration %d: review %v after both submitted, want consensus", i, st)
			}
		}
		e.checkNoDeadlocks(t, before)
	})
}

// A lead removes the one rater who has not submitted — which closes the
// individual ratings (consensus) — while that rater's first draft is being
// saved. Either the draft is first, and the rater, who now has ratings,
// cannot be removed; or the removal is first, and the draft is refused.
// Never both: no rating set of a rater who is not on the review, none
// saved on a review in consensus.
func TestAutosaveRacingARaterRemoval(t *testing.T) {
	eachLockDB(t, func(t *testing.T, e lockEnv) {
		iterations := 25
		if e.deadlocks == nil {
			iterations = 3
		}
		f := e.setup()
		raterC := e.create("/v1/raters", map[string]any{"name": "Kari Nordmann", "organisation": "IPS-senteret", "email": "kari@example.no"})["id"].(string)
		before := e.deadlocksNow()
		complete := ratingsFor(t, baseTargets(), 1)
		ctx := fidelity.WithPrincipal(context.Background(), fidelity.System)
		outcomes := map[string]int{}
		for i := range iterations {
			created := e.create("/v1/reviews", map[string]any{
				"site_id": f.team, "scale": "se-fidelity@2008", "type": "external",
				"visit_start": "2026-10-27", "visit_end": "2026-10-28", "rater_ids": []string{f.raterA, f.raterB, raterC},
			})
			review := created["id"].(string)
			base := "/v1/reviews/" + review
			for _, r := range []string{f.raterA, f.raterB} {
				e.do("PUT", base+"/ratings/"+r, map[string]any{"items": complete, "submit": true}, "If-Match", "*").want(http.StatusOK)
			}
			etag := e.etag(base)

			var wg sync.WaitGroup
			start := make(chan struct{})
			var save, edit resp
			wg.Go(func() {
				<-start
				save = e.doQuiet("PUT", base+"/ratings/"+raterC, map[string]any{"items": partialItems(3, 2)}, "If-Match", "*")
			})
			wg.Go(func() {
				<-start
				edit = e.doQuiet("PATCH", base, map[string]any{"rater_ids": []string{f.raterA, f.raterB}}, "If-Match", etag)
			})
			close(start)
			wg.Wait()

			r, err := e.svc.GetReview(ctx, review)
			if err != nil {
				t.Fatal(err)
			}
			sets, err := e.store.ListRatingSets(ctx, review)
			if err != nil {
				t.Fatal(err)
			}
			for _, rs := range sets {
				if !slices.Contains(r.RaterIDs, rs.RaterKey) {
					t.Fatalf("iteration %d: a rating set of %s, who is no longer on the review (review %s; save %d, edit %d %s)",
						i, rs.RaterKey, r.Status, save.Code, edit.Code, edit.Body)
				}
			}
			switch {
			case save.Code == http.StatusOK && edit.Code == http.StatusBadRequest && r.Status == fidelity.StatusInProgress:
				outcomes["draft first"]++
			case edit.Code == http.StatusOK && save.Code != http.StatusOK && r.Status == fidelity.StatusConsensus:
				outcomes["removal first"]++
			default:
				t.Fatalf("iteration %d: save %d %s, edit %d %s, review %s", i, save.Code, save.Body, edit.Code, edit.Body, r.Status)
			}
		}
		t.Logf("outcomes: %v", outcomes)
		e.checkNoDeadlocks(t, before)
	})
}

// The raters of a planned review make their first saves at the same time,
// review after review: the review moves to in_progress exactly once (one
// version step), each save has its one audit event, and — the first save
// writes the review's row, so it must not run under the share lock —
// nothing deadlocks.
func TestFirstSavesOfAPlannedReviewRace(t *testing.T) {
	eachLockDB(t, func(t *testing.T, e lockEnv) {
		iterations := 15
		if e.deadlocks == nil {
			iterations = 3
		}
		f := e.setup()
		raterC := e.create("/v1/raters", map[string]any{"name": "Kari Nordmann", "organisation": "IPS-senteret", "email": "kari@example.no"})["id"].(string)
		raters := []string{f.raterA, f.raterB, raterC}
		before := e.deadlocksNow()
		ctx := fidelity.WithPrincipal(context.Background(), fidelity.System)
		for i := range iterations {
			review := e.create("/v1/reviews", map[string]any{
				"site_id": f.team, "scale": "se-fidelity@2008", "type": "external",
				"visit_start": "2026-10-27", "visit_end": "2026-10-28", "rater_ids": raters,
			})["id"].(string)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for _, rater := range raters {
				wg.Go(func() {
					<-start
					w := e.doQuiet("PUT", "/v1/reviews/"+review+"/ratings/"+rater, map[string]any{"items": partialItems(2, 4)}, "If-Match", "*")
					if w.Code != http.StatusOK {
						t.Errorf("iteration %d: first save of %s: %d %s", i, rater, w.Code, w.Body)
					}
				})
			}
			close(start)
			wg.Wait()
			r, err := e.svc.GetReview(ctx, review)
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != fidelity.StatusInProgress || r.Version != 2 {
				t.Fatalf("iteration %d: review %s at version %d, want in_progress at version 2 (one status change)", i, r.Status, r.Version)
			}
			if n := ratingEvents(t, e.store, review); n != len(raters) {
				t.Fatalf("iteration %d: %d rating audit events, want %d", i, n, len(raters))
			}
		}
		e.checkNoDeadlocks(t, before)
	})
}
