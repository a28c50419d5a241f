package importer

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// collect reads a file and returns its rows and row errors.
func collect(t testing.TB, data []byte, lim Limits) ([]Row, []RowError, error) {
	t.Helper()
	var rows []Row
	var errs []RowError
	err := Read(bytes.NewReader(data), lim, Handler{
		Row:   func(r Row) error { rows = append(rows, r); return nil },
		Error: func(e RowError) error { errs = append(errs, e); return nil },
	})
	return rows, errs, err
}

const longCSV = `review_id,site_id,site_code,site_name,scale,scale_version,review_type,review_status,visit_start,visit_end,rater,rater_name,item,section,score
r1,s1,4601-1,IPS-team Bergenhus,se-fidelity,2008,external,finalised,2024-03-18,2024-03-19,consensus,,O6,organization,4
r1,s1,4601-1,'=HYPERLINK(x),se-fidelity,2008,external,finalised,2024-03-18,2024-03-19,ada@example.no,Ada Holm,O6,organization,
`

func TestTheLongExportIsReadRowByRow(t *testing.T) {
	rows, errs, err := collect(t, []byte(longCSV), DefaultLimits())
	if err != nil || len(errs) > 0 {
		t.Fatalf("err %v, row errors %v", err, errs)
	}
	if len(rows) != 2 || rows[0].Format != FormatLong || rows[0].Line != 2 {
		t.Fatalf("rows %+v", rows)
	}
	r := rows[0]
	if r.SiteCode != "4601-1" || r.Scale != "se-fidelity" || r.Rater != "consensus" ||
		r.VisitStart.Format("2006-01-02") != "2024-03-18" || len(r.Items) != 1 || *r.Items[0].Score != 4 {
		t.Fatalf("row %+v", r)
	}
	// The export's formula guard is undone; an empty score is an unrated item.
	if rows[1].SiteName != "=HYPERLINK(x)" || rows[1].Items[0].Score != nil {
		t.Fatalf("second row %+v", rows[1])
	}
}

// Norwegian Excel saves CSV with a byte-order mark, semicolons and decimal
// commas, and dates as dd.mm.yyyy.
func TestNorwegianExcelCSVReadsTheSame(t *testing.T) {
	in := "\ufeffsite_path;scale;review_type;visit_start;visit_end;total;O6;S1.active_clients;S1.specialist_fte;O2.elements\n" +
		"R01/4601/4601-1;se-fidelity@2008;external;18.03.2024;19.03.2024;97,5;4;38;1,5;a|b|c\n"
	rows, errs, err := collect(t, []byte(in), DefaultLimits())
	if err != nil || len(errs) > 0 {
		t.Fatalf("err %v, row errors %v", err, errs)
	}
	r := rows[0]
	if r.Format != FormatWide || r.SitePath != "R01/4601/4601-1" || *r.Total != 97.5 || r.VisitEnd.Day() != 19 {
		t.Fatalf("row %+v", r)
	}
	got := map[string]ItemCell{}
	for _, c := range r.Items {
		got[c.Item] = c
	}
	if *got["O6"].Score != 4 || got["S1"].Values["specialist_fte"] != 1.5 || got["S1"].Values["active_clients"] != 38 ||
		strings.Join(got["O2"].Elements, ",") != "a,b,c" {
		t.Fatalf("items %+v", got)
	}
}

func TestBadCellsAreNamedBySheetRowColumnAndValue(t *testing.T) {
	in := "site_code,scale,review_type,visit_start,visit_end,total,O6,O7\n" +
		"A,se-fidelity@2008,external,2024-03-18,2024-13-40,=SUM(G2:H2),4.5,\xff\n" +
		"B,se-fidelity@2008,external,2024-03-18,2024-03-18,x,4,3\n"
	rows, errs, err := collect(t, []byte(in), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := []RowError{
		{Row: 2, Column: "visit_end", Value: "2024-13-40", Reason: "must be a date such as 2024-03-18 or 18.03.2024"},
		{Row: 2, Column: "total", Value: "=SUM(G2:H2)", Reason: "is a formula; formulas are never evaluated: enter the value itself"},
		{Row: 2, Column: "O6", Value: "4.5", Reason: "must be a whole number"},
		{Row: 2, Column: "O7", Value: "\uFFFD", Reason: "is not valid UTF-8 text"},
		{Row: 3, Column: "total", Value: "x", Reason: "must be a number"},
	}
	if len(errs) != len(want) {
		t.Fatalf("errors %+v", errs)
	}
	for i := range want {
		if errs[i] != want[i] {
			t.Errorf("error %d: %+v, want %+v", i, errs[i], want[i])
		}
	}
	if len(rows) != 0 {
		t.Fatalf("a row with errors was passed on: %+v", rows)
	}
}

func TestHeaderProblemsStopTheFile(t *testing.T) {
	for name, in := range map[string]string{
		"no site":        "scale,review_type,visit_start,visit_end,O6\n",
		"half long":      "site_code,scale,review_type,visit_start,visit_end,item\n",
		"strange":        "site_code,scale,review_type,visit_start,visit_end,O6,what is this?\n",
		"twice":          "site_code,site_code,scale,review_type,visit_start,visit_end,O6\n",
		"no item":        "site_code,scale,review_type,visit_start,visit_end\n",
		"long, no rater": "site_code,scale,review_type,visit_start,visit_end,item,score\n",
	} {
		_, errs, err := collect(t, []byte(in+"x,y,z\n"), DefaultLimits())
		if err != nil || len(errs) == 0 || errs[0].Row != 1 {
			t.Errorf("%s: err %v, errors %+v", name, err, errs)
		}
	}
}

func TestEmptyRowsEndTheData(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("site_code,scale,review_type,visit_start,visit_end,O6\n")
	b.WriteString("A,se-fidelity@2008,external,2024-03-18,2024-03-18,4\n")
	for range 1_000_000 {
		b.WriteString(",,,,,\n")
	}
	b.WriteString("B,se-fidelity@2008,external,2024-03-18,2024-03-18,4\n")
	rows, errs, err := collect(t, b.Bytes(), DefaultLimits())
	if err != nil || len(errs) > 0 || len(rows) != 1 {
		t.Fatalf("rows %d, errors %v, err %v", len(rows), errs, err)
	}
}

func TestLimitsStopHostileFiles(t *testing.T) {
	lim := DefaultLimits()
	lim.MaxRows = 3
	var b bytes.Buffer
	b.WriteString("site_code,scale,review_type,visit_start,visit_end,O6\n")
	for range 5 {
		b.WriteString("A,se-fidelity@2008,external,2024-03-18,2024-03-18,4\n")
	}
	_, _, err := collect(t, b.Bytes(), lim)
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Fatalf("too many rows: %v", err)
	}
	lim = DefaultLimits()
	lim.MaxErrors = 2
	_, errs, err := collect(t, []byte(strings.Replace(b.String(), ",4\n", ",x\n", -1)), lim)
	if !errors.Is(err, ErrTooManyErrors) || len(errs) != 2 {
		t.Fatalf("too many errors: %v, %d", err, len(errs))
	}
	for name, in := range map[string]string{"empty": "", "quote": "a,\"b\nc", "zip junk": "PK\x03\x04junk"} {
		if _, _, err := collect(t, []byte(in), DefaultLimits()); !errors.As(err, &fe) {
			t.Errorf("%s: %v, want a file error", name, err)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(longCSV))
	f.Add([]byte("site_path;scale;review_type;visit_start;visit_end;total;O6;S1.x;O2.elements\nR;s;external;18.03.2024;19.03.2024;97,5;4;1,5;a|b\n"))
	f.Add([]byte("PK\x03\x04"))
	lim := DefaultLimits()
	lim.MaxUnzipped = 1 << 20
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = Read(bytes.NewReader(data), lim, Handler{
			Row: func(r Row) error {
				if r.Line < 2 {
					t.Fatalf("data row %d", r.Line)
				}
				return nil
			},
			Error: func(RowError) error { return nil },
		})
	})
}

// A spreadsheet made for reading names its columns by the codebook's
// labels, in Norwegian or English: it reads as the same file with the
// column names.
func TestHeadersMayBeTheCodebookLabels(t *testing.T) {
	byName := "site_path;scale;review_type;review_status;visit_start;visit_end;total;O6\n" +
		"R01/4601/4601-1;se-fidelity@2008;external;finalised;18.03.2024;19.03.2024;4;4\n"
	nb := "Enhetssti (koder ovenfra);Skala-id;Type gjennomgang;Status;Første besøksdag;Siste besøksdag;Konsensus totalskår;O6\n" +
		"R01/4601/4601-1;se-fidelity@2008;external;finalised;18.03.2024;19.03.2024;4;4\n"
	en := "Site path (codes from the top),Scale id,Review type,Review status,First day of the visit,Last day of the visit,Consensus total (sum of items),O6\n" +
		"R01/4601/4601-1,se-fidelity@2008,external,finalised,18.03.2024,19.03.2024,4,4\n"
	want, errs, err := collect(t, []byte(byName), DefaultLimits())
	if err != nil || len(errs) > 0 || len(want) != 1 {
		t.Fatalf("by name: %v %v", errs, err)
	}
	for lang, in := range map[string]string{"nb": nb, "en": en} {
		rows, errs, err := collect(t, []byte(in), DefaultLimits())
		if err != nil || len(errs) > 0 || len(rows) != 1 {
			t.Fatalf("%s: %v %v", lang, errs, err)
		}
		r, w := rows[0], want[0]
		if r.SitePath != w.SitePath || r.Scale != w.Scale || r.Type != w.Type || r.Status != w.Status ||
			!r.VisitStart.Equal(w.VisitStart) || !r.VisitEnd.Equal(w.VisitEnd) || r.Total == nil || *r.Total != *w.Total ||
			len(r.Items) != 1 || *r.Items[0].Score != 4 {
			t.Fatalf("%s: %+v, want %+v", lang, r, w)
		}
	}
	// A label given beside its column name is the column twice.
	_, errs, _ = collect(t, []byte("site_path;Enhetssti (koder ovenfra);scale;review_type;visit_start;visit_end;O6\n"), DefaultLimits())
	if len(errs) == 0 || errs[0].Reason != "the column is there twice" || errs[0].Column != "B" {
		t.Fatalf("duplicate: %+v", errs)
	}
}
