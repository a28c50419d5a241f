package webui

import (
	"maps"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// Form field names of the item editor, per item id I:
//
//	score.I                 direct score (ordinal items, judged intervals)
//	v.I.<input>             number input of the rule
//	c.I.<input>             choice input of the rule
//	el.I                    checklist elements present (repeated)
//	elr.I                   "1": the checklist was assessed (none present is an answer)
//	sp.I.<n>.label          per-specialist row n: label
//	sp.I.<n>.score          … direct score
//	sp.I.<n>.v.<input>      … number input
//	sp.I.<n>.c.<input>      … choice input
//	ev.I                    evidence note
//	src.I                   data sources consulted (repeated)
//
// The same names are used by the server-rendered form, the autosave and the
// live score, so one parser serves them all.

// parsed is a form turned into item inputs, with what is needed to map the
// service's field errors ("items[3].values.x") back to form fields.
type parsed struct {
	Items []fidelity.ItemInput
	// Rows lists, per item, the form row numbers of the specialist rows
	// sent, in the order they appear in the item input.
	Rows map[string][]int
	// Errors are fields the form could not even decode (not a number).
	Errors map[string]string
	// lang is the page language the service's reasons are shown in.
	lang string
}

// parseNumber reads a number as typed, accepting a decimal comma.
func parseNumber(s string) (float64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	return f, err == nil
}

func (p *parsed) number(form url.Values, name string, dst map[string]float64, id string, lang string) {
	raw := strings.TrimSpace(form.Get(name))
	if raw == "" {
		return
	}
	if f, ok := parseNumber(raw); ok {
		dst[id] = f
		return
	}
	p.Errors[name] = tr(lang, "form.not_a_number")
}

func (p *parsed) score(form url.Values, name, lang string) *int {
	raw := strings.TrimSpace(form.Get(name))
	if raw == "" {
		return nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil {
		p.Errors[name] = tr(lang, "form.not_a_number")
		return nil
	}
	return &n
}

// parseItems reads the item editor fields of every item of sc. Items with
// nothing entered are left out.
func parseItems(sc *scale.Scale, form url.Values, lang string) parsed {
	p := parsed{Rows: map[string][]int{}, Errors: map[string]string{}, lang: lang}
	for i := range sc.Items {
		it := &sc.Items[i]
		in := fidelity.ItemInput{ItemID: it.ID, Evidence: form.Get("ev." + it.ID), Sources: form["src."+it.ID]}
		in.Score = p.score(form, "score."+it.ID, lang)
		if it.Rule != nil {
			// For per-specialist items these are shared by every specialist
			// that does not give its own.
			in.Values, in.Choices = p.ruleInputs(form, it.Rule, "v."+it.ID+".", "c."+it.ID+".", lang)
		}
		if it.Type == scale.TypeChecklist {
			if els := form["el."+it.ID]; len(els) > 0 || form.Get("elr."+it.ID) == "1" {
				in.Elements = append([]string{}, els...)
			}
		}
		if it.Type == scale.TypePerSpecialist {
			for _, n := range rowNumbers(form, it.ID) {
				pre := "sp." + it.ID + "." + strconv.Itoa(n) + "."
				sp := fidelity.SpecialistInput{Label: strings.TrimSpace(form.Get(pre + "label"))}
				sp.Score = p.score(form, pre+"score", lang)
				if it.Rule != nil {
					sp.Values, sp.Choices = p.ruleInputs(form, it.Rule, pre+"v.", pre+"c.", lang)
				}
				if sp.Label == "" && sp.Score == nil && len(sp.Values) == 0 && len(sp.Choices) == 0 {
					continue
				}
				in.Specialists = append(in.Specialists, sp)
				p.Rows[it.ID] = append(p.Rows[it.ID], n)
			}
		}
		if !in.IsEmpty() || strings.TrimSpace(in.Evidence) != "" || len(in.Sources) > 0 {
			p.Items = append(p.Items, in)
		}
	}
	return p
}

func (p *parsed) ruleInputs(form url.Values, r *scale.Rule, vPre, cPre, lang string) (map[string]float64, map[string]string) {
	values, choices := map[string]float64{}, map[string]string{}
	for _, inp := range r.Inputs {
		if inp.Kind == "choice" {
			if v := form.Get(cPre + inp.ID); v != "" {
				choices[inp.ID] = v
			}
			continue
		}
		p.number(form, vPre+inp.ID, values, inp.ID, lang)
	}
	if len(values) == 0 {
		values = nil
	}
	if len(choices) == 0 {
		choices = nil
	}
	return values, choices
}

// rowNumbers lists the specialist row numbers present in the form.
func rowNumbers(form url.Values, itemID string) []int {
	pre := "sp." + itemID + "."
	seen := map[int]bool{}
	for k := range form {
		if rest, ok := strings.CutPrefix(k, pre); ok {
			n, err := strconv.Atoi(strings.SplitN(rest, ".", 2)[0])
			if err == nil && n >= 0 && n < 100 {
				seen[n] = true
			}
		}
	}
	out := make([]int, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Ints(out)
	return out
}

// toForm turns stored inputs back into form values (the inverse of
// parseItems), so stored drafts and re-shown submissions render alike.
func toForm(items []fidelity.ItemInput, lang string) url.Values {
	f := url.Values{}
	num := func(v float64) string { return loc(lang).Num(v) }
	for _, in := range items {
		id := in.ItemID
		if in.Score != nil {
			f.Set("score."+id, strconv.Itoa(*in.Score))
		}
		for k, v := range in.Values {
			f.Set("v."+id+"."+k, num(v))
		}
		for k, v := range in.Choices {
			f.Set("c."+id+"."+k, v)
		}
		if in.Elements != nil {
			f["el."+id] = slices.Clone(in.Elements)
			f.Set("elr."+id, "1")
		}
		for n, sp := range in.Specialists {
			pre := "sp." + id + "." + strconv.Itoa(n) + "."
			f.Set(pre+"label", sp.Label)
			if sp.Score != nil {
				f.Set(pre+"score", strconv.Itoa(*sp.Score))
			}
			for k, v := range sp.Values {
				f.Set(pre+"v."+k, num(v))
			}
			for k, v := range sp.Choices {
				f.Set(pre+"c."+k, v)
			}
		}
		if in.Evidence != "" {
			f.Set("ev."+id, in.Evidence)
		}
		if len(in.Sources) > 0 {
			f["src."+id] = slices.Clone(in.Sources)
		}
	}
	return f
}

// fieldErrors are the messages of one form: by field name, by item (when
// the field has no input of its own) and for the whole form. Labels holds
// what each field is called on the page (item fields as "item:ID"), and
// Targets the element a summary link goes to when it is not the field's own
// id; the pages fill both as they build their fields, so the error summary
// names fields as the reader sees them, never by their internal names.
type fieldErrors struct {
	Fields  map[string]string
	Items   map[string][]string
	General []string
	Labels  map[string]string
	Targets map[string]string
}

func newFieldErrors() fieldErrors {
	return fieldErrors{Fields: map[string]string{}, Items: map[string][]string{},
		Labels: map[string]string{}, Targets: map[string]string{}}
}

// label records what a field is called on the page.
func (e fieldErrors) label(name, label string) {
	if e.Labels != nil && label != "" {
		e.Labels[name] = label
	}
}

// summaryLine is one entry of the error summary: a link to the field,
// reading "label: message", or a message of the whole form (no Href).
type summaryLine struct{ Href, Label, Message string }

// Summary lists the errors for the summary at the top of a form: the whole
// form's first, then the fields in name order, then the items.
func (e fieldErrors) Summary() []summaryLine {
	var out []summaryLine
	for _, m := range e.General {
		out = append(out, summaryLine{Message: m})
	}
	for _, name := range slices.Sorted(maps.Keys(e.Fields)) {
		href := e.Targets[name]
		if href == "" {
			href = "#" + domID(name)
		}
		out = append(out, summaryLine{Href: href, Label: e.Labels[name], Message: e.Fields[name]})
	}
	for _, id := range slices.Sorted(maps.Keys(e.Items)) {
		for _, m := range e.Items[id] {
			out = append(out, summaryLine{Href: "#item-" + id, Label: e.Labels["item:"+id], Message: m})
		}
	}
	return out
}

func (e fieldErrors) Empty() bool {
	return len(e.Fields) == 0 && len(e.Items) == 0 && len(e.General) == 0
}

var itemPath = regexp.MustCompile(`^(?:item|items\[(\d+)\])(?:\.(.*))?$`)
var specPath = regexp.MustCompile(`^specialists\[(\d+)\](?:\.(.*))?$`)

// mapErrors places the service's field errors on the form fields they
// concern. single names the item of a one-item write (corrections report
// "item.values.x").
func (p parsed) mapErrors(err error, single string) fieldErrors {
	out := newFieldErrors()
	for k, v := range p.Errors {
		out.Fields[k] = v
	}
	for _, fe := range fidelity.FieldsOf(err) {
		m := itemPath.FindStringSubmatch(fe.Field)
		switch {
		case m == nil && (fe.Field == "" || fe.Field == "items"):
			out.General = append(out.General, fe.ReasonIn(p.lang))
			continue
		case m == nil:
			out.Fields[fe.Field] = fe.ReasonIn(p.lang)
			continue
		}
		id := single
		if m[1] != "" {
			i, _ := strconv.Atoi(m[1])
			if i >= len(p.Items) {
				out.General = append(out.General, fe.ReasonIn(p.lang))
				continue
			}
			id = p.Items[i].ItemID
		}
		if id == "" {
			out.General = append(out.General, fe.ReasonIn(p.lang))
			continue
		}
		if name := p.fieldName(id, m[2]); name != "" {
			out.Fields[name] = fe.ReasonIn(p.lang)
			continue
		}
		out.Items[id] = append(out.Items[id], fe.ReasonIn(p.lang))
	}
	if len(out.Fields)+len(out.Items)+len(out.General) == 0 && err != nil {
		out.General = append(out.General, messageOf(p.lang, err))
	}
	return out
}

// fieldName maps the rest of a field path ("values.x") to a form name.
func (p parsed) fieldName(id, rest string) string {
	head, tail, _ := strings.Cut(rest, ".")
	switch {
	case rest == "score":
		return "score." + id
	case head == "values" && tail != "":
		return "v." + id + "." + tail
	case head == "choices" && tail != "":
		return "c." + id + "." + tail
	case strings.HasPrefix(rest, "elements"):
		return "el." + id
	case rest == "evidence":
		return "ev." + id
	case strings.HasPrefix(rest, "sources"):
		return "src." + id
	}
	m := specPath.FindStringSubmatch(rest)
	if m == nil {
		return ""
	}
	j, _ := strconv.Atoi(m[1])
	rows := p.Rows[id]
	if j >= len(rows) {
		return ""
	}
	pre := "sp." + id + "." + strconv.Itoa(rows[j]) + "."
	h, t, _ := strings.Cut(m[2], ".")
	switch {
	case m[2] == "score" || m[2] == "label":
		return pre + m[2]
	case h == "values" && t != "":
		return pre + "v." + t
	case h == "choices" && t != "":
		return pre + "c." + t
	}
	return ""
}
