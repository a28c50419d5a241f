package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// cancelPool opens a migrated PostgreSQL store with a pool of size
// connections, tagged with an application name so that the test can see its
// server sessions, and an admin connection to the same schema.
func cancelPool(t *testing.T, size int) (*store.Store, *sql.DB, string) {
	t.Helper()
	ctx := ctxT(t)
	plain := storetest.PostgresURL(t)
	u, err := url.Parse(plain)
	must(t, err)
	app := "cancel_" + newID(t)[24:]
	q := u.Query()
	q.Set("application_name", app)
	u.RawQuery = q.Encode()
	s, err := store.Open(ctx, store.Config{URL: u.String(), MaxOpenConns: size})
	must(t, err)
	t.Cleanup(func() { _ = s.Close() })
	must(t, s.Migrate(ctx, "up", io.Discard))
	admin, err := sql.Open("pgx", plain)
	must(t, err)
	t.Cleanup(func() { _ = admin.Close() })
	admin.SetMaxOpenConns(2)
	return s, admin, app
}

// lockSites holds an exclusive lock on the sites table until the returned
// function is called, so that reads of sites wait on the server.
func lockSites(t *testing.T, admin *sql.DB) (unlock func()) {
	t.Helper()
	tx, err := admin.BeginTx(ctxT(t), nil)
	must(t, err)
	_, err = tx.ExecContext(ctxT(t), "LOCK TABLE sites IN ACCESS EXCLUSIVE MODE")
	must(t, err)
	return func() { _ = tx.Rollback() }
}

// startWaitingReads starts n reads of sites on contexts cancelled by the
// returned function, and returns once all n wait on the server.
func startWaitingReads(t *testing.T, s *store.Store, admin *sql.DB, app string, n int) (cancel func(), done *sync.WaitGroup) {
	t.Helper()
	ctx, cancel := context.WithCancel(ctxT(t))
	done = new(sync.WaitGroup)
	for range n {
		done.Go(func() {
			if _, err := s.ListSites(ctx, service.SiteFilter{}); err == nil {
				t.Error("a read whose request was cancelled succeeded")
			}
		})
	}
	for waiting := 0; waiting < n; {
		must(t, admin.QueryRowContext(ctxT(t), `SELECT count(*) FROM pg_stat_activity
			WHERE application_name = $1 AND wait_event_type = 'Lock'`, app).Scan(&waiting))
		time.Sleep(5 * time.Millisecond)
	}
	return cancel, done
}

func sessions(t *testing.T, admin *sql.DB, app string) []int {
	t.Helper()
	rows, err := admin.QueryContext(ctxT(t), "SELECT pid FROM pg_stat_activity WHERE application_name = $1", app)
	must(t, err)
	defer rows.Close()
	var pids []int
	for rows.Next() {
		var pid int
		must(t, rows.Scan(&pid))
		pids = append(pids, pid)
	}
	must(t, rows.Err())
	slices.Sort(pids)
	return pids
}

// TestCancelledStatementKeepsItsConnection: requests whose clients went
// away while their statements ran on PostgreSQL end as cancelled, but the
// statements finish and the pool keeps their connections; the server
// sessions after the cancellations are the ones from before.
func TestCancelledStatementKeepsItsConnection(t *testing.T) {
	const pool = 3
	s, admin, app := cancelPool(t, pool)
	site(t, s, nil, "region", "Region")

	unlock := lockSites(t, admin)
	cancel, done := startWaitingReads(t, s, admin, app, pool)
	before := sessions(t, admin, app)
	cancel()
	unlock() // well within the grace the statements get after a cancel
	done.Wait()

	for range 2 * pool {
		if _, err := s.ListSites(ctxT(t), service.SiteFilter{}); err != nil {
			t.Fatalf("a read after the cancellations: %v", err)
		}
	}
	if after := sessions(t, admin, app); !slices.Equal(before, after) {
		t.Fatalf("the cancelled requests cost their connections: server sessions %v before, %v after", before, after)
	}
}

// TestStuckStatementIsCutAndItsConnectionDropped: a cancelled statement
// that cannot finish (it waits on a lock) is cut after the grace, and its
// broken connection leaves the pool at once instead of waiting idle for the
// next request; the next reads succeed.
func TestStuckStatementIsCutAndItsConnectionDropped(t *testing.T) {
	const pool = 2
	s, admin, app := cancelPool(t, pool)
	site(t, s, nil, "region", "Region")

	unlock := lockSites(t, admin)
	defer unlock()
	cancel, done := startWaitingReads(t, s, admin, app, pool)
	cancel()
	done.Wait() // returns once the grace is over and the connections are cut
	if idle := s.SQLDB().Stats().Idle; idle != 0 {
		t.Fatalf("%d broken connections wait in the pool for the next request", idle)
	}
	unlock()
	for range 2 * pool {
		if _, err := s.DataVersion(ctxT(t)); err != nil {
			t.Fatalf("a read after the cut: %v", err)
		}
	}
}

// TestCancelledRequestsDoNotFailOtherClients is a load generator stopping
// mid-run, or many clients going away: reads are cancelled at random points
// while other clients' reads run on the same small pool, and every read of
// a client that stayed succeeds.
func TestCancelledRequestsDoNotFailOtherClients(t *testing.T) {
	s, _, _ := cancelPool(t, 4)
	root := site(t, s, nil, "region", "Region")
	for i := range 100 {
		site(t, s, &root, "office", fmt.Sprintf("Office %d", i))
	}
	var wg sync.WaitGroup
	var cancelled, reads, failed atomic.Int64
	var leaving sync.WaitGroup
	for range 8 { // clients that go away
		leaving.Go(func() {
			for range 150 {
				ctx, cancel := context.WithTimeout(ctxT(t), time.Duration(rand.IntN(3000))*time.Microsecond)
				if _, err := s.ListSites(ctx, service.SiteFilter{Page: service.Page{Limit: 500}}); err != nil {
					cancelled.Add(1)
				}
				cancel()
			}
		})
	}
	stop := make(chan struct{})
	for range 4 { // clients that stay
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				_, err := s.ListSites(ctxT(t), service.SiteFilter{Page: service.Page{Limit: 500}})
				if err == nil {
					_, err = s.DataVersion(ctxT(t))
				}
				if err != nil {
					if failed.Add(1) <= 3 {
						t.Errorf("a read of a client that stayed failed: %v", err)
					}
					continue
				}
				reads.Add(1)
			}
		})
	}
	leaving.Wait()
	close(stop)
	wg.Wait()
	if cancelled.Load() == 0 || reads.Load() == 0 {
		t.Fatalf("nothing was tested: %d cancelled, %d reads", cancelled.Load(), reads.Load())
	}
	t.Logf("%d cancelled reads, %d reads by clients that stayed, %d failed", cancelled.Load(), reads.Load(), failed.Load())
}

// TestReadRunsAgainWhenTheServerDroppedItsConnection: the server ends the
// pool's sessions (an administrator, a restart, a proxy) between two
// requests. The next read meets the dead connection and is run again on a
// new one instead of failing.
func TestReadRunsAgainWhenTheServerDroppedItsConnection(t *testing.T) {
	s, admin, app := cancelPool(t, 1)
	for range 3 {
		_, err := s.DataVersion(ctxT(t))
		must(t, err)
		_, err = admin.ExecContext(ctxT(t),
			"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", app)
		must(t, err)
		for len(sessions(t, admin, app)) > 0 {
			time.Sleep(time.Millisecond)
		}
		if _, err := s.DataVersion(ctxT(t)); err != nil {
			t.Fatalf("a read after the server ended the connection: %v", err)
		}
	}
}
