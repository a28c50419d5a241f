package importer

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
)

// Handler receives what a file holds, in file order. Returning an error
// from either function stops reading with that error.
type Handler struct {
	Row   func(Row) error
	Error func(RowError) error
}

// ErrTooManyErrors stops a read once Limits.MaxErrors row errors are found.
var ErrTooManyErrors = errors.New("too many errors; stopped reading")

// FileError is a problem with the file as a whole (not CSV or XLSX, too
// large, damaged); nothing of it is imported.
type FileError struct{ Reason string }

func (e *FileError) Error() string { return e.Reason }

// Read reads a CSV file or an XLSX workbook (told apart by their first
// bytes) and hands every data row and every row error to h.
func Read(r io.Reader, lim Limits, h Handler) error {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(4)
	if bytes.Equal(head, []byte("PK\x03\x04")) {
		data, err := io.ReadAll(io.LimitReader(br, lim.MaxFileBytes+1))
		if err != nil {
			return err
		}
		if int64(len(data)) > lim.MaxFileBytes {
			return &FileError{Reason: "the workbook is larger than the largest file allowed"}
		}
		return readXLSX(data, lim, h)
	}
	return readCSV(br, lim, h)
}

// sheet drives one table: a header row, then data rows.
type sheet struct {
	name    string
	lim     Limits
	h       Handler
	l       layout
	started bool
	empties int
	done    bool // the data ended (a long run of empty rows)
	counts  *counts
}

// counts are shared by every sheet of a file.
type counts struct{ rows, errors int }

func (s *sheet) report(e RowError) error {
	e.Sheet = s.name
	s.counts.errors++
	if err := s.h.Error(e); err != nil {
		return err
	}
	if s.counts.errors >= s.lim.MaxErrors {
		return ErrTooManyErrors
	}
	return nil
}

// header reads the header row; ok is false when the sheet is not data.
func (s *sheet) header(cells []cell) (bool, error) {
	names := make([]string, len(cells))
	for i, c := range cells {
		if c.formula {
			return false, s.report(RowError{Row: 1, Column: columnName(i), Value: clip(c.text), Reason: "is a formula; formulas are never evaluated: enter the value itself"})
		}
		names[i] = strings.ToValidUTF8(c.text, "\uFFFD")
	}
	l, errs := readHeader(names)
	for _, e := range errs {
		if err := s.report(e); err != nil {
			return false, err
		}
	}
	s.l, s.started = l, len(errs) == 0
	return s.started, nil
}

// row reads one data row (line is its 1-based number).
func (s *sheet) row(line int, cells []cell) error {
	if s.done {
		return nil
	}
	if len(cells) > s.lim.MaxColumns {
		return s.report(RowError{Row: line, Reason: "the row has more columns than allowed"})
	}
	p := rowParser{l: s.l, limits: s.lim, sheet: s.name, line: line, cells: cells}
	r, ok := p.parse()
	if !ok {
		if s.empties++; s.empties >= s.lim.MaxEmptyRows {
			s.done = true
		}
		return nil
	}
	s.empties = 0
	if s.counts.rows++; s.counts.rows > s.lim.MaxRows {
		return &FileError{Reason: "the file has more rows than allowed"}
	}
	for _, e := range p.errs {
		if err := s.report(e); err != nil {
			return err
		}
	}
	if len(p.errs) > 0 {
		return nil
	}
	return s.h.Row(r)
}
