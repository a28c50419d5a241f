// Package statsyntax writes the scripts that load a CSV export into SPSS
// (a syntax file), Stata (a do-file) or R (a script), with a label for
// every variable and every coded value.
//
// The package is pure: it knows nothing about fidelity reviews. A Dataset
// describes the CSV column by column (the export package builds one from
// its codebook and the scale); each writer renders it in one tool's
// syntax. Every label goes through the tool's own quoting, so a label with
// quotes, apostrophes, æøå or a would-be macro stays a label.
package statsyntax

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind is how a column is read and what it becomes.
type Kind int

const (
	// Text is kept as a string (ids, names).
	Text Kind = iota
	// Integer is a whole number, optionally with value labels (item scores).
	Integer
	// Number is a decimal number (a mean total).
	Number
	// Date is YYYY-MM-DD in the file and a date in the tool.
	Date
	// Category is a string code from a fixed list, each with a label; it
	// becomes a factor (R), a labelled numeric code (Stata) or a labelled
	// string (SPSS).
	Category
)

// Value is one coded value and its label. For an Integer the code is the
// number as written in the file; for a Category the string code.
type Value struct {
	Code  string
	Label string
}

// Variable is one column of the CSV, in file order.
type Variable struct {
	// Name is the column header in the file.
	Name  string
	Label string
	Kind  Kind
	// Values are the labelled values: a Category's levels in order (lowest
	// first when Ordered), or an Integer's value labels.
	Values  []Value
	Ordered bool
	// Width is the longest text in bytes the column may hold (SPSS reads
	// strings into fixed widths); 0 means DefaultWidth.
	Width int
	// EmptyIsMissing marks a Category whose empty cell means "not
	// applicable" (a band without a valid total); it is declared missing.
	EmptyIsMissing bool
}

// DefaultWidth is the string width used when a Variable names none.
const DefaultWidth = 255

// Match keeps only the rows whose column Var holds Value.
type Match struct{ Var, Value string }

// Dataset is one CSV export described for the scripts.
type Dataset struct {
	// Title is said in the script's opening comment.
	Title string
	// File is the CSV file the script reads by default.
	File string
	Vars []Variable
	// Keep selects the rows the labels apply to (one scale version); the
	// scripts drop other rows and say how many.
	Keep []Match
}

// toolNames gives every variable a name valid in SPSS and Stata (letters,
// digits and _, not starting with a digit, at most 32 bytes, no reserved
// word) that is unique in the data set. The column headers of the exports
// are already valid except for item ids of an uploaded scale.
func toolNames(vars []Variable) []string {
	out := make([]string, len(vars))
	used := map[string]bool{}
	for i, v := range vars {
		base := validName(v.Name)
		name := base
		for n := 2; used[strings.ToLower(name)]; n++ {
			suffix := "_" + strconv.Itoa(n)
			name = truncateBytes(base, maxNameBytes-len(suffix)) + suffix
		}
		used[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}

const maxNameBytes = 32

// reserved are words neither SPSS nor Stata accept as a variable name
// (compared in lower case).
var reserved = map[string]bool{
	"all": true, "and": true, "by": true, "eq": true, "ge": true, "gt": true, "le": true, "lt": true,
	"ne": true, "not": true, "or": true, "to": true, "with": true,
	"_all": true, "_b": true, "byte": true, "_coef": true, "_cons": true, "double": true, "float": true,
	"if": true, "in": true, "int": true, "long": true, "_n": true, "_pi": true, "_pred": true, "_rc": true,
	"_skip": true, "strl": true, "using": true,
}

func validName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	name := b.String()
	if name == "" || name[0] >= '0' && name[0] <= '9' || name[0] == '_' {
		name = "v" + name
	}
	name = truncateBytes(name, maxNameBytes)
	if reserved[strings.ToLower(name)] {
		name = truncateBytes(name, maxNameBytes-1) + "_"
	}
	return name
}

// truncateBytes cuts s to at most n bytes without splitting a character.
func truncateBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// truncateRunes cuts s to at most n characters.
func truncateRunes(s string, n int) string {
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos]
		}
		i++
	}
	return s
}

// oneLine makes a label safe to sit on one line of any of the scripts:
// control characters (newlines, tabs) become spaces and invalid UTF-8 is
// replaced, so no label can end a string or a command early.
func oneLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 || r == 0x85 {
			return ' '
		}
		return r
	}, s)
}

func width(v Variable) int {
	w := v.Width
	if w <= 0 && v.Kind != Category {
		w = DefaultWidth
	}
	for _, val := range v.Values {
		w = max(w, len(val.Code))
	}
	return max(w, 1)
}

// check refuses a data set the scripts could not express: no columns, a
// value code of an integer column that is not a whole number.
func check(d Dataset) error {
	if len(d.Vars) == 0 {
		return errors.New("statsyntax: a data set needs at least one column")
	}
	for _, v := range d.Vars {
		if v.Kind != Integer {
			continue
		}
		for _, val := range v.Values {
			if _, err := strconv.Atoi(val.Code); err != nil {
				return fmt.Errorf("statsyntax: value %q of %s is not a whole number", val.Code, v.Name)
			}
		}
	}
	return nil
}
