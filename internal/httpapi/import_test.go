package httpapi_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// multipartFile is a multipart/form-data body with one file field.
func multipartFile(name, content string) (string, string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	w, _ := mw.CreateFormFile(name, "history.csv")
	_, _ = w.Write([]byte(content))
	_ = mw.Close()
	return b.String(), mw.FormDataContentType()
}

// importUpload is a one-review file for the access matrix.
var importUpload, importUploadType = multipartFile("file",
	"site_path,scale,review_type,visit_start,visit_end,O6\nR01/4601/4601-1,se-fidelity@2008,external,2024-03-18,2024-03-19,4\n")

// awaitImport polls the job until it is no longer running.
func awaitImport(e *env, location string, headers ...string) map[string]any {
	e.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		job := e.do("GET", location, nil, headers...).want(http.StatusOK).obj()
		if job["status"] != "running" {
			return job
		}
		time.Sleep(20 * time.Millisecond)
	}
	e.t.Fatalf("import %s still running", location)
	return nil
}

// completeWide is a wide file of one finalised review with every item of
// se-fidelity@2008 at 4.
func completeWide(t *testing.T, sep string) string {
	t.Helper()
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	sc, _ := cat.Get("se-fidelity", "2008")
	head := []string{"site_path", "scale", "review_type", "visit_start", "visit_end", "total"}
	row := []string{"R01/4601/4601-1", "se-fidelity@2008", "external", "18.03.2024", "19.03.2024", "100"}
	for _, it := range sc.Items {
		head, row = append(head, it.ID), append(row, "4")
	}
	return strings.Join(head, sep) + "\n" + strings.Join(row, sep) + "\n"
}

// A lead uploads a file, reads the dry run's report with the errors named
// by row, column, value and reason (in Norwegian on request), uploads the
// corrected file and commits it; a second commit is a conflict.
func TestImportOverHTTP(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		bad := "site_path;scale;review_type;visit_start;visit_end;total;O6\n" +
			"R01/4601/4601-1;se-fidelity@2008;external;18.03.2024;19.03.2024;;9\n"
		body, media := multipartFile("file", bad)
		r := e.do("POST", "/v1/imports?create_sites=true", body, "Content-Type", media).want(http.StatusAccepted)
		loc := r.Header.Get("Location")
		job := awaitImport(e, loc+"?lang=nb")
		rep := job["report"].(map[string]any)
		errs := rep["errors"].([]any)
		if job["status"] != "done" || rep["committed"] != false || len(errs) != 1 {
			t.Fatalf("dry run: %v", job)
		}
		first := errs[0].(map[string]any)
		if first["row"] != 2.0 || first["column"] != "O6" || first["value"] != "9" || first["reason"] != "må være mellom 1 og 5" {
			t.Fatalf("row error %v", first)
		}
		e.do("POST", loc+"/commit", nil).problem(http.StatusConflict)

		good := completeWide(t, ";")
		body, media = multipartFile("file", good)
		loc = e.do("POST", "/v1/imports?create_sites=true", body, "Content-Type", media).want(http.StatusAccepted).Header.Get("Location")
		if job = awaitImport(e, loc); job["report"].(map[string]any)["summary"].(map[string]any)["sites_created"] != 3.0 {
			t.Fatalf("dry run: %v", job)
		}
		if n := len(e.do("GET", "/v1/sites", nil).want(http.StatusOK).obj()["items"].([]any)); n != 0 {
			t.Fatalf("the dry run wrote %d sites", n)
		}
		e.do("POST", loc+"/commit", nil).want(http.StatusAccepted)
		job = awaitImport(e, loc)
		if job["commit"] != true || job["report"].(map[string]any)["committed"] != true {
			t.Fatalf("commit: %v", job)
		}
		if n := len(e.do("GET", "/v1/sites", nil).want(http.StatusOK).obj()["items"].([]any)); n != 3 {
			t.Fatalf("the commit wrote %d sites", n)
		}
		e.do("POST", loc+"/commit", nil).problem(http.StatusConflict)
	})
}

// Hostile uploads end as a failed job or a problem, never a 5xx.
func TestImportHostileUploads(t *testing.T) {
	e := newEnvOn(t, storetest.SQLite(t))
	body, media := multipartFile("file", "PK\x03\x04 this is no workbook")
	loc := e.do("POST", "/v1/imports", body, "Content-Type", media).want(http.StatusAccepted).Header.Get("Location")
	job := awaitImport(e, loc)
	if job["status"] != "failed" || job["error"].(map[string]any)["status"] != 400.0 {
		t.Fatalf("not a workbook: %v", job)
	}
	body, media = multipartFile("other", "x")
	e.do("POST", "/v1/imports", body, "Content-Type", media).problem(http.StatusBadRequest)
	e.do("POST", "/v1/imports", "--x--", "Content-Type", "multipart/form-data").problem(http.StatusBadRequest)
	e.do("POST", "/v1/imports", `{"file":"x"}`).problem(http.StatusUnsupportedMediaType)
}

// A corrected spreadsheet uploaded with a correction reason: the dry run
// lists the consensus score it will correct, the commit records it as a
// correction of the review; a reason longer than a correction's own is
// refused naming the parameter.
func TestImportCorrectionsOverHTTP(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		body, media := multipartFile("file", completeWide(t, ";"))
		loc := e.do("POST", "/v1/imports?create_sites=true", body, "Content-Type", media).want(http.StatusAccepted).Header.Get("Location")
		awaitImport(e, loc)
		e.do("POST", loc+"/commit", nil).want(http.StatusAccepted)
		awaitImport(e, loc)

		changed := strings.Replace(completeWide(t, ";"), ";100;4;", ";101;5;", 1)
		if changed == completeWide(t, ";") {
			t.Fatal("the first item was not changed")
		}
		body, media = multipartFile("file", changed)
		loc = e.do("POST", "/v1/imports?correction_reason="+url.QueryEscape("Feilført ved første registrering"), body,
			"Content-Type", media).want(http.StatusAccepted).Header.Get("Location")
		job := awaitImport(e, loc)
		rep := job["report"].(map[string]any)
		corr := rep["corrections"].([]any)
		if job["correction_reason"] != "Feilført ved første registrering" || len(rep["errors"].([]any)) != 0 || len(corr) != 1 ||
			corr[0].(map[string]any)["before"] != 4.0 || corr[0].(map[string]any)["after"] != 5.0 {
			t.Fatalf("dry run: %v", job)
		}
		review := corr[0].(map[string]any)["review_id"].(string)
		e.do("POST", loc+"/commit", nil).want(http.StatusAccepted)
		if job = awaitImport(e, loc); job["report"].(map[string]any)["summary"].(map[string]any)["items_corrected"] != 1.0 {
			t.Fatalf("commit: %v", job)
		}
		list := e.do("GET", "/v1/reviews/"+review+"/corrections", nil).want(http.StatusOK).obj()["items"].([]any)
		if len(list) != 1 || list[0].(map[string]any)["reason"] != "Feilført ved første registrering" {
			t.Fatalf("corrections: %v", list)
		}

		body, media = multipartFile("file", changed)
		p := e.do("POST", "/v1/imports?correction_reason="+strings.Repeat("x", 2001), body, "Content-Type", media).problem(http.StatusBadRequest)
		if !strings.Contains(fieldErrors(p), "correction_reason") {
			t.Fatalf("too long a reason: %v", p)
		}
	})
}
