package webui

import (
	"net/http"
	"strconv"

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
			}
			ss.Items = append(ss.Items, si)
		}
		d.Sections = append(d.Sections, ss)
	}
	u.render(c, http.StatusOK, "scale", sc.Title.In(rq.lang)+" ("+sc.Ref()+")", d)
}
