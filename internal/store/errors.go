package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// class is what went wrong with a statement, independent of the dialect.
type class int

const (
	classOther class = iota
	classNotFound
	classDuplicate
	classForeignKey
	classConstraint // CHECK, NOT NULL and other integrity violations
	classSerialization
	classUnavailable
)

// SQLite result codes (sqlite3.h); the extended codes keep the primary code
// in their low byte.
const (
	sqliteBusy           = 5
	sqliteLocked         = 6
	sqliteCantOpen       = 14
	sqliteConstraint     = 19
	sqliteConstraintFK   = 787
	sqliteConstraintPK   = 1555
	sqliteConstraintUniq = 2067
)

// sqliteCoder is implemented by the SQLite driver's error type; matching the
// method keeps the driver package out of this file.
type sqliteCoder interface{ Code() int }

func classify(err error) class {
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound), errors.Is(err, sql.ErrNoRows):
		return classNotFound
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return classDuplicate
	case errors.Is(err, gorm.ErrForeignKeyViolated):
		return classForeignKey
	case errors.Is(err, gorm.ErrCheckConstraintViolated):
		return classConstraint
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled),
		errors.Is(err, driver.ErrBadConn), errors.Is(err, sql.ErrConnDone),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		// database/sql's unexported errDBClosed: the pool is shut down
		// (a request racing a graceful stop) — unavailable, not a bug.
		err != nil && err.Error() == "sql: database is closed":
		return classUnavailable
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch {
		case pg.Code == "23505":
			return classDuplicate
		case pg.Code == "23503":
			return classForeignKey
		case strings.HasPrefix(pg.Code, "23"):
			return classConstraint
		case pg.Code == "40001", pg.Code == "40P01":
			return classSerialization
		case strings.HasPrefix(pg.Code, "08"), // connection exceptions
			pg.Code == "53300",                                         // too many connections
			pg.Code == "57P01", pg.Code == "57P02", pg.Code == "57P03", // shutdown, starting up
			pg.Code == "57014": // statement timeout / cancel
			return classUnavailable
		}
		return classOther
	}
	var lite sqliteCoder
	if errors.As(err, &lite) {
		switch code := lite.Code(); {
		case code == sqliteConstraintUniq, code == sqliteConstraintPK:
			return classDuplicate
		case code == sqliteConstraintFK:
			return classForeignKey
		case code&0xff == sqliteConstraint:
			return classConstraint
		case code&0xff == sqliteBusy, code&0xff == sqliteLocked, code&0xff == sqliteCantOpen:
			return classUnavailable
		}
		return classOther
	}
	var netErr net.Error
	var connErr *pgconn.ConnectError
	if errors.As(err, &netErr) || errors.As(err, &connErr) || pgconn.Timeout(err) {
		return classUnavailable
	}
	return classOther
}

// translate turns a database error into a *fidelity.Error whose message
// names the resource (what, e.g. "site 0192…"). Errors that already carry a
// kind pass through unchanged, so a function run by InTx keeps its own.
func translate(err error, what string) error {
	if err == nil {
		return nil
	}
	var fe *fidelity.Error
	if errors.As(err, &fe) {
		return err
	}
	switch classify(err) {
	case classNotFound:
		return &fidelity.Error{Kind: fidelity.KindNotFound, Message: what + " not found", Err: err}
	case classDuplicate:
		return &fidelity.Error{Kind: fidelity.KindConflict, Message: what + " already exists", Err: err}
	case classForeignKey:
		return &fidelity.Error{Kind: fidelity.KindConflict,
			Message: what + " refers to a record that does not exist, or is still referred to", Err: err}
	case classConstraint:
		return &fidelity.Error{Kind: fidelity.KindConflict,
			Message: what + " breaks a rule of the stored data", Err: err}
	case classSerialization:
		// Retryable like a stale version: a re-run re-reads and may pass.
		return &fidelity.Error{Kind: fidelity.KindConflict,
			Message: what + " collided with a concurrent change; try again",
			Err:     fmt.Errorf("%w: %w", fidelity.ErrStale, err)}
	case classUnavailable:
		return &fidelity.Error{Kind: fidelity.KindUnavailable, Message: "the database is unavailable", Err: err}
	}
	return &fidelity.Error{Kind: fidelity.KindInternal, Message: "database error on " + what, Err: err}
}

func notFound(what string) error {
	return fidelity.Errorf(fidelity.KindNotFound, "%s not found", what)
}

// stale wraps fidelity.ErrStale, which tells the service that re-reading
// and retrying may succeed.
func stale(what string, version int) error {
	return &fidelity.Error{Kind: fidelity.KindConflict, Err: fidelity.ErrStale,
		Message: fmt.Sprintf("%s was changed by someone else (version %d is stale)", what, version)}
}
