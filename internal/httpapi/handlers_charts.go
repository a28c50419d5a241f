package httpapi

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/charts"
	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
	"github.com/ipsfidelity/fidelity/internal/report"
	"github.com/ipsfidelity/fidelity/internal/service"
)

func langOf(l *oapi.Lang) string {
	if l != nil && *l == oapi.LangNb {
		return "nb"
	}
	return "en"
}

func sendSVG(c *gin.Context, svg []byte) {
	c.Header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	c.Data(http.StatusOK, "image/svg+xml", svg)
}

// ChartTrend draws a site's totals over time.
func (a *API) ChartTrend(c *gin.Context, p oapi.ChartTrendParams) {
	types, err := reviewTypes(p.Types)
	if err != nil {
		writeProblem(c, err)
		return
	}
	tr, err := a.svc.Trend(c.Request.Context(), p.Site, service.ReportQuery{Scale: deref(p.Scale), Type: types})
	if err != nil {
		writeProblem(c, err)
		return
	}
	sc, err := a.svc.GetScale(tr.Scale)
	if err != nil {
		writeProblem(c, err)
		return
	}
	sendSVG(c, charts.Trend(sc, tr, langOf(p.Lang), a.svc.GoodBands()).SVG())
}

// ChartProfile draws a review's item scores against the previous review,
// as bars or as a radar, in SVG or PNG.
func (a *API) ChartProfile(c *gin.Context, format oapi.ChartProfileParamsFormat, p oapi.ChartProfileParams) {
	prof, err := a.svc.Profile(c.Request.Context(), p.Review)
	if err != nil {
		writeProblem(c, err)
		return
	}
	lang := langOf(p.Lang)
	var svg func() []byte
	var png func() ([]byte, error)
	if p.View != nil && *p.View == oapi.ChartProfileParamsViewRadar {
		ch := charts.Radar(prof.Scale, prof.SiteName, prof.Current, prof.Previous, lang)
		svg, png = ch.SVG, ch.PNG
	} else {
		ch := charts.Profile(prof.Scale, prof.SiteName, prof.Current, prof.Previous, lang)
		svg, png = ch.SVG, ch.PNG
	}
	if format == oapi.ChartProfileParamsFormatPng {
		sendPNG(c, png)
		return
	}
	sendSVG(c, svg())
}

// ChartHeatmap draws the items × sites heatmap.
func (a *API) ChartHeatmap(c *gin.Context, format oapi.ChartHeatmapParamsFormat, p oapi.ChartHeatmapParams) {
	types, err := reviewTypes(p.Types)
	if err != nil {
		writeProblem(c, err)
		return
	}
	h, err := a.svc.Heatmap(c.Request.Context(), service.ReportQuery{Subtree: deref(p.Subtree), Scale: deref(p.Scale), Type: types})
	if err != nil {
		writeProblem(c, err)
		return
	}
	sc, err := a.svc.GetScale(h.Scale)
	if err != nil {
		writeProblem(c, err)
		return
	}
	ch := charts.Heatmap(sc, h, langOf(p.Lang))
	if format == "png" {
		sendPNG(c, ch.PNG)
		return
	}
	sendSVG(c, ch.SVG())
}

// ChartBands draws sites per band at the end of one or two periods.
func (a *API) ChartBands(c *gin.Context, format oapi.ChartBandsParamsFormat, p oapi.ChartBandsParams) {
	ctx := c.Request.Context()
	types, err := reviewTypes(p.Types)
	if err != nil {
		writeProblem(c, err)
		return
	}
	to := time.Now().UTC()
	if p.To != nil {
		to = p.To.Time
	}
	var names []string
	var reports []report.ComparisonReport
	if p.CompareTo != nil {
		before := p.CompareTo.Time
		r, err := a.svc.Comparison(ctx, service.ReportQuery{Subtree: deref(p.Subtree), Scale: deref(p.Scale), Type: types, To: &before})
		if err != nil {
			writeProblem(c, err)
			return
		}
		names, reports = append(names, before.Format(time.DateOnly)), append(reports, r)
	}
	r, err := a.svc.Comparison(ctx, service.ReportQuery{Subtree: deref(p.Subtree), Scale: deref(p.Scale), Type: types, To: &to})
	if err != nil {
		writeProblem(c, err)
		return
	}
	names, reports = append(names, to.Format(time.DateOnly)), append(reports, r)
	sc, err := a.svc.GetScale(r.Scale)
	if err != nil {
		writeProblem(c, err)
		return
	}
	ch := charts.Bands(sc, names, reports, langOf(p.Lang))
	if format == "png" {
		sendPNG(c, ch.PNG)
		return
	}
	sendSVG(c, ch.SVG())
}

func sendPNG(c *gin.Context, render func() ([]byte, error)) {
	png, err := render()
	if err != nil {
		writeProblem(c, err)
		return
	}
	c.Data(http.StatusOK, "image/png", png)
}
