package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// copyFrom writes rows into table with PostgreSQL's COPY (binary format)
// on the connection of the transaction the store is bound to (InTx), so
// the rows commit or roll back with it. COPY skips the per-statement
// parsing, planning and per-row executor start of an INSERT and sends
// each value in binary, once. Two round trips (pgx describes the table's
// columns, then copies); counted as one statement, like the INSERT it
// replaces.
func (s *Store) copyFrom(ctx context.Context, table string, columns []string, n int, row func(i int) ([]any, error)) error {
	if s.conn == nil {
		return fmt.Errorf("copy into %s: not inside a PostgreSQL transaction (InTx)", table)
	}
	s.statements.Add(1)
	return s.conn.Raw(func(driverConn any) error {
		var pc *pgx.Conn
		switch c := driverConn.(type) {
		case *validatingConn:
			pc = c.pgx()
		case *stdlib.Conn:
			pc = c.Conn()
		default:
			return fmt.Errorf("copy into %s: the connection is %T, not pgx's", table, driverConn)
		}
		i := 0
		_, err := pc.CopyFrom(ctx, pgx.Identifier{table}, columns, pgx.CopyFromFunc(func() ([]any, error) {
			if i == n {
				return nil, nil
			}
			i++
			return row(i - 1)
		}))
		return err
	})
}
