package httpapi

import (
	"bytes"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/export"
	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// statsScript answers a script that loads a CSV export into a statistics
// package. It is derived from the scale alone, so it is built in memory
// and sent whole: a failure is still a problem answer.
func (a *API) statsScript(c *gin.Context, tool export.Tool, layout export.Layout, scaleRef *string, lang *oapi.Lang) {
	sc, err := a.svc.GetScale(orDefault(deref(scaleRef), service.DefaultReportScale))
	if err != nil {
		writeProblem(c, err)
		return
	}
	l := langOf(lang)
	// The CSV the script reads by default is the one the export route
	// names today, so a script and an export downloaded together match.
	file := export.FileRatingsCSV
	if layout == export.LayoutWide {
		file = export.FileReviewsCSV
	}
	csvName := export.FileName(file, sc, time.Now())
	var b bytes.Buffer
	if err := export.WriteStatsScript(&b, tool, layout, sc, l, csvName); err != nil {
		writeProblem(c, err)
		return
	}
	c.Header("Content-Disposition", export.Attachment("fidelity-"+string(layout)+"-"+sc.ID+"-"+sc.Version+"-"+l+"."+string(tool)))
	c.Data(http.StatusOK, "text/plain; charset=utf-8", b.Bytes())
}

// ExportReviewsSPSS answers the SPSS syntax for the wide export.
func (a *API) ExportReviewsSPSS(c *gin.Context, p oapi.ExportReviewsSPSSParams) {
	a.statsScript(c, export.ToolSPSS, export.LayoutWide, p.Scale, p.Lang)
}

// ExportReviewsStata answers the Stata do-file for the wide export.
func (a *API) ExportReviewsStata(c *gin.Context, p oapi.ExportReviewsStataParams) {
	a.statsScript(c, export.ToolStata, export.LayoutWide, p.Scale, p.Lang)
}

// ExportReviewsR answers the R script for the wide export.
func (a *API) ExportReviewsR(c *gin.Context, p oapi.ExportReviewsRParams) {
	a.statsScript(c, export.ToolR, export.LayoutWide, p.Scale, p.Lang)
}

// ExportRatingsSPSS answers the SPSS syntax for the long export.
func (a *API) ExportRatingsSPSS(c *gin.Context, p oapi.ExportRatingsSPSSParams) {
	a.statsScript(c, export.ToolSPSS, export.LayoutLong, p.Scale, p.Lang)
}

// ExportRatingsStata answers the Stata do-file for the long export.
func (a *API) ExportRatingsStata(c *gin.Context, p oapi.ExportRatingsStataParams) {
	a.statsScript(c, export.ToolStata, export.LayoutLong, p.Scale, p.Lang)
}

// ExportRatingsR answers the R script for the long export.
func (a *API) ExportRatingsR(c *gin.Context, p oapi.ExportRatingsRParams) {
	a.statsScript(c, export.ToolR, export.LayoutLong, p.Scale, p.Lang)
}

// GetScaleTemplate answers the import template of a scale version.
func (a *API) GetScaleTemplate(c *gin.Context, ref oapi.ScaleRef, p oapi.GetScaleTemplateParams) {
	sc, err := a.svc.GetScale(ref)
	if err != nil {
		writeProblem(c, err)
		return
	}
	l := langOf(p.Lang)
	var b bytes.Buffer
	if err := export.WriteTemplate(&b, sc, l); err != nil {
		writeProblem(c, err)
		return
	}
	c.Header("Content-Disposition", export.Attachment("import-template-"+sc.ID+"-"+sc.Version+"-"+l+".xlsx"))
	c.Data(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b.Bytes())
}
