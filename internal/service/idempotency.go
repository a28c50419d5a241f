package service

import (
	"context"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// IdempotencyTTL is how long a POST's first answer is replayed for retries
// with the same Idempotency-Key.
const IdempotencyTTL = 24 * time.Hour

// idempotencyGrace is how long after its deadline a request may still
// store its answer (the API layer allows itself 5 s for that).
const idempotencyGrace = 10 * time.Second

// idempotencyLeaseWithoutDeadline is the lease of a request that has no
// deadline (request timeouts switched off).
const idempotencyLeaseWithoutDeadline = 5 * time.Minute

// idempotencyLease is how long a running request holds its
// Idempotency-Key: until its deadline, when its transaction is cancelled
// and it can no longer change anything, plus the grace for storing its
// answer. After that a retry runs afresh instead of hearing "still
// running" until the record expires a day later (a SIGKILLed process never
// completes or releases its records).
func idempotencyLease(ctx context.Context) time.Duration {
	if deadline, ok := ctx.Deadline(); ok {
		return max(time.Until(deadline), 0) + idempotencyGrace
	}
	return idempotencyLeaseWithoutDeadline
}

// idempotencyOwner scopes keys to the caller, so two clients cannot see
// each other's answers by guessing a key.
func idempotencyOwner(ctx context.Context) string {
	if p := caller(ctx); p.KeyID != "" {
		return p.KeyID
	}
	return "open"
}

// BeginIdempotent starts a POST with an Idempotency-Key. When the key was
// used before it returns the earlier record: replay it if it is complete
// and the body is the same, refuse it otherwise.
func (s *Service) BeginIdempotent(ctx context.Context, key, method, path, bodyHash string) (prior fidelity.IdempotentResponse, started bool, err error) {
	now := s.now()
	r := fidelity.IdempotentResponse{
		Owner: idempotencyOwner(ctx), Key: key, Method: method, Path: path, BodyHash: bodyHash,
		CreatedAt: now, LeaseUntil: now.Add(idempotencyLease(ctx)),
	}
	s.purgeIdempotentEvery(ctx, 10*time.Minute)
	prior, started, err = s.store.BeginIdempotent(ctx, r)
	if err != nil || started {
		return prior, started, err
	}
	if prior.CreatedAt.Before(s.now().Add(-IdempotencyTTL)) {
		// An expired record: forget it and start afresh.
		if _, err := s.store.PurgeIdempotent(ctx, s.now().Add(-IdempotencyTTL)); err != nil {
			return prior, false, err
		}
		return s.store.BeginIdempotent(ctx, r)
	}
	return prior, false, nil
}

// CompleteIdempotent stores the answer to replay.
func (s *Service) CompleteIdempotent(ctx context.Context, key string, status int, contentType, location string, body []byte) error {
	return s.store.CompleteIdempotent(ctx, fidelity.IdempotentResponse{
		Owner: idempotencyOwner(ctx), Key: key, Status: status, ContentType: contentType, Location: location, Body: body,
	})
}

// AbandonIdempotent forgets a request that failed on the server side, so a
// retry runs again instead of replaying the failure.
func (s *Service) AbandonIdempotent(ctx context.Context, key string) error {
	return s.store.AbandonIdempotent(ctx, idempotencyOwner(ctx), key)
}

// purgeIdempotentEvery deletes expired records at most once per interval
// per process, so the table holds about a day of keys, not all of them.
func (s *Service) purgeIdempotentEvery(ctx context.Context, every time.Duration) {
	now := s.now()
	last := s.lastPurge.Load()
	if last != nil && now.Sub(*last) < every {
		return
	}
	if !s.lastPurge.CompareAndSwap(last, &now) {
		return
	}
	// Best effort: a failed purge is retried at the next interval.
	_, _ = s.store.PurgeIdempotent(ctx, now.Add(-IdempotencyTTL))
}
