package service

import (
	"context"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// AccessStore is what access control, the audit log and idempotent POSTs
// need from persistence.
type AccessStore interface {
	CreateKey(ctx context.Context, k fidelity.APIKey) error
	// KeyByHash finds a key by the SHA-256 of its secret (KindNotFound
	// when none); revoked and expired keys are returned too, the caller
	// decides.
	KeyByHash(ctx context.Context, hash string) (fidelity.APIKey, error)
	GetKey(ctx context.Context, id string) (fidelity.APIKey, error)
	ListKeys(ctx context.Context) ([]fidelity.APIKey, error)
	RevokeKey(ctx context.Context, id string, at time.Time) error
	// TouchKey sets last_used_at, but only when the stored value is older
	// than at minus a minute, so authentication does not write on every
	// request.
	TouchKey(ctx context.Context, id string, at time.Time) error
	CountKeys(ctx context.Context) (int, error)

	// EndSession records that the web session id was signed out, until
	// expires; sessions past their expiry by now are forgotten.
	EndSession(ctx context.Context, id string, expires, now time.Time) error
	// SessionEnded reports whether the web session id was signed out.
	SessionEnded(ctx context.Context, id string) (bool, error)

	// AppendAudit adds an event; there is no update or delete.
	AppendAudit(ctx context.Context, e fidelity.AuditEvent) error
	// ListAudit lists events newest first, filtered; Page.After is the id
	// of the last event of the previous page (ids are UUIDv7, so id order
	// is time order).
	ListAudit(ctx context.Context, f AuditFilter) ([]fidelity.AuditEvent, error)

	// BeginIdempotent records that a request with (Owner, Key) has started.
	// If one was recorded before, it returns that record and started =
	// false (Status 0 means it is still running).
	BeginIdempotent(ctx context.Context, r fidelity.IdempotentResponse) (prior fidelity.IdempotentResponse, started bool, err error)
	// CompleteIdempotent stores the answer of a started request.
	CompleteIdempotent(ctx context.Context, r fidelity.IdempotentResponse) error
	// AbandonIdempotent removes a started record whose request failed in a
	// way that must not be replayed (a 5xx), so a retry runs again.
	AbandonIdempotent(ctx context.Context, owner, key string) error
	// PurgeIdempotent deletes records created before the cutoff.
	PurgeIdempotent(ctx context.Context, before time.Time) (int, error)
}

// AuditFilter selects audit events. Zero values do not filter.
type AuditFilter struct {
	Subtree      string
	Subtrees     []string
	ResourceType string
	ResourceID   string
	KeyID        string
	From, To     *time.Time
	Page
}
