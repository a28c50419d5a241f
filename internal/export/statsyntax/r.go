package statsyntax

import (
	"fmt"
	"io"
	"strings"
)

// WriteR writes an R script that reads the CSV with explicit column types,
// parses the dates, turns each category into a factor with labelled
// levels (ordered where the codes are ordered) and keeps the labels as
// attributes: "label" on every column, and "labels" (value → text, the
// convention of the haven and labelled packages) on the item scores, which
// stay integers so totals and means work on them directly.
//
// Every string literal is ASCII: other characters are written as \u{…}
// escapes, so the script means the same whatever the locale R runs in.
func WriteR(w io.Writer, d Dataset) error {
	if err := check(d); err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n", rComment(d.Title))
	b.WriteString("# Reads the CSV export named below, or the file given as the first argument\n")
	b.WriteString("# (Rscript this.R export.csv), into the data frame `fidelity`, with a label\n")
	b.WriteString("# for every variable and every coded value. Empty cells are NA.\n\n")

	b.WriteString("args <- commandArgs(trailingOnly = TRUE)\n")
	fmt.Fprintf(&b, "csv_file <- if (length(args) >= 1) args[[1]] else %s\n\n", rString(d.File))

	b.WriteString("col_types <- c(\n")
	for i, v := range d.Vars {
		fmt.Fprintf(&b, "  %s = %s%s\n", rString(v.Name), rString(rClass(v)), comma(i, len(d.Vars)))
	}
	b.WriteString(")\n")
	b.WriteString("fidelity <- read.csv(csv_file, colClasses = col_types, na.strings = \"\",\n")
	b.WriteString("  fileEncoding = \"UTF-8\", encoding = \"UTF-8\", check.names = FALSE, strip.white = FALSE)\n")
	b.WriteString("if (!identical(names(fidelity), names(col_types))) {\n")
	b.WriteString("  stop(\"the columns of \", csv_file, \" are not those of this export\")\n}\n")

	if len(d.Keep) > 0 {
		var conds []string
		for _, m := range d.Keep {
			conds = append(conds, fmt.Sprintf("fidelity[[%s]] %%in%% %s", rString(m.Var), rString(m.Value)))
		}
		b.WriteString("\n# Keep only the rows of the scale version the labels describe.\n")
		fmt.Fprintf(&b, "keep <- %s\n", strings.Join(conds, " &\n  "))
		b.WriteString("if (any(!keep)) message(sum(!keep), \" rows of other scale versions are left out\")\n")
		b.WriteString("fidelity <- fidelity[keep, , drop = FALSE]\nrownames(fidelity) <- NULL\n")
	}

	b.WriteString("\nlabelled_factor <- function(x, levels, labels, ordered = FALSE) {\n")
	b.WriteString("  unknown <- setdiff(unique(x[!is.na(x)]), levels)\n")
	b.WriteString("  if (length(unknown) > 0) warning(\"codes without a label become NA: \", paste(unknown, collapse = \", \"))\n")
	b.WriteString("  factor(x, levels = levels, labels = labels, ordered = ordered)\n}\n")

	for _, v := range d.Vars {
		switch {
		case v.Kind == Date:
			fmt.Fprintf(&b, "\nfidelity[[%s]] <- as.Date(fidelity[[%s]], format = \"%%Y-%%m-%%d\")\n", rString(v.Name), rString(v.Name))
		case v.Kind == Category && len(v.Values) > 0:
			codes, labels := rVectors(v.Values)
			fmt.Fprintf(&b, "\nfidelity[[%s]] <- labelled_factor(fidelity[[%s]],\n  levels = %s,\n  labels = %s",
				rString(v.Name), rString(v.Name), codes, labels)
			if v.Ordered {
				b.WriteString(",\n  ordered = TRUE")
			}
			b.WriteString(")\n")
		}
	}

	first := true
	for _, v := range d.Vars {
		if v.Kind != Integer || len(v.Values) == 0 {
			continue
		}
		if first {
			b.WriteString("\n# Value labels of the item scores (text = value). The scores stay integers, so\n")
			fmt.Fprintf(&b, "# totals and means work; anchor_factor(fidelity[[%s]]) gives the ordered factor.\n", rString(v.Name))
			b.WriteString("anchor_factor <- function(x) {\n")
			b.WriteString("  labels <- attr(x, \"labels\")\n")
			b.WriteString("  factor(x, levels = unname(labels), labels = names(labels), ordered = TRUE)\n}\n")
			first = false
		}
		var parts []string
		for _, val := range v.Values {
			label := oneLine(val.Label)
			if label == "" { // R refuses an empty name
				label = val.Code
			}
			parts = append(parts, fmt.Sprintf("%s = %sL", rString(label), val.Code))
		}
		fmt.Fprintf(&b, "attr(fidelity[[%s]], \"labels\") <- c(\n  %s)\n", rString(v.Name), strings.Join(parts, ",\n  "))
	}

	b.WriteString("\n# Variable labels.\nvariable_labels <- c(\n")
	for i, v := range d.Vars {
		fmt.Fprintf(&b, "  %s = %s%s\n", rString(v.Name), rString(oneLine(v.Label)), comma(i, len(d.Vars)))
	}
	b.WriteString(")\n")
	b.WriteString("for (v in names(variable_labels)) attr(fidelity[[v]], \"label\") <- variable_labels[[v]]\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func rClass(v Variable) string {
	switch v.Kind {
	case Integer:
		return "integer"
	case Number:
		return "numeric"
	default:
		return "character"
	}
}

func rVectors(values []Value) (codes, labels string) {
	var c, l []string
	for _, v := range values {
		c = append(c, rString(v.Code))
		l = append(l, rString(oneLine(v.Label)))
	}
	return "c(" + strings.Join(c, ", ") + ")", "c(" + strings.Join(l, ",\n    ") + ")"
}

func comma(i, n int) string {
	if i < n-1 {
		return ","
	}
	return ""
}

// rString quotes s as an ASCII R string literal: backslash and double
// quote escaped, non-ASCII as \u{…} (\U{…} beyond the BMP), control
// characters as \u{…} too; R rejects only NUL, which becomes U+FFFD.
func rString(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == 0:
			b.WriteString(`\u{fffd}`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u{%x}`, r)
		case r < 0x80:
			b.WriteRune(r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u{%x}`, r)
		default:
			fmt.Fprintf(&b, `\U{%x}`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// rComment keeps a comment on one line.
func rComment(s string) string { return oneLine(s) }
