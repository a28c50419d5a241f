package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ipsfidelity/fidelity/internal/config"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// runKeys manages API keys from the command line, as the system admin:
// the first key of a deployment is made here.
func runKeys(ctx context.Context, args []string, stdout io.Writer, getenv func(string) string) error {
	if len(args) == 0 {
		return usageError{"want create, list or revoke"}
	}
	fs := flag.NewFlagSet("keys "+args[0], flag.ContinueOnError)
	cfg := config.Defaults()
	fs.StringVar(&cfg.DatabaseURL, "database", getenv("DATABASE_URL"), "postgres://… URL or SQLite file (default ./fidelity.db)")
	name := fs.String("name", "", "who or what uses the key (create)")
	role := fs.String("role", "", "admin, lead, rater or reader (create)")
	rater := fs.String("rater", "", "rater id the key rates as (role rater)")
	scope := fs.String("scope", "", "comma-separated site ids whose subtrees the key may see")
	allSites := fs.Bool("all-sites", false, "let the key see every site (required for keys without --scope, but for admin keys)")
	expires := fs.Duration("expires", 0, "lifetime, e.g. 2160h for 90 days (default: no expiry)")
	pos, err := parseArgs(fs, args[1:])
	if err != nil {
		return usageError{err.Error()}
	}
	a, err := open(ctx, cfg, newLogger(io.Discard, cfg))
	if err != nil {
		return err
	}
	defer a.close()
	ctx = fidelity.WithPrincipal(ctx, fidelity.Principal{Name: "cli", Role: fidelity.RoleAdmin})
	switch args[0] {
	case "create":
		in := service.KeyInput{Name: *name, Role: fidelity.Role(*role), RaterID: *rater, Scope: splitComma(*scope), AllSites: *allSites}
		if *expires > 0 {
			t := time.Now().UTC().Add(*expires)
			in.ExpiresAt = &t
		}
		k, secret, err := a.svc.CreateKey(ctx, in)
		if err != nil {
			return describe(err)
		}
		fmt.Fprintf(stdout, "created key %s (%s, role %s)\n\n  %s\n\nThis is the only time the key is shown; store it now. Send it as\nAuthorization: Bearer %s\n", k.ID, k.Prefix, k.Role, secret, secret)
		return nil
	case "list":
		keys, err := a.svc.ListKeys(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tPREFIX\tNAME\tROLE\tSCOPE\tLAST USED\tSTATE")
		for _, k := range keys {
			state := "active"
			switch {
			case k.RevokedAt != nil:
				state = "revoked"
			case !k.Usable(time.Now()):
				state = "expired"
			}
			last := "never"
			if k.LastUsedAt != nil {
				last = k.LastUsedAt.Format(time.RFC3339)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", k.ID, k.Prefix, k.Name, k.Role, orAll(k.Scope), last, state)
		}
		return tw.Flush()
	case "revoke":
		if len(pos) != 1 {
			return usageError{"revoke takes one key id"}
		}
		k, err := a.svc.RevokeKey(ctx, pos[0])
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "revoked %s (%s)\n", k.ID, k.Prefix)
		return nil
	}
	return usageError{"unknown keys command " + args[0]}
}

func orAll(scope []string) string {
	if len(scope) == 0 {
		return "all"
	}
	return strings.Join(scope, ",")
}
