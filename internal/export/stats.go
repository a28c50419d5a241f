package export

import (
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/ipsfidelity/fidelity/internal/export/statsyntax"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// Layout names one of the two CSV exports a script loads.
type Layout string

const (
	// LayoutWide is the wide export (reviews.csv): one row per review.
	LayoutWide Layout = "reviews"
	// LayoutLong is the long export (ratings.csv): one row per rating.
	LayoutLong Layout = "ratings"
)

// Tool is a statistics package a script is written for.
type Tool string

const (
	ToolSPSS  Tool = "sps"
	ToolStata Tool = "do"
	ToolR     Tool = "R"
)

// WriteStatsScript writes the script that loads the layout's CSV export
// (file names the CSV it reads by default) of scale version sc into the
// tool, with the labels in lang ("nb" or "en").
func WriteStatsScript(w io.Writer, tool Tool, layout Layout, sc *scale.Scale, lang, file string) error {
	d := StatsDataset(sc, layout, lang, file)
	switch tool {
	case ToolSPSS:
		return statsyntax.WriteSPSS(w, d)
	case ToolStata:
		return statsyntax.WriteStata(w, d)
	case ToolR:
		return statsyntax.WriteR(w, d)
	}
	return fmt.Errorf("export: no script for tool %q", tool)
}

// reviewTypeLabels and reviewStatusLabels are the words the web interface
// uses for the codes (the domain's labels).
var (
	reviewTypeLabels   = codeLabels(fidelity.ReviewTypes(), fidelity.ReviewType.Label)
	reviewStatusLabels = codeLabels(fidelity.ReviewStatuses(), fidelity.ReviewStatus.Label)
)

func codeLabels[C ~string](codes []C, label func(C) fidelity.Text) []codeLabel {
	out := make([]codeLabel, len(codes))
	for i, c := range codes {
		out[i] = codeLabel{string(c), label(c)}
	}
	return out
}

type codeLabel struct {
	code  string
	label fidelity.Text
}

func values(list []codeLabel, lang string) []statsyntax.Value {
	out := make([]statsyntax.Value, len(list))
	for i, c := range list {
		out[i] = statsyntax.Value{Code: c.code, Label: c.label.In(lang)}
	}
	return out
}

// Widths in bytes of the text columns (ids are UUIDs; names are free text).
const (
	idWidth   = 36
	nameWidth = 1024
)

// StatsDataset describes a CSV export for the script writers: its columns
// in file order with the codebook's labels in lang, the codes of the
// categories, the anchors of the item scores as value labels, and the
// scale version the rows are kept to.
func StatsDataset(sc *scale.Scale, layout Layout, lang, file string) statsyntax.Dataset {
	labels := map[string]string{}
	for _, v := range Codebook(sc) {
		labels[v.Name] = fidelity.Text{EN: v.LabelEN, NB: v.LabelNB}.In(lang)
	}
	column := func(name string) statsyntax.Variable {
		v := statsyntax.Variable{Name: name, Label: labels[name], Kind: statsyntax.Text}
		switch name {
		case "review_id", "site_id":
			v.Width = idWidth
		case "rater":
			v.Width = idWidth // a UUID or "consensus"
		case "site_name", "rater_name":
			v.Width = nameWidth
		case "scale":
			v.Width = 64
		case "scale_version":
			v.Width = 32
		case "review_type":
			v.Kind, v.Values = statsyntax.Category, values(reviewTypeLabels, lang)
		case "review_status":
			v.Kind, v.Values = statsyntax.Category, values(reviewStatusLabels, lang)
		case "visit_start", "visit_end":
			v.Kind = statsyntax.Date
		case "total":
			v.Kind = statsyntax.Number
		case "score":
			v.Kind = statsyntax.Integer
		case "band":
			v.Kind, v.Values, v.Ordered, v.EmptyIsMissing = statsyntax.Category, bandValues(sc, lang), true, true
		case "item":
			v.Kind = statsyntax.Category
			for _, it := range sc.Items {
				v.Values = append(v.Values, statsyntax.Value{Code: it.ID, Label: it.ID + " " + it.Title.In(lang)})
			}
		case "section":
			v.Kind = statsyntax.Category
			for _, s := range sc.Sections {
				v.Values = append(v.Values, statsyntax.Value{Code: s.ID, Label: s.Title.In(lang)})
			}
		}
		return v
	}
	d := statsyntax.Dataset{File: file, Keep: []statsyntax.Match{{Var: "scale", Value: sc.ID}, {Var: "scale_version", Value: sc.Version}}}
	switch layout {
	case LayoutLong:
		d.Title = fmt.Sprintf("Long export (ratings.csv) of %s, %s; labels in %s", sc.Title.In(lang), sc.Ref(), lang)
		for _, name := range LongColumns {
			d.Vars = append(d.Vars, column(name))
		}
	default:
		d.Title = fmt.Sprintf("Wide export (reviews.csv) of %s, %s; labels in %s", sc.Title.In(lang), sc.Ref(), lang)
		cols := WideColumns(sc)
		for _, name := range cols[:wideFirstItemColumn] {
			d.Vars = append(d.Vars, column(name))
		}
		for _, it := range sc.Items {
			d.Vars = append(d.Vars, statsyntax.Variable{Name: it.ID, Label: it.ID + " " + it.Title.In(lang),
				Kind: statsyntax.Integer, Values: anchorValues(sc, it, lang)})
		}
	}
	return d
}

// anchorValues are an item's anchors as the value labels of its scores.
func anchorValues(sc *scale.Scale, it scale.Item, lang string) []statsyntax.Value {
	var out []statsyntax.Value
	for level := sc.Levels.Min; level <= sc.Levels.Max; level++ {
		if a, ok := it.Anchors[level]; ok {
			out = append(out, statsyntax.Value{Code: strconv.Itoa(level), Label: a.In(lang)})
		}
	}
	return out
}

// bandValues are the bands from the lowest total to the highest, so the
// ordered factor of R and the codes of Stata rise with fidelity.
func bandValues(sc *scale.Scale, lang string) []statsyntax.Value {
	bands := append([]scale.Band(nil), sc.Bands...)
	sort.SliceStable(bands, func(i, j int) bool { return bands[i].Lower() < bands[j].Lower() })
	out := make([]statsyntax.Value, len(bands))
	for i, b := range bands {
		out[i] = statsyntax.Value{Code: b.ID, Label: b.Label.In(lang)}
	}
	return out
}
