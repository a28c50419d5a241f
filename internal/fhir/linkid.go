package fhir

import (
	"slices"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/scale"
)

// BaseURL prefixes the canonical url of every Questionnaire the service
// publishes; the scale id completes it and the scale version is the
// Questionnaire's version.
const BaseURL = "https://ipsfidelity.org/fhir/Questionnaire/"

// Extensions and code systems used (see docs/fhir.md).
const (
	extTranslation  = "http://hl7.org/fhir/StructureDefinition/translation"
	extOrdinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
	// RaterSystem names the service's rater ids in Reference.identifier.
	RaterSystem = "https://ipsfidelity.org/fhir/rater"
	// RatingSetSystem names a rating set ("<review id>/<rater id|consensus>").
	RatingSetSystem = "https://ipsfidelity.org/fhir/rating-set"
)

// URL returns the canonical url of the scale's Questionnaire.
func URL(sc *scale.Scale) string { return BaseURL + sc.ID }

// Canonical returns url|version, the reference a QuestionnaireResponse
// carries in "questionnaire".
func Canonical(sc *scale.Scale) string { return URL(sc) + "|" + sc.Version }

// The linkIds, built from the scale's own ids so they never change for a
// published version:
//
//	section.<section>                 group per section
//	<item>                            group per item
//	<item>.description                display
//	<item>.score                      choice 1–5 (anchors)
//	<item>.values.<input>             decimal
//	<item>.choices.<input>            choice (the input's options)
//	<item>.elements.<element>         boolean (checklist element present)
//	<item>.specialists                repeating group, one per specialist
//	<item>.specialists.label          string
//	<item>.specialists.score          choice 1–5
//	<item>.specialists.values.<input> decimal
//	<item>.specialists.choices.<input> choice
//	<item>.evidence                   text
//	<item>.sources                    choice, repeats (data source codes)
const (
	sectionPrefix = "section."
	partScore     = "score"
	partValues    = "values"
	partChoices   = "choices"
	partElements  = "elements"
	partSpecs     = "specialists"
	partLabel     = "label"
	partEvidence  = "evidence"
	partSources   = "sources"
	partDesc      = "description"
)

func sectionLinkID(id string) string { return sectionPrefix + id }

func join(parts ...string) string { return strings.Join(parts, ".") }

// nodeKind says what a linkId stands for and so which answer it takes.
type nodeKind int

const (
	kindSection nodeKind = iota
	kindItem
	kindDisplay
	kindScore
	kindValue
	kindChoice
	kindElement
	kindSpecialists
	kindSpecLabel
	kindSpecScore
	kindSpecValue
	kindSpecChoice
	kindEvidence
	kindSources
)

// node is one linkId of a scale's Questionnaire.
type node struct {
	kind  nodeKind
	item  *scale.Item
	input *scale.Input // values and choices
	key   string       // input or element id
	// levels are the scores a score question offers.
	levels []int
}

// takesAnswer reports whether the linkId is a question (not a group or
// display).
func (n node) takesAnswer() bool {
	switch n.kind {
	case kindSection, kindItem, kindDisplay, kindSpecialists:
		return false
	}
	return true
}

// inSpecialist reports whether the linkId belongs inside one repetition of
// a specialists group.
func (n node) inSpecialist() bool {
	switch n.kind {
	case kindSpecLabel, kindSpecScore, kindSpecValue, kindSpecChoice:
		return true
	}
	return false
}

// index lists every linkId of the scale's Questionnaire.
func index(sc *scale.Scale) map[string]node {
	idx := map[string]node{}
	for _, sec := range sc.Sections {
		idx[sectionLinkID(sec.ID)] = node{kind: kindSection}
	}
	for i := range sc.Items {
		it := &sc.Items[i]
		idx[it.ID] = node{kind: kindItem, item: it}
		if it.Description.EN != "" || it.Description.NB != "" {
			idx[join(it.ID, partDesc)] = node{kind: kindDisplay, item: it}
		}
		perSpecialist := it.Type == scale.TypePerSpecialist
		if levels := scoreLevels(sc, it, false); !perSpecialist && len(levels) > 0 {
			idx[join(it.ID, partScore)] = node{kind: kindScore, item: it, levels: levels}
		}
		for _, in := range ruleInputs(it) {
			in := in
			if in.Kind == "choice" {
				idx[join(it.ID, partChoices, in.ID)] = node{kind: kindChoice, item: it, input: in, key: in.ID}
			} else {
				idx[join(it.ID, partValues, in.ID)] = node{kind: kindValue, item: it, input: in, key: in.ID}
			}
		}
		for _, el := range it.Elements {
			idx[join(it.ID, partElements, el.ID)] = node{kind: kindElement, item: it, key: el.ID}
		}
		if perSpecialist {
			idx[join(it.ID, partSpecs)] = node{kind: kindSpecialists, item: it}
			idx[join(it.ID, partSpecs, partLabel)] = node{kind: kindSpecLabel, item: it}
			if levels := scoreLevels(sc, it, true); len(levels) > 0 {
				idx[join(it.ID, partSpecs, partScore)] = node{kind: kindSpecScore, item: it, levels: levels}
			}
			if measuredPerSpecialist(it) {
				for _, in := range ruleInputs(it) {
					if in.Kind == "choice" {
						idx[join(it.ID, partSpecs, partChoices, in.ID)] = node{kind: kindSpecChoice, item: it, input: in, key: in.ID}
					} else {
						idx[join(it.ID, partSpecs, partValues, in.ID)] = node{kind: kindSpecValue, item: it, input: in, key: in.ID}
					}
				}
			}
		}
		idx[join(it.ID, partEvidence)] = node{kind: kindEvidence, item: it}
		idx[join(it.ID, partSources)] = node{kind: kindSources, item: it}
	}
	return idx
}

// ruleInputs are the inputs a rater enters at item level. A per-specialist
// item rated by a direct score per specialist has none.
func ruleInputs(it *scale.Item) []*scale.Input {
	if it.Rule == nil || (it.Type == scale.TypePerSpecialist && !measuredPerSpecialist(it)) {
		return nil
	}
	out := make([]*scale.Input, len(it.Rule.Inputs))
	for i := range it.Rule.Inputs {
		out[i] = &it.Rule.Inputs[i]
	}
	return out
}

// measuredPerSpecialist mirrors the scoring engine: a per-specialist item
// is measured per specialist unless it says "score" (or has no rule).
func measuredPerSpecialist(it *scale.Item) bool {
	switch it.Specialist {
	case "measure":
		return true
	case "score":
		return false
	}
	return it.Rule != nil
}

// scoreLevels are the scores a rater may give directly: every level of an
// ordinal item (or of a specialist of an item scored per specialist), and
// for a rule-rated one only those some judge interval leaves to the rater
// (none: the score follows from the inputs, and no score question is
// asked). The scoring engine applies the same rule.
func scoreLevels(sc *scale.Scale, it *scale.Item, specialist bool) []int {
	ruled := it.Type == scale.TypeMeasured || it.Type == scale.TypeChecklist ||
		(specialist && it.Type == scale.TypePerSpecialist && measuredPerSpecialist(it))
	if !ruled || it.Rule == nil {
		var all []int
		for l := sc.Levels.Min; l <= sc.Levels.Max; l++ {
			all = append(all, l)
		}
		return all
	}
	var out []int
	for _, iv := range it.Rule.Intervals {
		out = append(out, iv.Judge...)
	}
	for _, d := range it.Rule.Degenerate {
		out = append(out, d.Judge...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
