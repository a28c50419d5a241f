package statsyntax

import (
	"fmt"
	"io"
	"strings"
)

// SPSS limits: a variable label holds 255 bytes (SPSS 256, PSPP 255), a
// value label 120 bytes; a syntax line is kept under 256 bytes by
// splitting long strings into 'a' + 'b' pieces, which SPSS and PSPP join.
const (
	spssVarLabelBytes   = 255
	spssValueLabelBytes = 120
	spssPieceBytes      = 80
)

// WriteSPSS writes an SPSS syntax file (also read by GNU PSPP) that reads
// the CSV with GET DATA and labels every variable and coded value.
func WriteSPSS(w io.Writer, d Dataset) error {
	if err := check(d); err != nil {
		return err
	}
	names := toolNames(d.Vars)
	var b strings.Builder
	b.WriteString("* Encoding: UTF-8.\n")
	fmt.Fprintf(&b, "* %s.\n", spssComment(d.Title))
	b.WriteString("* Reads the CSV export named in /FILE below (change the path if it is elsewhere),\n")
	b.WriteString("* then labels every variable and every coded value. Empty cells are missing.\n\n")

	b.WriteString("GET DATA\n  /TYPE=TXT\n")
	fmt.Fprintf(&b, "  /FILE=%s\n", spssString(d.File, 0))
	b.WriteString("  /ENCODING='UTF8'\n  /ARRANGEMENT=DELIMITED\n  /DELCASE=LINE\n  /FIRSTCASE=2\n")
	b.WriteString("  /DELIMITERS=\",\"\n  /QUALIFIER='\"'\n  /VARIABLES=\n")
	for i, v := range d.Vars {
		fmt.Fprintf(&b, "    %s %s", names[i], spssInputFormat(v))
		if i == len(d.Vars)-1 {
			b.WriteString(".")
		}
		b.WriteString("\n")
	}

	if len(d.Keep) > 0 {
		b.WriteString("\n* Keep only the rows of the scale version the labels describe.\n")
		var conds []string
		for _, m := range d.Keep {
			if i := varIndex(d, m.Var); i >= 0 {
				conds = append(conds, fmt.Sprintf("%s = %s", names[i], spssString(m.Value, 0)))
			}
		}
		fmt.Fprintf(&b, "SELECT IF (%s).\n", strings.Join(conds, " AND "))
	}

	var dates, totals []string
	for i, v := range d.Vars {
		switch v.Kind {
		case Date:
			dates = append(dates, names[i])
		case Number:
			totals = append(totals, names[i])
		}
	}
	if len(dates)+len(totals) > 0 {
		b.WriteString("\nFORMATS")
		if len(dates) > 0 {
			fmt.Fprintf(&b, " %s (SDATE10)", strings.Join(dates, " "))
		}
		if len(totals) > 0 {
			fmt.Fprintf(&b, " %s (F8.2)", strings.Join(totals, " "))
		}
		b.WriteString(".\n")
	}

	b.WriteString("\nVARIABLE LABELS\n")
	for i, v := range d.Vars {
		fmt.Fprintf(&b, "  %s%s %s", slash(i), names[i], spssString(truncateBytes(oneLine(v.Label), spssVarLabelBytes), 4))
		if i == len(d.Vars)-1 {
			b.WriteString(".")
		}
		b.WriteString("\n")
	}

	var labelled []int
	for i, v := range d.Vars {
		if len(v.Values) > 0 && (v.Kind == Category || v.Kind == Integer) {
			labelled = append(labelled, i)
		}
	}
	if len(labelled) > 0 {
		b.WriteString("\nVALUE LABELS\n")
		for n, i := range labelled {
			v := d.Vars[i]
			fmt.Fprintf(&b, "  %s%s\n", slash(n), names[i])
			for k, val := range v.Values {
				code := val.Code
				if v.Kind == Category {
					code = spssString(code, 0)
				}
				fmt.Fprintf(&b, "    %s %s", code, spssString(truncateBytes(oneLine(val.Label), spssValueLabelBytes), 6))
				if n == len(labelled)-1 && k == len(v.Values)-1 {
					b.WriteString(".")
				}
				b.WriteString("\n")
			}
		}
	}

	var missing []string
	for i, v := range d.Vars {
		if v.EmptyIsMissing && v.Kind == Category {
			missing = append(missing, names[i])
		}
	}
	if len(missing) > 0 {
		b.WriteString("\n* An empty code means not applicable.\n")
		fmt.Fprintf(&b, "MISSING VALUES %s ('').\n", strings.Join(missing, " "))
	}

	var levels []string
	for i, v := range d.Vars {
		switch {
		case v.Kind == Category && v.Ordered, v.Kind == Integer && len(v.Values) > 0:
			levels = append(levels, names[i]+" (ORDINAL)")
		case v.Kind == Category:
			levels = append(levels, names[i]+" (NOMINAL)")
		case v.Kind == Number, v.Kind == Integer:
			levels = append(levels, names[i]+" (SCALE)")
		}
	}
	if len(levels) > 0 {
		fmt.Fprintf(&b, "\nVARIABLE LEVEL\n  %s.\n", strings.Join(levels, "\n  /"))
	}
	b.WriteString("\nEXECUTE.\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func spssInputFormat(v Variable) string {
	switch v.Kind {
	case Integer:
		return "F8.0"
	case Number:
		// No implied decimals: F8.2 would read "101" as 1.01.
		return "F8.0"
	case Date:
		return "SDATE10"
	default:
		return fmt.Sprintf("A%d", width(v))
	}
}

// spssString quotes s for SPSS: apostrophes doubled inside '…'. A long
// string is split into pieces joined with +, each piece on its own line
// indented by indent spaces (indent 0: never split).
func spssString(s string, indent int) string {
	s = oneLine(s)
	if indent == 0 || len(s) <= spssPieceBytes {
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	var pieces []string
	for len(s) > 0 {
		p := truncateBytes(s, spssPieceBytes)
		if p == "" { // cannot happen with valid UTF-8; guards the loop
			p = s
		}
		pieces = append(pieces, "'"+strings.ReplaceAll(p, "'", "''")+"'")
		s = s[len(p):]
	}
	return strings.Join(pieces, " +\n"+strings.Repeat(" ", indent))
}

// spssComment keeps a comment on one line and free of a full stop at a
// line end, which would end the comment command early.
func spssComment(s string) string {
	return strings.TrimRight(oneLine(s), ". ")
}

func varIndex(d Dataset, name string) int {
	for i, v := range d.Vars {
		if v.Name == name {
			return i
		}
	}
	return -1
}

// slash separates the entries of a list after the first.
func slash(i int) string {
	if i == 0 {
		return ""
	}
	return "/"
}
