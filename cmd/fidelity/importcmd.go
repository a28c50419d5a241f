package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/ipsfidelity/fidelity/internal/config"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// runImport imports historic reviews from a CSV or XLSX file: a dry run
// unless --commit, which writes all of it in one transaction or nothing.
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	cfg := config.Defaults()
	fs.StringVar(&cfg.DatabaseURL, "database", getenv("DATABASE_URL"), "postgres://… URL or SQLite file (default ./fidelity.db)")
	dirs := scaleDirs(fs, getenv)
	commit := fs.Bool("commit", false, "write the import (without it: a dry run that writes nothing)")
	createSites := fs.Bool("create-sites", false, "create the sites of site_path (or site_code) that do not exist")
	correct := fs.String("correct", "", "apply changed consensus scores of stored finalised reviews as corrections with this `reason` (without it they are errors)")
	lang := fs.String("lang", "en", "language of the report: en or nb")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	quiet := fs.Bool("quiet", false, "no progress bar on stderr")
	// Flags may come after the file: fidelity import FILE --commit.
	pos, err := parseArgs(fs, args)
	if err != nil {
		return usageError{err.Error()}
	}
	if len(pos) != 1 {
		return usageError{"usage: fidelity import FILE [--commit] [--create-sites] [--correct REASON] [--scales-dir DIR] [--lang nb]"}
	}
	file := pos[0]
	cfg.ScaleDirs = *dirs
	if *lang != "en" && *lang != "nb" {
		return usageError{"--lang must be en or nb"}
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	a, err := open(ctx, cfg, newLogger(io.Discard, cfg))
	if err != nil {
		return err
	}
	defer a.close()
	in := &countingReader{r: f}
	bar := progressBar{w: stderr, size: st.Size(), read: &in.n, quiet: *quiet}
	start := time.Now()
	rep, err := a.svc.Import(fidelity.WithPrincipal(ctx, fidelity.System), in, service.ImportOptions{
		Commit: *commit, CreateSites: *createSites, CorrectionReason: *correct, Progress: bar.show,
	})
	bar.done()
	if err != nil {
		return fmt.Errorf("%s", importErrorText(err, *lang))
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		printImportReport(stdout, rep, *commit, *lang, time.Since(start))
	}
	if len(rep.Errors) > 0 {
		return fmt.Errorf("row errors: %d; nothing was written", len(rep.Errors))
	}
	return nil
}

func importErrorText(err error, lang string) string {
	msg := fidelity.MessageIn(err, lang)
	for _, fe := range fidelity.FieldsOf(err) {
		msg += "; " + fe.Field + ": " + fe.ReasonIn(lang)
	}
	return msg
}

func printImportReport(w io.Writer, rep service.ImportReport, commit bool, lang string, took time.Duration) {
	s := rep.Summary
	nb := lang == "nb"
	label := func(en, no string) string {
		if nb {
			return no
		}
		return en
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\t%s\n", "", label("to create", "opprettes"), label("already stored", "finnes fra før"))
	fmt.Fprintf(tw, "%s\t%d\t%d\n", label("sites", "enheter"), s.SitesCreated, s.SitesMatched)
	fmt.Fprintf(tw, "%s\t%d\t%d\n", label("raters", "evaluatorer"), s.RatersCreated, s.RatersMatched)
	fmt.Fprintf(tw, "%s\t%d\t%d\n", label("reviews", "evalueringer"), s.ReviewsCreated, s.ReviewsMatched)
	fmt.Fprintf(tw, "%s\t%d\t%d\n", label("rating sets", "skåringssett"), s.RatingSetsCreated, s.RatingSetsMatched)
	_ = tw.Flush()
	fmt.Fprintf(w, "%s: %d, %s: %d, %s\n", label("rows read", "rader lest"), rep.Rows,
		label("item ratings", "punktskårer"), s.ItemRatings, took.Round(time.Millisecond))
	if len(rep.Corrections) > 0 {
		fmt.Fprintln(w)
		if rep.Committed {
			fmt.Fprintf(w, label("corrected: %d item scores in %d reviews\n", "rettet: %d indikatorskårer i %d evalueringer\n"), s.ItemsCorrected, s.ReviewsCorrected)
		} else {
			fmt.Fprintf(w, label("to correct: %d item scores in %d reviews\n", "rettes: %d indikatorskårer i %d evalueringer\n"), s.ItemsCorrected, s.ReviewsCorrected)
		}
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, label("sheet\trow\treview\titem\tstored\tfile", "ark\trad\tevaluering\tindikator\tlagret\tfil"))
		for _, c := range rep.Corrections {
			before := "-"
			if c.Before != nil {
				before = strconv.Itoa(*c.Before)
			}
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%d\n", c.Sheet, c.Row, c.ReviewID, c.Item, before, c.After)
		}
		_ = tw.Flush()
	}
	if len(rep.Errors) > 0 {
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, label("sheet\trow\tcolumn\tvalue\treason", "ark\trad\tkolonne\tverdi\tårsak"))
		for _, e := range rep.Errors {
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", e.Sheet, e.Row, e.Column, oneLine(e.Value), fidelity.Translate(lang, e.Reason))
		}
		_ = tw.Flush()
		if rep.Truncated {
			fmt.Fprintln(w, label("too many errors; stopped reading", "for mange feil; lesingen ble stoppet"))
		}
	}
	switch {
	case rep.Committed && !s.Changed():
		fmt.Fprintln(w, label("committed: nothing new; everything in the file is stored already", "lagret: ingenting nytt; alt i filen er lagret fra før"))
	case rep.Committed:
		fmt.Fprintln(w, label("committed: everything above is written", "lagret: alt over er skrevet"))
	case commit:
		fmt.Fprintln(w, label("not committed: nothing was written", "ikke lagret: ingenting ble skrevet"))
	default:
		fmt.Fprintln(w, label("dry run: nothing was written; run again with --commit to write", "prøvekjøring: ingenting ble skrevet; kjør igjen med --commit for å lagre"))
	}
}

func oneLine(s string) string { return strings.NewReplacer("\n", " ", "\r", " ", "\t", " ").Replace(s) }

// countingReader counts the bytes read, for the progress bar.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// progressBar draws "[#####.....] 52%  120000 rows  3 errors" on stderr.
type progressBar struct {
	w     io.Writer
	size  int64
	read  *atomic.Int64
	quiet bool
	last  time.Time
	shown bool
	p     service.ImportProgress
}

func (b *progressBar) show(p service.ImportProgress) {
	b.p = p
	if b.quiet || time.Since(b.last) < 100*time.Millisecond {
		return
	}
	b.draw()
}

func (b *progressBar) draw() {
	p := b.p
	b.last, b.shown = time.Now(), true
	frac := 1.0
	if b.size > 0 {
		frac = min(1, float64(b.read.Load())/float64(b.size))
	}
	const width = 30
	n := int(frac * width)
	fmt.Fprintf(b.w, "\r[%s%s] %3.0f%%  %d rows  %d errors", strings.Repeat("#", n), strings.Repeat(".", width-n), frac*100, p.Rows, p.Errors)
}

func (b *progressBar) done() {
	if b.quiet {
		return
	}
	b.draw()
	fmt.Fprintln(b.w)
}
