package httpapi_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

var (
	fhirSchemaOnce sync.Once
	fhirSchema     *jsonschema.Schema
	fhirSchemaErr  error
)

// validFHIR checks an answer against HL7's FHIR R4 JSON Schema, vendored
// in internal/fhir/testdata (see its README).
func validFHIR(t *testing.T, r resp) map[string]any {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/fhir+json") {
		t.Fatalf("content type %q, want application/fhir+json", ct)
	}
	fhirSchemaOnce.Do(func() {
		f, err := os.Open("../fhir/testdata/fhir.schema.json")
		if err != nil {
			fhirSchemaErr = err
			return
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			fhirSchemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		if fhirSchemaErr = c.AddResource("fhir.schema.json", doc); fhirSchemaErr == nil {
			fhirSchema, fhirSchemaErr = c.Compile("fhir.schema.json")
		}
	})
	if fhirSchemaErr != nil {
		t.Fatal(fhirSchemaErr)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	if err := fhirSchema.Validate(doc); err != nil {
		t.Fatalf("not valid FHIR R4: %v\n%.1500s", err, r.Body)
	}
	return r.obj()
}

const fhirJSON = "application/fhir+json"

// scorecardOf reads a rating set's computed scorecard as JSON.
func scorecardOf(e *env, path string) string {
	e.t.Helper()
	var rs struct {
		Scorecard json.RawMessage `json:"scorecard"`
	}
	e.do("GET", path, nil).want(http.StatusOK).json(&rs)
	return string(rs.Scorecard)
}

// A rater's set and the consensus leave as FHIR QuestionnaireResponses and
// come back as another rater's set with the very same scorecard.
func TestFHIRQuestionnaireResponsesRoundTrip(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.setup()
		base := "/v1/reviews/" + f.review

		q := validFHIR(t, e.do("GET", "/v1/scales/se-fidelity@2008/fhir?lang=nb", nil).want(http.StatusOK))
		if q["url"] != "https://ipsfidelity.org/fhir/Questionnaire/se-fidelity" || q["version"] != "2008" || q["language"] != "nb" {
			t.Fatalf("questionnaire header: %v %v %v", q["url"], q["version"], q["language"])
		}
		validFHIR(t, e.do("GET", "/v1/scales/ips-15/fhir", nil).want(http.StatusOK))
		e.do("GET", "/v1/scales/no-such@1/fhir", nil).problem(http.StatusNotFound)

		// Rater A saves a draft; its export is in progress.
		e.do("PUT", base+"/ratings/"+f.raterA, map[string]any{"items": ratingsFor(t, baseTargets(), 1)}, "If-Match", `"v0"`).want(http.StatusOK)
		qrA := e.do("GET", base+"/fhir?rater="+f.raterA, nil).want(http.StatusOK)
		if validFHIR(t, qrA)["status"] != "in-progress" {
			t.Fatalf("a draft exports as %s", qrA.Body)
		}

		// Imported as rater B's set, completed: B submits with A's scorecard.
		completed := bytes.Replace(qrA.Body, []byte(`"status":"in-progress"`), []byte(`"status":"completed"`), 1)
		got := e.do("POST", base+"/ratings/"+f.raterB+"/fhir", completed, "If-Match", `"v0"`, "Content-Type", fhirJSON).want(http.StatusOK)
		if got.Header.Get("ETag") != `"v1"` || !strings.Contains(string(got.Body), `"submitted":true`) {
			t.Fatalf("the import did not submit: %s %s", got.Header.Get("ETag"), got.Body)
		}
		if a, b := scorecardOf(e, base+"/ratings/"+f.raterA), scorecardOf(e, base+"/ratings/"+f.raterB); a != b {
			t.Fatalf("the scorecard changed on the way through FHIR:\nA %s\nB %s", a, b)
		}
		// A submitted set is final, through FHIR as through PUT.
		e.do("POST", base+"/ratings/"+f.raterB+"/fhir", completed, "If-Match", "*", "Content-Type", fhirJSON).problem(http.StatusConflict)

		// The consensus does not exist before it is saved.
		e.do("GET", base+"/fhir", nil).problem(http.StatusNotFound)
		e.do("PUT", base+"/ratings/"+f.raterA, map[string]any{"items": ratingsFor(t, baseTargets(), 1), "submit": true}, "If-Match", "*").want(http.StatusOK)
		var draft struct {
			Items []map[string]any `json:"items"`
		}
		e.do("GET", base+"/consensus/draft", nil).want(http.StatusOK).json(&draft)
		e.do("PUT", base+"/consensus", map[string]any{"items": ratingsFor(t, baseTargets(), 3)}, "If-Match", `"v0"`).want(http.StatusOK)
		cons := e.do("GET", base+"/fhir?rater=consensus", nil).want(http.StatusOK)
		if c := validFHIR(t, cons); c["status"] != "in-progress" || c["author"] != nil {
			t.Fatalf("an open consensus exports as %s", cons.Body)
		}
		if def := e.do("GET", base+"/fhir", nil).want(http.StatusOK); !bytes.Equal(def.Body, cons.Body) {
			t.Fatal("without rater the consensus is not what is exported")
		}

		// The consensus comes back as a rater's set of another review of the
		// same scale, with the consensus' scorecard.
		other := e.create("/v1/reviews", map[string]any{
			"site_id": f.team, "scale": "se-fidelity@2008", "type": "external",
			"visit_start": "2027-04-01", "visit_end": "2027-04-02", "rater_ids": []string{f.raterA},
		})["id"].(string)
		e.do("POST", "/v1/reviews/"+other+"/ratings/"+f.raterA+"/fhir", cons.Body, "If-Match", `"v0"`, "Content-Type", fhirJSON).want(http.StatusOK)
		if a, b := scorecardOf(e, base+"/consensus"), scorecardOf(e, "/v1/reviews/"+other+"/ratings/"+f.raterA); a != b {
			t.Fatalf("the consensus scorecard changed on the way through FHIR:\n%s\n%s", a, b)
		}

		// A finalised review's consensus is completed.
		e.do("POST", base+"/finalize", nil, "If-Match", "*").want(http.StatusOK)
		if c := validFHIR(t, e.do("GET", base+"/fhir", nil).want(http.StatusOK)); c["status"] != "completed" {
			t.Fatalf("a finalised consensus exports as %v", c["status"])
		}
		// Unknown or unassigned raters are absent; a bad rater value is 400.
		e.do("GET", base+"/fhir?rater="+unknownID, nil).problem(http.StatusNotFound)
		p := e.do("GET", base+"/fhir?rater=everyone", nil).problem(http.StatusBadRequest)
		if !strings.Contains(fieldErrors(p), "rater: ") {
			t.Fatalf("the problem does not name rater: %v", p)
		}
	})
}

func qrBody(items string) string {
	return `{"resourceType":"QuestionnaireResponse","status":"in-progress",` +
		`"questionnaire":"https://ipsfidelity.org/fhir/Questionnaire/se-fidelity|2008","item":[` + items + `]}`
}

// Bad QuestionnaireResponses are 400 problem+json naming the linkId path
// and the reason, and change nothing.
func TestBadQuestionnaireResponsesAreRejectedAndChangeNothing(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.setup()
		path := "/v1/reviews/" + f.review + "/ratings/" + f.raterA + "/fhir"
		before := e.fingerprint(f)
		cases := []struct{ name, body, field, reason string }{
			{"no body", `null`, "(body)", "an object"},
			{"no resourceType", `{"status":"completed"}`, "resourceType", "is required"},
			{"another resource", `{"resourceType":"Patient","status":"completed"}`, "resourceType", "must be one of"},
			{"another questionnaire", strings.Replace(qrBody(``), "se-fidelity|2008", "ips-15|1996", 1), "questionnaire", "the questionnaire of this review's scale"},
			{"unknown linkId", qrBody(`{"linkId":"section.staffing","item":[{"linkId":"S1","item":[{"linkId":"S1.values.caseload","answer":[{"valueDecimal":20}]}]}]}`),
				"section.staffing/S1/S1.values.caseload", "is not a linkId"},
			{"score as a string", qrBody(`{"linkId":"O6","item":[{"linkId":"O6.score","answer":[{"valueString":"4"}]}]}`),
				"O6/O6.score", "must be answered with valueCoding, not valueString"},
			{"score out of range", qrBody(`{"linkId":"O6.score","answer":[{"valueCoding":{"code":"7"}}]}`),
				"O6.score.valueCoding.code", "must be one of 1, 2, 3, 4, 5"},
			{"a rule's range, from the engine", qrBody(`{"linkId":"S1","item":[{"linkId":"S1.values.active_clients","answer":[{"valueDecimal":38}]},{"linkId":"S1.values.specialist_fte","answer":[{"valueDecimal":0}]}]}`),
				"S1/S1.values.specialist_fte", ""},
			{"incomplete submission", strings.Replace(qrBody(`{"linkId":"O6.score","answer":[{"valueCoding":{"code":"4"}}]}`), "in-progress", "completed", 1),
				"items", ""},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				e.t = t
				p := e.do("POST", path, c.body, "If-Match", "*", "Content-Type", fhirJSON).problem(http.StatusBadRequest)
				for _, line := range strings.Split(fieldErrors(p), "\n") {
					if strings.HasPrefix(line, c.field+": ") && strings.Contains(line, c.reason) {
						return
					}
				}
				t.Fatalf("errors %q do not name %q with %q", fieldErrors(p), c.field, c.reason)
			})
		}
		e.t = t
		e.do("POST", path, qrBody(``), "Content-Type", fhirJSON).problem(http.StatusPreconditionRequired)
		e.do("POST", path, qrBody(``), "If-Match", `"v7"`, "Content-Type", fhirJSON).problem(http.StatusPreconditionFailed)
		e.do("POST", path, qrBody(``), "If-Match", "*", "Content-Type", "application/xml").problem(http.StatusUnsupportedMediaType)
		if after := e.fingerprint(f); after != before {
			t.Fatalf("a rejected QuestionnaireResponse changed the data")
		}
		// Plain application/json is accepted too.
		e.do("POST", path, qrBody(`{"linkId":"O6.score","answer":[{"valueCoding":{"code":"4"}}]}`), "If-Match", "*").want(http.StatusOK)
	})
}

// Importing a QuestionnaireResponse is one service call in one
// transaction: it costs the statements the JSON PUT of the same set
// costs (it read the review and its scale in requests of their own
// before the save).
func TestFHIRImportCostsWhatThePutCosts(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.setup()
		base := "/v1/reviews/" + f.review + "/ratings/" + f.raterA
		body := map[string]any{"items": ratingsFor(t, baseTargets(), 1)}
		e.do("PUT", base, body, "If-Match", `"v0"`).want(http.StatusOK)
		qr := e.do("GET", "/v1/reviews/"+f.review+"/fhir?rater="+f.raterA, nil).want(http.StatusOK)

		before := e.store.Statements()
		e.do("PUT", base, body, "If-Match", "*").want(http.StatusOK)
		put := e.store.Statements() - before
		before = e.store.Statements()
		e.do("POST", base+"/fhir", qr.Body, "If-Match", "*", "Content-Type", fhirJSON).want(http.StatusOK)
		imported := e.store.Statements() - before
		t.Logf("PUT %d statements, FHIR import %d", put, imported)
		if imported > put {
			t.Errorf("the FHIR import cost %d statements, the PUT of the same set %d", imported, put)
		}
	})
}
