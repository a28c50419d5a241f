package httpapi_test

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// After the evidence purge no answer of the API shows a note: not the
// audit log (JSON and CSV, whose redacted events carry redacted_at), not
// the ratings CSV, the workbook, the FHIR QuestionnaireResponses or the
// written report document. Before the purge the audit log and FHIR do
// show it, so the test would notice a purge that missed them.
func TestNoEvidenceTextAfterThePurge(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		w.e.t = t
		finaliseWorldReview(t, w)
		const note = "Per Hansen"
		base := "/v1/reviews/" + w.reviewA
		// A correction with a note, sent with an Idempotency-Key: its
		// answer is stored for replays.
		correct := func() resp {
			return w.as("lead", "POST", base+"/corrections", map[string]any{
				"item":   map[string]any{"item": "O6", "score": 5, "evidence": "Corrected after a call with Per Hansen"},
				"reason": "the first note was wrong"}, "If-Match", "*", "Idempotency-Key", "privacy-correction-1")
		}
		if !strings.Contains(string(correct().want(201).Body), note) {
			t.Fatal("the correction's answer should show its note before the purge")
		}
		below5 := []string{"S2", "S3", "O1", "O2", "O3", "O4", "O5", "O6", "O7", "O8",
			"Sv1", "Sv2", "Sv3", "Sv4", "Sv5", "Sv6", "Sv7", "Sv8", "Sv9", "Sv10", "Sv11", "Sv12", "Sv13", "Sv14"}
		w.as("rater", "PUT", base+"/report/narrative", map[string]any{"summary": "Tydelig framgang.", "items": itemTexts(below5, "Recommend")}).want(200)
		w.as("rater", "POST", base+"/report/issue", map[string]any{"to": "Leder Team Bergen", "on": "2026-10-30"}).want(200)
		w.as("rater", "POST", base+"/report/final", map[string]any{}).want(200)

		reads := map[string]string{
			"audit":          "/v1/audit?limit=500",
			"audit CSV":      "/v1/audit?limit=500&format=csv",
			"ratings CSV":    "/v1/exports/ratings.csv",
			"workbook":       "/v1/exports/workbook.xlsx",
			"FHIR consensus": base + "/fhir",
			"FHIR rater":     base + "/fhir?rater=" + w.r1,
			"report":         base + "/report?format=html",
		}
		read := func(what string) string {
			body := w.as("admin", "GET", reads[what], nil).want(200).Body
			if what == "workbook" {
				return unzipText(t, body)
			}
			return string(body)
		}
		for _, what := range []string{"audit", "FHIR consensus", "FHIR rater"} {
			if !strings.Contains(read(what), note) {
				t.Fatalf("the scenario needs the note in the %s before the purge", what)
			}
		}
		w.as("lead", "POST", base+"/evidence/purge", nil).want(200)
		if strings.Contains(string(correct().want(201).Body), note) {
			t.Error("a replay of the correction hands the note back after the purge")
		}
		for what := range reads {
			if strings.Contains(read(what), note) {
				t.Errorf("the %s shows evidence text after the purge", what)
			}
		}
		var audit struct {
			Items []struct {
				Action     string  `json:"action"`
				ResourceID string  `json:"resource_id"`
				RedactedAt *string `json:"redacted_at"`
			} `json:"items"`
		}
		w.as("admin", "GET", "/v1/audit?limit=500", nil).want(200).json(&audit)
		redacted := map[string]int{}
		for _, e := range audit.Items {
			if e.RedactedAt != nil {
				redacted[e.Action]++
			}
		}
		if redacted["rating.submit"] != 2 || redacted["consensus.save"] == 0 || redacted["review.correct"] != 1 {
			t.Errorf("redacted events by action: %v", redacted)
		}
		if !strings.Contains(read("audit CSV"), ",redacted_at") {
			t.Error("the audit CSV has no redacted_at column")
		}
	})
}

// unzipText concatenates the files of an XLSX (a zip), so that a text
// search sees the cells.
func unzipText(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		sb.Write(data)
	}
	return sb.String()
}
