package fhir

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	models "github.com/samply/golang-fhir-models/fhir-models/fhir"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// ResponseOf describes the rating set a QuestionnaireResponse is made of.
type ResponseOf struct {
	ReviewID string
	// RaterKey is the rater's id, or fidelity.ConsensusKey.
	RaterKey string
	// Completed marks a submitted rating set or a finalised consensus.
	Completed bool
	// Authored is when the set was last saved; zero when it never was.
	Authored time.Time
	Lang     string // "en" or "nb", for the group texts
}

// NewResponse maps a rating set to an R4 QuestionnaireResponse of the
// scale's Questionnaire. Only what was recorded appears: an item nobody
// rated has no entry, as FHIR asks (an item needs answers or children).
func NewResponse(sc *scale.Scale, inputs []fidelity.ItemInput, of ResponseOf) Response {
	t := newTexts(of.Lang)
	r := Response{
		Questionnaire: ptr(Canonical(sc)),
		Status:        models.QuestionnaireResponseStatusInProgress,
		Language:      ptr(t.lang),
		Identifier: &models.Identifier{
			System: ptr(RatingSetSystem),
			Value:  ptr(of.ReviewID + "/" + of.RaterKey),
		},
	}
	if of.Completed {
		r.Status = models.QuestionnaireResponseStatusCompleted
	}
	if !of.Authored.IsZero() {
		r.Authored = ptr(of.Authored.UTC().Format(time.RFC3339))
	}
	if of.RaterKey != fidelity.ConsensusKey {
		r.Author = &models.Reference{
			Type:       ptr("Practitioner"),
			Identifier: &models.Identifier{System: ptr(RaterSystem), Value: ptr(of.RaterKey)},
		}
	}
	byItem := map[string]fidelity.ItemInput{}
	for _, in := range inputs {
		byItem[in.ItemID] = in
	}
	for _, sec := range sc.Sections {
		g := models.QuestionnaireResponseItem{LinkId: sectionLinkID(sec.ID)}
		g.Text, _ = t.of(sec.Title)
		for i := range sc.Items {
			it := &sc.Items[i]
			in, ok := byItem[it.ID]
			if !ok || it.Section != sec.ID {
				continue
			}
			if ri, ok := responseItem(it, in, t); ok {
				g.Item = append(g.Item, ri)
			}
		}
		if len(g.Item) > 0 {
			r.Item = append(r.Item, g)
		}
	}
	return r
}

func responseItem(it *scale.Item, in fidelity.ItemInput, t texts) (models.QuestionnaireResponseItem, bool) {
	g := models.QuestionnaireResponseItem{LinkId: it.ID}
	g.Text, _ = t.of(it.Title)
	add := func(linkID string, answers ...models.QuestionnaireResponseItemAnswer) {
		g.Item = append(g.Item, models.QuestionnaireResponseItem{LinkId: linkID, Answer: answers})
	}
	if in.Score != nil {
		add(join(it.ID, partScore), scoreAnswer(*in.Score))
	}
	values, choices := valueAnswers(join(it.ID), in.Values, in.Choices, ruleInputs(it))
	g.Item = append(g.Item, values...)
	g.Item = append(g.Item, choices...)
	if in.Elements != nil {
		// Every element is answered, present or not, so that "none present"
		// (an empty list) differs from "not rated yet" (no answers at all).
		for _, el := range it.Elements {
			add(join(it.ID, partElements, el.ID), models.QuestionnaireResponseItemAnswer{ValueBoolean: ptr(slices.Contains(in.Elements, el.ID))})
		}
	}
	for _, sp := range in.Specialists {
		base := join(it.ID, partSpecs)
		s := models.QuestionnaireResponseItem{LinkId: base}
		if sp.Label != "" {
			s.Item = append(s.Item, models.QuestionnaireResponseItem{LinkId: join(base, partLabel),
				Answer: []models.QuestionnaireResponseItemAnswer{{ValueString: ptr(fhirString(sp.Label))}}})
		}
		if sp.Score != nil {
			s.Item = append(s.Item, models.QuestionnaireResponseItem{LinkId: join(base, partScore),
				Answer: []models.QuestionnaireResponseItemAnswer{scoreAnswer(*sp.Score)}})
		}
		values, choices := valueAnswers(base, sp.Values, sp.Choices, ruleInputs(it))
		s.Item = append(append(s.Item, values...), choices...)
		// A specialist with nothing recorded still counts (the engine
		// reports it as unrated); FHIR needs an answer or a child, so it
		// keeps an empty label.
		if len(s.Item) == 0 {
			s.Item = []models.QuestionnaireResponseItem{{LinkId: join(base, partLabel),
				Answer: []models.QuestionnaireResponseItemAnswer{{ValueString: ptr(specialistPlaceholder)}}}}
		}
		g.Item = append(g.Item, s)
	}
	if in.Evidence != "" {
		add(join(it.ID, partEvidence), models.QuestionnaireResponseItemAnswer{ValueString: ptr(fhirString(in.Evidence))})
	}
	if len(in.Sources) > 0 {
		answers := make([]models.QuestionnaireResponseItemAnswer, len(in.Sources))
		for i, code := range in.Sources {
			answers[i] = models.QuestionnaireResponseItemAnswer{ValueCoding: &models.Coding{Code: ptr(code)}}
		}
		add(join(it.ID, partSources), answers...)
	}
	return g, len(g.Item) > 0
}

// specialistPlaceholder stands for a specialist entry without a label: FHIR
// strings may not be empty, and import reads it back as no label.
const specialistPlaceholder = "-"

func scoreAnswer(score int) models.QuestionnaireResponseItemAnswer {
	return models.QuestionnaireResponseItemAnswer{ValueCoding: &models.Coding{Code: ptr(strconv.Itoa(score))}}
}

// valueAnswers writes measured values and choices in the order of the
// rule's inputs, so the same set always gives the same document; inputs
// the rule does not name (which the engine would refuse) are left out.
func valueAnswers(base string, values map[string]float64, choices map[string]string, inputs []*scale.Input) (v, c []models.QuestionnaireResponseItem) {
	for _, in := range inputs {
		if x, ok := values[in.ID]; ok && in.Kind != "choice" {
			v = append(v, models.QuestionnaireResponseItem{LinkId: join(base, partValues, in.ID),
				Answer: []models.QuestionnaireResponseItemAnswer{{ValueDecimal: ptr(jsonNumber(x))}}})
		}
		if x, ok := choices[in.ID]; ok && in.Kind == "choice" {
			c = append(c, models.QuestionnaireResponseItem{LinkId: join(base, partChoices, in.ID),
				Answer: []models.QuestionnaireResponseItemAnswer{{ValueCoding: &models.Coding{Code: ptr(x)}}}})
		}
	}
	return v, c
}

// jsonNumber writes x as the shortest decimal that reads back as x.
func jsonNumber(x float64) json.Number {
	return json.Number(strconv.FormatFloat(x, 'f', -1, 64))
}

// fhirString keeps a text within FHIR's string type, which allows no
// whitespace but space, tab, CR and LF: others (a no-break space pasted from
// a word processor, a form feed) become spaces.
func fhirString(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) && r != ' ' && r != '\t' && r != '\r' && r != '\n' {
			return ' '
		}
		return r
	}, s)
}
