package store

import "database/sql"

// SQLDB returns the connection pool behind the store, for its statistics
// on /metrics (nil if it cannot be had).
func (s *Store) SQLDB() *sql.DB {
	db, err := s.db.DB()
	if err != nil {
		return nil
	}
	return db
}
