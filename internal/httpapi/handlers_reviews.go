package httpapi

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// ListReviews lists reviews with filters and paging.
func (a *API) ListReviews(c *gin.Context, p oapi.ListReviewsParams) {
	f, err := reviewFilter(p)
	if err != nil {
		writeProblem(c, err)
		return
	}
	b, err := a.svc.ReviewListAnswer(c.Request.Context(), f, func(rs []fidelity.Review, next string) ([]byte, error) {
		out := oapi.ReviewList{Items: make([]oapi.Review, len(rs)), NextCursor: encodeCursor(next)}
		for i, r := range rs {
			out.Items[i] = a.toReview(service.ReviewView{Review: r})
			out.Items[i].RatersSubmitted = nil
		}
		return appendReviewList(make([]byte, 0, 64+640*len(out.Items)), out)
	})
	if err != nil {
		writeProblem(c, err)
		return
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", b)
}

func reviewFilter(p oapi.ListReviewsParams) (service.ReviewFilter, error) {
	page, err := pageOf(p.Cursor, p.Limit)
	if err != nil {
		return service.ReviewFilter{}, err
	}
	f := service.ReviewFilter{
		Subtree: deref(p.Subtree), SiteID: deref(p.SiteID), RaterID: deref(p.RaterID),
		From: fromDate(p.From), To: fromDate(p.To), Page: page,
	}
	if p.Scale != nil {
		f.ScaleID, f.ScaleVersion, _ = strings.Cut(*p.Scale, "@")
	}
	var bad []fidelity.FieldError
	for _, s := range splitAll(p.Status) {
		switch st := fidelity.ReviewStatus(s); st {
		case fidelity.StatusPlanned, fidelity.StatusInProgress, fidelity.StatusConsensus, fidelity.StatusFinalised:
			f.Status = append(f.Status, st)
		default:
			bad = append(bad, fidelity.FieldError{Field: "status", Reason: "must be planned, in_progress, consensus or finalised, not " + s})
		}
	}
	for _, t := range splitAll(p.Type) {
		switch rt := fidelity.ReviewType(t); rt {
		case fidelity.ReviewExternal, fidelity.ReviewSelf, fidelity.ReviewRemote:
			f.Type = append(f.Type, rt)
		default:
			bad = append(bad, fidelity.FieldError{Field: "type", Reason: "must be external, self or remote, not " + t})
		}
	}
	if f.From != nil && f.To != nil && f.To.Before(*f.From) {
		bad = append(bad, fidelity.FieldError{Field: "to", Reason: "must not be before from"})
	}
	if len(bad) > 0 {
		return f, fidelity.Invalid("a filter is not valid", bad...)
	}
	return f, nil
}

// splitAll accepts both ?status=a&status=b and ?status=a,b.
func splitAll(vs []string) []string {
	var out []string
	for _, v := range vs {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// CreateReview plans a review.
func (a *API) CreateReview(c *gin.Context, _ oapi.CreateReviewParams) {
	var body oapi.NewReview
	if err := a.decodeJSON(c, &body); err != nil {
		writeProblem(c, err)
		return
	}
	v, err := a.svc.PlanReview(c.Request.Context(), service.ReviewInput{
		SiteID: body.SiteID, Scale: body.Scale, Type: fidelity.ReviewType(body.Type),
		VisitStart: *fromDate(&body.VisitStart), VisitEnd: *fromDate(&body.VisitEnd), RaterIDs: body.RaterIDs,
	})
	if err != nil {
		writeProblem(c, err)
		return
	}
	c.Header("Location", "/v1/reviews/"+v.ID)
	a.review(c, http.StatusCreated, v, nil)
}

// GetReview returns one review.
func (a *API) GetReview(c *gin.Context, id oapi.ReviewID) {
	v, err := a.svc.GetReview(c.Request.Context(), id)
	a.review(c, http.StatusOK, v, err)
}

// UpdateReview changes a review's plan.
func (a *API) UpdateReview(c *gin.Context, id oapi.ReviewID, p oapi.UpdateReviewParams) {
	var body oapi.ReviewPatch
	version, ok := a.guardedPrelude(c, p.IfMatch, &body)
	if !ok {
		return
	}
	patch := service.ReviewPatch{VisitStart: fromDate(body.VisitStart), VisitEnd: fromDate(body.VisitEnd)}
	if body.Type != nil {
		t := fidelity.ReviewType(*body.Type)
		patch.Type = &t
	}
	if body.RaterIDs != nil {
		patch.RaterIDs = &body.RaterIDs
	}
	v, err := a.svc.UpdateReview(c.Request.Context(), id, version, patch)
	a.review(c, http.StatusOK, v, err)
}

// StartReview moves a planned review to in_progress.
func (a *API) StartReview(c *gin.Context, id oapi.ReviewID, p oapi.StartReviewParams) {
	version, ok := a.requireIfMatch(c, p.IfMatch)
	if !ok {
		return
	}
	v, err := a.svc.StartReview(c.Request.Context(), id, version)
	a.review(c, http.StatusOK, v, err)
}

// FinalizeReview closes a review whose consensus is complete.
func (a *API) FinalizeReview(c *gin.Context, id oapi.ReviewID, p oapi.FinalizeReviewParams) {
	version, ok := a.requireIfMatch(c, p.IfMatch)
	if !ok {
		return
	}
	v, err := a.svc.Finalize(c.Request.Context(), id, version)
	a.review(c, http.StatusOK, v, err)
}

func (a *API) review(c *gin.Context, status int, v service.ReviewView, err error) {
	if err != nil {
		writeProblem(c, err)
		return
	}
	setETag(c, v.Version)
	c.JSON(status, a.toReview(v))
}
