package export

import (
	"encoding/csv"
	"io"
	"regexp"
)

// SafeCell neutralises a text cell a spreadsheet would run as a formula
// (CSV/formula injection, OWASP): text starting with = + - @, a tab or a
// carriage return gets a leading apostrophe, so a site called
// "=HYPERLINK(…)" stays text. A plain number such as -1.5 is left alone,
// so numeric columns stay numbers. Every CSV and XLSX writer of the
// service writes its text through this one function.
func SafeCell(s string) string {
	if s == "" || !formulaStart[s[0]] || plainNumber.MatchString(s) {
		return s
	}
	return "'" + s
}

var formulaStart = [256]bool{'=': true, '+': true, '-': true, '@': true, '\t': true, '\r': true}

// plainNumber is a decimal number in the form the exports write numbers;
// it cannot be read as a formula.
var plainNumber = regexp.MustCompile(`^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$`)

// CSVWriter is a csv.Writer whose every cell passes through SafeCell.
type CSVWriter struct{ w *csv.Writer }

// NewCSVWriter starts a formula-safe CSV writer on w.
func NewCSVWriter(w io.Writer) *CSVWriter { return &CSVWriter{w: csv.NewWriter(w)} }

// Write writes one record.
func (c *CSVWriter) Write(rec []string) error {
	safe := make([]string, len(rec))
	for i, s := range rec {
		safe[i] = SafeCell(s)
	}
	return c.w.Write(safe)
}

// WriteAll writes the records and flushes.
func (c *CSVWriter) WriteAll(recs [][]string) error {
	for _, r := range recs {
		if err := c.Write(r); err != nil {
			return err
		}
	}
	c.Flush()
	return c.Error()
}

// Flush writes any buffered data to the underlying writer.
func (c *CSVWriter) Flush() { c.w.Flush() }

// Error reports any error from a previous Write or Flush.
func (c *CSVWriter) Error() error { return c.w.Error() }
