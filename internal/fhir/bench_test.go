package fhir_test

import (
	"encoding/json"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fhir"
)

// BenchmarkQuestionnaire: the 25-item scale as a Questionnaire, marshalled.
func BenchmarkQuestionnaire(b *testing.B) {
	sc := seScale(b)
	for b.Loop() {
		if _, err := json.Marshal(fhir.NewQuestionnaire(sc, "nb")); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseResponse: a complete review's QuestionnaireResponse read
// back into item inputs.
func BenchmarkParseResponse(b *testing.B) {
	sc := seScale(b)
	raw, err := json.Marshal(fhir.NewResponse(sc, completeReview(b), fhir.ResponseOf{ReviewID: "r", RaterKey: "a", Completed: true}))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := fhir.ParseResponse(raw, sc); err != nil {
			b.Fatal(err)
		}
	}
}
