package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
)

// An XLSX workbook is read with archive/zip and encoding/xml rather than a
// spreadsheet library, because the reader must see what a library hides: a
// cell's formula (never evaluated, always an error), merged ranges (the
// value stands in the first cell only) and the true inflated size of every
// part (a zip bomb stops at Limits.MaxUnzipped, whatever the archive claims).

// errTooLarge is the zip-bomb stop.
var errTooLarge = &FileError{Reason: "the workbook inflates to more data than allowed"}

// workbook is an opened XLSX file.
type workbook struct {
	files   map[string]*zip.File
	budget  int64 // uncompressed bytes still allowed
	strings []string
	lim     Limits
}

// budgeted counts inflated bytes against the workbook's budget.
type budgeted struct {
	r  io.Reader
	wb *workbook
}

func (b *budgeted) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.wb.budget -= int64(n)
	if b.wb.budget < 0 {
		return n, errTooLarge
	}
	return n, err
}

func (wb *workbook) open(name string) (io.ReadCloser, error) {
	f, ok := wb.files[name]
	if !ok {
		return nil, &FileError{Reason: "the workbook is damaged: a part is missing"}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &FileError{Reason: "the workbook is damaged: a part cannot be read"}
	}
	return struct {
		io.Reader
		io.Closer
	}{&budgeted{r: rc, wb: wb}, rc}, nil
}

// sheetRef is a worksheet of the workbook, in tab order.
type sheetRef struct{ name, part string }

func readXLSX(data []byte, lim Limits, h Handler) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return &FileError{Reason: "the file is neither CSV nor a valid XLSX workbook"}
	}
	wb := &workbook{files: map[string]*zip.File{}, budget: lim.MaxUnzipped, lim: lim}
	for _, f := range zr.File {
		wb.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	sheets, err := wb.sheets()
	if err != nil {
		return err
	}
	if err := wb.readSharedStrings(); err != nil {
		return err
	}
	// Pick the data sheets by their header: the long sheets when there are
	// any (the export's workbook has long and wide; the long one holds
	// everything), else the wide ones. Codebook and instruction sheets are
	// skipped.
	var long, wide []sheetRef
	for _, sh := range sheets {
		hdr, err := wb.firstRow(sh)
		if err != nil {
			return err
		}
		l, errs := readHeader(hdr)
		switch {
		case len(errs) > 0:
			if dataSheetName(sh.name) {
				long = append(long, sh) // reported with its header errors below
			}
		case l.format == FormatLong:
			long = append(long, sh)
		default:
			wide = append(wide, sh)
		}
	}
	pick := long
	if len(pick) == 0 {
		pick = wide
	}
	if len(pick) == 0 {
		return &FileError{Reason: "no sheet of the workbook has the columns of the long or wide layout"}
	}
	c := &counts{}
	for _, sh := range pick {
		if err := wb.readSheet(sh, c, h); err != nil {
			return err
		}
	}
	return nil
}

func dataSheetName(name string) bool {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "long", "wide", "data", "data sheet", "data_sheet", "data-sheet", "data sheet (wide)":
		return true
	}
	return false
}

type xmlWorkbook struct {
	Sheets []struct {
		Name string `xml:"name,attr"`
		RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"sheets>sheet"`
}

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

func (wb *workbook) decode(name string, v any) error {
	rc, err := wb.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		if errors.Is(err, errTooLarge) {
			return errTooLarge
		}
		return &FileError{Reason: "the workbook is damaged: a part is not valid XML"}
	}
	return nil
}

func (wb *workbook) sheets() ([]sheetRef, error) {
	var w xmlWorkbook
	if err := wb.decode("xl/workbook.xml", &w); err != nil {
		return nil, err
	}
	var rels xmlRels
	if err := wb.decode("xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	target := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	var out []sheetRef
	for _, s := range w.Sheets {
		if t, ok := target[s.RID]; ok {
			out = append(out, sheetRef{name: s.Name, part: t})
		}
	}
	return out, nil
}

// readSharedStrings loads the shared-string table (bounded by the budget).
func (wb *workbook) readSharedStrings() error {
	if _, ok := wb.files["xl/sharedStrings.xml"]; !ok {
		return nil
	}
	rc, err := wb.open("xl/sharedStrings.xml")
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var b strings.Builder
	inT, inPh := false, false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return xmlError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				b.Reset()
			case "t":
				inT = true
			case "rPh": // phonetic guide, not part of the text
				inPh = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				wb.strings = append(wb.strings, b.String())
			case "t":
				inT = false
			case "rPh":
				inPh = false
			}
		case xml.CharData:
			if inT && !inPh {
				if b.Len()+len(t) <= wb.lim.MaxCellBytes+1 {
					b.Write(t)
				}
			}
		}
	}
}

func xmlError(err error) error {
	if errors.Is(err, errTooLarge) {
		return errTooLarge
	}
	var fe *FileError
	if errors.As(err, &fe) {
		return fe
	}
	return &FileError{Reason: "the workbook is damaged: a part is not valid XML"}
}

// firstRow returns the header cells of a sheet.
func (wb *workbook) firstRow(sh sheetRef) ([]string, error) {
	var hdr []string
	err := wb.scanRows(sh, nil, func(_ int, cells []cell, _ bool) (bool, error) {
		hdr = make([]string, len(cells))
		for i, c := range cells {
			hdr[i] = strings.ToValidUTF8(c.text, "\uFFFD")
		}
		return false, nil
	})
	return hdr, err
}

// readSheet hands a data sheet's rows to h. Rows inside merged ranges are
// errors: only the range's first cell holds the value.
func (wb *workbook) readSheet(sh sheetRef, c *counts, h Handler) error {
	merged, err := wb.mergedRanges(sh)
	if err != nil {
		return err
	}
	s := &sheet{name: sh.name, lim: wb.lim, h: h, counts: c}
	first := true
	return wb.scanRows(sh, nil, func(line int, cells []cell, tooWide bool) (bool, error) {
		if tooWide {
			return true, s.report(RowError{Row: line, Reason: "the row has more columns than allowed"})
		}
		if first {
			first = false
			ok, err := s.header(cells)
			return ok, err
		}
		if ref, ok := merged.covers(line); ok {
			return true, s.report(RowError{Row: line, Column: ref,
				Reason: "is in merged cells; the value stands only in the first cell: unmerge and fill every cell"})
		}
		if err := s.row(line, cells); err != nil {
			return false, err
		}
		return !s.done, nil
	})
}

// mergeSet holds the row spans of a sheet's merged ranges.
type mergeSet []struct {
	ref      string
	from, to int
}

func (m mergeSet) covers(line int) (string, bool) {
	for _, r := range m {
		if line >= r.from && line <= r.to {
			return r.ref, true
		}
	}
	return "", false
}

// mergedRanges reads the <mergeCell ref="A2:B3"/> list, which follows the
// sheet data, in a pass of its own.
func (wb *workbook) mergedRanges(sh sheetRef) (mergeSet, error) {
	rc, err := wb.open(sh.part)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var out mergeSet
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, xmlError(err)
		}
		st, ok := tok.(xml.StartElement)
		if !ok || st.Name.Local != "mergeCell" {
			continue
		}
		ref := attr(st, "ref")
		a, b, _ := strings.Cut(ref, ":")
		_, r1 := cellRef(a)
		_, r2 := cellRef(b)
		if r1 > 0 && r2 >= r1 && len(out) < 10000 {
			out = append(out, struct {
				ref      string
				from, to int
			}{ref, r1, r2})
		}
	}
}

func attr(st xml.StartElement, name string) string {
	for _, a := range st.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// cellRef splits "AB12" into column index 27 (0-based) and row 12; -1 and
// 0 when malformed.
func cellRef(ref string) (col, row int) {
	i := 0
	col = 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		if col > 1<<20 {
			return -1, 0
		}
		i++
	}
	if i == 0 {
		return -1, 0
	}
	row, err := strconv.Atoi(ref[i:])
	if err != nil || row <= 0 {
		return -1, 0
	}
	return col - 1, row
}

// scanRows streams a sheet's rows to fn until fn returns false.
func (wb *workbook) scanRows(sh sheetRef, _ any, fn func(line int, cells []cell, tooWide bool) (bool, error)) error {
	rc, err := wb.open(sh.part)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var (
		cells          []cell
		line           int
		col            int
		typ            string
		inV, inF, inIs bool
		inT            bool
		val            strings.Builder
		formula        bool
		rowTooWide     bool
	)
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return xmlError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				cells = cells[:0]
				rowTooWide = false
				if r, err := strconv.Atoi(attr(t, "r")); err == nil && r > line {
					line = r
				} else {
					line++
				}
				col = 0
			case "c":
				typ, formula = attr(t, "t"), false
				val.Reset()
				if c, _ := cellRef(attr(t, "r")); c >= 0 {
					col = c
				}
			case "v":
				inV = true
			case "f":
				inF, formula = true, true
			case "is":
				inIs = true
			case "t":
				inT = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inV = false
			case "f":
				inF = false
			case "is":
				inIs = false
			case "t":
				inT = false
			case "c":
				if col >= wb.lim.MaxColumns {
					rowTooWide = true
					col++
					continue
				}
				for len(cells) < col {
					cells = append(cells, cell{xlsx: true})
				}
				cells = append(cells, wb.cellValue(typ, val.String(), formula))
				col++
			case "row":
				more, err := fn(line, cells, rowTooWide)
				if err != nil || !more {
					return err
				}
			}
		case xml.CharData:
			if (inV || (inIs && inT)) && !inF && val.Len()+len(t) <= wb.lim.MaxCellBytes+1 {
				val.Write(t)
			}
		}
	}
}

// cellValue resolves a cell's text by its type.
func (wb *workbook) cellValue(typ, v string, formula bool) cell {
	c := cell{xlsx: true, formula: formula}
	switch typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err == nil && i >= 0 && i < len(wb.strings) {
			c.text = wb.strings[i]
		}
	case "b":
		c.text = map[string]string{"1": "TRUE", "0": "FALSE"}[v]
	case "e":
		c.text, c.formula = v, true // an error value (#DIV/0!) is a formula's result
	default:
		c.text = v
	}
	return c
}
