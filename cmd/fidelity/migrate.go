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
	url := *dbURL
	if url == "" {
		url = config.DefaultSQLitePath
	}
	st, err := store.Open(ctx, store.Config{URL: url})
	if err != nil {
		return err
	}
	defer st.Close()
	return st.Migrate(ctx, cmd, stdout)
}
