package main

import (
	"context"
	"flag"
	"fmt"
	"io"
)

// runRepair rebuilds derived data from the reviews. The service keeps it
// current on every write; this is for a database changed by hand or
// restored from a partial backup.
func runRepair(ctx context.Context, args []string, stdout io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("repair", flag.ContinueOnError)
	dbURL := fs.String("database", getenv("DATABASE_URL"), "postgres://… URL or SQLite file (default ./fidelity.db)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return usageError{err.Error()}
	}
	if len(pos) != 1 || pos[0] != "latest" {
		return usageError{"want: repair latest"}
	}
	st, err := openDatabase(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.RebuildSiteLatest(ctx); err != nil {
		return err
	}
	rows, err := st.SiteLatestRows(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "rebuilt the latest review per site: %d rows (site × scale version × review type)\n", len(rows))
	return nil
}
