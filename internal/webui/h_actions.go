package webui

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// Form fields of the action plan:
//
//	new item   (POST /ui/reviews/:id/actions): title, item_ids (repeated),
//	           owner, due (YYYY-MM-DD), note
//	status     (POST /ui/actions/:id): status, version (the version shown),
//	           review (the action's review, to show errors)
//	both:      from ("site": the form is on the site page)

// actionStatuses are the states an action item can be set to, in order.
var actionStatuses = []fidelity.ActionStatus{
	fidelity.ActionOpen, fidelity.ActionInProgress, fidelity.ActionDone, fidelity.ActionDropped,
}

// actionEdit is a failed action write sent back to its page: the form as
// typed and the errors, for the new-item form (ActionID "") or for one
// action's status.
type actionEdit struct {
	Form     url.Values
	Errs     fieldErrors
	ActionID string
	// RowErr is the message shown at the failed action's status.
	RowErr string
}

// actionPlanView is the action plan section of the review and site pages.
type actionPlanView struct {
	ReviewID   string
	ReviewDate string
	From       string // "site" on the site page
	CanEdit    bool   // the caller's role may write (the service decides)
	Rows       []actionRow
	Errs       fieldErrors
	// The new-item form.
	Open                    bool // unfold it: it holds input or errors
	Title, Owner, Due, Note fieldView
	Items                   []choiceView
	ItemsErr                string
}

type actionRow struct {
	fidelity.ActionItem
	Statuses []choiceView
	Err      string
}

// canEditActions mirrors the service's rule for the page: admins and
// programme leads see the forms; the service still checks every write.
func canEditActions(p fidelity.Principal) bool {
	return p.Role == fidelity.RoleAdmin || p.Role == fidelity.RoleLead
}

// actionPlan builds the section for a review's actions (already filtered
// by the caller), filled from ed after a failed write.
func actionPlan(rq *request, rv fidelity.Review, sc *scale.Scale, actions []fidelity.ActionItem, from string, ed actionEdit) actionPlanView {
	l := loc(rq.lang)
	errs := ed.Errs
	if errs.Fields == nil {
		errs = newFieldErrors()
	}
	form := ed.Form
	if form == nil {
		form = url.Values{}
	}
	newForm := form
	if ed.ActionID != "" {
		newForm = url.Values{}
	}
	p := actionPlanView{
		ReviewID: rv.ID, ReviewDate: l.Date(rv.VisitEnd), From: from, CanEdit: canEditActions(rq.principal), Errs: errs,
		Title: field(newForm, errs, "title", l.T("actions.f_title")),
		Owner: field(newForm, errs, "owner", l.T("actions.f_owner")),
		Due:   field(newForm, errs, "due", l.T("actions.f_due")),
		Note:  field(newForm, errs, "note", l.T("actions.f_note")),
	}
	errs.label("item_ids", l.T("actions.f_items"))
	if ed.ActionID == "" {
		p.ItemsErr = errs.Fields["item_ids"]
		p.Open = ed.Form != nil
	}
	chosen := newForm["item_ids"]
	if sc != nil {
		for _, it := range sc.Items {
			p.Items = append(p.Items, choiceView{Value: it.ID, Label: it.ID + " – " + it.Title.In(rq.lang), Checked: slices.Contains(chosen, it.ID)})
		}
	}
	for _, a := range actions {
		row := actionRow{ActionItem: a}
		current := string(a.Status)
		if a.ID == ed.ActionID {
			row.Err = ed.RowErr
			if s := form.Get("status"); s != "" {
				current = s
			}
		}
		for _, st := range actionStatuses {
			row.Statuses = append(row.Statuses, choiceView{Value: string(st), Label: l.T("action." + string(st)), Checked: string(st) == current})
		}
		p.Rows = append(p.Rows, row)
	}
	return p
}

// showActionPage renders the page an action form came from again, with
// the form as typed and its errors.
func (u *ui) showActionPage(c *gin.Context, status int, from, reviewID string, ed actionEdit) {
	if from == "site" {
		rv, err := u.svc.GetReview(c.Request.Context(), reviewID)
		if err != nil {
			u.fail(c, err)
			return
		}
		u.showSite(c, status, rv.SiteID, false, ed)
		return
	}
	u.showReview(c, status, reviewID, ed)
}

// serviceErrors places the service's field errors of a new action item on
// the form's fields; several reasons for one field are joined.
func serviceErrors(err error, lang string) fieldErrors {
	errs := newFieldErrors()
	errs.General = append(errs.General, messageOf(lang, err))
	for _, fe := range fidelity.FieldsOf(err) {
		switch prev, ok := errs.Fields[fe.Field]; {
		case fe.Field == "":
			errs.General = append(errs.General, fe.ReasonIn(lang))
		case ok:
			errs.Fields[fe.Field] = prev + "; " + fe.ReasonIn(lang)
		default:
			errs.Fields[fe.Field] = fe.ReasonIn(lang)
		}
	}
	return errs
}

// actionRedirect sends the browser back to the page the form was on.
func actionRedirect(c *gin.Context, from string, a fidelity.ActionItem, done string) {
	to := "/ui/reviews/" + url.PathEscape(a.ReviewID)
	if from == "site" {
		to = "/ui/sites/" + url.PathEscape(a.SiteID)
	}
	redirect(c, to+"#actions", done)
}

// createAction adds an item to a review's action plan.
func (u *ui) createAction(c *gin.Context) {
	rq := req(c)
	form := postForm(c)
	from := form.Get("from")
	reviewID := c.Param("id")
	errs := newFieldErrors()
	due, ok := parseDate(strings.TrimSpace(form.Get("due")))
	if !ok {
		errs.Fields["due"] = rq.T("form.not_a_date")
		u.showActionPage(c, http.StatusBadRequest, from, reviewID, actionEdit{Form: form, Errs: errs})
		return
	}
	in := service.ActionInput{Title: form.Get("title"), Owner: form.Get("owner"), Note: form.Get("note"),
		ItemIDs: append([]string{}, form["item_ids"]...)}
	if !due.IsZero() {
		in.Due = &due
	}
	a, err := u.svc.CreateAction(c.Request.Context(), reviewID, in)
	if err != nil {
		if fidelity.KindOf(err) != fidelity.KindInvalid {
			u.fail(c, err)
			return
		}
		u.showActionPage(c, http.StatusBadRequest, from, reviewID, actionEdit{Form: form, Errs: serviceErrors(err, req(c).lang)})
		return
	}
	actionRedirect(c, from, a, "action_added")
}

// updateAction changes an action item's status, if it still has the
// version the page showed.
func (u *ui) updateAction(c *gin.Context) {
	rq := req(c)
	form := postForm(c)
	id := c.Param("id")
	version, err := strconv.Atoi(form.Get("version"))
	if err != nil || version < 0 {
		u.fail(c, fidelity.Errorf(fidelity.KindPreconditionRequired, "%s", rq.T("actions.no_version")))
		return
	}
	st := fidelity.ActionStatus(form.Get("status"))
	a, err := u.svc.UpdateAction(c.Request.Context(), id, version, service.ActionPatch{Status: &st})
	if err != nil {
		switch fidelity.KindOf(err) {
		case fidelity.KindInvalid, fidelity.KindPreconditionFailed, fidelity.KindConflict:
			// The message goes to the action's status; the summary says
			// which form failed.
			ed := actionEdit{Form: form, Errs: newFieldErrors(), ActionID: id, RowErr: messageOf(rq.lang, err)}
			ed.Errs.General = append(ed.Errs.General, rq.T("actions.not_changed"))
			for _, fe := range fidelity.FieldsOf(err) {
				if fe.Field == "status" {
					ed.RowErr = fe.ReasonIn(rq.lang)
				} else {
					ed.Errs.General = append(ed.Errs.General, fe.ReasonIn(rq.lang))
				}
			}
			u.showActionPage(c, statusOf(err), form.Get("from"), form.Get("review"), ed)
		default:
			u.fail(c, err)
		}
		return
	}
	actionRedirect(c, form.Get("from"), a, "action_updated")
}
