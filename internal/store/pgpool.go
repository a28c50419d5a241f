package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/jackc/pgx/v5/stdlib"
)

// cancelGrace is how long a statement already sent to PostgreSQL may run on
// after its request's context was cancelled before the connection is cut.
const cancelGrace = 2 * time.Second

// openPostgresPool opens the database/sql pool for PostgreSQL so that a
// client going away does not cost a connection, and a connection that did
// break is never handed to another request.
//
// Why: a request whose client goes away has its context cancelled. pgx by
// default interrupts the running statement at once by putting a deadline
// in the past on the socket, which leaves the connection unusable: pgx
// closes it. Our statements take milliseconds, so cutting one short saves
// nothing, while every cut costs a new connection (a server process, the
// login, a cold catalogue cache) and a cancel request. When a load
// generator stops or a proxy times out, that is many connections at once.
// So the deadline is set cancelGrace later instead: a statement in flight
// finishes and the connection stays in the pool; one that is stuck (a lock
// wait) is still cut after cancelGrace. The request itself still ends as
// cancelled: pgx refuses to start a statement on a done context.
//
// And pgx's database/sql connection does not implement driver.Validator,
// so database/sql put a connection pgx had closed back among the idle ones
// and noticed only when the next request picked it up; after many such
// cuts it tried two dead ones, then waited for a released one, which could
// be dead as well, and another client's request failed with "driver: bad
// connection". With IsValid a dead connection is dropped when released.
func openPostgresPool(dsn string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	cfg.BuildContextWatcherHandler = func(pc *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.DeadlineContextWatcherHandler{Conn: pc.Conn(), DeadlineDelay: cancelGrace}
	}
	return sql.OpenDB(validatingConnector{stdlib.GetConnector(*cfg)}), nil
}

type validatingConnector struct{ driver.Connector }

func (c validatingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	pc, ok := conn.(*stdlib.Conn)
	if !ok {
		return conn, nil
	}
	return &validatingConn{pc}, nil
}

// validatingConn is pgx's connection (every optional database/sql
// interface it implements is promoted) plus IsValid, and a read that failed
// only because its connection broke is handed back to database/sql to run
// on another connection.
type validatingConn struct{ *stdlib.Conn }

var (
	_ driver.Validator         = (*validatingConn)(nil)
	_ driver.QueryerContext    = (*validatingConn)(nil)
	_ driver.SessionResetter   = (*validatingConn)(nil)
	_ driver.ConnBeginTx       = (*validatingConn)(nil)
	_ driver.ExecerContext     = (*validatingConn)(nil)
	_ driver.NamedValueChecker = (*validatingConn)(nil)
)

// IsValid reports whether the connection can be used again; database/sql
// asks when it is released and drops it if not.
func (c *validatingConn) IsValid() bool { return !c.Conn.Conn().IsClosed() }

// pgx returns pgx's own connection, for COPY (copyFrom); the embedded
// field named Conn hides stdlib.Conn's method of that name.
func (c *validatingConn) pgx() *pgx.Conn { return c.Conn.Conn() }

// QueryContext runs a query. When a plain SELECT outside a transaction
// fails because its connection died under it (the server ended the session,
// the network dropped it) while the caller still waits, it answers
// driver.ErrBadConn, and database/sql runs the query again on another
// connection. Only a SELECT in autocommit mode is safe to repeat: anything
// else (INSERT … RETURNING, a statement inside a transaction) keeps its
// error.
func (c *validatingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	autocommit := c.Conn.Conn().PgConn().TxStatus() == 'I'
	rows, err := c.Conn.QueryContext(ctx, query, args)
	if err != nil && autocommit && ctx.Err() == nil && c.Conn.Conn().IsClosed() && isSelect(query) {
		return nil, driver.ErrBadConn
	}
	return rows, err
}

func isSelect(query string) bool {
	q := strings.TrimLeft(query, " \t\r\n(")
	return len(q) >= 6 && strings.EqualFold(q[:6], "SELECT")
}
