package webui

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/scale"
)

type scaleRow struct {
	Ref, Title, Short string
	Items             int
	Versions          []string
}

func (u *ui) scales(c *gin.Context) {
	rq := req(c)
	var rows []scaleRow
	for _, sc := range u.svc.ListScales() {
		rows = append(rows, scaleRow{Ref: sc.Ref(), Title: sc.Title.In(rq.lang), Short: sc.Short.In(rq.lang),
			Items: len(sc.Items), Versions: u.svc.Scales().Versions(sc.ID)})
	}
	u.render(c, http.StatusOK, "scales", rq.T("scales.title"), rows)
}

type scaleSection struct {
	Title string
	Items []scaleItem
}

type scaleItem struct {
	scale.Item
	Anchors  []choiceView
	Sources  []string
	Elements []string
	Inputs   []string
	// ElementsTitle names the elements ("Phases …" for S3), Mark says how
	// far the item is verified ("" when fully), Special lists what the
	// rule does where the intervals cannot rate (zero denominators) and
	// its alternatives.
	ElementsTitle, Mark string
	Special             []string
}

type scaleData struct {
	Scale    *scale.Scale
	Sections []scaleSection
	Versions []string
}

// scale shows one scale version with its items, anchors, rules and
// elements in the page language.
func (u *ui) scale(c *gin.Context) {
	rq := req(c)
	sc, err := u.svc.GetScale(c.Param("ref"))
	if err != nil {
		u.fail(c, err)
		return
	}
	d := scaleData{Scale: sc, Versions: u.svc.Scales().Versions(sc.ID)}
	for _, sec := range sc.Sections {
		ss := scaleSection{Title: sec.Title.In(rq.lang)}
		for _, it := range sc.Items {
			if it.Section != sec.ID {
				continue
			}
			si := scaleItem{Item: it}
			for _, lv := range levels(sc) {
				si.Anchors = append(si.Anchors, choiceView{Value: strconv.Itoa(lv), Label: it.Anchors[lv].In(rq.lang)})
			}
			for _, code := range it.DataSources {
				for _, ds := range sc.DataSources {
					if ds.Code == code {
						si.Sources = append(si.Sources, sourceLabel(ds, rq.lang))
					}
				}
			}
			for _, e := range it.Elements {
				si.Elements = append(si.Elements, e.Text.In(rq.lang))
			}
			if it.Rule != nil {
				for _, in := range it.Rule.Inputs {
					si.Inputs = append(si.Inputs, in.Label.In(rq.lang))
				}
				si.Special = specialRules(it.Rule, rq.lang)
			}
			si.ElementsTitle = it.ElementsLabel.In(rq.lang)
			if si.ElementsTitle == "" {
				si.ElementsTitle = rq.T("item.elements")
			}
			switch it.Verification() {
			case scale.Recalled:
				si.Mark = rq.T("scales.unverified")
			case scale.PartlyVerified:
				si.Mark = rq.T("scales.partly")
			}
			ss.Items = append(ss.Items, si)
		}
		d.Sections = append(d.Sections, ss)
	}
	u.render(c, http.StatusOK, "scale", sc.Title.In(rq.lang)+" ("+sc.Ref()+")", d)
}

// specialRules describes a rule's degenerate cases and alternatives in the
// page language, each with the scale's reason.
func specialRules(r *scale.Rule, lang string) []string {
	var out []string
	label := func(id string) string {
		for _, in := range r.Inputs {
			if in.ID == id {
				return in.Label.In(lang)
			}
		}
		return id
	}
	for _, d := range r.Degenerate {
		var what string
		switch {
		case d.Reject:
			what = tr(lang, "scales.degenerate_reject")
		case len(d.Judge) > 0:
			what = tr(lang, "scales.degenerate_judge", joinLevels(d.Judge, tr(lang, "word.or")))
		default:
			what = tr(lang, "scales.degenerate_score", d.Score)
		}
		out = append(out, label(d.Input)+" = "+strconv.FormatFloat(d.EQ, 'f', -1, 64)+": "+what+" – "+d.Reason.In(lang))
	}
	for _, a := range r.Alternatives {
		out = append(out, a.Printed.In(lang))
	}
	return out
}

func joinLevels(v []int, or string) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = strconv.Itoa(x)
	}
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " " + or + " " + parts[len(parts)-1]
}
