package fhir

import (
	models "github.com/samply/golang-fhir-models/fhir-models/fhir"
)

// The wrappers below reuse the generated types and only replace what those
// get wrong for our purpose. encoding/json prefers the shallower of two
// fields with the same name, so an outer field shadows the embedded one.

// element carries the extensions of a primitive value ("_text": {...}).
type element struct {
	Extension []models.Extension `json:"extension,omitempty"`
}

// Questionnaire is an R4 Questionnaire as this service emits it.
type Questionnaire struct {
	models.OtherQuestionnaire
	ResourceType string   `json:"resourceType"`
	TitleElement *element `json:"_title,omitempty"`
	Item         []Item   `json:"item,omitempty"`
}

// Item is a Questionnaire.item with translations of its text and answer
// options that set exactly one value[x].
type Item struct {
	models.QuestionnaireItem
	TextElement  *element       `json:"_text,omitempty"`
	AnswerOption []AnswerOption `json:"answerOption,omitempty"`
	Item         []Item         `json:"item,omitempty"`
}

// AnswerOption is one permitted answer; only valueCoding is used.
type AnswerOption struct {
	Extension   []models.Extension `json:"extension,omitempty"`
	ValueCoding *Coding            `json:"valueCoding,omitempty"`
}

// Coding is a Coding whose display may carry a translation.
type Coding struct {
	models.Coding
	DisplayElement *element `json:"_display,omitempty"`
}

// Response is the generated QuestionnaireResponse: its answer value[x]
// fields are pointers already, so it is used as it is.
type Response = models.QuestionnaireResponse
