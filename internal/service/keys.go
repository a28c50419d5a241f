package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// KeyInput creates an API key.
type KeyInput struct {
	Name    string
	Role    fidelity.Role
	RaterID string
	Scope   []string
	// AllSites lets a key see every site. A key of any role but admin must
	// choose: a scope, or AllSites. An empty scope alone used to mean "all
	// sites", so a forgotten --scope silently gave a lead every region.
	AllSites  bool
	ExpiresAt *time.Time
}

// Key format: "fk_" + 8 visible characters (the prefix shown in lists) +
// "_" + 32 secret characters, base62: about 190 bits of entropy in the
// secret alone, so a plain SHA-256 (no slow KDF) is the right hash — there
// is nothing to brute-force.
const (
	keyPrefixLen = 8
	keySecretLen = 32
	base62       = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
)

func randomBase62(n int) (string, error) {
	var b strings.Builder
	max := big.NewInt(int64(len(base62)))
	for range n {
		i, err := rand.Int(rand.Reader, max)
		if err != nil {
			return "", err
		}
		b.WriteByte(base62[i.Int64()])
	}
	return b.String(), nil
}

// HashKey is the stored form of a key.
func HashKey(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// CreateKey issues a key; the returned secret is shown once and never
// stored. Only admins create keys (the CLI runs as the system admin).
func (s *Service) CreateKey(ctx context.Context, in KeyInput) (fidelity.APIKey, string, error) {
	if err := requireRole(ctx); err != nil {
		return fidelity.APIKey{}, "", err
	}
	var c checks
	c.text("name", in.Name, 1, 200)
	switch in.Role {
	case fidelity.RoleAdmin, fidelity.RoleLead, fidelity.RoleReader:
		if in.RaterID != "" {
			c.add("rater_id", "only keys of role rater rate as a rater")
		}
	case fidelity.RoleRater:
		if in.RaterID == "" {
			c.add("rater_id", "a key of role rater must name the rater it rates as")
		}
	default:
		c.add("role", "must be one of admin, lead, rater, reader")
	}
	switch {
	case in.AllSites && len(in.Scope) > 0:
		c.add("all_sites", "cannot be combined with scope: a key sees either the scope's subtrees or every site")
	case !in.AllSites && len(in.Scope) == 0 && in.Role != fidelity.RoleAdmin:
		c.add("scope", "name the sites whose subtrees the key may see, or set all_sites to true to let it see every site")
	}
	if in.ExpiresAt != nil && !in.ExpiresAt.After(s.now()) {
		c.add("expires_at", "must be in the future")
	}
	for i, id := range in.Scope {
		if _, err := s.store.GetSite(ctx, id); err != nil {
			c.add("scope", "entry %d: no site %s", i, id)
		}
		if slices.Index(in.Scope, id) != i {
			c.add("scope", "site %s is listed twice", id)
		}
	}
	if in.RaterID != "" {
		if _, err := s.store.GetRater(ctx, in.RaterID); err != nil {
			c.add("rater_id", "no such rater")
		}
	}
	if err := c.err("the key is not valid"); err != nil {
		return fidelity.APIKey{}, "", err
	}
	prefix, err := randomBase62(keyPrefixLen)
	if err != nil {
		return fidelity.APIKey{}, "", fidelity.Wrap(fidelity.KindInternal, err, "no randomness for a key")
	}
	secret, err := randomBase62(keySecretLen)
	if err != nil {
		return fidelity.APIKey{}, "", fidelity.Wrap(fidelity.KindInternal, err, "no randomness for a key")
	}
	full := "fk_" + prefix + "_" + secret
	k := fidelity.APIKey{
		ID: s.newID(), Prefix: "fk_" + prefix, Hash: HashKey(full), Name: strings.TrimSpace(in.Name),
		Role: in.Role, RaterID: in.RaterID, Scope: in.Scope, ExpiresAt: in.ExpiresAt,
		CreatedAt: s.now(), CreatedBy: caller(ctx).Name,
	}
	if k.Scope == nil {
		k.Scope = []string{}
	}
	err = s.store.InTx(ctx, func(tx Store) error {
		if err := tx.CreateKey(ctx, k); err != nil {
			return err
		}
		return s.record(ctx, tx, "api_key.create", "api_key", k.ID, "", nil, redactKey(k))
	})
	if err != nil {
		return fidelity.APIKey{}, "", err
	}
	s.keyed.Store(true)
	return k, full, nil
}

// redactKey is a key as the audit log shows it: never the hash.
func redactKey(k fidelity.APIKey) fidelity.APIKey {
	k.Hash = ""
	return k
}

// ListKeys lists keys (admins only); hashes are not returned.
func (s *Service) ListKeys(ctx context.Context) ([]fidelity.APIKey, error) {
	if err := requireRole(ctx); err != nil {
		return nil, err
	}
	keys, err := s.store.ListKeys(ctx)
	for i := range keys {
		keys[i] = redactKey(keys[i])
	}
	return keys, err
}

// RevokeKey makes a key unusable from now on.
func (s *Service) RevokeKey(ctx context.Context, id string) (fidelity.APIKey, error) {
	if err := requireRole(ctx); err != nil {
		return fidelity.APIKey{}, err
	}
	var out fidelity.APIKey
	err := s.store.InTx(ctx, func(tx Store) error {
		k, err := tx.GetKey(ctx, id)
		if err != nil {
			return err
		}
		if k.RevokedAt != nil {
			out = redactKey(k)
			return nil
		}
		now := s.now()
		if err := tx.RevokeKey(ctx, id, now); err != nil {
			return err
		}
		before := redactKey(k)
		k.RevokedAt = &now
		out = redactKey(k)
		return s.record(ctx, tx, "api_key.revoke", "api_key", id, "", before, out)
	})
	// Revoked here: no request on this replica may use the key from now
	// on. Other replicas stop within keyCacheTTL.
	s.keyCache.forget()
	return out, err
}

// keysRecheck is how long "no key exists" is trusted before the database
// is asked again; keys created by another replica are seen within it.
const keysRecheck = 5 * time.Second

// KeysConfigured reports whether any API key exists; without one the
// service may only run open on a loopback address. Every adapter asks on
// every request, so the answer is remembered: "yes" for good (keys are
// revoked, never deleted), "no" for keysRecheck.
func (s *Service) KeysConfigured(ctx context.Context) (bool, error) {
	if s.keyed.Load() {
		return true, nil
	}
	if last := s.keysChecked.Load(); last != nil && s.now().Sub(*last) < keysRecheck {
		return false, nil
	}
	n, err := s.store.CountKeys(ctx)
	if err != nil {
		return false, err
	}
	now := s.now()
	s.keysChecked.Store(&now)
	if n > 0 {
		s.keyed.Store(true)
	}
	return n > 0, nil
}

// Authenticate resolves a key presented from the client address client to
// its principal. Every failure is the same KindUnauthorized answer, so a
// caller learns nothing about which keys exist; an address that keeps
// failing gets KindRateLimited with a RetryAfter instead (see
// authThrottle).
func (s *Service) Authenticate(ctx context.Context, presented, client string) (fidelity.Principal, error) {
	denied := func() error {
		if wait := s.authFailed.fail(client, s.now()); wait > 0 {
			return &fidelity.Error{Kind: fidelity.KindRateLimited, RetryAfter: wait,
				Message: "too many failed authentications from this address; retry after " + wait.Round(time.Second).String()}
		}
		return fidelity.Errorf(fidelity.KindUnauthorized, "the API key is missing, unknown, expired or revoked")
	}
	if !strings.HasPrefix(presented, "fk_") || len(presented) != 3+keyPrefixLen+1+keySecretLen {
		return fidelity.Principal{}, denied()
	}
	hash := HashKey(presented)
	now := s.now()
	k, ok := s.keyCache.get(hash, now)
	if !ok {
		var err error
		k, err = s.store.KeyByHash(ctx, hash)
		switch {
		case fidelity.KindOf(err) == fidelity.KindNotFound:
			return fidelity.Principal{}, denied()
		case err != nil:
			return fidelity.Principal{}, err
		}
		s.keyCache.put(hash, k, now)
	}
	if !k.Usable(now) {
		return fidelity.Principal{}, denied()
	}
	// "Last used" is for spotting dead keys, not an access log (the audit
	// log and the request log are): a minute's precision spares every
	// read request a write.
	if k.LastUsedAt == nil || now.Sub(*k.LastUsedAt) >= keyTouchInterval {
		if err := s.store.TouchKey(ctx, k.ID, now); err != nil {
			return fidelity.Principal{}, err
		}
		s.keyCache.touched(hash, now)
	}
	return fidelity.Principal{KeyID: k.ID, Name: k.Name + " (" + k.Prefix + ")", Role: k.Role, RaterID: k.RaterID, Scope: k.Scope}, nil
}

// keyTouchInterval is how stale a key's last-used time may get.
const keyTouchInterval = time.Minute

// PrincipalByKeyID resolves a key id (from a signed web session) to its
// principal, refusing revoked and expired keys, so signing out everywhere
// is revoking the key.
func (s *Service) PrincipalByKeyID(ctx context.Context, id string) (fidelity.Principal, error) {
	k, err := s.store.GetKey(ctx, id)
	if err != nil || !k.Usable(s.now()) {
		return fidelity.Principal{}, fidelity.Errorf(fidelity.KindUnauthorized, "the session's key is no longer valid; sign in again")
	}
	return fidelity.Principal{KeyID: k.ID, Name: k.Name + " (" + k.Prefix + ")", Role: k.Role, RaterID: k.RaterID, Scope: k.Scope}, nil
}
