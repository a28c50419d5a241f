package store

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// EndSession lists a web session as ended until expires (when its cookie
// would lapse anyway), and forgets sessions whose cookies have lapsed by
// now, so the table holds only what can still be replayed. Ending a
// session twice is not an error.
func (s *Store) EndSession(ctx context.Context, id string, expires, now time.Time) error {
	return translate(s.writeTx(ctx, func(db *gorm.DB) error {
		if err := db.Exec("DELETE FROM ended_sessions WHERE expires_at < ?", formatInstant(now)).Error; err != nil {
			return err
		}
		return db.Exec(`INSERT INTO ended_sessions (id, expires_at) VALUES (?, ?)
			ON CONFLICT (id) DO NOTHING`, id, formatInstant(expires)).Error
	}), "session")
}

// SessionEnded reports whether EndSession was called for id.
func (s *Store) SessionEnded(ctx context.Context, id string) (bool, error) {
	var n int64
	err := s.r(ctx).Raw("SELECT COUNT(*) FROM ended_sessions WHERE id = ?", id).Scan(&n).Error
	return n > 0, translate(err, "session")
}
