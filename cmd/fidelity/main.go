// Command fidelity is the SE/IPS fidelity review service and its tools.
//
//	fidelity serve [--demo] [--addr 127.0.0.1:8080]   run the REST service and web interface
//	fidelity migrate up|down|status                   manage the database schema
//	fidelity repair latest                            rebuild the latest review per site
//	fidelity scales list|show ID[@VERSION]|validate FILE…
//	fidelity score --scale se-fidelity@2008 FILE      score a ratings file offline
//	fidelity rescore --to ID@VERSION [--site ID] [--dry-run]  re-score reviews under a newer version
//	fidelity demo [--sites N --reviews N]              seed demo data
//	fidelity import FILE [--commit] [--create-sites]   import historic reviews
//	fidelity version
//
// main only parses arguments and wires packages together; the behaviour
// lives in internal/.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `fidelity — Supported Employment (IPS) fidelity reviews

Usage:
  fidelity serve [flags]                  run the REST API and web interface
  fidelity migrate up|down|status         manage the database schema
  fidelity repair latest                  rebuild the latest-review-per-site read model
  fidelity scales list                    list the scales (embedded and --scales-dir)
  fidelity scales show ID[@VERSION]       show a scale's items, anchors and bands
                                          (--fhir: as a FHIR R4 Questionnaire, JSON)
  fidelity scales validate FILE…          check scale files; exit 1 listing every error
  fidelity score --scale REF FILE         score a YAML, JSON or CSV ratings file offline
  fidelity rescore --to ID@VERSION [--site ID] [--dry-run]
                                          re-score finalised reviews under a newer scale version
                                          through its item map (scales/maps/); reviews are unchanged
  fidelity demo [--sites N --reviews N]   seed demo data into the database
  fidelity import FILE [--commit] [--create-sites] [--correct REASON] [--lang nb]
                                          import historic reviews (CSV/XLSX); a dry run without --commit
  fidelity keys create --name N --role R --scope IDS|--all-sites [--rater ID --expires D]
  fidelity keys list | revoke ID           manage API keys (shown once, stored hashed)
  fidelity healthcheck                    exit 0 when the local server answers /healthz
  fidelity version                        print the version

Run "fidelity COMMAND -h" for a command's flags. The database is ./fidelity.db
(SQLite) unless DATABASE_URL=postgres://… is set.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// run dispatches a command and returns the process exit code: 0 success,
// 1 the command's own failure (invalid file, failed check), 2 usage errors.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	var err error
	switch cmd {
	case "serve":
		err = runServe(ctx, rest, stdout, stderr, getenv)
	case "migrate":
		err = runMigrate(ctx, rest, stdout, getenv)
	case "repair":
		err = runRepair(ctx, rest, stdout, getenv)
	case "scales":
		err = runScales(rest, stdout, getenv)
	case "score":
		err = runScore(rest, stdout, getenv)
	case "demo":
		err = runDemo(ctx, rest, stdout, getenv)
	case "rescore":
		err = runRescore(ctx, rest, stdout, getenv)
	case "keys":
		err = runKeys(ctx, rest, stdout, getenv)
	case "import":
		err = runImport(ctx, rest, stdout, stderr, getenv)
	case "healthcheck":
		err = runHealthcheck(ctx, getenv)
	case "version":
		fmt.Fprintln(stdout, "fidelity", version)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if err != nil {
		if ue, ok := err.(usageError); ok {
			fmt.Fprintln(stderr, "fidelity "+cmd+":", ue.msg)
			return 2
		}
		fmt.Fprintln(stderr, "fidelity "+cmd+":", err)
		return 1
	}
	return 0
}

// usageError marks a wrong invocation (exit 2) as opposed to a failed one.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }
