package httpapi_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/scoring"
)

// templateReview is one review a lead types into the import template:
// every item scored score, except S1, given by its measured inputs.
type templateReview struct {
	sitePath     string
	start, end   time.Time
	typ          string
	score        int
	clients, fte float64
}

// A lead downloads the import template of the SE Fidelity Scale, types two
// reviews into it (site by path, dates, type, item scores, and S1 by its
// measured inputs: clients and specialist FTE), and uploads it: the dry run
// finds nothing wrong, and the commit creates both reviews, scored by the
// scoring engine (S1 computed from the inputs).
func TestFilledImportTemplateImports(t *testing.T) {
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	sc, _ := cat.Get("se-fidelity", "2008")
	reviews := []templateReview{
		{"R01/4601/4601-1", day(2024, 3, 18), day(2024, 3, 19), "external", 4, 40, 2}, // 20 per FTE
		{"R01/4601/4601-2", day(2024, 9, 2), day(2024, 9, 3), "self", 3, 70, 2},       // 35 per FTE
	}
	want := map[string]float64{} // by visit start
	for _, rv := range reviews {
		want[rv.start.Format(time.DateOnly)] = engineTotal(t, sc, rv)
	}
	// 24 items at 4 and S1 at 5 (20 clients per FTE); 24 at 3 and S1 at 2
	// (35 per FTE): S1 comes from its inputs, not from the row's score.
	if want["2024-03-18"] != 101 || want["2024-09-02"] != 74 {
		t.Fatalf("engine totals %v", want)
	}
	eachDB(t, func(t *testing.T, e *env) {
		tmpl := e.do("GET", "/v1/scales/se-fidelity@2008/template.xlsx", nil).want(http.StatusOK)
		f, err := excelize.OpenReader(bytes.NewReader(tmpl.Body))
		if err != nil {
			t.Fatal(err)
		}
		header, err := f.GetRows("wide")
		if err != nil || len(header) != 1 {
			t.Fatalf("template rows %v (%v)", header, err)
		}
		for i, rv := range reviews {
			fillTemplateRow(t, f, header[0], i+2, sc, rv)
		}
		var filled bytes.Buffer
		if _, err := f.WriteTo(&filled); err != nil {
			t.Fatal(err)
		}
		f.Close()
		body, media := multipartXLSX(t, filled.Bytes())

		loc := e.do("POST", "/v1/imports?create_sites=true", body, "Content-Type", media).want(http.StatusAccepted).Header.Get("Location")
		job := awaitImport(e, loc)
		rep := job["report"].(map[string]any)
		if errs := rep["errors"].([]any); job["status"] != "done" || len(errs) != 0 || rep["committed"] != false {
			t.Fatalf("dry run: %v", job)
		}
		if sum := rep["summary"].(map[string]any); sum["reviews_created"] != 2.0 {
			t.Fatalf("dry run summary: %v", sum)
		}
		e.do("POST", loc+"/commit", nil).want(http.StatusAccepted)
		if job = awaitImport(e, loc); job["report"].(map[string]any)["committed"] != true {
			t.Fatalf("commit: %v", job)
		}

		list := e.do("GET", "/v1/reviews", nil).want(http.StatusOK).obj()["items"].([]any)
		if len(list) != 2 {
			t.Fatalf("%d reviews after the commit, want 2", len(list))
		}
		for _, it := range list {
			rv := it.(map[string]any)
			start := rv["visit_start"].(string)
			if rv["total"] != want[start] || rv["status"] != "finalised" {
				t.Errorf("review of %s: total %v, status %v; want %v, finalised", start, rv["total"], rv["status"], want[start])
			}
		}
	})
}

// engineTotal is the total the scoring engine gives the review.
func engineTotal(t *testing.T, sc *scale.Scale, rv templateReview) float64 {
	t.Helper()
	var inputs []fidelity.ItemInput
	for _, it := range sc.Items {
		in := fidelity.ItemInput{ItemID: it.ID}
		if it.ID == "S1" {
			in.Values = map[string]float64{"active_clients": rv.clients, "specialist_fte": rv.fte}
		} else {
			in.Score = &rv.score
		}
		inputs = append(inputs, in)
	}
	card, err := scoring.Score(historicItems(sc), inputs)
	if err != nil || card.Total == nil {
		t.Fatalf("engine: %v (%+v)", err, card)
	}
	return *card.Total
}

// historicItems is sc with every item but S1 scored directly from its
// 1–5 score, as the importer reads a score given without its inputs.
func historicItems(sc *scale.Scale) *scale.Scale {
	cp := *sc
	cp.Items = slices.Clone(sc.Items)
	for i := range cp.Items {
		if cp.Items[i].ID != "S1" {
			cp.Items[i].Type, cp.Items[i].Rule, cp.Items[i].Specialist, cp.Items[i].Elements = scale.TypeOrdinal, nil, "", nil
		}
	}
	return &cp
}

// fillTemplateRow types review rv into row line of the data sheet, by
// the header's column names.
func fillTemplateRow(t *testing.T, f *excelize.File, header []string, line int, sc *scale.Scale, rv templateReview) {
	t.Helper()
	set := func(column string, v any) {
		i := slices.Index(header, column)
		if i < 0 {
			t.Fatalf("the template has no column %s", column)
		}
		cell, _ := excelize.CoordinatesToCellName(i+1, line)
		if err := f.SetCellValue("wide", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("site_path", rv.sitePath)
	set("scale", "se-fidelity")
	set("scale_version", "2008")
	set("review_type", rv.typ)
	set("visit_start", rv.start)
	set("visit_end", rv.end)
	for _, it := range sc.Items {
		if it.ID != "S1" {
			set(it.ID, rv.score)
		}
	}
	set("S1.active_clients", rv.clients)
	set("S1.specialist_fte", strconv.FormatFloat(rv.fte, 'f', -1, 64))
}

// multipartXLSX is a multipart/form-data body with the workbook as "file".
func multipartXLSX(t *testing.T, content []byte) (string, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	w, err := mw.CreateFormFile("file", "filled-template.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = w.Write(content)
	_ = mw.Close()
	return b.String(), mw.FormDataContentType()
}
