package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"testing"

	"github.com/xuri/excelize/v2"
)

// workbookWith builds an XLSX file: an instructions sheet, a wide data
// sheet named "data" with the given rows after the header, a codebook.
func workbookWith(t *testing.T, rows [][]any, edit func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	_ = f.SetSheetName("Sheet1", "instructions")
	_ = f.SetCellValue("instructions", "A1", "Fill in one row per review.")
	if _, err := f.NewSheet("data"); err != nil {
		t.Fatal(err)
	}
	header := []any{"site_path", "scale", "review_type", "visit_start", "visit_end", "total", "O6", "O7"}
	_ = f.SetSheetRow("data", "A1", &header)
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		_ = f.SetSheetRow("data", cell, &r)
	}
	if _, err := f.NewSheet("codebook"); err != nil {
		t.Fatal(err)
	}
	_ = f.SetSheetRow("codebook", "A1", &[]any{"variable", "label_en", "label_nb"})
	if edit != nil {
		edit(f)
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestTheTemplateWorkbookIsReadFromItsDataSheet(t *testing.T) {
	data := workbookWith(t, [][]any{
		{"R01/4601/4601-1", "se-fidelity@2008", "external", "2024-03-18", "2024-03-19", 8.5, 4, 5},
		{"R01/4601/4601-2", "se-fidelity@2008", "self", 45369, 45370, nil, 3, nil}, // dates as Excel serials
	}, nil)
	rows, errs, err := collect(t, data, DefaultLimits())
	if err != nil || len(errs) > 0 || len(rows) != 2 {
		t.Fatalf("rows %d, errors %+v, err %v", len(rows), errs, err)
	}
	if rows[0].Sheet != "data" || rows[0].Line != 2 || *rows[0].Total != 8.5 || len(rows[0].Items) != 2 {
		t.Fatalf("row %+v", rows[0])
	}
	if got := rows[1].VisitStart.Format("2006-01-02"); got != "2024-03-18" || len(rows[1].Items) != 1 {
		t.Fatalf("serial date read as %s; items %+v", got, rows[1].Items)
	}
}

func TestFormulasAndMergedCellsAreRowErrors(t *testing.T) {
	data := workbookWith(t, [][]any{
		{"R01/1", "se-fidelity@2008", "external", "2024-03-18", "2024-03-19", nil, 4, 5},
		{"R01/2", "se-fidelity@2008", "external", "2024-03-18", "2024-03-19", nil, 4, 5},
		{"R01/3", "se-fidelity@2008", "external", "2024-03-18", "2024-03-19", nil, 4, 5},
	}, func(f *excelize.File) {
		_ = f.SetCellFormula("data", "F2", "=G2+H2")
		_ = f.MergeCell("data", "A3", "A4")
	})
	rows, errs, err := collect(t, data, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 0 || len(errs) != 3 {
		t.Fatalf("rows %+v errors %+v", rows, errs)
	}
	if e := errs[0]; e.Sheet != "data" || e.Row != 2 || e.Column != "total" || e.Reason != "is a formula; formulas are never evaluated: enter the value itself" {
		t.Errorf("formula: %+v", e)
	}
	if e := errs[1]; e.Row != 3 || e.Column != "A3:A4" {
		t.Errorf("merged: %+v", e)
	}
}

// A workbook whose sheet inflates far beyond the limit is refused while
// inflating, whatever sizes the archive declares.
func TestAZipBombIsRefused(t *testing.T) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	put := func(name, body string) {
		w, _ := zw.Create(name)
		_, _ = w.Write([]byte(body))
	}
	put("xl/workbook.xml", `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	put("xl/_rels/workbook.xml.rels", `<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	_, _ = w.Write([]byte(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`))
	pad := bytes.Repeat([]byte("A"), 1<<20)
	for range 64 {
		_, _ = w.Write(pad)
	}
	_, _ = w.Write([]byte(`</t></is></c></row></sheetData></worksheet>`))
	_ = zw.Close()
	if b.Len() > 1<<20 {
		t.Fatalf("the bomb is %d bytes compressed", b.Len())
	}
	lim := DefaultLimits()
	lim.MaxUnzipped = 16 << 20
	_, _, err := collect(t, b.Bytes(), lim)
	var fe *FileError
	if !errors.As(err, &fe) || fe != errTooLarge {
		t.Fatalf("zip bomb: %v", err)
	}
}

func TestAWorkbookWithoutDataIsAFileError(t *testing.T) {
	f := excelize.NewFile()
	_ = f.SetCellValue("Sheet1", "A1", "hello")
	var b bytes.Buffer
	_, _ = f.WriteTo(&b)
	_, _, err := collect(t, b.Bytes(), DefaultLimits())
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Fatalf("%v", err)
	}
}
