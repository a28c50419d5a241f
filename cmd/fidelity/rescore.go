package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/config"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// runRescore re-scores the finalised reviews under every version an item
// map leads from into separate scorecards under --to, and prints per
// review what was carried and what was not, and why. The reviews
// themselves are never changed.
func runRescore(ctx context.Context, args []string, stdout io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("rescore", flag.ContinueOnError)
	cfg := config.Defaults()
	fs.StringVar(&cfg.DatabaseURL, "database", getenv("DATABASE_URL"), "postgres://… URL or SQLite file (default ./fidelity.db)")
	dirs := scaleDirs(fs, getenv)
	to := fs.String("to", "", "the scale version to re-score under, ID@VERSION (required)")
	site := fs.String("site", "", "only the reviews of this site and the sites below it (a site id)")
	dry := fs.Bool("dry-run", false, "report what would be carried; store nothing")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return usageError{err.Error()}
	}
	if len(pos) > 0 || strings.TrimSpace(*to) == "" {
		return usageError{"want: rescore --to ID@VERSION [--site ID] [--dry-run]"}
	}
	cfg.ScaleDirs = *dirs
	a, err := open(ctx, cfg, newLogger(io.Discard, cfg))
	if err != nil {
		return err
	}
	defer a.close()
	res, err := a.svc.Rescore(fidelity.WithPrincipal(ctx, fidelity.System), service.RescoreRequest{To: *to, Site: *site, DryRun: *dry})
	if err != nil {
		return err
	}
	writeRescore(stdout, res)
	return nil
}

// writeRescore prints one block per review: its status, the items carried
// and every item not carried with the reason.
func writeRescore(w io.Writer, res service.RescoreResult) {
	counts := map[string]int{}
	for _, r := range res.Reviews {
		counts[r.Status]++
		rs := r.Rescored
		fmt.Fprintf(w, "review %s (site %s): %s → %s: %s\n", r.ReviewID, r.SiteID, r.From, res.To, r.Status)
		for _, c := range rs.Carried {
			score := "no score"
			if v, ok := rs.Scorecard.Score(c.To); ok {
				score = fmt.Sprint(v)
			}
			fmt.Fprintf(w, "  carried   %s → %s (%s): %s\n", c.From, c.To, c.How, score)
		}
		for _, n := range rs.NotCarried {
			fmt.Fprintf(w, "  not carried %s → %s: %s\n", orDash(n.From), orDash(n.To), n.Reason)
		}
	}
	what := "re-scored"
	if res.DryRun {
		what = "would re-score (dry run, nothing stored)"
	}
	fmt.Fprintf(w, "%s %d reviews under %s: %d new, %d unchanged, %d dry run\n", what, len(res.Reviews), res.To,
		counts[service.RescoreStored], counts[service.RescoreUnchanged], counts[service.RescoreDryRun])
}

func orDash(ids []string) string {
	if len(ids) == 0 {
		return "—"
	}
	return strings.Join(ids, "+")
}
