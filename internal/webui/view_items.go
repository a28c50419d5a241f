package webui

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// The item editor's view model: everything the templates need, already in
// the page language, with the values as typed.

type sectionView struct {
	ID, Title    string
	Rated, Count int
	Items        []itemView
}

type choiceView struct {
	Value, Label string
	Checked      bool
}

type fieldView struct {
	Name, ID, Label, Unit, Kind, Value, Err string
	Min                                     string
	Options                                 []choiceView
	Optional                                bool
}

type rowView struct {
	N      int
	Label  fieldView
	Score  fieldView
	Inputs []fieldView
}

type itemView struct {
	ID, Number, Title, Description, Note, Printed, Type, Specialist string
	Anchors                                                         []choiceView // ordinal: the score radios
	AnchorText                                                      []choiceView // other types: anchors in view
	ScoreName, ScoreErr                                             string
	Judge                                                           []choiceView
	Inputs                                                          []fieldView
	Elements                                                        []choiceView
	ElementsName, ElementsErr                                       string
	ElementsLabel                                                   string // legend of the elements: "Phases …" for S3
	Verification                                                    string // "" when verified, else the mark to show
	JudgeOpen                                                       bool   // the input falls where the rule leaves the score to the rater
	Assessed                                                        bool
	Rows                                                            []rowView
	RowTemplate                                                     rowView
	Sources                                                         []choiceView
	Evidence                                                        fieldView
	Score                                                           string // computed score, "" when none
	ScoreInfo                                                       string // value, rule or what is still needed
	Errors                                                          []string
	Compare                                                         *itemCompare // consensus: the raters' scores
}

// domID turns a form name into an element id.
func domID(name string) string { return "f-" + strings.NewReplacer(".", "-").Replace(name) }

func field(form url.Values, errs fieldErrors, name, label string) fieldView {
	errs.label(name, label)
	return fieldView{Name: name, ID: domID(name), Label: label, Value: form.Get(name), Err: errs.Fields[name]}
}

func sourceLabel(ds scale.DataSource, lang string) string {
	code := ds.Code
	if lang == "nb" && ds.CodeNB != "" {
		code = ds.CodeNB
	}
	return code + " – " + ds.Label.In(lang)
}

// ruleFields builds the inputs of a rule under the given name prefixes.
func ruleFields(r *scale.Rule, form url.Values, errs fieldErrors, vPre, cPre, lang string) []fieldView {
	var out []fieldView
	for _, inp := range r.Inputs {
		name := vPre + inp.ID
		if inp.Kind == "choice" {
			name = cPre + inp.ID
		}
		f := field(form, errs, name, inp.Label.In(lang))
		f.Kind, f.Optional = inp.Kind, inp.Optional
		if inp.Unit != "" {
			f.Unit = tr(lang, "unit."+inp.Unit)
		}
		if inp.Min != nil && !inp.MinExclusive {
			f.Min = strconv.FormatFloat(*inp.Min, 'f', -1, 64)
		}
		for _, o := range inp.Options {
			f.Options = append(f.Options, choiceView{Value: o.ID, Label: o.Label.In(lang), Checked: f.Value == o.ID})
		}
		out = append(out, f)
	}
	return out
}

func levels(sc *scale.Scale) []int {
	var out []int
	for l := sc.Levels.Min; l <= sc.Levels.Max; l++ {
		out = append(out, l)
	}
	return out
}

func judgeLevels(r *scale.Rule) []int {
	var out []int
	if r == nil {
		return out
	}
	for _, iv := range r.Intervals {
		for _, j := range iv.Judge {
			if !slices.Contains(out, j) {
				out = append(out, j)
			}
		}
	}
	slices.Sort(out)
	return out
}

// editorSections builds the editor of every item of sc from form values,
// the scorecard of those values and the errors to show.
func editorSections(sc *scale.Scale, form url.Values, card fidelity.Scorecard, errs fieldErrors, lang string) []sectionView {
	l := loc(lang)
	var out []sectionView
	for _, sec := range sc.Sections {
		sv := sectionView{ID: sec.ID, Title: sec.Title.In(lang)}
		for _, st := range card.Sections {
			if st.ID == sec.ID {
				sv.Rated, sv.Count = st.Rated, st.Items
			}
		}
		for i := range sc.Items {
			if sc.Items[i].Section == sec.ID {
				sv.Items = append(sv.Items, itemEditor(sc, &sc.Items[i], form, card, errs, l))
			}
		}
		if sv.Count == 0 {
			sv.Count = len(sv.Items)
		}
		out = append(out, sv)
	}
	return out
}

func itemEditor(sc *scale.Scale, it *scale.Item, form url.Values, card fidelity.Scorecard, errs fieldErrors, l loc) itemView {
	lang := string(l)
	v := itemView{
		ID: it.ID, Number: strconv.Itoa(it.Number), Title: it.Title.In(lang), Description: it.Description.In(lang),
		Note: it.Note.In(lang), Type: string(it.Type), Specialist: it.Specialist,
		ScoreName: "score." + it.ID, ScoreErr: errs.Fields["score."+it.ID], Errors: errs.Items[it.ID],
		ElementsName: "el." + it.ID, ElementsErr: errs.Fields["el."+it.ID],
		Evidence: field(form, errs, "ev."+it.ID, l.T("item.evidence")),
	}
	if it.Rule != nil {
		v.Printed = it.Rule.Printed.In(lang)
	}
	v.ElementsLabel = it.ElementsLabel.In(lang)
	if v.ElementsLabel == "" {
		v.ElementsLabel = l.T("item.elements")
	}
	switch it.Verification() {
	case scale.Recalled:
		v.Verification = l.T("scales.unverified")
	case scale.PartlyVerified:
		v.Verification = l.T("scales.partly")
	}
	chosen := form.Get(v.ScoreName)
	for _, lv := range levels(sc) {
		a := choiceView{Value: strconv.Itoa(lv), Label: it.Anchors[lv].In(lang), Checked: chosen == strconv.Itoa(lv)}
		if it.Type == scale.TypeOrdinal {
			v.Anchors = append(v.Anchors, a)
		} else {
			v.AnchorText = append(v.AnchorText, a)
		}
	}
	for _, j := range judgeLevels(it.Rule) {
		s := strconv.Itoa(j)
		v.Judge = append(v.Judge, choiceView{Value: s, Label: s, Checked: chosen == s})
	}
	if it.Rule != nil {
		v.Inputs = ruleFields(it.Rule, form, errs, "v."+it.ID+".", "c."+it.ID+".", lang)
	}
	present := form["el."+it.ID]
	for _, e := range it.Elements {
		v.Elements = append(v.Elements, choiceView{Value: e.ID, Label: e.Text.In(lang), Checked: slices.Contains(present, e.ID)})
	}
	v.Assessed = form.Get("elr."+it.ID) == "1"
	if it.Type == scale.TypePerSpecialist {
		rows := rowNumbers(form, it.ID)
		next := 0
		if len(rows) > 0 {
			next = rows[len(rows)-1] + 1
		}
		rows = append(rows, next) // always one empty row to fill in
		for _, n := range rows {
			v.Rows = append(v.Rows, specialistRow(sc, it, form, errs, n, l))
		}
		v.RowTemplate = specialistRow(sc, it, url.Values{}, newFieldErrors(), 999, l)
	}
	chosenSources := form["src."+it.ID]
	for _, code := range it.DataSources {
		for _, ds := range sc.DataSources {
			if ds.Code == code {
				v.Sources = append(v.Sources, choiceView{Value: code, Label: sourceLabel(ds, lang), Checked: slices.Contains(chosenSources, code)})
			}
		}
	}
	for _, is := range card.Items {
		if is.ItemID == it.ID {
			v.Score, v.ScoreInfo = scoreText(is, l)
			v.JudgeOpen = len(is.Judge) > 0
		}
	}
	itemLabels(v, errs, l)
	return v
}

// itemLabels names the item's fields for the error summary as the page
// shows them: "S1 Caseload size – Number of active clients". Score radios,
// checklists and sources have no single element, so their links go to the
// item.
func itemLabels(v itemView, errs fieldErrors, l loc) {
	if errs.Labels == nil {
		return
	}
	item := v.ID + " " + v.Title
	errs.label("item:"+v.ID, item)
	for _, f := range v.Inputs {
		errs.label(f.Name, item+" – "+f.Label)
	}
	for _, r := range v.Rows {
		row := item + " – " + l.T("item.specialist", r.N)
		for _, f := range append([]fieldView{r.Label, r.Score}, r.Inputs...) {
			errs.label(f.Name, row+" – "+f.Label)
		}
	}
	errs.label(v.ScoreName, item+" – "+l.T("item.score_field"))
	errs.label(v.ElementsName, item+" – "+l.T("item.elements"))
	errs.label("src."+v.ID, item+" – "+l.T("item.sources"))
	errs.label(v.Evidence.Name, item+" – "+v.Evidence.Label)
	for _, name := range []string{v.ScoreName, v.ElementsName, "src." + v.ID} {
		if errs.Targets != nil {
			errs.Targets[name] = "#item-" + v.ID
		}
	}
}

func specialistRow(sc *scale.Scale, it *scale.Item, form url.Values, errs fieldErrors, n int, l loc) rowView {
	pre := "sp." + it.ID + "." + strconv.Itoa(n) + "."
	r := rowView{N: n + 1, Label: field(form, errs, pre+"label", l.T("item.specialist_label"))}
	if it.Specialist == "score" {
		r.Score = field(form, errs, pre+"score", l.T("item.specialist_score"))
		for _, lv := range levels(sc) {
			s := strconv.Itoa(lv)
			r.Score.Options = append(r.Score.Options, choiceView{Value: s, Label: s + " – " + it.Anchors[lv].In(string(l)), Checked: r.Score.Value == s})
		}
	}
	if it.Rule != nil {
		r.Inputs = ruleFields(it.Rule, form, errs, pre+"v.", pre+"c.", string(l))
	}
	return r
}

// scoreText describes an item's computed score for people.
func scoreText(is fidelity.ItemScore, l loc) (score, info string) {
	var parts []string
	if is.Value != nil {
		parts = append(parts, l.T("score.value", l.Num(is.Value)))
	}
	if is.Rule != "" {
		parts = append(parts, ruleText(string(l), is.Rule))
	}
	if is.Detail != "" {
		parts = append(parts, ruleText(string(l), is.Detail))
	}
	if is.Problem != "" {
		parts = append(parts, ruleText(string(l), is.Problem))
	}
	if is.Score != nil {
		score = strconv.Itoa(*is.Score)
	}
	return score, strings.Join(parts, " · ")
}
