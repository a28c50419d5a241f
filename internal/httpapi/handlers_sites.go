package httpapi

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// ListSites lists sites in the caller's scope with filters and paging.
func (a *API) ListSites(c *gin.Context, p oapi.ListSitesParams) {
	page, err := pageOf(p.Cursor, p.Limit)
	if err != nil {
		writeProblem(c, err)
		return
	}
	views, next, err := a.svc.ListSites(c.Request.Context(), service.SiteFilter{
		Subtree: deref(p.Subtree), Kind: deref(p.Kind), NameContains: deref(p.Q),
		ActiveOn: fromDate(p.ActiveOn), Page: page,
	})
	if err != nil {
		writeProblem(c, err)
		return
	}
	out := oapi.SiteList{Items: make([]oapi.Site, len(views)), NextCursor: encodeCursor(next)}
	for i, v := range views {
		out.Items[i] = toSite(v)
	}
	c.JSON(http.StatusOK, out)
}

// CreateSite adds a site to the tree.
func (a *API) CreateSite(c *gin.Context, _ oapi.CreateSiteParams) {
	var body oapi.NewSite
	if err := a.decodeJSON(c, &body); err != nil {
		writeProblem(c, err)
		return
	}
	v, err := a.svc.CreateSite(c.Request.Context(), service.SiteInput{
		ParentID: deref(body.ParentID), Kind: body.Kind, Code: body.Code, Name: body.Name,
		ActiveFrom: fromDate(body.ActiveFrom),
	})
	if err != nil {
		writeProblem(c, err)
		return
	}
	c.Header("Location", "/v1/sites/"+v.ID)
	setETag(c, v.Version)
	c.JSON(http.StatusCreated, toSite(v))
}

// GetSite returns one site with its due date.
func (a *API) GetSite(c *gin.Context, id oapi.SiteID, p oapi.GetSiteParams) {
	types, err := reviewTypes(p.Types)
	if err != nil {
		writeProblem(c, err)
		return
	}
	b, version, err := a.svc.SiteAnswer(c.Request.Context(), id, types, func(v service.SiteView) ([]byte, error) {
		return json.Marshal(toSite(v))
	})
	if err != nil {
		writeProblem(c, err)
		return
	}
	setETag(c, version)
	c.Data(http.StatusOK, "application/json; charset=utf-8", b)
}

// UpdateSite renames or re-codes a site.
func (a *API) UpdateSite(c *gin.Context, id oapi.SiteID, p oapi.UpdateSiteParams) {
	var body oapi.SitePatch
	version, err := a.writePrelude(c, p.IfMatch, &body)
	if err != nil {
		writeProblem(c, err)
		return
	}
	v, err := a.svc.UpdateSite(c.Request.Context(), id, version, service.SitePatch{Kind: body.Kind, Code: body.Code, Name: body.Name})
	a.site(c, http.StatusOK, v, err)
}

// MoveSite moves a site and its subtree under another parent.
func (a *API) MoveSite(c *gin.Context, id oapi.SiteID, p oapi.MoveSiteParams) {
	var body oapi.SiteMove
	version, err := a.writePrelude(c, p.IfMatch, &body)
	if err != nil {
		writeProblem(c, err)
		return
	}
	v, err := a.svc.MoveSite(c.Request.Context(), id, version, deref(body.ParentID))
	a.site(c, http.StatusOK, v, err)
}

// DeactivateSite ends a site's active period.
func (a *API) DeactivateSite(c *gin.Context, id oapi.SiteID, p oapi.DeactivateSiteParams) {
	var body oapi.SiteDeactivation
	version, err := a.writePrelude(c, p.IfMatch, &body)
	if err != nil {
		writeProblem(c, err)
		return
	}
	v, err := a.svc.DeactivateSite(c.Request.Context(), id, version, *fromDate(&body.ActiveTo))
	a.site(c, http.StatusOK, v, err)
}

// DeleteSite removes a site without reviews or children.
func (a *API) DeleteSite(c *gin.Context, id oapi.SiteID, p oapi.DeleteSiteParams) {
	if _, err := ifMatch(p.IfMatch); err != nil {
		writeProblem(c, err)
		return
	}
	if err := a.svc.DeleteSite(c.Request.Context(), id); err != nil {
		writeProblem(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// GetSiteHistory lists a site's renames, moves and deactivations.
func (a *API) GetSiteHistory(c *gin.Context, id oapi.SiteID) {
	changes, err := a.svc.SiteHistory(c.Request.Context(), id)
	if err != nil {
		writeProblem(c, err)
		return
	}
	out := oapi.SiteHistory{Items: make([]oapi.SiteChange, len(changes))}
	for i, ch := range changes {
		out.Items[i] = toSiteChange(ch)
	}
	c.JSON(http.StatusOK, out)
}

func (a *API) site(c *gin.Context, status int, v service.SiteView, err error) {
	if err != nil {
		writeProblem(c, err)
		return
	}
	setETag(c, v.Version)
	c.JSON(status, toSite(v))
}

// guardedPrelude is writePrelude for review and rating writes, where
// If-Match is required (428 without it).
func (a *API) guardedPrelude(c *gin.Context, h *string, body any) (int, bool) {
	version, ok := a.requireIfMatch(c, h)
	if !ok {
		return 0, false
	}
	if err := a.decodeJSON(c, body); err != nil {
		writeProblem(c, err)
		return 0, false
	}
	return version, true
}

// writePrelude reads If-Match and decodes the body of a write.
func (a *API) writePrelude(c *gin.Context, h *string, body any) (int, error) {
	version, err := ifMatch(h)
	if err != nil {
		return 0, err
	}
	return version, a.decodeJSON(c, body)
}
