package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

// readCSV reads a CSV file: comma or semicolon separated (Norwegian Excel
// writes ";"), with or without a UTF-8 byte-order mark.
func readCSV(br *bufio.Reader, lim Limits, h Handler) error {
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		_, _ = br.Discard(3)
	}
	first, _ := br.Peek(4096)
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		cr.Comma = ';'
	}
	s := &sheet{lim: lim, h: h, counts: &counts{}}
	cells := make([]cell, 0, 64)
	for line := 1; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			if line == 1 {
				return &FileError{Reason: "the file is empty"}
			}
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return &FileError{Reason: fmt.Sprintf("the file is not valid CSV: %s", pe.Err.Error())}
			}
			return err
		}
		cells = cells[:0]
		for _, f := range rec {
			cells = append(cells, cell{text: f})
		}
		if line == 1 {
			if len(cells) > lim.MaxColumns {
				return &FileError{Reason: "the header has more columns than allowed"}
			}
			ok, err := s.header(cells)
			if err != nil || !ok {
				return err
			}
			continue
		}
		// Line numbers count records, which is what a spreadsheet shows.
		if err := s.row(line, cells); err != nil {
			return err
		}
		if s.done {
			return nil
		}
	}
}
