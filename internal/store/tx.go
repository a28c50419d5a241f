package store

import (
	"context"
	"database/sql"

	"gorm.io/gorm"

	"github.com/ipsfidelity/fidelity/internal/service"
)

// InTx runs fn in one transaction. A Store that is already bound to a
// transaction runs fn in that same transaction, so use cases compose without
// savepoints: the outermost InTx decides commit or rollback. The
// transaction is bound to ctx, so cancelling ctx rolls it back.
//
// On SQLite the transaction holds the single writer connection until it
// ends: fn must use the tx Store it is given, never the outer one, or it
// waits for itself until ctx expires.
func (s *Store) InTx(ctx context.Context, fn func(tx service.Store) error) error {
	if s.inTx {
		return fn(s)
	}
	if s.dialect == dialectPostgres {
		// The transaction is begun on a connection taken from the pool
		// for it, so that pgx's COPY can reach the same connection
		// (copyFrom): gorm's transaction, a *sql.Tx, does not expose it.
		// Taking a *sql.Conn costs no round trip; it goes back to the
		// pool when the transaction ends.
		err := s.db.WithContext(ctx).Connection(func(db *gorm.DB) error {
			conn, _ := db.Statement.ConnPool.(*sql.Conn)
			return db.Transaction(func(tx *gorm.DB) error {
				b := s.bind(tx)
				b.conn, b.bumped = conn, new(bool)
				return fn(b)
			})
		})
		return translate(err, "transaction")
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		b := s.bind(tx)
		b.bumped = new(bool)
		return fn(b)
	})
	return translate(err, "transaction")
}

func (s *Store) bind(tx *gorm.DB) *Store {
	return &Store{db: tx, read: tx, dialect: s.dialect, inTx: true, conn: s.conn, bumped: s.bumped, log: s.log, statements: s.statements}
}

// writeTx runs a multi-statement write atomically: inside the caller's
// transaction when there is one, otherwise in a new one.
func (s *Store) writeTx(ctx context.Context, fn func(db *gorm.DB) error) error {
	if s.inTx {
		return fn(s.db.WithContext(ctx))
	}
	return s.db.WithContext(ctx).Transaction(fn)
}

// w is the handle for single-statement writes, r for reads.
func (s *Store) w(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }
func (s *Store) r(ctx context.Context) *gorm.DB { return s.read.WithContext(ctx) }

// versioned finishes an optimistic-concurrency UPDATE (… SET version =
// version + 1 WHERE <key> AND version = ?): no row changed means either no
// such row (KindNotFound) or a stale version (KindConflict), which one
// costs a second look only on that unhappy path.
func versioned(db, res *gorm.DB, table, keyCond string, keyArgs []any, what string, version int) error {
	if res.Error != nil {
		return translate(res.Error, what)
	}
	if res.RowsAffected > 0 {
		return nil
	}
	var n int64
	if err := db.Raw("SELECT COUNT(*) FROM "+table+" WHERE "+keyCond, keyArgs...).Scan(&n).Error; err != nil {
		return translate(err, what)
	}
	if n == 0 {
		return notFound(what)
	}
	return stale(what, version)
}
