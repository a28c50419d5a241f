package service

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// retryStale reruns fn when it lost an optimistic-concurrency race on a row
// the caller did not name. Review writes take the review's row lock first
// (Store.LockReviewAt), so on PostgreSQL and SQLite this is a safety net, not
// the serialisation itself. The caller's own data is re-read inside fn, so
// a retry never overwrites anything. Conflicts on versions the caller sent (If-Match) are
// KindPreconditionFailed and never retried.
func retryStale(ctx context.Context, fn func() error) error {
	var err error
	for attempt := range 8 {
		if err = fn(); !errors.Is(err, fidelity.ErrStale) {
			return err
		}
		wait := time.Duration(1<<attempt)*time.Millisecond + time.Duration(rand.IntN(1000))*time.Microsecond
		select {
		case <-ctx.Done():
			return fidelity.Wrap(fidelity.KindUnavailable, ctx.Err(), "the request was cancelled")
		case <-time.After(wait):
		}
	}
	return fidelity.Wrap(fidelity.KindConflict, err, "too many concurrent writes to this review; try again")
}
