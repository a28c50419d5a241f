package fhir

import (
	"strconv"
	"strings"

	models "github.com/samply/golang-fhir-models/fhir-models/fhir"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// texts writes a bilingual text in the base language and carries the other
// language in the translation extension.
type texts struct{ lang, other string }

func newTexts(lang string) texts {
	if lang == "nb" {
		return texts{lang: "nb", other: "en"}
	}
	return texts{lang: "en", other: "nb"}
}

// of returns the base text and, when the other language says something
// else, the translation extension for the "_x" element.
func (t texts) of(x fidelity.Text) (*string, *element) {
	base := x.In(t.lang)
	if base == "" {
		return nil, nil
	}
	other := x.EN
	if t.other == "nb" {
		other = x.NB
	}
	if other == "" || other == base {
		return &base, nil
	}
	return &base, &element{Extension: []models.Extension{{
		Url: extTranslation,
		Extension: []models.Extension{
			{Url: "lang", ValueCode: ptr(t.other)},
			{Url: "content", ValueString: ptr(other)},
		},
	}}}
}

func ptr[T any](v T) *T { return &v }

// NewQuestionnaire maps one scale version to an R4 Questionnaire with its
// texts in lang ("en" or "nb") and the other language as translations.
func NewQuestionnaire(sc *scale.Scale, lang string) Questionnaire {
	t := newTexts(lang)
	q := Questionnaire{ResourceType: "Questionnaire"}
	q.Id = ptr(resourceID(sc))
	q.Url = ptr(URL(sc))
	q.Version = ptr(sc.Version)
	q.Name = ptr(computableName(sc))
	q.Title, q.TitleElement = t.of(sc.Title)
	q.Language = ptr(t.lang)
	q.Status = models.PublicationStatusActive
	if sc.Source.Citation != "" {
		q.Description = ptr(sc.Source.Citation)
	}
	if sc.Source.Licence != "" {
		q.Copyright = ptr(sc.Source.Licence)
	}
	for _, sec := range sc.Sections {
		g := Item{}
		g.LinkId = sectionLinkID(sec.ID)
		g.Type = models.QuestionnaireItemTypeGroup
		g.Text, g.TextElement = t.of(sec.Title)
		for i := range sc.Items {
			if it := &sc.Items[i]; it.Section == sec.ID {
				g.Item = append(g.Item, itemGroup(sc, it, t))
			}
		}
		q.Item = append(q.Item, g)
	}
	return q
}

// resourceID is the Questionnaire's logical id: FHIR ids allow letters,
// digits, '-' and '.', at most 64.
func resourceID(sc *scale.Scale) string {
	id := safeID(sc.ID + "-" + sc.Version)
	if len(id) > 64 {
		id = id[:64]
	}
	return id
}

func safeID(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.' {
			return r
		}
		return '-'
	}, s)
}

// computableName is the machine name FHIR recommends: a capital letter,
// then letters, digits and '_'.
func computableName(sc *scale.Scale) string {
	var b strings.Builder
	up := true
	for _, r := range sc.ID + "_" + sc.Version {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9':
			if up && r >= 'a' && r <= 'z' {
				r -= 'a' - 'A'
			}
			b.WriteRune(r)
			up = false
		default:
			up = true
		}
	}
	name := b.String()
	if name == "" || name[0] < 'A' || name[0] > 'Z' {
		name = "Scale" + name
	}
	return name
}

func itemGroup(sc *scale.Scale, it *scale.Item, t texts) Item {
	g := Item{}
	g.LinkId = it.ID
	g.Type = models.QuestionnaireItemTypeGroup
	g.Prefix = ptr(strconv.Itoa(it.Number) + ".")
	g.Text, g.TextElement = t.of(it.Title)
	if it.Description.EN != "" || it.Description.NB != "" {
		d := Item{}
		d.LinkId = join(it.ID, partDesc)
		d.Type = models.QuestionnaireItemTypeDisplay
		d.Text, d.TextElement = t.of(it.Description)
		g.Item = append(g.Item, d)
	}
	if levels := scoreLevels(sc, it, false); it.Type != scale.TypePerSpecialist && len(levels) > 0 {
		label := fidelity.Text{EN: "Score", NB: "Skår"}
		if it.Type != scale.TypeOrdinal {
			label = judgeLabel
		}
		g.Item = append(g.Item, scoreItem(it, join(it.ID, partScore), label, levels, t))
	}
	for _, in := range ruleInputs(it) {
		g.Item = append(g.Item, inputItem(it.ID, in, t))
	}
	for _, el := range it.Elements {
		e := Item{}
		e.LinkId = join(it.ID, partElements, el.ID)
		e.Prefix = ptr(el.ID + ")")
		e.Type = models.QuestionnaireItemTypeBoolean
		e.Text, e.TextElement = t.of(el.Text)
		g.Item = append(g.Item, e)
	}
	if it.Type == scale.TypePerSpecialist {
		g.Item = append(g.Item, specialistsGroup(sc, it, t))
	}
	ev := Item{}
	ev.LinkId = join(it.ID, partEvidence)
	ev.Type = models.QuestionnaireItemTypeText
	ev.Text, ev.TextElement = t.of(fidelity.Text{EN: "Evidence", NB: "Grunnlag"})
	g.Item = append(g.Item, ev)
	if len(sc.DataSources) > 0 {
		g.Item = append(g.Item, sourcesItem(sc, it, t))
	}
	return g
}

// judgeLabel asks for the score where a rule leaves it to the rater.
var judgeLabel = fidelity.Text{
	EN: "Score, where the rule leaves the choice to the rater",
	NB: "Skår, der regelen overlater valget til evaluator",
}

func scoreItem(it *scale.Item, linkID string, label fidelity.Text, levels []int, t texts) Item {
	s := Item{}
	s.LinkId = linkID
	s.Type = models.QuestionnaireItemTypeChoice
	s.Text, s.TextElement = t.of(label)
	for _, level := range levels {
		c := Coding{}
		c.Code = ptr(strconv.Itoa(level))
		c.Display, c.DisplayElement = t.of(it.Anchors[level])
		s.AnswerOption = append(s.AnswerOption, AnswerOption{
			Extension:   []models.Extension{{Url: extOrdinalValue, ValueDecimal: ptr(jsonNumber(float64(level)))}},
			ValueCoding: &c,
		})
	}
	return s
}

func inputItem(parent string, in *scale.Input, t texts) Item {
	q := Item{}
	q.Text, q.TextElement = t.of(in.Label)
	if in.Kind == "choice" {
		q.LinkId = join(parent, partChoices, in.ID)
		q.Type = models.QuestionnaireItemTypeChoice
		for _, o := range in.Options {
			c := Coding{}
			c.Code = ptr(o.ID)
			c.Display, c.DisplayElement = t.of(o.Label)
			q.AnswerOption = append(q.AnswerOption, AnswerOption{ValueCoding: &c})
		}
		return q
	}
	q.LinkId = join(parent, partValues, in.ID)
	q.Type = models.QuestionnaireItemTypeDecimal
	return q
}

func specialistsGroup(sc *scale.Scale, it *scale.Item, t texts) Item {
	g := Item{}
	base := join(it.ID, partSpecs)
	g.LinkId = base
	g.Type = models.QuestionnaireItemTypeGroup
	g.Repeats = ptr(true)
	g.Text, g.TextElement = t.of(fidelity.Text{EN: "Employment specialists (one entry each)", NB: "Jobbspesialister (én oppføring per jobbspesialist)"})
	label := Item{}
	label.LinkId = join(base, partLabel)
	label.Type = models.QuestionnaireItemTypeString
	label.Text, label.TextElement = t.of(fidelity.Text{EN: "Specialist", NB: "Jobbspesialist"})
	g.Item = append(g.Item, label)
	scoreLabel := fidelity.Text{EN: "This specialist's score", NB: "Jobbspesialistens skår"}
	if measuredPerSpecialist(it) {
		scoreLabel = judgeLabel
	}
	if levels := scoreLevels(sc, it, true); len(levels) > 0 {
		g.Item = append(g.Item, scoreItem(it, join(base, partScore), scoreLabel, levels, t))
	}
	if measuredPerSpecialist(it) {
		for _, in := range ruleInputs(it) {
			g.Item = append(g.Item, inputItem(base, in, t))
		}
	}
	return g
}

func sourcesItem(sc *scale.Scale, it *scale.Item, t texts) Item {
	s := Item{}
	s.LinkId = join(it.ID, partSources)
	s.Type = models.QuestionnaireItemTypeChoice
	s.Repeats = ptr(true)
	s.Text, s.TextElement = t.of(fidelity.Text{EN: "Data sources", NB: "Datakilder"})
	// Every source of the scale is offered: the form names the usual ones
	// per item, but raters record what they actually used.
	for _, ds := range sc.DataSources {
		c := Coding{}
		c.Code = ptr(ds.Code)
		c.Display, c.DisplayElement = t.of(ds.Label)
		s.AnswerOption = append(s.AnswerOption, AnswerOption{ValueCoding: &c})
	}
	return s
}
