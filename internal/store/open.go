// Package store persists the domain in PostgreSQL or SQLite through gorm.
// It is the only package that knows about gorm, SQL or the schema; it
// implements service.Store and speaks *fidelity.Error to its callers.
package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

var _ service.Store = (*Store)(nil)

// Config says which database to use and how to pool connections.
type Config struct {
	// URL is "postgres://…" or "postgresql://…" for PostgreSQL, and
	// "sqlite:PATH", a plain file path, or "" (DefaultSQLitePath) for SQLite.
	URL string
	// MaxOpenConns bounds the pool (PostgreSQL) or the read pool (SQLite,
	// whose writes always go through one connection). 0 means a default.
	MaxOpenConns    int
	MaxIdleConns    int
	ConnMaxLifetime time.Duration
	ConnMaxIdleTime time.Duration
	// BusyTimeout is how long SQLite waits for a lock held by another
	// process (e.g. a concurrent `fidelity migrate`); 0 means 5 s.
	BusyTimeout time.Duration
	// SlowQuery logs statements slower than this at warn level; 0 means
	// 500 ms, negative disables.
	SlowQuery time.Duration
	Logger    *slog.Logger
}

// DefaultSQLitePath is the database file used when Config.URL is empty.
const DefaultSQLitePath = "fidelity.db"

const (
	dialectPostgres = "postgres"
	dialectSQLite   = "sqlite"
)

// Store implements service.Store. The zero value is not usable; call Open.
type Store struct {
	// db runs writes, and everything inside a transaction.
	db *gorm.DB
	// read runs reads outside a transaction. On SQLite it is a separate
	// pool, so readers never queue behind the single writer connection;
	// elsewhere it is db.
	read    *gorm.DB
	dialect string
	inTx    bool
	// conn is the connection a PostgreSQL transaction runs on (set by
	// InTx): pgx's COPY, which database/sql does not offer, is reached
	// through it (copyFrom).
	conn *sql.Conn
	// bumped is set once the transaction the store is bound to has moved
	// the data version (bumpDataVersion): once per transaction is enough.
	bumped *bool
	log    *slog.Logger
	pools  []*sql.DB // owned connection pools, closed by Close
	// statements counts the SQL statements run through this store and the
	// transactions bound from it (transaction begin and commit excluded).
	statements *atomic.Int64
}

// Statements returns how many SQL statements the store has run, for
// measuring what a use case costs (see the rating save test).
func (s *Store) Statements() int64 { return s.statements.Load() }

// Open connects to the database named by cfg.URL and checks that it
// answers. It does not migrate; call Migrate for that.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	dialect, target, err := parseURL(cfg.URL)
	if err != nil {
		return nil, err
	}
	statements := new(atomic.Int64)
	gcfg := func(prepare bool) *gorm.Config {
		return &gorm.Config{
			Logger:                 newGormLogger(log, cmp.Or(cfg.SlowQuery, 500*time.Millisecond), statements),
			SkipDefaultTransaction: true, // multi-statement writes open their own
			TranslateError:         true,
			PrepareStmt:            prepare,
			DisableAutomaticPing:   true, // pinged below, with ctx
		}
	}
	s := &Store{dialect: dialect, log: log, statements: statements}
	switch dialect {
	case dialectPostgres:
		// pgx already caches prepared statements per connection, so gorm's
		// own cache would only add a second layer.
		pool, err := openPostgresPool(target)
		if err != nil {
			return nil, openError(err)
		}
		db, err := gorm.Open(postgres.New(postgres.Config{Conn: pool}), gcfg(false))
		if err != nil {
			_ = pool.Close()
			return nil, openError(err)
		}
		s.db, s.read = db, db
		if err := s.own(db, cmp.Or(cfg.MaxOpenConns, 10), cfg); err != nil {
			return nil, err
		}
	case dialectSQLite:
		// SQLite re-parses every statement unless it is prepared, and
		// prepared statements survive schema changes (they re-prepare).
		w, err := gorm.Open(sqlite.Open(sqliteDSN(target, cfg, false)), gcfg(true))
		if err != nil {
			return nil, openError(err)
		}
		s.db = w
		// One writer connection: SQLite allows a single writer anyway, and
		// queueing writers in Go (with context deadlines) instead of in
		// SQLite's lock avoids SQLITE_BUSY altogether within this process.
		if err := s.own(w, 1, cfg); err != nil {
			return nil, err
		}
		// Recycling it would only re-run the pragmas, and would lose an
		// in-memory database altogether.
		s.pools[0].SetConnMaxLifetime(0)
		s.pools[0].SetConnMaxIdleTime(0)
		if isMemory(target) {
			s.read = w // a second pool would open a second, empty database
			break
		}
		r, err := gorm.Open(sqlite.Open(sqliteDSN(target, cfg, true)), gcfg(true))
		if err != nil {
			s.Close()
			return nil, openError(err)
		}
		s.read = r
		if err := s.own(r, cmp.Or(cfg.MaxOpenConns, max(4, runtime.GOMAXPROCS(0))), cfg); err != nil {
			return nil, err
		}
	}
	if err := s.Ping(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if dialect == dialectSQLite {
		// SQLite has no autovacuum-style statistics; without them it picks
		// e.g. the status index and a sort over a keyset scan of the
		// primary key. This refreshes stale statistics cheaply (the
		// 0x10002 form recommended for long-lived connections).
		if err := s.db.WithContext(ctx).Exec("PRAGMA optimize=0x10002").Error; err != nil {
			s.Close()
			return nil, translate(err, "database")
		}
	}
	return s, nil
}

// own configures and records a pool so that Close closes it.
func (s *Store) own(db *gorm.DB, maxOpen int, cfg Config) error {
	pool, err := db.DB()
	if err != nil {
		s.Close()
		return openError(err)
	}
	s.pools = append(s.pools, pool)
	pool.SetMaxOpenConns(maxOpen)
	pool.SetMaxIdleConns(min(maxOpen, cmp.Or(cfg.MaxIdleConns, maxOpen)))
	pool.SetConnMaxLifetime(cfg.ConnMaxLifetime)
	pool.SetConnMaxIdleTime(cfg.ConnMaxIdleTime)
	return nil
}

func openError(err error) error {
	if k := classify(err); k == classUnavailable {
		return translate(err, "database")
	}
	return fidelity.Wrap(fidelity.KindUnavailable, err, "cannot open the database")
}

// Close releases the connection pools. Stores bound to a transaction share
// the pools of their parent and close nothing.
func (s *Store) Close() error {
	var errs []error
	if s.dialect == dialectSQLite && len(s.pools) > 0 {
		// Records what the statistics should cover for the next Open.
		errs = append(errs, s.db.Exec("PRAGMA optimize").Error)
	}
	for _, p := range s.pools {
		errs = append(errs, p.Close())
	}
	s.pools = nil
	return errors.Join(errs...)
}

// Dialect is "postgres" or "sqlite".
func (s *Store) Dialect() string { return s.dialect }

// Ping checks that the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return translate(s.read.WithContext(ctx).Raw("SELECT 1").Scan(&one).Error, "database")
}

var schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]+:`)

// parseURL returns the dialect and the driver's connection string.
func parseURL(raw string) (dialect, target string, err error) {
	raw = strings.TrimSpace(raw)
	switch {
	case raw == "":
		return dialectSQLite, DefaultSQLitePath, nil
	case strings.HasPrefix(raw, "postgres://"), strings.HasPrefix(raw, "postgresql://"):
		if _, err := pgconn.ParseConfig(raw); err != nil {
			return "", "", fidelity.Wrap(fidelity.KindInvalid, err, "invalid PostgreSQL URL")
		}
		return dialectPostgres, raw, nil
	case strings.HasPrefix(raw, "sqlite:"):
		path := strings.TrimPrefix(strings.TrimPrefix(raw, "sqlite:"), "//")
		if path == "" || strings.HasPrefix(path, "?") {
			return "", "", fidelity.Errorf(fidelity.KindInvalid,
				"invalid SQLite URL %q: want sqlite:PATH", raw)
		}
		return dialectSQLite, path, nil
	case strings.HasPrefix(raw, "file:"):
		return dialectSQLite, raw, nil
	case schemeRE.MatchString(raw):
		scheme, _, _ := strings.Cut(raw, ":")
		return "", "", fidelity.Errorf(fidelity.KindInvalid,
			"unsupported database URL scheme %q: want postgres://, postgresql://, sqlite:PATH or a file path", scheme)
	}
	return dialectSQLite, raw, nil
}

// sqliteDSN adds the connection settings to a path. WAL lets readers run
// beside the writer; synchronous=NORMAL is durable under WAL except for the
// last transactions on power loss; _txlock=immediate takes the write lock at
// BEGIN so a transaction never fails upgrading a read lock half-way.
func sqliteDSN(path string, cfg Config, readOnly bool) string {
	path, query, _ := strings.Cut(path, "?")
	q, _ := url.ParseQuery(query)
	busy := cmp.Or(cfg.BusyTimeout, 5*time.Second)
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if readOnly {
		// Catches a write routed to the read pool by mistake.
		q.Add("_pragma", "query_only(1)")
	} else {
		if !isMemory(path + "?" + query) {
			q.Add("_pragma", "journal_mode(WAL)")
		}
		q.Set("_txlock", "immediate")
	}
	return path + "?" + q.Encode()
}

func isMemory(target string) bool {
	return strings.Contains(target, ":memory:") || strings.Contains(target, "mode=memory")
}
