package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

var _ service.AccessStore = (*Store)(nil)

// apiKeyRow mirrors api_keys in migrations/00003_access_audit.sql.
type apiKeyRow struct {
	ID         string
	Prefix     string
	Hash       string
	Name       string
	Role       string
	RaterID    *string
	Scope      string // JSON list of site ids
	ExpiresAt  *string
	LastUsedAt *string
	RevokedAt  *string
	CreatedAt  string
	CreatedBy  string
}

func (apiKeyRow) TableName() string { return "api_keys" }

// touchInterval is how stale last_used_at may get before TouchKey writes it.
const touchInterval = time.Minute

func keyWhat(id string) string { return "API key " + id }

func toAPIKeyRow(k fidelity.APIKey) (apiKeyRow, error) {
	scope := k.Scope
	if scope == nil {
		scope = []string{}
	}
	b, err := json.Marshal(scope)
	if err != nil {
		return apiKeyRow{}, fidelity.Wrap(fidelity.KindInvalid, err, "scope of "+keyWhat(k.ID)+" cannot be stored")
	}
	return apiKeyRow{
		ID: k.ID, Prefix: k.Prefix, Hash: k.Hash, Name: k.Name, Role: string(k.Role),
		RaterID: strPtr(k.RaterID), Scope: string(b),
		ExpiresAt: formatInstantPtr(k.ExpiresAt), LastUsedAt: formatInstantPtr(k.LastUsedAt),
		RevokedAt: formatInstantPtr(k.RevokedAt),
		CreatedAt: formatInstant(k.CreatedAt), CreatedBy: k.CreatedBy,
	}, nil
}

// domain converts a stored key. An empty scope comes back as nil.
func (r apiKeyRow) domain() (fidelity.APIKey, error) {
	var d decoder
	var scope []string
	d.json(r.Scope, &scope)
	if len(scope) == 0 {
		scope = nil
	}
	k := fidelity.APIKey{
		ID: r.ID, Prefix: r.Prefix, Hash: r.Hash, Name: r.Name, Role: fidelity.Role(r.Role),
		RaterID: strVal(r.RaterID), Scope: scope,
		ExpiresAt: d.instantPtr(r.ExpiresAt), LastUsedAt: d.instantPtr(r.LastUsedAt),
		RevokedAt: d.instantPtr(r.RevokedAt),
		CreatedAt: d.instant(r.CreatedAt), CreatedBy: r.CreatedBy,
	}
	return k, d.fail(keyWhat(r.ID))
}

// CreateKey stores a new key. A taken id, prefix or hash is KindConflict,
// as are an unknown role and a rater id that names no rater.
func (s *Store) CreateKey(ctx context.Context, k fidelity.APIKey) error {
	row, err := toAPIKeyRow(k)
	if err != nil {
		return err
	}
	return translate(s.w(ctx).Create(&row).Error, keyWhat(k.Prefix))
}

// KeyByHash finds a key by the hex SHA-256 of its secret. The message of
// the KindNotFound error does not repeat the hash.
func (s *Store) KeyByHash(ctx context.Context, hash string) (fidelity.APIKey, error) {
	var row apiKeyRow
	if err := s.r(ctx).Where("hash = ?", hash).Take(&row).Error; err != nil {
		return fidelity.APIKey{}, translate(err, "API key")
	}
	return row.domain()
}

func (s *Store) GetKey(ctx context.Context, id string) (fidelity.APIKey, error) {
	var row apiKeyRow
	if err := s.r(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return fidelity.APIKey{}, translate(err, keyWhat(id))
	}
	return row.domain()
}

// ListKeys lists every key, revoked and expired ones included, in id
// (creation) order. Keys are few: there is no paging.
func (s *Store) ListKeys(ctx context.Context) ([]fidelity.APIKey, error) {
	var rows []apiKeyRow
	if err := s.r(ctx).Order("id").Find(&rows).Error; err != nil {
		return nil, translate(err, "API keys")
	}
	out := make([]fidelity.APIKey, 0, len(rows))
	for _, row := range rows {
		k, err := row.domain()
		if err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, nil
}

// RevokeKey sets revoked_at. Revoking a revoked key changes nothing (the
// first revocation time stays); an unknown id is KindNotFound.
func (s *Store) RevokeKey(ctx context.Context, id string, at time.Time) error {
	db := s.w(ctx)
	res := db.Exec("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", formatInstant(at), id)
	if res.Error != nil {
		return translate(res.Error, keyWhat(id))
	}
	if res.RowsAffected > 0 {
		return nil
	}
	var n int64
	if err := db.Raw("SELECT COUNT(*) FROM api_keys WHERE id = ?", id).Scan(&n).Error; err != nil {
		return translate(err, keyWhat(id))
	}
	if n == 0 {
		return notFound(keyWhat(id))
	}
	return nil
}

// TouchKey records that the key was used at at, in one conditional UPDATE
// that writes only when the stored value is a minute older or more. An
// unknown id changes nothing and is not an error.
func (s *Store) TouchKey(ctx context.Context, id string, at time.Time) error {
	if at.IsZero() {
		at = time.Now()
	}
	err := s.w(ctx).Exec(`UPDATE api_keys SET last_used_at = ?
		WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)`,
		formatInstant(at), id, formatInstant(at.Add(-touchInterval))).Error
	return translate(err, keyWhat(id))
}

// CountKeys counts every stored key, revoked and expired ones included.
func (s *Store) CountKeys(ctx context.Context) (int, error) {
	var n int64
	if err := s.r(ctx).Raw("SELECT COUNT(*) FROM api_keys").Scan(&n).Error; err != nil {
		return 0, translate(err, "API keys")
	}
	return int(n), nil
}
