package fhir_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/ipsfidelity/fidelity/internal/demo"
	"github.com/ipsfidelity/fidelity/internal/fhir"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/scoring"
)

var (
	schemaOnce sync.Once
	schemaFHIR *jsonschema.Schema
	schemaErr  error
)

// officialSchema compiles HL7's FHIR R4 JSON Schema (testdata/README.md).
func officialSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	schemaOnce.Do(func() {
		f, err := os.Open("testdata/fhir.schema.json")
		if err != nil {
			schemaErr = err
			return
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			schemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		if err := c.AddResource("fhir.schema.json", doc); err != nil {
			schemaErr = err
			return
		}
		schemaFHIR, schemaErr = c.Compile("fhir.schema.json")
	})
	if schemaErr != nil {
		t.Fatal(schemaErr)
	}
	return schemaFHIR
}

// ValidateFHIR checks one emitted resource against the official schema.
func validateFHIR(t testing.TB, resource any) []byte {
	t.Helper()
	raw, err := json.Marshal(resource)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if err := officialSchema(t).Validate(doc); err != nil {
		t.Fatalf("not valid FHIR R4: %v\n%.2000s", err, raw)
	}
	return raw
}

func scales(t testing.TB) []*scale.Scale {
	t.Helper()
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	return cat.List()
}

func seScale(t testing.TB) *scale.Scale {
	t.Helper()
	for _, sc := range scales(t) {
		if sc.Ref() == "se-fidelity@2008" {
			return sc
		}
	}
	t.Fatal("se-fidelity@2008 is not embedded")
	return nil
}

func completeReview(t testing.TB) []fidelity.ItemInput {
	t.Helper()
	data, err := os.ReadFile("../scoring/testdata/complete-review.json")
	if err != nil {
		t.Fatal(err)
	}
	var in []fidelity.ItemInput
	if err := json.Unmarshal(data, &in); err != nil {
		t.Fatal(err)
	}
	return in
}

// A deliberately broken document must fail, or the validation proves nothing.
func TestTheSchemaRejectsInvalidFHIR(t *testing.T) {
	q := fhir.NewQuestionnaire(seScale(t), "en")
	raw, _ := json.Marshal(q)
	bad := strings.Replace(string(raw), `"status":"active"`, `"status":"published"`, 1)
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
	if err != nil {
		t.Fatal(err)
	}
	if officialSchema(t).Validate(doc) == nil {
		t.Fatal("the schema accepted a Questionnaire with status \"published\"")
	}
	// The generated answer option type marshals every value[x] at once,
	// which is why the package wraps it: the schema must see that as wrong.
	bad = strings.Replace(string(raw), `"valueCoding":{`, `"valueString":"","valueCoding":{`, 1)
	doc, _ = jsonschema.UnmarshalJSON(strings.NewReader(bad))
	if officialSchema(t).Validate(doc) == nil {
		t.Fatal("the schema accepted an answer option with an empty valueString")
	}
}

func TestEveryScaleIsAValidQuestionnaireInBothLanguages(t *testing.T) {
	for _, sc := range scales(t) {
		for _, lang := range []string{"en", "nb"} {
			raw := validateFHIR(t, fhir.NewQuestionnaire(sc, lang))
			if !strings.Contains(string(raw), `"url":"`+fhir.URL(sc)+`"`) || !strings.Contains(string(raw), `"version":"`+sc.Version+`"`) {
				t.Errorf("%s: no canonical url and version", sc.Ref())
			}
		}
	}
}

// findItem returns the Questionnaire item with the linkId, anywhere.
func findItem(items []fhir.Item, linkID string) *fhir.Item {
	for i := range items {
		if items[i].LinkId == linkID {
			return &items[i]
		}
		if f := findItem(items[i].Item, linkID); f != nil {
			return f
		}
	}
	return nil
}

func TestTheQuestionnaireCarriesAnchorsSectionsAndTranslations(t *testing.T) {
	sc := seScale(t)
	q := fhir.NewQuestionnaire(sc, "en")
	if len(q.Item) != len(sc.Sections) {
		t.Fatalf("%d top-level groups, want one per section (%d)", len(q.Item), len(sc.Sections))
	}
	o6, _ := sc.Item("O6")
	score := findItem(q.Item, "O6.score")
	if score == nil || score.Type.Code() != "choice" || len(score.AnswerOption) != 5 {
		t.Fatalf("O6.score is not a choice of five anchors: %+v", score)
	}
	for i, opt := range score.AnswerOption {
		level := i + 1
		if *opt.ValueCoding.Code != string(rune('0'+level)) || *opt.ValueCoding.Display != o6.Anchors[level].EN {
			t.Errorf("option %d is %s %q, want the anchor %q", level, *opt.ValueCoding.Code, *opt.ValueCoding.Display, o6.Anchors[level].EN)
		}
		tr := opt.ValueCoding.DisplayElement.Extension[0]
		if tr.Url != "http://hl7.org/fhir/StructureDefinition/translation" || *tr.Extension[0].ValueCode != "nb" || *tr.Extension[1].ValueString != o6.Anchors[level].NB {
			t.Errorf("option %d has no Norwegian translation of its anchor: %+v", level, tr)
		}
	}
	// A measured score is asked only where the rule leaves it to the rater,
	// and offers only the scores it leaves (S3 with no phase delivered: 1 or 2).
	if s := findItem(q.Item, "S1.score"); s != nil {
		t.Errorf("S1 asks for a score although its rule decides it")
	}
	if s := findItem(q.Item, "S3.score"); s == nil || len(s.AnswerOption) != 2 || *s.AnswerOption[1].ValueCoding.Code != "2" {
		t.Errorf("S3 does not offer exactly the scores its rule leaves to the rater: %+v", s)
	}
	if v := findItem(q.Item, "S1.values.active_clients"); v == nil || v.Type.Code() != "decimal" {
		t.Errorf("the measured input S1 active_clients is not a decimal item: %+v", v)
	}
	if e := findItem(q.Item, "O2.elements.a"); e == nil || e.Type.Code() != "boolean" {
		t.Errorf("the checklist element O2 a is not a boolean item: %+v", e)
	}
	if s := findItem(q.Item, "Sv6.specialists"); s == nil || s.Repeats == nil || !*s.Repeats {
		t.Errorf("Sv6 has no repeating group per specialist: %+v", s)
	}
	nb := fhir.NewQuestionnaire(sc, "nb")
	if *nb.Language != "nb" || *findItem(nb.Item, "O6").Text != o6.Title.NB {
		t.Errorf("the Norwegian questionnaire does not lead with the Norwegian texts")
	}
}

func TestLinkIdsAreStableAndUnique(t *testing.T) {
	for _, sc := range scales(t) {
		a, _ := json.Marshal(fhir.NewQuestionnaire(sc, "en"))
		b, _ := json.Marshal(fhir.NewQuestionnaire(sc, "en"))
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two Questionnaires of one scale differ", sc.Ref())
		}
		seen := map[string]bool{}
		var walk func([]fhir.Item)
		walk = func(items []fhir.Item) {
			for _, it := range items {
				if seen[it.LinkId] {
					t.Errorf("%s: linkId %s twice", sc.Ref(), it.LinkId)
				}
				seen[it.LinkId] = true
				walk(it.Item)
			}
		}
		walk(fhir.NewQuestionnaire(sc, "en").Item)
	}
}

// roundTrip exports inputs as a QuestionnaireResponse, checks it against
// the schema, reads it back and compares the scorecards.
func roundTrip(t *testing.T, sc *scale.Scale, inputs []fidelity.ItemInput, completed bool) []fidelity.ItemInput {
	t.Helper()
	qr := fhir.NewResponse(sc, inputs, fhir.ResponseOf{ReviewID: "r1", RaterKey: "a1", Completed: completed,
		Authored: time.Date(2026, 11, 3, 14, 0, 0, 0, time.UTC), Lang: "nb"})
	raw := validateFHIR(t, qr)
	got, err := fhir.ParseResponse(raw, sc)
	if err != nil {
		t.Fatalf("%s: the exported response does not import: %v", sc.Ref(), err)
	}
	if got.Submit != completed {
		t.Errorf("submit %v, want %v", got.Submit, completed)
	}
	want, err := scoring.Score(sc, inputs)
	if err != nil {
		t.Fatal(err)
	}
	card, err := scoring.Score(sc, got.Items)
	if err != nil {
		t.Fatalf("%s: the imported inputs do not score: %v", sc.Ref(), err)
	}
	if !reflect.DeepEqual(want, card) {
		t.Errorf("%s: the scorecard changed on the way through FHIR\nwant %+v\ngot  %+v", sc.Ref(), want, card)
	}
	return got.Items
}

func TestAQuestionnaireResponseRoundTripsIntoTheSameScorecard(t *testing.T) {
	sc := seScale(t)
	in := completeReview(t)
	got := roundTrip(t, sc, in, true)
	byID := map[string]fidelity.ItemInput{}
	for _, g := range got {
		byID[g.ItemID] = g
	}
	for _, w := range in {
		if !reflect.DeepEqual(w, byID[w.ItemID]) {
			t.Errorf("item %s changed:\nwant %+v\ngot  %+v", w.ItemID, w, byID[w.ItemID])
		}
	}
}

// Every embedded scale, every item at every level the demo generator can
// reach, through FHIR and back.
func TestEveryScaleAndLevelRoundTrips(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 2))
	for _, sc := range scales(t) {
		for level := sc.Levels.Min; level <= sc.Levels.Max; level++ {
			var inputs []fidelity.ItemInput
			for i := range sc.Items {
				in, err := demo.InputFor(sc, &sc.Items[i], level, rng)
				if err != nil {
					continue // the rule cannot reach this level
				}
				inputs = append(inputs, in)
			}
			roundTrip(t, sc, inputs, false)
		}
	}
}

// A checklist rated with no element present differs from one not rated,
// and a specialist without a label is still a specialist.
func TestEmptyChecklistsAndUnlabelledSpecialistsSurvive(t *testing.T) {
	sc := seScale(t)
	inputs := []fidelity.ItemInput{
		{ItemID: "O2", Elements: []string{}},
		{ItemID: "O6", Evidence: "Only evidence so far."},
		{ItemID: "Sv7", Specialists: []fidelity.SpecialistInput{{Score: fidelity.IntPtr(4)}, {}, {Label: "Ola", Score: fidelity.IntPtr(2)}}},
	}
	got := roundTrip(t, sc, inputs, false)
	if !reflect.DeepEqual(got, inputs) {
		t.Errorf("want %+v\ngot  %+v", inputs, got)
	}
}

func TestAnEmptySetIsAValidResponse(t *testing.T) {
	sc := seScale(t)
	roundTrip(t, sc, nil, false)
	validateFHIR(t, fhir.NewResponse(sc, nil, fhir.ResponseOf{ReviewID: "r", RaterKey: fidelity.ConsensusKey}))
}

var scoringScore = scoring.Score
