package store_test

import (
	"context"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// idemRequest is a request whose lease outlasts the test, so that only
// TestIdempotencyLease sees leases end.
func idemRequest(owner, key string, created time.Time) fidelity.IdempotentResponse {
	return fidelity.IdempotentResponse{Owner: owner, Key: key, Method: "POST", Path: "/api/v1/sites",
		BodyHash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", CreatedAt: created,
		LeaseUntil: created.Add(48 * time.Hour)}
}

// TestIdempotencyLease: a request whose process died mid-way (SIGKILL: it
// neither completed nor released its record) holds its key only until its
// lease ends. Before that a retry hears "still running"; after it, exactly
// one of several concurrent retries takes the key over and runs, and a
// completed record is never taken over.
func TestIdempotencyLease(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := ctxT(t)
		t0 := now()
		killed := idemRequest("key-1", "killed", t0)
		killed.LeaseUntil = t0.Add(40 * time.Second)
		if _, started, err := s.BeginIdempotent(ctx, killed); err != nil || !started {
			t.Fatalf("first attempt: %v %v", started, err)
		}
		early := idemRequest("key-1", "killed", t0.Add(30*time.Second))
		prior, started, err := s.BeginIdempotent(ctx, early)
		must(t, err)
		if started || prior.Status != 0 {
			t.Fatalf("a retry within the lease ran (started %v, prior %+v)", started, prior)
		}

		const retries = 10
		var wg sync.WaitGroup
		var mu sync.Mutex
		runs := 0
		for range retries {
			wg.Go(func() {
				_, started, err := s.BeginIdempotent(ctx, idemRequest("key-1", "killed", t0.Add(41*time.Second)))
				if err != nil {
					t.Error(err)
				}
				if started {
					mu.Lock()
					runs++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if runs != 1 {
			t.Fatalf("%d of %d retries after the lease ran the request, want exactly 1", runs, retries)
		}

		done := idemRequest("key-1", "done", t0)
		done.LeaseUntil = t0.Add(time.Second)
		if _, started, err := s.BeginIdempotent(ctx, done); err != nil || !started {
			t.Fatalf("begin: %v %v", started, err)
		}
		done.Status = 201
		must(t, s.CompleteIdempotent(ctx, done))
		prior, started, err = s.BeginIdempotent(ctx, idemRequest("key-1", "done", t0.Add(time.Hour)))
		must(t, err)
		if started || prior.Status != 201 {
			t.Fatalf("a completed record was taken over: started %v, prior %+v", started, prior)
		}
	})
}

func TestIdempotency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := ctxT(t)
		begin := func(r fidelity.IdempotentResponse, wantStarted bool) fidelity.IdempotentResponse {
			t.Helper()
			prior, started, err := s.BeginIdempotent(ctx, r)
			must(t, err)
			if started != wantStarted {
				t.Fatalf("Begin(%s, %s) started = %v, want %v", r.Owner, r.Key, started, wantStarted)
			}
			return prior
		}

		req := idemRequest("key-1", "abc", now())
		if prior := begin(req, true); !reflect.DeepEqual(prior, fidelity.IdempotentResponse{}) {
			t.Fatalf("a started request returned a prior record %+v", prior)
		}
		// A retry while the first runs sees the running record.
		retry := req
		retry.BodyHash, retry.CreatedAt = "other", now().Add(time.Second)
		if prior := begin(retry, false); !reflect.DeepEqual(prior, req) {
			t.Fatalf("running record = %+v\nwant           %+v", prior, req)
		}
		// Keys are per owner.
		begin(idemRequest("key-2", "abc", now()), true)

		done := req
		done.Status, done.ContentType = 201, "application/json"
		done.Body = []byte(`{"id":"0192","name":"Tromsø"}` + "\n")
		done.Location = "/api/v1/sites/0192"
		must(t, s.CompleteIdempotent(ctx, done))
		if prior := begin(retry, false); !reflect.DeepEqual(prior, done) {
			t.Fatalf("completed record = %+v\nwant             %+v", prior, done)
		}
		wantKind(t, s.CompleteIdempotent(ctx, done), fidelity.KindConflict, "already complete")
		// Abandoning a completed record leaves it.
		must(t, s.AbandonIdempotent(ctx, req.Owner, req.Key))
		if prior := begin(retry, false); prior.Status != 201 {
			t.Fatalf("abandon removed a completed record: %+v", prior)
		}

		missing := done
		missing.Key = "missing"
		wantKind(t, s.CompleteIdempotent(ctx, missing), fidelity.KindNotFound)
		running := idemRequest("key-1", "running", now())
		begin(running, true)
		wantKind(t, s.CompleteIdempotent(ctx, running), fidelity.KindInvalid, "not an HTTP status")

		// Abandoning a running record lets the retry run again.
		must(t, s.AbandonIdempotent(ctx, running.Owner, running.Key))
		must(t, s.AbandonIdempotent(ctx, running.Owner, running.Key))
		begin(running, true)

		// Bodies that are not UTF-8 text, an empty body and no body.
		for i, body := range [][]byte{{0x00, 0xff, 0xfe, 'x'}, []byte("caf\xe9"), {}, nil} {
			r := idemRequest("key-3", string(rune('a'+i)), now())
			begin(r, true)
			r.Status, r.Body = 200, body
			must(t, s.CompleteIdempotent(ctx, r))
			prior := begin(r, false)
			if len(body) == 0 {
				r.Body = nil
			}
			if !reflect.DeepEqual(prior, r) {
				t.Fatalf("body %q came back as %+v", body, prior)
			}
		}
	})
}

func TestIdempotencyPurge(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := ctxT(t)
		cutoff := now().Add(-24 * time.Hour)
		for i, created := range []time.Time{
			cutoff.Add(-time.Hour), cutoff.Add(-time.Microsecond), cutoff, cutoff.Add(time.Hour), now(),
		} {
			r := idemRequest("key-1", string(rune('a'+i)), created)
			if _, started, err := s.BeginIdempotent(ctx, r); err != nil || !started {
				t.Fatalf("Begin %d: %v %v", i, started, err)
			}
			if i%2 == 0 {
				r.Status = 200
				must(t, s.CompleteIdempotent(ctx, r))
			}
		}
		n, err := s.PurgeIdempotent(ctx, cutoff)
		must(t, err)
		if n != 2 {
			t.Fatalf("purged %d, want 2", n)
		}
		n, err = s.PurgeIdempotent(ctx, cutoff)
		must(t, err)
		if n != 0 {
			t.Fatalf("second purge removed %d", n)
		}
		for i, wantStarted := range []bool{true, true, false, false, false} {
			_, started, err := s.BeginIdempotent(ctx, idemRequest("key-1", string(rune('a'+i)), now()))
			must(t, err)
			if started != wantStarted {
				t.Fatalf("record %d: started = %v after purge, want %v", i, started, wantStarted)
			}
		}
	})
}

// TestIdempotencyConcurrentBegin starts the same request 20 times at once:
// exactly one may run it, the others see its record.
func TestIdempotencyConcurrentBegin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := ctxT(t)
		for round := range 3 {
			req := idemRequest("key-1", "k"+string(rune('a'+round)), now())
			const n = 20
			var (
				wg      sync.WaitGroup
				mu      sync.Mutex
				started int
				errs    []error
				start   = make(chan struct{})
			)
			for range n {
				wg.Go(func() {
					<-start
					prior, ok, err := s.BeginIdempotent(ctx, req)
					mu.Lock()
					defer mu.Unlock()
					switch {
					case err != nil:
						errs = append(errs, err)
					case ok:
						started++
					case prior.Owner != req.Owner || prior.Key != req.Key || prior.Status != 0:
						errs = append(errs, &fidelity.Error{Kind: fidelity.KindInternal,
							Message: "unexpected prior record " + prior.Owner + "/" + prior.Key})
					}
				})
			}
			close(start)
			wg.Wait()
			if len(errs) > 0 {
				t.Fatalf("round %d: errors: %v", round, errs)
			}
			if started != 1 {
				t.Fatalf("round %d: %d of %d calls started the request, want exactly 1", round, started, n)
			}
		}
	})
}

// TestIdempotencyInTx: a Begin that finds an existing record inside a
// transaction leaves that transaction usable (a caught unique violation
// would abort it on PostgreSQL).
func TestIdempotencyInTx(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := ctxT(t)
		req := idemRequest("key-1", "tx", now())
		if _, started, err := s.BeginIdempotent(ctx, req); err != nil || !started {
			t.Fatalf("Begin: %v %v", started, err)
		}
		ev := fidelity.AuditEvent{ID: newID(t), At: now(), Action: "site.create", ResourceType: "site"}
		must(t, s.InTx(ctx, func(tx service.Store) error {
			as := tx.(service.AccessStore)
			prior, started, err := as.BeginIdempotent(ctx, req)
			if err != nil {
				return err
			}
			if started || prior.Key != req.Key {
				t.Errorf("in tx: started = %v, prior %+v", started, prior)
			}
			return as.AppendAudit(ctx, ev)
		}))
		got, err := s.ListAudit(ctx, service.AuditFilter{})
		must(t, err)
		if len(got) != 1 || got[0].ID != ev.ID {
			t.Fatalf("audit after tx = %+v", got)
		}

		// Rolled back with its transaction, a started record is gone.
		again := idemRequest("key-1", "rolled-back", now())
		err = s.InTx(ctx, func(tx service.Store) error {
			if _, started, err := tx.(service.AccessStore).BeginIdempotent(ctx, again); err != nil || !started {
				t.Errorf("Begin in tx: %v %v", started, err)
			}
			return context.Canceled
		})
		if err == nil {
			t.Fatal("InTx returned nil for a failing fn")
		}
		if _, started, err := s.BeginIdempotent(ctx, again); err != nil || !started {
			t.Fatalf("Begin after rollback: %v %v", started, err)
		}
	})
}
