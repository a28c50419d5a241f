package importer

import (
	"fmt"
	"time"
)

// Format is the layout of a data sheet.
type Format string

const (
	// FormatLong has one row per review × rater (or consensus) × item.
	FormatLong Format = "long"
	// FormatWide has one row per review: the consensus, one column per item.
	FormatWide Format = "wide"
)

// Row is one data row of a sheet: one item rating (long) or one review's
// consensus (wide). Text fields are as given, trimmed; an absent column is "".
type Row struct {
	Sheet  string // "" for CSV
	Line   int    // 1-based row number in the sheet or file; the header is row 1
	Format Format

	ReviewID   string // the exporting database's review id: groups rows, never stored
	SiteID     string
	SiteCode   string
	SiteName   string
	SitePath   string // codes from the root, "R01/4601/4601-1"
	Scale      string
	Version    string
	Type       string
	Status     string
	VisitStart time.Time
	VisitEnd   time.Time
	// Rater is the long export's rater column: a rater id, an e-mail
	// address or "consensus"; wide rows are always the consensus.
	Rater      string
	RaterName  string
	RaterEmail string
	// Total is the file's total, checked against the computed one; nil
	// when the cell is empty. TotalText is the cell as written.
	Total     *float64
	TotalText string
	Items     []ItemCell
}

// ItemCell is what a row records for one item: a score, measured input
// values and checklist elements, each from its own column.
type ItemCell struct {
	Item     string
	Column   string // the column of the score, or of the first input
	Score    *int
	Values   map[string]float64
	Elements []string
	// ElementsGiven distinguishes "no elements present" from "not rated".
	ElementsGiven bool
}

// Empty reports whether the cell records nothing.
func (c ItemCell) Empty() bool {
	return c.Score == nil && len(c.Values) == 0 && !c.ElementsGiven
}

// RowError is a problem with one cell (or a whole row when Column is "").
// Reason is an English message built from a fixed format, translated with
// fidelity.Translate.
type RowError struct {
	Sheet  string `json:"sheet"`
	Row    int    `json:"row"`
	Column string `json:"column"`
	Value  string `json:"value"`
	Reason string `json:"reason"`
}

func (e RowError) Error() string {
	where := fmt.Sprintf("row %d", e.Row)
	if e.Sheet != "" {
		where = e.Sheet + " " + where
	}
	if e.Column != "" {
		where += " column " + e.Column
	}
	return where + ": " + e.Reason
}

// maxValueInError bounds how much of a bad cell an error repeats.
const maxValueInError = 80

func clip(s string) string {
	if len(s) <= maxValueInError {
		return s
	}
	cut := maxValueInError
	for cut > 0 && s[cut]&0xC0 == 0x80 { // do not split a UTF-8 sequence
		cut--
	}
	return s[:cut] + "…"
}

// Limits bound what a file may make the reader do.
type Limits struct {
	// MaxRows is the most data rows read from all sheets together.
	MaxRows int
	// MaxEmptyRows is how many empty rows in a row end a sheet's data.
	MaxEmptyRows int
	// MaxColumns is the most columns of a row.
	MaxColumns int
	// MaxCellBytes is the longest cell text.
	MaxCellBytes int
	// MaxUnzipped is the most bytes all XLSX parts may inflate to.
	MaxUnzipped int64
	// MaxErrors stops reading after this many row errors.
	MaxErrors int
	// MaxFileBytes is the largest XLSX file read (CSV is streamed).
	MaxFileBytes int64
}

// DefaultLimits suit a national programme's history: 1,000,000 rows.
func DefaultLimits() Limits {
	return Limits{MaxRows: 1_000_000, MaxEmptyRows: 1000, MaxColumns: 1000, MaxCellBytes: 32 << 10,
		MaxUnzipped: 1 << 30, MaxErrors: 1000, MaxFileBytes: 256 << 20}
}
