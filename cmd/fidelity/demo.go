package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/ipsfidelity/fidelity/internal/config"
	"github.com/ipsfidelity/fidelity/internal/demo"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// runDemo seeds a data set of the requested size; with the defaults it is
// the data set `serve --demo` uses, larger sizes are for benchmarks.
func runDemo(ctx context.Context, args []string, stdout io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	cfg := config.Defaults()
	fs.StringVar(&cfg.DatabaseURL, "database", getenv("DATABASE_URL"), "postgres://… URL or SQLite file (default ./fidelity.db)")
	opts := demo.DefaultOptions(time.Now().UTC().AddDate(0, 0, -14))
	fs.IntVar(&opts.Offices, "sites", opts.Offices, "number of Nav offices (each with one or two teams)")
	fs.IntVar(&opts.Reviews, "reviews", opts.Reviews, "reviews per team")
	fs.StringVar(&opts.Scale, "scale", opts.Scale, "scale the reviews use")
	fs.Uint64Var(&opts.Seed, "seed", opts.Seed, "random seed")
	quiet := fs.Bool("quiet", false, "no progress lines")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if opts.Offices < 1 || opts.Reviews < 1 {
		return usageError{"--sites and --reviews must be at least 1"}
	}
	if !*quiet {
		opts.Progress = stdout
	}
	log := newLogger(io.Discard, cfg)
	a, err := open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.close()
	start := time.Now()
	sum, err := demo.Seed(fidelity.WithPrincipal(ctx, fidelity.System), a.svc, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "seeded %d sites, %d raters, %d reviews (%d finalised) in %s\n",
		sum.Sites, sum.Raters, sum.Reviews, sum.Finalised, time.Since(start).Round(time.Millisecond))
	return nil
}
