package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
)

// ListScales lists every published scale version.
func (a *API) ListScales(c *gin.Context) {
	list := a.svc.ListScales()
	out := oapi.ScaleList{Items: make([]oapi.ScaleSummary, len(list))}
	for i, sc := range list {
		out.Items[i] = toScaleSummary(sc)
	}
	c.JSON(http.StatusOK, out)
}

// CreateScale publishes a scale version from a YAML body.
func (a *API) CreateScale(c *gin.Context) {
	if err := requireMedia(c, "application/yaml", "text/yaml", "application/x-yaml"); err != nil {
		writeProblem(c, err)
		return
	}
	data, err := readBody(c)
	if err != nil {
		writeProblem(c, err)
		return
	}
	sc, created, err := a.svc.UploadScale(c.Request.Context(), data)
	if err != nil {
		writeProblem(c, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
		c.Header("Location", "/v1/scales/"+sc.Ref())
	}
	c.JSON(status, toScaleSummary(sc))
}

// GetScale returns one scale version in one language.
func (a *API) GetScale(c *gin.Context, ref oapi.ScaleRef, params oapi.GetScaleParams) {
	sc, err := a.svc.GetScale(ref)
	if err != nil {
		writeProblem(c, err)
		return
	}
	lang := "en"
	if params.Lang != nil {
		lang = string(*params.Lang)
	}
	c.Header("ETag", `"`+sc.Checksum+`"`)
	c.JSON(http.StatusOK, localize(sc, lang))
}

// GetScaleSource returns the exact published file.
func (a *API) GetScaleSource(c *gin.Context, ref oapi.ScaleRef) {
	sc, err := a.svc.GetScale(ref)
	if err != nil {
		writeProblem(c, err)
		return
	}
	c.Header("ETag", `"`+sc.Checksum+`"`)
	c.Data(http.StatusOK, "application/yaml", sc.Raw)
}
