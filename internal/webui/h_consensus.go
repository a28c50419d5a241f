package webui

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/scoring"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// consensusView holds what the consensus form shows beside the editor.
type consensusView struct {
	Raters        []string
	Disagreements int
	ReviewVersion int
	// The disagreements-only view (consensus_focus.go).
	Show         string // showFocus or showAll
	Focus, Total int    // items needing the meeting, all items
	Folds        map[string]*sectionFold
}

// raterValue is one rater's score of one item, side by side.
type raterValue struct {
	K           int
	Name, Score string
	Info        string
	CanTake     bool
}

type itemCompare struct {
	Agreed   bool
	Spread   int
	OneSided bool
	Raters   []raterValue
	Folded   bool // agreed, shown in its section's summary table
}

func (u *ui) consensusData(c *gin.Context, rv service.ReviewView, sc *scale.Scale, draft scoring.ConsensusDraft, version int, form url.Values, errs fieldErrors) editorData {
	rq := req(c)
	l := loc(rq.lang)
	n := u.names(c.Request.Context())
	card, scoreErrs := u.scoreForm(sc, form, rq.lang)
	if errs.Empty() {
		errs = scoreErrs
	}
	cv := &consensusView{Disagreements: len(draft.Disagreements), ReviewVersion: rv.Version}
	for _, id := range draft.Raters {
		cv.Raters = append(cv.Raters, n.Rater(id))
	}
	d := editorData{
		Review: rv, SiteName: n.Site(rv.SiteID), Version: version, Card: card, Band: bandLabel(sc, card.Band, rq.lang),
		Errs: errs, ReadOnly: rv.Status != fidelity.StatusConsensus, Action: "/ui/reviews/" + rv.ID + "/consensus", Consensus: cv,
	}
	d.Sections = editorSections(sc, form, card, errs, rq.lang)
	dis := map[string]scoring.ItemDisagreement{}
	for _, di := range draft.Disagreements {
		dis[di.ItemID] = di
	}
	for si := range d.Sections {
		for ii := range d.Sections[si].Items {
			it := &d.Sections[si].Items[ii]
			cmp := &itemCompare{Agreed: true}
			if di, ok := dis[it.ID]; ok {
				cmp.Agreed, cmp.Spread, cmp.OneSided = false, di.Spread, di.OneSided
			}
			for k, card := range draft.Scorecards {
				val := raterValue{K: k, Name: cv.Raters[k]}
				for _, is := range card.Items {
					if is.ItemID == it.ID {
						val.Score, val.Info = scoreText(is, l)
					}
				}
				if di, ok := dis[it.ID]; ok && k < len(di.Raters) && di.Raters[k].Input != nil {
					val.CanTake = true
				}
				cmp.Raters = append(cmp.Raters, val)
			}
			it.Compare = cmp
		}
	}
	asked := c.Query("show")
	if asked == "" {
		asked = c.PostForm("show")
	}
	foldAgreed(cv, d.Sections, asked)
	return d
}

func (u *ui) loadConsensus(c *gin.Context) (service.ReviewView, *scale.Scale, scoring.ConsensusDraft, fidelity.RatingSet, bool) {
	rv, sc, ok := u.editorReview(c)
	if !ok {
		return rv, sc, scoring.ConsensusDraft{}, fidelity.RatingSet{}, false
	}
	ctx := c.Request.Context()
	draft, err := u.svc.ConsensusDraft(ctx, rv.ID)
	if err != nil {
		u.fail(c, err)
		return rv, sc, draft, fidelity.RatingSet{}, false
	}
	cons, err := u.svc.GetConsensus(ctx, rv.ID)
	if err != nil {
		u.fail(c, err)
		return rv, sc, draft, cons, false
	}
	return rv, sc, draft, cons, true
}

func (u *ui) consensusPage(c *gin.Context) {
	rv, sc, draft, cons, ok := u.loadConsensus(c)
	if !ok {
		return
	}
	inputs := cons.Inputs
	if cons.Version == 0 {
		inputs = draft.Inputs
	}
	d := u.consensusData(c, rv, sc, draft, cons.Version, toForm(inputs, req(c).lang), newFieldErrors())
	u.render(c, http.StatusOK, "rate", req(c).T("consensus.title", d.SiteName), d)
}

// takeInput replaces one item's fields in form by a rater's input.
func takeInput(form url.Values, draft scoring.ConsensusDraft, action, lang string) url.Values {
	parts := strings.Split(action, ":")
	if len(parts) != 3 {
		return form
	}
	k, err := strconv.Atoi(parts[2])
	if err != nil {
		return form
	}
	for _, di := range draft.Disagreements {
		if di.ItemID != parts[1] || k < 0 || k >= len(di.Raters) || di.Raters[k].Input == nil {
			continue
		}
		out := url.Values{}
		id := di.ItemID
		for key, v := range form {
			if itemOfField(key) != id {
				out[key] = v
			}
		}
		for key, v := range toForm([]fidelity.ItemInput{*di.Raters[k].Input}, lang) {
			out[key] = v
		}
		return out
	}
	return form
}

// showQuery keeps the chosen view across a save.
func showQuery(show string) string {
	if show == showAll || show == showFocus {
		return "?show=" + show
	}
	return ""
}

// itemOfField returns the item id a form field belongs to.
func itemOfField(name string) string {
	parts := strings.SplitN(name, ".", 3)
	if len(parts) < 2 {
		return ""
	}
	switch parts[0] {
	case "score", "v", "c", "el", "elr", "sp", "ev", "src":
		return parts[1]
	}
	return ""
}

// consensus saves the consensus form, or (action take:<item>:<k>) copies a
// rater's input for an item into the form.
func (u *ui) consensus(c *gin.Context) {
	rv, sc, draft, cons, ok := u.loadConsensus(c)
	if !ok {
		return
	}
	rq := req(c)
	form := postForm(c)
	version := formVersion(c)
	if action := c.PostForm("action"); strings.HasPrefix(action, "take:") {
		form = takeInput(form, draft, action, rq.lang)
		d := u.consensusData(c, rv, sc, draft, version, form, newFieldErrors())
		u.render(c, http.StatusOK, "rate", rq.T("consensus.title", d.SiteName), d)
		return
	}
	p := parseItems(sc, form, rq.lang)
	if len(p.Errors) > 0 {
		_, errs := u.scoreForm(sc, form, rq.lang)
		d := u.consensusData(c, rv, sc, draft, version, form, errs)
		u.render(c, http.StatusBadRequest, "rate", rq.T("consensus.title", d.SiteName), d)
		return
	}
	if _, err := u.svc.SaveConsensus(c.Request.Context(), rv.ID, version, p.Items); err != nil {
		switch fidelity.KindOf(err) {
		case fidelity.KindInvalid, fidelity.KindPreconditionFailed, fidelity.KindConflict:
			d := u.consensusData(c, rv, sc, draft, cons.Version, form, p.mapErrors(err, ""))
			u.render(c, statusOf(err), "rate", rq.T("consensus.title", d.SiteName), d)
		default:
			u.fail(c, err)
		}
		return
	}
	redirect(c, "/ui/reviews/"+rv.ID+"/consensus"+showQuery(c.PostForm("show")), "consensus_saved")
}

func (u *ui) consensusAutosave(c *gin.Context) {
	rv, sc, ok := u.editorReview(c)
	if !ok {
		return
	}
	p := parseItems(sc, postForm(c), req(c).lang)
	if len(p.Errors) > 0 {
		_, errs := u.scoreForm(sc, postForm(c), req(c).lang)
		c.JSON(http.StatusBadRequest, gin.H{"message": req(c).T("autosave.invalid"), "errors": flatten(errs)})
		return
	}
	saved, err := u.svc.SaveConsensus(c.Request.Context(), rv.ID, formVersion(c), p.Items)
	u.answerSave(c, saved, err, p)
}

// finalise closes the review; the service refuses an incomplete consensus.
func (u *ui) finalise(c *gin.Context) {
	id := c.Param("id")
	v, _ := strconv.Atoi(c.PostForm("review_version"))
	if _, err := u.svc.Finalize(c.Request.Context(), id, v); err != nil {
		u.fail(c, err)
		return
	}
	redirect(c, "/ui/reviews/"+id, "finalised")
}
