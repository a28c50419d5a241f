package statsyntax

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// stataVarLabelChars is Stata's limit for a variable label.
const stataVarLabelChars = 80

// WriteStata writes a Stata do-file (Stata 14 or later, for UTF-8) that
// imports the CSV with import delimited, parses the dates, turns each
// category into a labelled numeric code and labels every variable and
// every item score.
func WriteStata(w io.Writer, d Dataset) error {
	if err := check(d); err != nil {
		return err
	}
	names := toolNames(d.Vars)
	var b strings.Builder
	fmt.Fprintf(&b, "* %s\n", oneLine(d.Title))
	b.WriteString("* Reads the CSV export named below from the working directory (change the\n")
	b.WriteString("* path if it is elsewhere), then labels every variable and every coded value.\n")
	b.WriteString("* Empty cells are missing.\n\n")
	b.WriteString("version 14\nclear\n\n")

	var strCols, numCols []string
	for i, v := range d.Vars {
		if v.Kind == Integer || v.Kind == Number {
			numCols = append(numCols, strconv.Itoa(i+1))
		} else {
			strCols = append(strCols, strconv.Itoa(i+1))
		}
	}
	// The header row is skipped and the columns renamed here, so names do
	// not depend on how import delimited would rewrite a header.
	fmt.Fprintf(&b, "import delimited using %s, varnames(nonames) rowrange(2) delimiters(\",\") ///\n", stataString(d.File))
	b.WriteString("    bindquotes(strict) encoding(\"utf-8\")")
	if len(strCols) > 0 {
		fmt.Fprintf(&b, " stringcols(%s)", strings.Join(strCols, " "))
	}
	if len(numCols) > 0 {
		fmt.Fprintf(&b, " numericcols(%s)", strings.Join(numCols, " "))
	}
	b.WriteString(" clear\n")
	var from []string
	for i := range d.Vars {
		from = append(from, "v"+strconv.Itoa(i+1))
	}
	fmt.Fprintf(&b, "rename (%s) ///\n    (%s)\n", strings.Join(from, " "), strings.Join(names, " "))

	if len(d.Keep) > 0 {
		var conds []string
		for _, m := range d.Keep {
			if i := varIndex(d, m.Var); i >= 0 {
				conds = append(conds, fmt.Sprintf("%s == %s", names[i], stataString(m.Value)))
			}
		}
		cond := strings.Join(conds, " & ")
		b.WriteString("\n* Keep only the rows of the scale version the labels describe.\n")
		fmt.Fprintf(&b, "quietly count if !(%s)\n", cond)
		b.WriteString("if r(N) > 0 display as text r(N) \" rows of other scale versions are left out\"\n")
		fmt.Fprintf(&b, "keep if %s\n", cond)
	}

	for i, v := range d.Vars {
		switch v.Kind {
		case Date:
			fmt.Fprintf(&b, "\n* %s: YYYY-MM-DD text to a Stata date.\n", names[i])
			b.WriteString("tempvar date\n")
			fmt.Fprintf(&b, "generate `date' = date(%s, \"YMD\")\n", names[i])
			b.WriteString("format `date' %tdCCYY-NN-DD\n")
			fmt.Fprintf(&b, "drop %s\nrename `date' %s\n", names[i], names[i])
		case Category:
			if len(v.Values) == 0 {
				continue
			}
			lbl := stataLabelName(names[i], i)
			fmt.Fprintf(&b, "\n* %s: codes to labelled numbers (a code without a label stays missing).\n", names[i])
			stataLabelDefine(&b, lbl, v.Values, func(k int) string { return strconv.Itoa(k + 1) })
			b.WriteString("tempvar code\n")
			fmt.Fprintf(&b, "generate int `code' = .\n")
			for k, val := range v.Values {
				fmt.Fprintf(&b, "replace `code' = %d if %s == %s\n", k+1, names[i], stataString(val.Code))
			}
			fmt.Fprintf(&b, "drop %s\nrename `code' %s\nlabel values %s %s\n", names[i], names[i], names[i], lbl)
		}
	}

	first := true
	for i, v := range d.Vars {
		if v.Kind != Integer || len(v.Values) == 0 {
			continue
		}
		if first {
			b.WriteString("\n* Value labels of the item scores.\n")
			first = false
		}
		lbl := stataLabelName(names[i], i)
		stataLabelDefine(&b, lbl, v.Values, func(k int) string { return v.Values[k].Code })
		fmt.Fprintf(&b, "label values %s %s\n", names[i], lbl)
	}

	b.WriteString("\n* Variable labels.\n")
	for i, v := range d.Vars {
		fmt.Fprintf(&b, "label variable %s %s\n", names[i], stataString(truncateRunes(oneLine(v.Label), stataVarLabelChars)))
	}
	fmt.Fprintf(&b, "\norder %s\n", strings.Join(names, " "))
	b.WriteString("describe, short\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func stataLabelDefine(b *strings.Builder, lbl string, values []Value, code func(int) string) {
	fmt.Fprintf(b, "label define %s", lbl)
	for k, val := range values {
		fmt.Fprintf(b, " ///\n    %s %s", code(k), stataString(oneLine(val.Label)))
	}
	b.WriteString(", replace\n")
}

// stataLabelName names the value label of a variable: name_lbl when that
// fits Stata's 32 characters, else lbl and the column number.
func stataLabelName(name string, i int) string {
	if l := name + "_lbl"; len(l) <= maxNameBytes {
		return l
	}
	return "lbl" + strconv.Itoa(i+1)
}

// stataString quotes s in Stata's compound quotes `"…"', which may hold
// plain double quotes. What could still break out or be expanded is
// defused: a backtick (local macro) becomes an apostrophe, a dollar sign
// (global macro) is escaped as \$, the closing sequence "' gets a space,
// and comment markers (// /* */) get a space so no parser sees a comment.
// stataMacroChars defuses the characters that start a macro.
var stataMacroChars = strings.NewReplacer("`", "'", "$", `\$`)

func stataString(s string) string {
	s = oneLine(s)
	s = stataMacroChars.Replace(s)
	// Inserting a space can never create a new sequence, but "///" needs
	// two rounds, so repeat until none is left.
	for _, seq := range []string{`"'`, "//", "/*", "*/"} {
		for strings.Contains(s, seq) {
			s = strings.ReplaceAll(s, seq, seq[:1]+" "+seq[1:])
		}
	}
	if strings.HasSuffix(s, `\`) {
		s += " " // a trailing backslash would escape the closing quote's macro character
	}
	return "`\"" + s + "\"'"
}
