package webui

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// editorData is the rating form (and, with Consensus set, the consensus
// form): the review, the editor sections and the overall score.
type editorData struct {
	Review    service.ReviewView
	SiteName  string
	RaterID   string
	RaterName string
	Version   int
	ReadOnly  bool
	Submitted bool
	Sections  []sectionView
	Card      fidelity.Scorecard
	Band      string
	Errs      fieldErrors
	Action    string // where the form posts
	Consensus *consensusView
}

// editorPage loads the review and its scale for an editor page.
func (u *ui) editorReview(c *gin.Context) (service.ReviewView, *scale.Scale, bool) {
	rv, err := u.svc.GetReview(c.Request.Context(), c.Param("id"))
	if err != nil {
		u.fail(c, err)
		return rv, nil, false
	}
	sc, err := u.reviewScale(rv.Review)
	if err != nil {
		u.fail(c, err)
		return rv, nil, false
	}
	return rv, sc, true
}

// showRating renders the rating form with the given values (as typed, or
// as stored), scoring them for the sections' progress and item scores.
func (u *ui) showRating(c *gin.Context, status int, rv service.ReviewView, sc *scale.Scale, rs fidelity.RatingSet, form url.Values, errs fieldErrors) {
	rq := req(c)
	card, _ := u.scoreForm(sc, form, rq.lang)
	n := u.names(c.Request.Context())
	d := editorData{
		Review: rv, SiteName: n.Site(rv.SiteID), RaterID: rs.RaterKey, RaterName: n.Rater(rs.RaterKey),
		Version: rs.Version, Submitted: rs.Submitted, Card: card, Band: bandLabel(sc, card.Band, rq.lang), Errs: errs,
		ReadOnly: rs.Submitted || rv.Status == fidelity.StatusConsensus || rv.Status == fidelity.StatusFinalised,
		Action:   "/ui/reviews/" + rv.ID + "/rate/" + url.PathEscape(rs.RaterKey),
	}
	d.Sections = editorSections(sc, form, card, errs, rq.lang)
	u.render(c, status, "rate", rq.T("rate.title", d.SiteName), d)
}

// scoreForm scores form values with the service's scoring engine. When
// some items are invalid, they are left out and the rest is scored, so
// the other scores stay visible while one field is wrong.
func (u *ui) scoreForm(sc *scale.Scale, form url.Values, lang string) (fidelity.Scorecard, fieldErrors) {
	p := parseItems(sc, form, lang)
	card, err := u.svc.ScoreInputs(sc.Ref(), p.Items)
	if err == nil {
		return card, p.mapErrors(nil, "")
	}
	errs := p.mapErrors(err, "")
	bad := map[int]bool{}
	for _, fe := range fidelity.FieldsOf(err) {
		if m := itemPath.FindStringSubmatch(fe.Field); m != nil && m[1] != "" {
			i, _ := strconv.Atoi(m[1])
			bad[i] = true
		}
	}
	var rest []fidelity.ItemInput
	for i, in := range p.Items {
		if !bad[i] {
			rest = append(rest, in)
		}
	}
	card, _ = u.svc.ScoreInputs(sc.Ref(), rest)
	return card, errs
}

func (u *ui) ratePage(c *gin.Context) {
	rv, sc, ok := u.editorReview(c)
	if !ok {
		return
	}
	rs, err := u.svc.GetRatings(c.Request.Context(), rv.ID, c.Param("rater"))
	if err != nil {
		u.fail(c, err)
		return
	}
	u.showRating(c, http.StatusOK, rv, sc, rs, toForm(rs.Inputs, req(c).lang), newFieldErrors())
}

func formVersion(c *gin.Context) int {
	v, _ := strconv.Atoi(c.PostForm("version"))
	return v
}

// rate saves the form (action=save) or hands it in (action=submit). On any
// error the form comes back with the values as typed and the messages at
// their fields.
func (u *ui) rate(c *gin.Context) {
	rv, sc, ok := u.editorReview(c)
	if !ok {
		return
	}
	rq := req(c)
	rater := c.Param("rater")
	form := postForm(c)
	p := parseItems(sc, form, rq.lang)
	submit := c.PostForm("action") == "submit"
	rs := fidelity.RatingSet{ReviewID: rv.ID, RaterKey: rater, Version: formVersion(c)}
	if len(p.Errors) > 0 {
		// Not sent to the service: show every problem of the form at once.
		_, errs := u.scoreForm(sc, form, rq.lang)
		u.showRating(c, http.StatusBadRequest, rv, sc, rs, form, errs)
		return
	}
	if _, err := u.svc.SaveRatings(c.Request.Context(), rv.ID, rater, rs.Version, p.Items, submit); err != nil {
		switch fidelity.KindOf(err) {
		case fidelity.KindInvalid, fidelity.KindPreconditionFailed, fidelity.KindConflict:
			u.showRating(c, statusOf(err), rv, sc, rs, form, p.mapErrors(err, ""))
		default:
			u.fail(c, err)
		}
		return
	}
	if submit {
		redirect(c, "/ui/reviews/"+rv.ID, "submitted")
		return
	}
	redirect(c, "/ui/reviews/"+rv.ID+"/rate/"+url.PathEscape(rater), "saved")
}

// jsonErrors is the error part of the fetch endpoints' answers.
type jsonError struct {
	Name   string `json:"name,omitempty"`
	Item   string `json:"item,omitempty"`
	Reason string `json:"reason"`
}

func flatten(e fieldErrors) []jsonError {
	out := []jsonError{}
	for k, v := range e.Fields {
		out = append(out, jsonError{Name: k, Reason: v})
	}
	for id, list := range e.Items {
		for _, v := range list {
			out = append(out, jsonError{Item: id, Reason: v})
		}
	}
	for _, v := range e.General {
		out = append(out, jsonError{Reason: v})
	}
	return out
}

// autosave stores a draft (never submits) and answers the new version.
func (u *ui) autosave(c *gin.Context) {
	rv, sc, ok := u.editorReview(c)
	if !ok {
		return
	}
	rq := req(c)
	p := parseItems(sc, postForm(c), rq.lang)
	if len(p.Errors) > 0 {
		_, errs := u.scoreForm(sc, postForm(c), rq.lang)
		c.JSON(http.StatusBadRequest, gin.H{"message": rq.T("autosave.invalid"), "errors": flatten(errs)})
		return
	}
	saved, err := u.svc.SaveRatings(c.Request.Context(), rv.ID, c.Param("rater"), formVersion(c), p.Items, false)
	u.answerSave(c, saved, err, p)
}

func (u *ui) answerSave(c *gin.Context, saved fidelity.RatingSet, err error, p parsed) {
	rq := req(c)
	if err != nil {
		msg := messageOf(rq.lang, err)
		switch fidelity.KindOf(err) {
		case fidelity.KindInvalid:
			msg = rq.T("autosave.invalid")
		case fidelity.KindPreconditionFailed:
			msg = rq.T("autosave.stale")
		}
		c.JSON(statusOf(err), gin.H{"message": msg, "errors": flatten(p.mapErrors(err, ""))})
		return
	}
	c.JSON(http.StatusOK, gin.H{"version": saved.Version,
		"message": rq.T("autosave.saved", saved.UpdatedAt.In(time.Local).Format("15:04:05"))})
}

// liveScore scores the form as it stands, for the score shown while typing.
func (u *ui) liveScore(c *gin.Context) {
	_, sc, ok := u.editorReview(c)
	if !ok {
		return
	}
	rq := req(c)
	l := loc(rq.lang)
	card, errs := u.scoreForm(sc, postForm(c), rq.lang)
	items := map[string]gin.H{}
	for _, is := range card.Items {
		score, info := scoreText(is, l)
		items[is.ItemID] = gin.H{"score": score, "info": info, "judge": len(is.Judge) > 0}
	}
	sections := map[string]gin.H{}
	for _, s := range card.Sections {
		sections[s.ID] = gin.H{"rated": s.Rated, "items": s.Items, "text": l.T("progress.section", s.Rated, s.Items)}
	}
	c.JSON(http.StatusOK, gin.H{
		"items": items, "sections": sections, "errors": flatten(errs),
		"total": totalText(card, bandLabel(sc, card.Band, rq.lang), l),
	})
}

// totalText describes the overall score of a scorecard; band is the
// band's label.
func totalText(card fidelity.Scorecard, band string, l loc) string {
	if card.Total == nil {
		return l.T("score.total_none", card.Rated, card.ItemCount)
	}
	return l.T("score.total", l.Num(card.Total), band, card.Rated, card.ItemCount)
}
