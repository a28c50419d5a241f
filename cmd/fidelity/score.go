package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/ratingsfile"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/scoring"
)

func runScore(args []string, stdout io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	dirs := scaleDirs(fs, getenv)
	ref := fs.String("scale", "", "scale reference, e.g. se-fidelity@2008 (default: the file's scale:)")
	format := fs.String("format", "text", "output: text or json")
	input := fs.String("input", "", "input format: yaml, json or csv (default: from the file name)")
	lang := fs.String("lang", "en", "language of labels: en or nb")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return usageError{err.Error()}
	}
	if len(pos) != 1 {
		return usageError{"score takes one ratings file (or - for standard input)"}
	}
	if *format != "text" && *format != "json" {
		return usageError{"--format must be text or json"}
	}
	path := pos[0]
	data, err := readInput(path)
	if err != nil {
		return err
	}
	f := ratingsfile.FormatOf(path, data)
	if *input != "" {
		f = ratingsfile.Format(*input)
	}
	file, err := ratingsfile.Parse(path, data, f)
	if err != nil {
		return describe(err)
	}
	if *ref == "" {
		*ref = file.Scale
	}
	if *ref == "" {
		return usageError{"say which scale: --scale se-fidelity@2008 or scale: in the file"}
	}
	cat, err := loadCatalog(*dirs)
	if err != nil {
		return err
	}
	sc, err := cat.Resolve(*ref)
	if err != nil {
		return err
	}
	card, err := scoring.Score(sc, file.Items)
	if err != nil {
		return describe(err)
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(card)
	}
	printScorecard(stdout, sc, card, *lang)
	return nil
}

// describe lists every field error on its own line.
func describe(err error) error {
	fields := fidelity.FieldsOf(err)
	if len(fields) == 0 {
		return err
	}
	var b strings.Builder
	b.WriteString(fidelity.MessageOf(err))
	for _, f := range fields {
		fmt.Fprintf(&b, "\n  %s: %s", f.Field, f.Reason)
	}
	return fmt.Errorf("%s", b.String())
}

func printScorecard(w io.Writer, sc *scale.Scale, card fidelity.Scorecard, lang string) {
	fmt.Fprintf(w, "%s — %s\n\n", sc.Ref(), sc.Title.In(lang))
	for _, is := range card.Items {
		it, _ := sc.Item(is.ItemID)
		score := "–"
		if is.Score != nil {
			score = fmt.Sprint(*is.Score)
		}
		line := fmt.Sprintf("  %-5s %-55.55s %s", is.ItemID, it.Title.In(lang), score)
		switch {
		case is.Rule != "":
			line += "   " + is.Rule
		case is.Problem != "":
			line += "   (" + is.Problem + ")"
		}
		fmt.Fprintln(w, line)
	}
	fmt.Fprintln(w)
	for _, s := range card.Sections {
		fmt.Fprintf(w, "  %-20s %3d / %3d  (%d of %d items rated)\n", sectionTitle(sc, s.ID, lang), s.Sum, s.Max, s.Rated, s.Items)
	}
	fmt.Fprintln(w)
	if !card.Valid {
		fmt.Fprintf(w, "No valid total: %s\n", card.InvalidReason)
		return
	}
	fmt.Fprintf(w, "Total: %g of %g–%g — %s\n", *card.Total, card.Min, card.Max, bandLabel(sc, card.Band, lang))
}

func sectionTitle(sc *scale.Scale, id, lang string) string {
	for _, s := range sc.Sections {
		if s.ID == id {
			return s.Title.In(lang)
		}
	}
	return id
}

func bandLabel(sc *scale.Scale, id, lang string) string {
	for _, b := range sc.Bands {
		if b.ID == id {
			return b.Label.In(lang)
		}
	}
	return id
}
