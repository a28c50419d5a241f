package main

import (
	"context"
	"flag"
	"io"

	"github.com/ipsfidelity/fidelity/internal/config"
	"github.com/ipsfidelity/fidelity/internal/store"
)

func runMigrate(ctx context.Context, args []string, stdout io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	dbURL := fs.String("database", getenv("DATABASE_URL"), "postgres://… URL or SQLite file (default ./fidelity.db)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return usageError{err.Error()}
	}
	if len(pos) != 1 {
		return usageError{"want up, down or status"}
	}
	cmd := pos[0]
	switch cmd {
	case "up", "down", "status":
	default:
		return usageError{"want up, down or status, not " + cmd}
	}
	st, err := openDatabase(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer st.Close()
	return st.Migrate(ctx, cmd, stdout)
}

// openDatabase opens the store of the --database flag (the embedded
// SQLite file when it is empty) for the maintenance commands.
func openDatabase(ctx context.Context, url string) (*store.Store, error) {
	if url == "" {
		url = config.DefaultSQLitePath
	}
	return store.Open(ctx, store.Config{URL: url})
}
