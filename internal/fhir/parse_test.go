package fhir_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fhir"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// response builds a QuestionnaireResponse of se-fidelity@2008 around items.
func response(items string) string {
	return `{"resourceType":"QuestionnaireResponse","status":"in-progress",
	"questionnaire":"https://ipsfidelity.org/fhir/Questionnaire/se-fidelity|2008","item":[` + items + `]}`
}

func TestAResponseFromAnSDCRendererImports(t *testing.T) {
	sc := seScale(t)
	// Flat (no section groups), decimal given as integer, as renderers do.
	got, err := fhir.ParseResponse([]byte(response(`
		{"linkId":"S1","item":[
			{"linkId":"S1.values.active_clients","answer":[{"valueInteger":38}]},
			{"linkId":"S1.values.specialist_fte","answer":[{"valueDecimal":2}]}]},
		{"linkId":"O6","item":[{"linkId":"O6.score","answer":[{"valueCoding":{"code":"4","display":"whatever"}}]},
			{"linkId":"O6.evidence"}]}`)), sc)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Items) != 2 || got.Items[0].Values["active_clients"] != 38 || got.Items[0].Values["specialist_fte"] != 2 ||
		*got.Items[1].Score != 4 || got.Submit {
		t.Errorf("got %+v", got)
	}
}

func TestBadResponsesNameTheLinkIdAndTheReason(t *testing.T) {
	sc := seScale(t)
	cases := []struct {
		name, body, field, reason string
	}{
		{"not JSON", `{`, "(body)", "malformed JSON"},
		{"another resource", `{"resourceType":"Patient"}`, "resourceType", "must be QuestionnaireResponse"},
		{"wrong questionnaire", strings.Replace(response(``), "se-fidelity|2008", "ips-15|1996", 1), "questionnaire", "the questionnaire of this review's scale"},
		{"no status", `{"resourceType":"QuestionnaireResponse","questionnaire":"https://ipsfidelity.org/fhir/Questionnaire/se-fidelity|2008"}`, "status", "is required"},
		{"no questionnaire", `{"resourceType":"QuestionnaireResponse","status":"completed"}`, "questionnaire", "not nothing"},
		{"status amended", strings.Replace(response(``), "in-progress", "amended", 1), "status", "in-progress (save) or completed (submit)"},
		{"unknown status", strings.Replace(response(``), "in-progress", "done", 1), "(body)", "unknown QuestionnaireResponseStatus"},
		{"unknown linkId", response(`{"linkId":"S1","item":[{"linkId":"S1.values.clients","answer":[{"valueDecimal":1}]}]}`),
			"S1/S1.values.clients", "is not a linkId"},
		{"score as integer", response(`{"linkId":"section.organization","item":[{"linkId":"O6","item":[{"linkId":"O6.score","answer":[{"valueInteger":4}]}]}]}`),
			"section.organization/O6/O6.score", "must be answered with valueCoding, not valueInteger"},
		{"score out of range", response(`{"linkId":"O6.score","answer":[{"valueCoding":{"code":"6"}}]}`),
			"O6.score.valueCoding.code", `must be one of 1, 2, 3, 4, 5, not "6"`},
		{"a score the rule decides", response(`{"linkId":"S1.score","answer":[{"valueCoding":{"code":"5"}}]}`),
			"S1.score", "is not a linkId"},
		{"a score the rule does not leave", response(`{"linkId":"S3.score","answer":[{"valueCoding":{"code":"4"}}]}`),
			"S3.score.valueCoding.code", `must be one of 1, 2, not "4"`},
		{"value as string", response(`{"linkId":"S1.values.active_clients","answer":[{"valueString":"38"}]}`),
			"S1.values.active_clients", "must be answered with valueDecimal, not valueString"},
		{"value of wrong JSON type", response(`{"linkId":"S1.values.active_clients","answer":[{"valueDecimal":"x"}]}`),
			"(body)", ""},
		{"two answers", response(`{"linkId":"O6.score","answer":[{"valueCoding":{"code":"4"}},{"valueCoding":{"code":"3"}}]}`),
			"O6.score", "takes one answer, not 2"},
		{"asked twice", response(`{"linkId":"O6.score","answer":[{"valueCoding":{"code":"4"}}]},{"linkId":"O6.score","answer":[{"valueCoding":{"code":"3"}}]}`),
			"O6.score", "appears twice"},
		{"element as string", response(`{"linkId":"O2.elements.a","answer":[{"valueString":"yes"}]}`),
			"O2.elements.a", "must be answered with valueBoolean"},
		{"answer on a group", response(`{"linkId":"O6","answer":[{"valueCoding":{"code":"4"}}]}`),
			"O6", "takes no answer"},
		{"specialist field outside its group", response(`{"linkId":"Sv7.specialists.score","answer":[{"valueCoding":{"code":"4"}}]}`),
			"Sv7.specialists.score", "belongs inside a Sv7.specialists group"},
		{"unknown choice", response(`{"linkId":"Sv6.choices.tracking","answer":[{"valueCoding":{"code":"daily"}}]}`),
			"Sv6.choices.tracking.valueCoding.code", `not "daily"`},
		{"empty answer", response(`{"linkId":"O6.score","answer":[{}]}`), "O6.score", "not an answer without a value"},
		{"modifier extension", response(`{"linkId":"O6.score","modifierExtension":[{"url":"http://example.org/x","valueBoolean":true}],"answer":[{"valueCoding":{"code":"4"}}]}`),
			"O6.score", "modifierExtension"},
		{"nested too deep", response(`{"linkId":"section.staffing","item":[{"linkId":"S1","item":[{"linkId":"section.staffing","item":[{"linkId":"S1","item":[{"linkId":"S1.score"}]}]}]}]}`),
			"section.staffing/S1/section.staffing/S1/S1.score", "nested deeper"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := fhir.ParseResponse([]byte(c.body), sc)
			if fidelity.KindOf(err) != fidelity.KindInvalid {
				t.Fatalf("want an invalid-input error, got %v", err)
			}
			var fe *fidelity.Error
			fe, _ = err.(*fidelity.Error)
			for _, f := range fe.Fields {
				if f.Field == c.field && strings.Contains(f.Reason, c.reason) {
					return
				}
			}
			t.Errorf("no field %q with %q in %v", c.field, c.reason, err)
		})
	}
}

func TestCompletedMeansSubmit(t *testing.T) {
	got, err := fhir.ParseResponse([]byte(strings.Replace(response(``), "in-progress", "completed", 1)), seScale(t))
	if err != nil || !got.Submit {
		t.Fatalf("a completed response is not a submission: %+v %v", got, err)
	}
}

// FuzzParseResponse: no input panics or fails with anything but invalid
// input, and whatever is accepted exports again and reads back the same.
func FuzzParseResponse(f *testing.F) {
	sc := seScale(f)
	// Small seeds of each kind of answer: the fuzzer minimises every
	// interesting input, which stalls it on a whole exported review (the
	// round trip of those is TestEveryScaleAndLevelRoundTrips).
	f.Add([]byte(response(`{"linkId":"S1","item":[{"linkId":"S1.values.active_clients","answer":[{"valueDecimal":38}]}]}`)))
	f.Add([]byte(response(`{"linkId":"Sv6.choices.tracking","answer":[{"valueCoding":{"code":"weekly"}}]},{"linkId":"O6.sources","answer":[{"valueCoding":{"code":"DOC"}}]}`)))
	f.Add([]byte(response(`{"linkId":"Sv7","item":[{"linkId":"Sv7.specialists","item":[{"linkId":"Sv7.specialists.score","answer":[{"valueCoding":{"code":"3"}}]}]}]}`)))
	f.Add([]byte(response(`{"linkId":"O2.elements.a","answer":[{"valueBoolean":false}]}`)))
	f.Add([]byte(`{"resourceType":"QuestionnaireResponse","status":null}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := fhir.ParseResponse(data, sc)
		if err != nil {
			if fidelity.KindOf(err) != fidelity.KindInvalid {
				t.Fatalf("kind %s: %v", fidelity.KindOf(err), err)
			}
			return
		}
		_, _ = scoringScore(sc, got.Items)
		again, err := json.Marshal(fhir.NewResponse(sc, got.Items, fhir.ResponseOf{ReviewID: "r", RaterKey: "a"}))
		if err != nil {
			t.Fatal(err)
		}
		back, err := fhir.ParseResponse(again, sc)
		if err != nil {
			t.Fatalf("an accepted response does not read back after export: %v\n%s", err, again)
		}
		if len(back.Items) != len(got.Items) {
			t.Fatalf("%d items read back, want %d", len(back.Items), len(got.Items))
		}
	})
}
