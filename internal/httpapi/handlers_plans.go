package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
	"github.com/ipsfidelity/fidelity/internal/service"
)

func toOutcome(o fidelity.Outcome) oapi.Outcome {
	return oapi.Outcome{
		ID: o.ID, SiteID: o.SiteID, Measure: o.Measure, PeriodStart: date(o.PeriodStart), PeriodEnd: date(o.PeriodEnd),
		Value: o.Value, N: o.N, Note: o.Note, CreatedAt: o.CreatedAt,
	}
}

func toAction(a fidelity.ActionItem) oapi.ActionItem {
	ids := a.ItemIDs
	if ids == nil {
		ids = []string{}
	}
	return oapi.ActionItem{
		ID: a.ID, ReviewID: a.ReviewID, SiteID: a.SiteID, ItemIDs: ids, Title: a.Title, Owner: a.Owner,
		Due: datePtr(a.Due), Status: oapi.ActionStatus(a.Status), Note: a.Note, Version: a.Version,
		CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt,
	}
}

// ListOutcomes lists a site's outcomes.
func (a *API) ListOutcomes(c *gin.Context, id oapi.SiteID, p oapi.ListOutcomesParams) {
	os, err := a.svc.Outcomes(c.Request.Context(), id, deref(p.Measure))
	if err != nil {
		writeProblem(c, err)
		return
	}
	out := oapi.OutcomeList{Items: make([]oapi.Outcome, len(os))}
	for i, o := range os {
		out.Items[i] = toOutcome(o)
	}
	c.JSON(http.StatusOK, out)
}

// CreateOutcome records an outcome for a site and period.
func (a *API) CreateOutcome(c *gin.Context, id oapi.SiteID, _ oapi.CreateOutcomeParams) {
	var body oapi.NewOutcome
	if err := a.decodeJSON(c, &body); err != nil {
		writeProblem(c, err)
		return
	}
	in := service.OutcomeInput{
		Measure: body.Measure, PeriodStart: *fromDate(&body.PeriodStart), PeriodEnd: *fromDate(&body.PeriodEnd),
		Value: body.Value, Note: deref(body.Note),
	}
	if body.N != nil {
		in.N = *body.N
	}
	o, err := a.svc.RecordOutcome(c.Request.Context(), id, in)
	if err != nil {
		writeProblem(c, err)
		return
	}
	c.Header("Location", "/v1/sites/"+id+"/outcomes")
	c.JSON(http.StatusCreated, toOutcome(o))
}

// ListActions lists a review's action plan.
func (a *API) ListActions(c *gin.Context, id oapi.ReviewID) {
	as, err := a.svc.Actions(c.Request.Context(), id)
	if err != nil {
		writeProblem(c, err)
		return
	}
	out := oapi.ActionList{Items: make([]oapi.ActionItem, len(as))}
	for i, x := range as {
		out.Items[i] = toAction(x)
	}
	c.JSON(http.StatusOK, out)
}

// CreateAction adds an action item to a review.
func (a *API) CreateAction(c *gin.Context, id oapi.ReviewID, _ oapi.CreateActionParams) {
	var body oapi.NewAction
	if err := a.decodeJSON(c, &body); err != nil {
		writeProblem(c, err)
		return
	}
	x, err := a.svc.CreateAction(c.Request.Context(), id, service.ActionInput{
		ItemIDs: body.ItemIDs, Title: body.Title, Owner: deref(body.Owner), Due: fromDate(body.Due), Note: deref(body.Note),
	})
	if err != nil {
		writeProblem(c, err)
		return
	}
	c.Header("Location", "/v1/actions/"+x.ID)
	setETag(c, x.Version)
	c.JSON(http.StatusCreated, toAction(x))
}

// UpdateAction changes an action item.
func (a *API) UpdateAction(c *gin.Context, id oapi.ActionID, p oapi.UpdateActionParams) {
	var body oapi.ActionPatch
	version, err := a.writePrelude(c, p.IfMatch, &body)
	if err != nil {
		writeProblem(c, err)
		return
	}
	patch := service.ActionPatch{ItemIDs: body.ItemIDs, Title: body.Title, Owner: body.Owner, Due: fromDate(body.Due), Note: body.Note}
	if body.Status != nil {
		st := fidelity.ActionStatus(*body.Status)
		patch.Status = &st
	}
	x, err := a.svc.UpdateAction(c.Request.Context(), id, version, patch)
	if err != nil {
		writeProblem(c, err)
		return
	}
	setETag(c, x.Version)
	c.JSON(http.StatusOK, toAction(x))
}
