package fhir

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	models "github.com/samply/golang-fhir-models/fhir-models/fhir"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// Imported is a QuestionnaireResponse read back as a rating set.
type Imported struct {
	// Items are the item inputs in the scale's order; the engine scores
	// and validates them like any other rating set.
	Items []fidelity.ItemInput
	// Submit is true for status "completed": the set is handed in.
	Submit bool
}

// maxDepth bounds the item nesting: section, item, specialists group, a
// specialist's question.
const maxDepth = 4

// errorLimit stops collecting after this many problems.
const errorLimit = 50

const msgInvalid = "the QuestionnaireResponse is not valid"

// ParseResponse reads a QuestionnaireResponse of the scale's Questionnaire
// into item inputs. Every problem names the linkId path of the answer
// ("section.staffing/S1/S1.values.active_clients") and says what is
// wrong; nothing is scored here.
func ParseResponse(data []byte, sc *scale.Scale) (Imported, error) {
	var head struct {
		ResourceType *string          `json:"resourceType"`
		Status       *json.RawMessage `json:"status"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return Imported{}, decodeProblem(err)
	}
	if head.ResourceType == nil || *head.ResourceType != "QuestionnaireResponse" {
		return Imported{}, fidelity.Invalid(msgInvalid, fidelity.FieldError{Field: "resourceType", Reason: "must be QuestionnaireResponse"})
	}
	// The generated type reads a missing status as its zero value,
	// in-progress; FHIR requires one.
	if head.Status == nil {
		return Imported{}, fidelity.Invalid(msgInvalid, fidelity.FieldError{Field: "status", Reason: "is required"})
	}
	var qr models.QuestionnaireResponse
	if err := json.Unmarshal(data, &qr); err != nil {
		return Imported{}, decodeProblem(err)
	}
	p := &parser{sc: sc, idx: index(sc), inputs: map[string]*fidelity.ItemInput{}, seen: map[string]bool{}}
	for _, ds := range sc.DataSources {
		p.sources = append(p.sources, ds.Code)
	}
	if qr.Questionnaire == nil || *qr.Questionnaire != Canonical(sc) {
		got := "nothing"
		if qr.Questionnaire != nil {
			got = strconv.Quote(*qr.Questionnaire)
		}
		p.add("questionnaire", fmt.Sprintf("must be %s, the questionnaire of this review's scale, not %s", Canonical(sc), got))
	}
	var out Imported
	switch qr.Status {
	case models.QuestionnaireResponseStatusInProgress:
	case models.QuestionnaireResponseStatusCompleted:
		out.Submit = true
	default:
		p.add("status", "must be in-progress (save) or completed (submit), not "+qr.Status.Code())
	}
	if len(qr.ModifierExtension) > 0 {
		p.add("modifierExtension", "is not understood by this service")
	}
	if len(p.errs) == 0 {
		p.walk(qr.Item, "", nil, 1)
	}
	if len(p.errs) > 0 {
		return Imported{}, fidelity.Invalid(msgInvalid, p.errs...)
	}
	for i := range sc.Items {
		if in, ok := p.inputs[sc.Items[i].ID]; ok {
			out.Items = append(out.Items, *in)
		}
	}
	return out, nil
}

func decodeProblem(err error) error {
	var typ *json.UnmarshalTypeError
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "(body)"
		}
		return fidelity.Invalid(msgInvalid, fidelity.FieldError{Field: field, Reason: "must be " + jsonType(typ.Type.Kind().String())})
	case errors.As(err, &syn):
		return fidelity.Invalid(msgInvalid, fidelity.FieldError{Field: "(body)", Reason: fmt.Sprintf("malformed JSON at byte %d", syn.Offset)})
	}
	// The generated code types reject an unknown code with their own
	// message ("unknown QuestionnaireResponseStatus code `x`").
	return fidelity.Invalid(msgInvalid, fidelity.FieldError{Field: "(body)", Reason: err.Error()})
}

func jsonType(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "int", "int64", "float64":
		return "a number"
	case "bool":
		return "true or false"
	case "slice":
		return "an array"
	case "struct", "map", "ptr":
		return "an object"
	}
	return "of another type"
}

type parser struct {
	sc      *scale.Scale
	idx     map[string]node
	inputs  map[string]*fidelity.ItemInput
	seen    map[string]bool // "<specialist #>|<linkId>" of questions answered
	nspec   int             // specialist entries so far (distinguishes repetitions)
	sources []string        // the scale's data source codes
	errs    []fidelity.FieldError
}

func (p *parser) add(field, reason string) {
	if len(p.errs) < errorLimit {
		p.errs = append(p.errs, fidelity.FieldError{Field: field, Reason: reason})
	}
}

func (p *parser) input(it *scale.Item) *fidelity.ItemInput {
	in, ok := p.inputs[it.ID]
	if !ok {
		in = &fidelity.ItemInput{ItemID: it.ID}
		p.inputs[it.ID] = in
	}
	return in
}

// walk reads items; spec is the specialist entry being filled inside a
// specialists group, nil elsewhere.
func (p *parser) walk(items []models.QuestionnaireResponseItem, parent string, spec *fidelity.SpecialistInput, depth int) {
	for _, qi := range items {
		path := qi.LinkId
		if parent != "" {
			path = parent + "/" + qi.LinkId
		}
		if depth > maxDepth {
			p.add(path, "is nested deeper than the questionnaire's items")
			return
		}
		n, ok := p.idx[qi.LinkId]
		if !ok {
			p.add(path, "is not a linkId of "+Canonical(p.sc))
			continue
		}
		if len(qi.ModifierExtension) > 0 {
			p.add(path, "has a modifierExtension this service does not understand")
			continue
		}
		if n.inSpecialist() != (spec != nil) {
			if spec == nil {
				p.add(path, "belongs inside a "+join(n.item.ID, partSpecs)+" group")
			} else {
				p.add(path, "does not belong inside a specialists group")
			}
			continue
		}
		if !n.takesAnswer() {
			if len(qi.Answer) > 0 {
				p.add(path, "is a group or display item and takes no answer")
				continue
			}
			if n.kind == kindDisplay && len(qi.Item) > 0 {
				p.add(path, "is a display item and has no items")
				continue
			}
			if n.kind == kindSpecialists {
				in := p.input(n.item)
				in.Specialists = append(in.Specialists, fidelity.SpecialistInput{})
				p.nspec++
				sp := &in.Specialists[len(in.Specialists)-1]
				p.walk(qi.Item, path, sp, depth+1)
				continue
			}
			p.walk(qi.Item, path, nil, depth+1)
			continue
		}
		if len(qi.Item) > 0 {
			p.add(path, "is a question and has no items")
			continue
		}
		key := qi.LinkId
		if spec != nil {
			key = strconv.Itoa(p.nspec) + "|" + key
		}
		if p.seen[key] {
			p.add(path, "appears twice")
			continue
		}
		p.seen[key] = true
		p.answer(n, qi.Answer, path, spec)
	}
}

// answer reads the answers of one question.
func (p *parser) answer(n node, answers []models.QuestionnaireResponseItemAnswer, path string, spec *fidelity.SpecialistInput) {
	if len(answers) == 0 {
		return // asked and left open: nothing recorded
	}
	for i, a := range answers {
		if len(a.Item) > 0 {
			p.add(fmt.Sprintf("%s.answer[%d]", path, i), "has nested items, which this questionnaire does not use")
			return
		}
		if len(a.ModifierExtension) > 0 {
			p.add(fmt.Sprintf("%s.answer[%d]", path, i), "has a modifierExtension this service does not understand")
			return
		}
	}
	if n.kind != kindSources && len(answers) > 1 {
		p.add(path, fmt.Sprintf("takes one answer, not %d", len(answers)))
		return
	}
	a := answers[0]
	in := p.input(n.item)
	switch n.kind {
	case kindScore, kindSpecScore:
		level, ok := p.level(a, path, n.levels)
		if !ok {
			return
		}
		if n.kind == kindScore {
			in.Score = &level
		} else {
			spec.Score = &level
		}
	case kindValue, kindSpecValue:
		x, ok := p.number(a, path)
		if !ok {
			return
		}
		target := &in.Values
		if spec != nil {
			target = &spec.Values
		}
		if *target == nil {
			*target = map[string]float64{}
		}
		(*target)[n.key] = x
	case kindChoice, kindSpecChoice:
		code, ok := p.code(a, path, optionIDs(n.input))
		if !ok {
			return
		}
		target := &in.Choices
		if spec != nil {
			target = &spec.Choices
		}
		if *target == nil {
			*target = map[string]string{}
		}
		(*target)[n.key] = code
	case kindElement:
		if !onlyValue(a, "valueBoolean") {
			p.add(path, "must be answered with valueBoolean (element present or not), not "+valueNames(a))
			return
		}
		if in.Elements == nil {
			in.Elements = []string{}
		}
		if *a.ValueBoolean {
			in.Elements = append(in.Elements, n.key)
		}
	case kindSpecLabel:
		s, ok := p.text(a, path)
		if ok && s != specialistPlaceholder {
			spec.Label = s
		}
	case kindEvidence:
		if s, ok := p.text(a, path); ok {
			in.Evidence = s
		}
	case kindSources:
		for i, a := range answers {
			code, ok := p.code(a, fmt.Sprintf("%s.answer[%d]", path, i), p.sources)
			if !ok {
				return
			}
			if !slices.Contains(in.Sources, code) {
				in.Sources = append(in.Sources, code)
			}
		}
	}
}

func (p *parser) level(a models.QuestionnaireResponseItemAnswer, path string, allowed []int) (int, bool) {
	levels := make([]string, len(allowed))
	for i, l := range allowed {
		levels[i] = strconv.Itoa(l)
	}
	code, ok := p.code(a, path, levels)
	if !ok {
		return 0, false
	}
	level, _ := strconv.Atoi(code)
	return level, true
}

// code reads a valueCoding whose code must be one of allowed.
func (p *parser) code(a models.QuestionnaireResponseItemAnswer, path string, allowed []string) (string, bool) {
	if !onlyValue(a, "valueCoding") {
		p.add(path, "must be answered with valueCoding, not "+valueNames(a))
		return "", false
	}
	if a.ValueCoding.Code == nil {
		p.add(path+".valueCoding.code", "is required")
		return "", false
	}
	code := *a.ValueCoding.Code
	if !slices.Contains(allowed, code) {
		p.add(path+".valueCoding.code", fmt.Sprintf("must be one of %s, not %q", strings.Join(allowed, ", "), code))
		return "", false
	}
	return code, true
}

func (p *parser) number(a models.QuestionnaireResponseItemAnswer, path string) (float64, bool) {
	switch {
	case onlyValue(a, "valueDecimal"):
		x, err := strconv.ParseFloat(string(*a.ValueDecimal), 64)
		if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
			p.add(path+".valueDecimal", "must be a finite number")
			return 0, false
		}
		return x, true
	case onlyValue(a, "valueInteger"):
		return float64(*a.ValueInteger), true
	}
	p.add(path, "must be answered with valueDecimal, not "+valueNames(a))
	return 0, false
}

func (p *parser) text(a models.QuestionnaireResponseItemAnswer, path string) (string, bool) {
	if !onlyValue(a, "valueString") {
		p.add(path, "must be answered with valueString, not "+valueNames(a))
		return "", false
	}
	return *a.ValueString, true
}

func optionIDs(in *scale.Input) []string {
	ids := make([]string, len(in.Options))
	for i, o := range in.Options {
		ids[i] = o.ID
	}
	return ids
}

// setValues lists the value[x] an answer sets, in alphabetical order.
func setValues(a models.QuestionnaireResponseItemAnswer) []string {
	var out []string
	for _, v := range []struct {
		name string
		set  bool
	}{
		{"valueAttachment", a.ValueAttachment != nil}, {"valueBoolean", a.ValueBoolean != nil},
		{"valueCoding", a.ValueCoding != nil}, {"valueDate", a.ValueDate != nil},
		{"valueDateTime", a.ValueDateTime != nil}, {"valueDecimal", a.ValueDecimal != nil},
		{"valueInteger", a.ValueInteger != nil}, {"valueQuantity", a.ValueQuantity != nil},
		{"valueReference", a.ValueReference != nil}, {"valueString", a.ValueString != nil},
		{"valueTime", a.ValueTime != nil}, {"valueUri", a.ValueUri != nil},
	} {
		if v.set {
			out = append(out, v.name)
		}
	}
	return out
}

func onlyValue(a models.QuestionnaireResponseItemAnswer, name string) bool {
	set := setValues(a)
	return len(set) == 1 && set[0] == name
}

func valueNames(a models.QuestionnaireResponseItemAnswer) string {
	set := setValues(a)
	if len(set) == 0 {
		return "an answer without a value"
	}
	return strings.Join(set, " and ")
}

// LinkIDField rewrites a field of the scoring engine's errors about items
// ("items[0].values.specialist_fte") as the linkId path of the answer in
// the QuestionnaireResponse ("S1/S1.values.specialist_fte"); other fields
// are returned as they are.
func LinkIDField(items []fidelity.ItemInput, field string) string {
	rest, ok := strings.CutPrefix(field, "items[")
	if !ok {
		return field
	}
	end := strings.IndexByte(rest, ']')
	if end < 0 {
		return field
	}
	n, err := strconv.Atoi(rest[:end])
	if err != nil || n < 0 || n >= len(items) {
		return field
	}
	id, tail := items[n].ItemID, rest[end+1:]
	if tail == "" {
		return id
	}
	return id + "/" + id + tail
}
