package store_test

import (
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// TestConcurrentUpdates has 20 goroutines update one rater with version
// checks. First all at once from the same version: exactly one wins. Then
// each increments a counter kept in the rater's name, retrying on
// conflict: every increment lands exactly once (no lost update) and every
// version is won by exactly one writer.
func TestConcurrentUpdates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		const workers = 20
		ctx := ctxT(t)
		r := rater(t, s, "0")

		var wins, conflicts int
		var mu sync.Mutex
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range workers {
			wg.Go(func() {
				<-start
				u := r
				u.Organisation = "worker " + strconv.Itoa(i)
				err := s.UpdateRater(ctx, u)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					wins++
				case fidelity.KindOf(err) == fidelity.KindConflict:
					conflicts++
				default:
					t.Errorf("update: %v", err)
				}
			})
		}
		close(start)
		wg.Wait()
		if wins != 1 || conflicts != workers-1 {
			t.Fatalf("same version: %d wins, %d conflicts; want 1 and %d", wins, conflicts, workers-1)
		}

		wonFrom := make(map[int]int) // version updated from → number of winners
		start = make(chan struct{})
		for range workers {
			wg.Go(func() {
				<-start
				for attempt := 0; ; attempt++ {
					if attempt > 1000 {
						t.Error("no progress after 1000 attempts")
						return
					}
					cur, err := s.GetRater(ctx, r.ID)
					if err != nil {
						t.Error(err)
						return
					}
					n, _ := strconv.Atoi(cur.Name)
					cur.Name = strconv.Itoa(n + 1)
					err = s.UpdateRater(ctx, cur)
					if err == nil {
						mu.Lock()
						wonFrom[cur.Version]++
						mu.Unlock()
						return
					}
					if fidelity.KindOf(err) != fidelity.KindConflict {
						t.Error(err)
						return
					}
				}
			})
		}
		close(start)
		wg.Wait()
		final, err := s.GetRater(ctx, r.ID)
		must(t, err)
		if final.Name != strconv.Itoa(workers) || final.Version != 2+workers {
			t.Fatalf("final rater name %q version %d; want %d and %d", final.Name, final.Version, workers, 2+workers)
		}
		for v := 2; v < 2+workers; v++ {
			if wonFrom[v] != 1 {
				t.Fatalf("version %d won %d times: %v", v, wonFrom[v], wonFrom)
			}
		}
	})
}

// TestConcurrentRatingWrites mirrors how the service serialises rating
// writes of different raters through the review row: each writer, in one
// transaction, reads the review, saves its own rating set and bumps the
// review's version; a writer that loses the race gets fidelity.ErrStale,
// its transaction rolls back (rating set included) and it retries. In the
// end every rating set is there and every bump landed exactly once.
func TestConcurrentRatingWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		const workers = 20
		ctx := ctxT(t)
		st := site(t, s, nil, fidelity.SiteKindTeam, "Team")
		rv := review(t, s, st.ID)
		var wg sync.WaitGroup
		var mu sync.Mutex
		retries := 0
		start := make(chan struct{})
		for i := range workers {
			wg.Go(func() {
				<-start
				for attempt := 0; ; attempt++ {
					if attempt > 200 {
						t.Error("no progress after 200 attempts")
						return
					}
					err := s.InTx(ctx, func(tx service.Store) error {
						r, err := tx.GetReview(ctx, rv.ID)
						if err != nil {
							return err
						}
						rs := fidelity.RatingSet{ReviewID: rv.ID, RaterKey: "rater-" + strconv.Itoa(i),
							Inputs:    []fidelity.ItemInput{{ItemID: "Sv1", Score: fidelity.IntPtr(3)}},
							Scorecard: scorecard(map[string]int{"Sv1": 3}, "Sv1"), UpdatedAt: now()}
						if err := tx.PutRatingSet(ctx, rs); err != nil {
							return err
						}
						r.Status = fidelity.StatusInProgress
						return tx.UpdateReview(ctx, r)
					})
					if err == nil {
						return
					}
					if !errors.Is(err, fidelity.ErrStale) {
						t.Errorf("writer %d: %v", i, err)
						return
					}
					mu.Lock()
					retries++
					mu.Unlock()
				}
			})
		}
		close(start)
		wg.Wait()
		r, err := s.GetReview(ctx, rv.ID)
		must(t, err)
		sets, err := s.ListRatingSets(ctx, rv.ID)
		must(t, err)
		if r.Version != 1+workers || len(sets) != workers {
			t.Fatalf("review version %d, %d rating sets; want %d and %d", r.Version, len(sets), 1+workers, workers)
		}
		t.Logf("%d stale retries", retries)
	})
}

// TestLockedRatingWritesNeverGoStale is TestConcurrentRatingWrites with the
// review's row lock taken first, as the service does: writers of different
// rating sets queue on the lock instead of racing on the review's version,
// so not one of them sees fidelity.ErrStale and none needs a retry.
func TestLockedRatingWritesNeverGoStale(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		const workers = 20
		ctx := ctxT(t)
		st := site(t, s, nil, fidelity.SiteKindTeam, "Team")
		rv := review(t, s, st.ID)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range workers {
			wg.Go(func() {
				<-start
				err := s.InTx(ctx, func(tx service.Store) error {
					r, _, err := tx.LockReviewAt(ctx, rv.ID)
					if err != nil {
						return err
					}
					rs := fidelity.RatingSet{ReviewID: rv.ID, RaterKey: "rater-" + strconv.Itoa(i),
						Inputs:    []fidelity.ItemInput{{ItemID: "Sv1", Score: fidelity.IntPtr(3)}},
						Scorecard: scorecard(map[string]int{"Sv1": 3}, "Sv1"), UpdatedAt: now()}
					if err := tx.PutRatingSet(ctx, rs); err != nil {
						return err
					}
					r.Status = fidelity.StatusInProgress
					return tx.UpdateReview(ctx, r)
				})
				if err != nil {
					t.Errorf("writer %d: %v", i, err)
				}
			})
		}
		close(start)
		wg.Wait()
		r, err := s.GetReview(ctx, rv.ID)
		must(t, err)
		sets, err := s.ListRatingSets(ctx, rv.ID)
		must(t, err)
		if r.Version != 1+workers || len(sets) != workers {
			t.Fatalf("review version %d, %d rating sets; want %d and %d", r.Version, len(sets), 1+workers, workers)
		}
	})
}

// TestSharedReviewLockModes holds the review's share lock in one
// transaction and checks, on PostgreSQL, that a second share lock is
// granted at once while the exclusive lock waits for the first
// transaction to end (SQLite runs one writing transaction at a time, so
// there the second transaction waits whatever the mode).
func TestSharedReviewLockModes(t *testing.T) {
	s := storetest.Postgres(t)
	ctx := ctxT(t)
	rv := review(t, s, site(t, s, nil, fidelity.SiteKindTeam, "Team").ID)
	held, release := make(chan struct{}), make(chan struct{})
	holder := make(chan error, 1)
	go func() {
		holder <- s.InTx(ctx, func(tx service.Store) error {
			if _, _, err := tx.LockReviewSharedAt(ctx, rv.ID); err != nil {
				return err
			}
			close(held)
			<-release
			return nil
		})
	}()
	<-held
	lockIn := func(lock func(tx service.Store) error) chan error {
		done := make(chan error, 1)
		go func() { done <- s.InTx(ctx, lock) }()
		return done
	}
	shared := lockIn(func(tx service.Store) error { _, _, err := tx.LockReviewSharedAt(ctx, rv.ID); return err })
	select {
	case err := <-shared:
		must(t, err)
	case <-time.After(5 * time.Second):
		close(release)
		t.Fatal("a second share lock of the review waited for the first")
	}
	exclusive := lockIn(func(tx service.Store) error { _, _, err := tx.LockReviewAt(ctx, rv.ID); return err })
	select {
	case err := <-exclusive:
		close(release)
		t.Fatalf("the exclusive lock was granted while a share lock was held (err %v)", err)
	case <-time.After(300 * time.Millisecond):
	}
	close(release)
	must(t, <-holder)
	select {
	case err := <-exclusive:
		must(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("the exclusive lock was not granted once the share lock was released")
	}
}
