package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// ListRaters lists raters.
func (a *API) ListRaters(c *gin.Context, p oapi.ListRatersParams) {
	page, err := pageOf(p.Cursor, p.Limit)
	if err != nil {
		writeProblem(c, err)
		return
	}
	rs, next, err := a.svc.ListRaters(c.Request.Context(), service.RaterFilter{
		ActiveOnly: p.Active != nil && *p.Active, InactiveOnly: p.Active != nil && !*p.Active,
		NameContains: deref(p.Q), Page: page,
	})
	if err != nil {
		writeProblem(c, err)
		return
	}
	out := oapi.RaterList{Items: make([]oapi.Rater, len(rs)), NextCursor: encodeCursor(next)}
	for i, r := range rs {
		out.Items[i] = toRater(r)
	}
	c.JSON(http.StatusOK, out)
}

// CreateRater registers a rater.
func (a *API) CreateRater(c *gin.Context, _ oapi.CreateRaterParams) {
	var body oapi.NewRater
	if err := a.decodeJSON(c, &body); err != nil {
		writeProblem(c, err)
		return
	}
	r, err := a.svc.CreateRater(c.Request.Context(), service.RaterInput{
		Name: body.Name, Organisation: body.Organisation, Email: body.Email, HomeSiteID: deref(body.HomeSiteID),
	})
	if err != nil {
		writeProblem(c, err)
		return
	}
	c.Header("Location", "/v1/raters/"+r.ID)
	a.rater(c, http.StatusCreated, r, nil)
}

// GetRater returns one rater.
func (a *API) GetRater(c *gin.Context, id oapi.RaterID) {
	r, err := a.svc.GetRater(c.Request.Context(), id)
	a.rater(c, http.StatusOK, r, err)
}

// UpdateRater changes a rater.
func (a *API) UpdateRater(c *gin.Context, id oapi.RaterID, p oapi.UpdateRaterParams) {
	var body oapi.RaterPatch
	version, err := a.writePrelude(c, p.IfMatch, &body)
	if err != nil {
		writeProblem(c, err)
		return
	}
	r, err := a.svc.UpdateRater(c.Request.Context(), id, version, service.RaterPatch{
		Name: body.Name, Organisation: body.Organisation, Email: body.Email, Active: body.Active,
		HomeSiteID: body.HomeSiteID,
	})
	a.rater(c, http.StatusOK, r, err)
}

func (a *API) rater(c *gin.Context, status int, r fidelity.Rater, err error) {
	if err != nil {
		writeProblem(c, err)
		return
	}
	setETag(c, r.Version)
	c.JSON(status, toRater(r))
}
