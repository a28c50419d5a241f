package store

import (
	"bytes"
	"context"
	"encoding/base64"
	"time"
	"unicode/utf8"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// idempotencyRow mirrors idempotency_keys in
// migrations/00003_access_audit.sql.
type idempotencyRow struct {
	Owner       string
	Key         string
	Method      string
	Path        string
	BodyHash    string
	Status      int
	ContentType string
	Body        string
	BodyBase64  bool `gorm:"column:body_base64"`
	Location    string
	CreatedAt   string
	LeaseUntil  *string // migrations/00004_hardening.sql; NULL counts as expired
}

func (idempotencyRow) TableName() string { return "idempotency_keys" }

func idemWhat(owner, key string) string { return "idempotency key " + key + " of " + owner }

// encodeBody keeps a response body as text when it is text PostgreSQL can
// store (valid UTF-8 without NUL bytes, as JSON is), and in base64
// otherwise.
func encodeBody(b []byte) (text string, b64 bool) {
	if utf8.Valid(b) && !bytes.ContainsRune(b, 0) {
		return string(b), false
	}
	return base64.StdEncoding.EncodeToString(b), true
}

func (r idempotencyRow) domain() (fidelity.IdempotentResponse, error) {
	var d decoder
	body := []byte(r.Body)
	if r.BodyBase64 {
		var err error
		if body, err = base64.StdEncoding.DecodeString(r.Body); err != nil {
			d.err = err
		}
	}
	if len(body) == 0 {
		body = nil
	}
	out := fidelity.IdempotentResponse{
		Owner: r.Owner, Key: r.Key, Method: r.Method, Path: r.Path, BodyHash: r.BodyHash,
		Status: r.Status, ContentType: r.ContentType, Body: body, Location: r.Location,
		CreatedAt: d.instant(r.CreatedAt),
	}
	if r.LeaseUntil != nil {
		out.LeaseUntil = d.instant(*r.LeaseUntil)
	}
	return out, d.fail(idemWhat(r.Owner, r.Key))
}

// beginAttempts bounds BeginIdempotent's retries for the case where the
// record it collided with is abandoned before it could be read.
const beginAttempts = 5

// BeginIdempotent inserts the running record of (r.Owner, r.Key) unless one
// exists, in which case it returns that one with started = false. A
// running record whose lease ended before r.CreatedAt (its process died
// mid-request) is taken over instead: started = true, with r's request and
// lease.
//
// The insert is INSERT … ON CONFLICT DO NOTHING (both dialects have it)
// rather than a plain INSERT whose unique violation is caught: the
// database decides atomically which of two concurrent calls inserts (on
// PostgreSQL the second waits for the first to commit or roll back), and a
// conflict is no error, so it does not abort a surrounding PostgreSQL
// transaction. The existing record is then read on the write handle.
func (s *Store) BeginIdempotent(ctx context.Context, r fidelity.IdempotentResponse) (fidelity.IdempotentResponse, bool, error) {
	what := idemWhat(r.Owner, r.Key)
	db := s.w(ctx)
	created, lease := formatInstant(r.CreatedAt), formatInstant(r.LeaseUntil)
	for range beginAttempts {
		res := db.Exec(`INSERT INTO idempotency_keys
			(owner, key, method, path, body_hash, status, content_type, body, body_base64, location, created_at, lease_until)
			VALUES (?, ?, ?, ?, ?, 0, '', '', ?, '', ?, ?)
			ON CONFLICT (owner, key) DO NOTHING`,
			r.Owner, r.Key, r.Method, r.Path, r.BodyHash, false, created, lease)
		if res.Error != nil {
			return fidelity.IdempotentResponse{}, false, translate(res.Error, what)
		}
		if res.RowsAffected > 0 {
			return fidelity.IdempotentResponse{}, true, nil
		}
		// One statement decides which of several retries takes over an
		// abandoned record, as the insert does for new ones.
		res = db.Exec(`UPDATE idempotency_keys
			SET method = ?, path = ?, body_hash = ?, created_at = ?, lease_until = ?
			WHERE owner = ? AND key = ? AND status = 0 AND (lease_until IS NULL OR lease_until < ?)`,
			r.Method, r.Path, r.BodyHash, created, lease, r.Owner, r.Key, created)
		if res.Error != nil {
			return fidelity.IdempotentResponse{}, false, translate(res.Error, what)
		}
		if res.RowsAffected > 0 {
			return fidelity.IdempotentResponse{}, true, nil
		}
		var rows []idempotencyRow
		err := db.Where("owner = ? AND key = ?", r.Owner, r.Key).Limit(1).Find(&rows).Error
		if err != nil {
			return fidelity.IdempotentResponse{}, false, translate(err, what)
		}
		if len(rows) == 1 {
			prior, err := rows[0].domain()
			return prior, false, err
		}
		// Abandoned or purged between the two statements: try again.
	}
	return fidelity.IdempotentResponse{}, false, fidelity.Errorf(fidelity.KindConflict,
		"%s collided with concurrent requests; try again", what)
}

// CompleteIdempotent stores the answer of a running request. r.Status must
// be an HTTP status; a record that is missing is KindNotFound, one that is
// already complete KindConflict.
func (s *Store) CompleteIdempotent(ctx context.Context, r fidelity.IdempotentResponse) error {
	what := idemWhat(r.Owner, r.Key)
	if r.Status < 100 || r.Status > 599 {
		return fidelity.Errorf(fidelity.KindInvalid, "%s: status %d is not an HTTP status", what, r.Status)
	}
	body, b64 := encodeBody(r.Body)
	db := s.w(ctx)
	res := db.Exec(`UPDATE idempotency_keys
		SET status = ?, content_type = ?, body = ?, body_base64 = ?, location = ?
		WHERE owner = ? AND key = ? AND status = 0`,
		r.Status, r.ContentType, body, b64, r.Location, r.Owner, r.Key)
	if res.Error != nil {
		return translate(res.Error, what)
	}
	if res.RowsAffected > 0 {
		return nil
	}
	var n int64
	if err := db.Raw("SELECT COUNT(*) FROM idempotency_keys WHERE owner = ? AND key = ?", r.Owner, r.Key).
		Scan(&n).Error; err != nil {
		return translate(err, what)
	}
	if n == 0 {
		return notFound(what)
	}
	return fidelity.Errorf(fidelity.KindConflict, "%s is already complete", what)
}

// AbandonIdempotent deletes the record of (owner, key) if it is still
// running; a completed or missing one is left as it is.
func (s *Store) AbandonIdempotent(ctx context.Context, owner, key string) error {
	err := s.w(ctx).Exec("DELETE FROM idempotency_keys WHERE owner = ? AND key = ? AND status = 0",
		owner, key).Error
	return translate(err, idemWhat(owner, key))
}

// PurgeIdempotent deletes the records created before the cutoff, running or
// not, and returns how many.
func (s *Store) PurgeIdempotent(ctx context.Context, before time.Time) (int, error) {
	res := s.w(ctx).Exec("DELETE FROM idempotency_keys WHERE created_at < ?", formatInstant(before))
	if res.Error != nil {
		return 0, translate(res.Error, "idempotency keys")
	}
	return int(res.RowsAffected), nil
}
