package service

import (
	"context"
	"time"
)

// EndSession ends a web session on every replica: its id is kept in the
// database until expires, when its signed cookie would lapse by itself.
// The id is the adapter's opaque session identifier (never a secret the
// cookie carries, so the table cannot be replayed).
func (s *Service) EndSession(ctx context.Context, id string, expires time.Time) error {
	if id == "" || !expires.After(s.now()) {
		return nil
	}
	return s.store.EndSession(ctx, id, expires, s.now())
}

// SessionEnded reports whether the web session id was signed out.
func (s *Service) SessionEnded(ctx context.Context, id string) (bool, error) {
	if id == "" {
		return false, nil
	}
	return s.store.SessionEnded(ctx, id)
}
