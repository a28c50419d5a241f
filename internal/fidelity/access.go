package fidelity

import "time"

// APIKey is a credential. Only a hash of the secret is stored; Prefix is a
// short visible part that identifies the key in lists and logs.
type APIKey struct {
	ID         string
	Prefix     string // e.g. "fk_3h9XkQ2p"
	Hash       string // hex SHA-256 of the whole key
	Name       string
	Role       Role
	RaterID    string   // the rater a key of role rater rates as
	Scope      []string // site ids whose subtrees the key may see; empty = all
	ExpiresAt  *time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
	CreatedAt  time.Time
	CreatedBy  string
}

// Usable reports whether the key may be used at now.
func (k APIKey) Usable(now time.Time) bool {
	return k.RevokedAt == nil && (k.ExpiresAt == nil || now.Before(*k.ExpiresAt))
}

// AuditEvent records one write: who, with which key, when, what, and the
// resource before and after (JSON documents, evidence texts included only
// where the resource itself holds them).
type AuditEvent struct {
	ID           string
	At           time.Time
	Actor        string
	KeyID        string
	RequestID    string
	Action       string // e.g. "site.create", "rating.save", "review.finalize"
	ResourceType string // "site", "rater", "review", "rating_set", "correction", "scale", "api_key", …
	ResourceID   string
	SitePath     string // materialised path of the site concerned ("" for global resources), for scope
	Before       string // JSON, "" when the resource did not exist
	After        string // JSON, "" when the resource was removed
	// RedactedAt is set when evidence notes were blanked in Before and
	// After by an evidence purge (the one change an event ever sees).
	RedactedAt *time.Time
}

// The audit resource types under which a review's own data is logged:
// the review itself and its written report carry the review's id, a
// rating set "<review>/<rater key>", a correction its own id. An evidence
// purge redacts the events of exactly these (store.RedactAuditEvidence).
const (
	ResourceReview        = "review"
	ResourceWrittenReport = "written_report"
	ResourceRatingSet     = "rating_set"
	ResourceCorrection    = "correction"
)

// IdempotentResponse is the stored first answer to a POST with an
// Idempotency-Key, replayed for retries of the same request.
type IdempotentResponse struct {
	Owner       string // the key id (or "open") the Idempotency-Key belongs to
	Key         string
	Method      string
	Path        string
	BodyHash    string // hex SHA-256 of the request body
	Status      int    // 0 while the first request is still running
	ContentType string
	Body        []byte
	Location    string
	CreatedAt   time.Time
	// LeaseUntil is when a running record (Status 0) stops holding its
	// key: the request's deadline and a grace for storing its answer. A
	// process killed mid-request thus blocks retries only until then.
	LeaseUntil time.Time
}
