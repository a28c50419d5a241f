package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/ipsfidelity/fidelity/internal/fhir"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/scales"
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
	asFHIR := fs.Bool("fhir", false, "show: print the scale as a FHIR R4 Questionnaire (JSON)")
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
		if *asFHIR {
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(fhir.NewQuestionnaire(sc, *lang))
		}
		showScale(stdout, sc, *lang)
		return nil
	case "validate":
		if len(pos) == 0 {
			return usageError{"validate takes one or more files"}
		}
		return validateFiles(stdout, pos, *dirs)
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
	fmt.Fprintf(w, "%s (encoding %d) — %s\n%s\nItems: %d, %s of item scores, total %g–%g\n\n",
		sc.Ref(), sc.Revision(), sc.Title.In(lang), sc.Source.Citation, len(sc.Items), sc.Aggregation, lo, hi)
	for _, sec := range sc.Sections {
		fmt.Fprintf(w, "%s\n", strings.ToUpper(sec.Title.In(lang)))
		for i := range sc.Items {
			if it := &sc.Items[i]; it.Section == sec.ID {
				showItem(w, sc, it, lang)
			}
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "BANDS")
	for _, b := range sc.Bands {
		fmt.Fprintf(w, "  %-10s %-12s %s%s\n", b.ID, b.Printed, b.Label.In(lang), verificationMark(b.Verification()))
	}
	for _, g := range sc.Groupings {
		fmt.Fprintf(w, "\nGROUPING %s — %s\n", g.ID, g.Title.In(lang))
		for _, grp := range g.Groups {
			fmt.Fprintf(w, "  %-24s %s: %s\n", grp.ID, grp.Title.In(lang), strings.Join(grp.Items, ", "))
		}
		for _, o := range g.Outside {
			fmt.Fprintf(w, "  %-24s %s: %s\n", "(in no group)", strings.Join(o.Items, ", "), o.Reason.In(lang))
		}
	}
}

func verificationMark(v scale.Verification) string {
	switch v {
	case scale.PartlyVerified:
		return "  [partly verified against the published form]"
	case scale.Recalled:
		return "  [not verified against the published form]"
	}
	return ""
}

// showItem prints an item with what a ratings file gives for it: the
// anchors, then the inputs, elements and rule the score follows from.
func showItem(w io.Writer, sc *scale.Scale, it *scale.Item, lang string) {
	kind := string(it.Type)
	if it.Type == scale.TypePerSpecialist {
		kind = "per_specialist, " + it.Specialist + " per specialist, mean rounded half up"
	}
	fmt.Fprintf(w, "  %-5s %s (%s)%s\n", it.ID, it.Title.In(lang), kind, verificationMark(it.Verification()))
	for lvl := sc.Levels.Max; lvl >= sc.Levels.Min; lvl-- {
		fmt.Fprintf(w, "        %d  %s\n", lvl, it.Anchors[lvl].In(lang))
	}
	if len(it.Elements) > 0 {
		label := it.ElementsLabel.In(lang)
		if label == "" {
			label = "Elements"
		}
		fmt.Fprintf(w, "        %s (list the ids present under elements):\n", label)
		for _, e := range it.Elements {
			fmt.Fprintf(w, "          %-4s %s\n", e.ID, e.Text.In(lang))
		}
	}
	r := it.Rule
	if r == nil {
		if it.Type == scale.TypeOrdinal || it.Specialist == "score" {
			fmt.Fprintf(w, "        Score: the anchor (%d–%d) the rater chooses\n", sc.Levels.Min, sc.Levels.Max)
		}
		return
	}
	if len(r.Inputs) > 0 {
		fmt.Fprintln(w, "        Inputs:")
		for _, in := range r.Inputs {
			fmt.Fprintf(w, "          %-28s %s — %s\n", in.ID, inputKind(in), in.Label.In(lang))
		}
	}
	fmt.Fprintf(w, "        Rule: x = %s\n", deriveText(r.Derive))
	for _, iv := range r.Intervals {
		out := fmt.Sprintf("%d", iv.Score)
		if len(iv.Judge) > 0 {
			out = "rater chooses " + joinInts(iv.Judge) + " (give score)"
		}
		printed := ""
		if iv.Printed != "" {
			printed = "  (printed: " + iv.Printed + ")"
		}
		fmt.Fprintf(w, "          %-18s → %s%s\n", iv.Bounds.String(), out, printed)
	}
	for _, d := range r.Degenerate {
		out := fmt.Sprintf("%d", d.Score)
		switch {
		case d.Reject:
			out = "refused"
		case len(d.Judge) > 0:
			out = "rater chooses " + joinInts(d.Judge)
		}
		fmt.Fprintf(w, "          %s = %g → %s: %s\n", d.Input, d.EQ, out, d.Reason.In(lang))
	}
	for _, a := range r.Alternatives {
		fmt.Fprintf(w, "          also: %s\n", a.Printed.In(lang))
	}
	for _, c := range r.Caps {
		cond := c.Printed.In(lang)
		if cond == "" {
			cond = c.Input
		}
		fmt.Fprintf(w, "          cap: %s (at most %d)\n", cond, c.MaxScore)
	}
	if p := r.Printed.In(lang); p != "" {
		fmt.Fprintf(w, "        Printed: %s\n", p)
	}
}

func inputKind(in scale.Input) string {
	if in.Kind == "choice" {
		ids := make([]string, len(in.Options))
		for i, o := range in.Options {
			ids[i] = o.ID
		}
		return "choice: " + strings.Join(ids, " | ")
	}
	var parts []string
	if in.Unit != "" {
		parts = append(parts, in.Unit)
	}
	if in.Unit == "clients" || in.Unit == "count" {
		parts = append(parts, "whole number")
	}
	switch {
	case in.Min != nil && in.MinExclusive:
		parts = append(parts, fmt.Sprintf("> %g", *in.Min))
	case in.Min != nil:
		parts = append(parts, fmt.Sprintf("≥ %g", *in.Min))
	}
	if in.Max != nil {
		parts = append(parts, fmt.Sprintf("≤ %g", *in.Max))
	}
	if in.Optional {
		parts = append(parts, "optional")
	}
	return "number (" + strings.Join(parts, ", ") + ")"
}

func deriveText(d scale.Derive) string {
	switch d.Kind {
	case scale.DeriveValue:
		return d.Of
	case scale.DeriveRatio:
		return d.Numerator + " ÷ " + d.Denominator
	case scale.DerivePercent:
		return "100 × " + d.Numerator + " ÷ " + d.Denominator
	case scale.DeriveCount:
		return "the number of elements present"
	}
	return string(d.Kind)
}

func joinInts(v []int) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = fmt.Sprint(x)
	}
	return strings.Join(parts, " or ")
}

// validateFiles checks scale files and item maps (files in a directory
// named maps). Maps are checked against the scales shipped, those of
// dirs and the scale files named alongside them. It lists every error of
// every file, each with its file:line:col, before failing.
func validateFiles(w io.Writer, files []string, dirs []string) error {
	failed := 0
	var maps []string
	cat, catErr := loadCatalog(dirs)
	for _, f := range files {
		if filepath.Base(filepath.Dir(f)) == scales.MapDir {
			maps = append(maps, f)
			continue
		}
		sc, err := scale.LoadFile(f)
		if err == nil && catErr == nil {
			_ = cat.Add(sc) // a conflicting copy is the shipped one; maps are checked against either
		}
		if err != nil {
			failed++
			printInvalid(w, f, err)
			continue
		}
		fmt.Fprintf(w, "%s: ok (%s, %d items, checksum %.12s)\n", f, sc.Ref(), len(sc.Items), sc.Checksum)
	}
	for _, f := range maps {
		m, err := loadMap(f)
		if err == nil {
			if catErr != nil {
				err = catErr
			} else {
				err = cat.CheckMap(m)
			}
		}
		if err != nil {
			failed++
			printInvalid(w, f, err)
			continue
		}
		fmt.Fprintf(w, "%s: ok (item map %s → %s, %d lines, checksum %.12s)\n", f, m.Supersedes, m.Scale, len(m.Items), m.Checksum)
	}
	if failed > 0 {
		return errors.New(plural(failed, "file") + " invalid")
	}
	return nil
}

func loadMap(name string) (*scale.ItemMap, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return scale.ParseMap(name, data)
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

// printInvalid lists why a scale or map file is invalid: each field with
// its reason, or the error itself when it names no field.
func printInvalid(w io.Writer, file string, err error) {
	fmt.Fprintf(w, "%s: INVALID\n", file)
	for _, fe := range fidelity.FieldsOf(err) {
		fmt.Fprintf(w, "  %s: %s\n", fe.Field, fe.Reason)
	}
	if len(fidelity.FieldsOf(err)) == 0 {
		fmt.Fprintf(w, "  %v\n", err)
	}
}
