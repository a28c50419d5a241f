package webui

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
)

type correctData struct {
	Review      service.ReviewView
	SiteName    string
	Items       []choiceView
	Item        *itemView
	Reason      fieldView
	Errs        fieldErrors
	Corrections []fidelity.Correction
}

// showCorrect renders the correction form for one item of a finalised
// review, with the item's editor filled from form.
func (u *ui) showCorrect(c *gin.Context, status int, rv service.ReviewView, sc *scale.Scale, itemID string, form url.Values, errs fieldErrors) {
	rq := req(c)
	ctx := c.Request.Context()
	d := correctData{Review: rv, SiteName: u.names(ctx).Site(rv.SiteID), Errs: errs,
		Reason: field(form, errs, "reason", rq.T("correct.reason"))}
	for _, it := range sc.Items {
		d.Items = append(d.Items, choiceView{Value: it.ID, Label: it.ID + " – " + it.Title.In(rq.lang), Checked: it.ID == itemID})
	}
	if it, ok := sc.Item(itemID); ok {
		card, _ := u.scoreForm(sc, form, rq.lang)
		v := itemEditor(sc, it, form, card, errs, loc(rq.lang))
		d.Item = &v
	}
	var err error
	if d.Corrections, err = u.svc.Corrections(ctx, rv.ID); err != nil {
		u.fail(c, err)
		return
	}
	u.render(c, status, "correct", rq.T("correct.title", d.SiteName), d)
}

func (u *ui) correctPage(c *gin.Context) {
	rv, sc, ok := u.editorReview(c)
	if !ok {
		return
	}
	cons, err := u.svc.GetConsensus(c.Request.Context(), rv.ID)
	if err != nil {
		u.fail(c, err)
		return
	}
	item := c.Query("item")
	var current []fidelity.ItemInput
	for _, in := range cons.Inputs {
		if in.ItemID == item {
			current = append(current, in)
		}
	}
	u.showCorrect(c, http.StatusOK, rv, sc, item, toForm(current, req(c).lang), newFieldErrors())
}

// correct records a correction of one item with its reason.
func (u *ui) correct(c *gin.Context) {
	rv, sc, ok := u.editorReview(c)
	if !ok {
		return
	}
	rq := req(c)
	form := postForm(c)
	itemID := c.PostForm("item")
	if _, ok := sc.Item(itemID); !ok {
		u.showCorrect(c, http.StatusBadRequest, rv, sc, "", form, fieldErrors{General: []string{rq.T("correct.pick_item")}})
		return
	}
	p := parseItems(sc, form, rq.lang)
	in := fidelity.ItemInput{ItemID: itemID}
	if len(p.Items) == 1 {
		in = p.Items[0]
	}
	p.Items = []fidelity.ItemInput{in}
	if len(p.Errors) > 0 {
		u.showCorrect(c, http.StatusBadRequest, rv, sc, itemID, form, p.mapErrors(nil, itemID))
		return
	}
	version, _ := strconv.Atoi(c.PostForm("review_version"))
	if _, err := u.svc.Correct(c.Request.Context(), rv.ID, version, in, c.PostForm("reason")); err != nil {
		switch fidelity.KindOf(err) {
		case fidelity.KindInvalid, fidelity.KindPreconditionFailed, fidelity.KindConflict:
			u.showCorrect(c, statusOf(err), rv, sc, itemID, form, p.mapErrors(err, itemID))
		default:
			u.fail(c, err)
		}
		return
	}
	redirect(c, "/ui/reviews/"+rv.ID, "corrected")
}
