package store

import (
	"context"
)

// LockReview takes the review's row lock for the rest of the transaction,
// so that writes which all touch the review row (every rating save bumps
// its version) queue behind each other instead of failing their optimistic
// version check. Reads made after it see what the previous holder
// committed. On PostgreSQL that is SELECT … FOR UPDATE; SQLite has a single
// writer connection, so its transactions are serial already and there is
// nothing to lock. Outside a transaction the lock would end with the
// statement, so it is a no-op there too. A review that does not exist is
// not an error here: the caller's next read reports it.
func (s *Store) LockReview(ctx context.Context, id string) error {
	if !s.inTx || s.dialect != dialectPostgres {
		return nil
	}
	var ids []string
	err := s.db.WithContext(ctx).Raw("SELECT id FROM reviews WHERE id = ? FOR UPDATE", id).Scan(&ids).Error
	return translate(err, reviewWhat(id))
}
