package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// loadCatalog loads the embedded scales and any extra directories given in
// FIDELITY_SCALES_DIRS or --scales-dir.
func loadCatalog(dirs []string) (*scale.Catalog, error) {
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		return nil, err
	}
	for _, d := range dirs {
		if err := scale.LoadDir(cat, d); err != nil {
			return nil, err
		}
	}
	return cat, nil
}

func scaleDirs(fs *flag.FlagSet, getenv func(string) string) *[]string {
	dirs := splitComma(getenv("FIDELITY_SCALES_DIRS"))
	fs.Func("scales-dir", "extra directory of scale YAML files (repeatable)", func(v string) error {
		dirs = append(dirs, v)
		return nil
	})
	return &dirs
}

func splitComma(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func runScales(args []string, stdout io.Writer, getenv func(string) string) error {
	if len(args) == 0 {
		return usageError{"want list, show ID[@VERSION] or validate FILE…"}
	}
	fs := flag.NewFlagSet("scales "+args[0], flag.ContinueOnError)
	dirs := scaleDirs(fs, getenv)
	lang := fs.String("lang", "en", "language of texts: en or nb")
	pos, err := parseArgs(fs, args[1:])
	if err != nil {
		return usageError{err.Error()}
	}
	switch args[0] {
	case "list":
		cat, err := loadCatalog(*dirs)
		if err != nil {
			return err
		}
		return listScales(stdout, cat, *lang)
	case "show":
		if len(pos) != 1 {
			return usageError{"show takes one scale reference, e.g. se-fidelity@2008"}
		}
		cat, err := loadCatalog(*dirs)
		if err != nil {
			return err
		}
		sc, err := cat.Resolve(pos[0])
		if err != nil {
			return err
		}
		showScale(stdout, sc, *lang)
		return nil
	case "validate":
		if len(pos) == 0 {
			return usageError{"validate takes one or more files"}
		}
		return validateFiles(stdout, pos)
	}
	return usageError{"unknown scales command " + args[0]}
}

func listScales(w io.Writer, cat *scale.Catalog, lang string) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SCALE\tITEMS\tAGGREGATION\tTITLE")
	for _, sc := range cat.List() {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", sc.Ref(), len(sc.Items), sc.Aggregation, sc.Title.In(lang))
	}
	return tw.Flush()
}

func showScale(w io.Writer, sc *scale.Scale, lang string) {
	lo, hi := sc.TotalRange()
	fmt.Fprintf(w, "%s — %s\n%s\nItems: %d, %s of item scores, total %g–%g\n\n",
		sc.Ref(), sc.Title.In(lang), sc.Source.Citation, len(sc.Items), sc.Aggregation, lo, hi)
	for _, sec := range sc.Sections {
		fmt.Fprintf(w, "%s\n", strings.ToUpper(sec.Title.In(lang)))
		for _, it := range sc.Items {
			if it.Section != sec.ID {
				continue
			}
			mark := ""
			if !it.Verified {
				mark = "  [not verified against the published form]"
			}
			fmt.Fprintf(w, "  %-5s %s (%s)%s\n", it.ID, it.Title.In(lang), it.Type, mark)
			for lvl := sc.Levels.Max; lvl >= sc.Levels.Min; lvl-- {
				fmt.Fprintf(w, "        %d  %s\n", lvl, it.Anchors[lvl].In(lang))
			}
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "BANDS")
	for _, b := range sc.Bands {
		fmt.Fprintf(w, "  %-10s %-12s %s\n", b.ID, b.Printed, b.Label.In(lang))
	}
}

// validateFiles checks every file and lists every error of every file, each
// with its file:line:col, before failing.
func validateFiles(w io.Writer, files []string) error {
	failed := 0
	for _, f := range files {
		sc, err := scale.LoadFile(f)
		if err != nil {
			failed++
			fmt.Fprintf(w, "%s: INVALID\n", f)
			for _, fe := range fidelity.FieldsOf(err) {
				fmt.Fprintf(w, "  %s: %s\n", fe.Field, fe.Reason)
			}
			if len(fidelity.FieldsOf(err)) == 0 {
				fmt.Fprintf(w, "  %v\n", err)
			}
			continue
		}
		fmt.Fprintf(w, "%s: ok (%s, %d items, checksum %.12s)\n", f, sc.Ref(), len(sc.Items), sc.Checksum)
	}
	if failed > 0 {
		return errors.New(plural(failed, "file") + " invalid")
	}
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func readInput(path string) ([]byte, error) {
	if path == "-" {
		return io.ReadAll(io.LimitReader(os.Stdin, 8<<20))
	}
	return os.ReadFile(path)
}
