package export

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func openTemplate(t *testing.T, lang string) *excelize.File {
	t.Helper()
	_, sc := seFidelity(t)
	var b bytes.Buffer
	if err := WriteTemplate(&b, sc, lang); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// The data sheet starts with exactly the wide export's header, so the
// importer reads a filled template as it reads a wide export; the extra
// columns are the importer's site_path and ITEM.input columns.
func TestTemplateHeaderIsTheWideExportHeader(t *testing.T) {
	_, sc := seFidelity(t)
	f := openTemplate(t, "nb")
	rows, err := f.GetRows(TemplateDataSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("the data sheet has %d rows, want the header alone (no label row)", len(rows))
	}
	wide := WideColumns(sc)
	if !slices.Equal(rows[0][:len(wide)], wide) {
		t.Fatalf("header %v does not start with the wide export's %v", rows[0], wide)
	}
	extra := rows[0][len(wide):]
	if extra[0] != TemplateSitePath || !slices.Contains(extra, "S1.active_clients") || !slices.Contains(extra, "S1.specialist_fte") {
		t.Fatalf("extra columns %v", extra)
	}
	for _, col := range extra[1:] {
		item, _, ok := strings.Cut(col, ".")
		if !ok || !slices.Contains(wide, item) {
			t.Errorf("extra column %s names no item of the scale", col)
		}
	}
	if got := f.GetSheetList(); !slices.Equal(got, []string{TemplateDataSheet, TemplateCodebookSheet, TemplateInstructionsSheet}) {
		t.Fatalf("sheets %v", got)
	}
}

// Scores and enumerations are drop-down lists, dates are dates, measured
// inputs and the total are numbers in their range, and every column shows
// its label in the chosen language when selected.
func TestTemplateValidatesEveryColumn(t *testing.T) {
	_, sc := seFidelity(t)
	f := openTemplate(t, "nb")
	dvs, err := f.GetDataValidations(TemplateDataSheet)
	if err != nil {
		t.Fatal(err)
	}
	cols := TemplateColumns(sc)
	if len(dvs) != len(cols) {
		t.Fatalf("%d validations for %d columns", len(dvs), len(cols))
	}
	byColumn := map[string]*excelize.DataValidation{}
	for i, dv := range dvs {
		if !strings.HasSuffix(dv.Sqref, "5001") || !strings.Contains(dv.Sqref, "2:") {
			t.Errorf("validation %d covers %s, want rows 2–5001", i, dv.Sqref)
		}
		col, _, _ := strings.Cut(dv.Sqref, "2:")
		n, _ := excelize.ColumnNameToNumber(col)
		byColumn[cols[n-1]] = dv
		if dv.Prompt == nil || *dv.Prompt == "" {
			t.Errorf("column %s shows no prompt", cols[n-1])
		}
	}
	want := map[string][2]string{
		"S1": {"list", `"1,2,3,4,5"`}, "Sv14": {"list", `"1,2,3,4,5"`},
		"review_type": {"list", `"external,self,remote"`}, "review_status": {"list", `"planned,in_progress,consensus,finalised"`},
		"band": {"list", `"not_se,fair,good,exemplary"`}, "scale": {"list", `"se-fidelity"`},
		"visit_start": {"date", ""}, "total": {"decimal", "25"}, "S1.active_clients": {"decimal", "0"},
	}
	for col, w := range want {
		dv := byColumn[col]
		if dv == nil || dv.Type != w[0] || w[1] != "" && dv.Formula1 != w[1] {
			t.Errorf("%s: validation %+v, want %s %s", col, dv, w[0], w[1])
		}
	}
	if p := *byColumn["S1"].Prompt; !strings.Contains(p, "Størrelse på portefølje") {
		t.Errorf("S1's prompt is not in Norwegian: %q", p)
	}
}

// The codebook sheet describes every data column in the chosen language.
func TestTemplateCodebookDescribesEveryColumn(t *testing.T) {
	_, sc := seFidelity(t)
	for lang, heading := range map[string]string{"en": "variable", "nb": "variabel"} {
		f := openTemplate(t, lang)
		rows, err := f.GetRows(TemplateCodebookSheet)
		if err != nil {
			t.Fatal(err)
		}
		if rows[0][0] != heading || len(rows) != len(TemplateColumns(sc))+1 {
			t.Fatalf("%s codebook: heading %v, %d rows", lang, rows[0], len(rows))
		}
		for i, col := range TemplateColumns(sc) {
			if rows[i+1][0] != col || len(rows[i+1]) < 2 || rows[i+1][1] == "" {
				t.Errorf("%s codebook row %d: %v, want %s with a label", lang, i+2, rows[i+1], col)
			}
		}
		unit := map[string]string{"en": "full-time equivalents", "nb": "årsverk"}[lang]
		for _, row := range rows {
			if row[0] == "S1.specialist_fte" && (len(row) < 4 || row[3] != unit || row[2] != "> 0") {
				t.Errorf("%s codebook row of S1.specialist_fte: %q, want unit %q and range > 0", lang, row, unit)
			}
		}
		instr, _ := f.GetRows(TemplateInstructionsSheet)
		if len(instr) < 5 || !strings.Contains(instr[0][0], sc.Ref()) {
			t.Errorf("%s instructions: %v", lang, instr)
		}
	}
}
