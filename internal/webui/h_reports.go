package webui

import (
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/charts"
	"github.com/ipsfidelity/fidelity/internal/report"
	"github.com/ipsfidelity/fidelity/internal/report/stats"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// reportFilter is the filter form of the report pages.
type reportFilter struct {
	Subtree, Scale string
	Sites          []choiceView
	Scales         []choiceView
	Exports        map[string]string // download links with the filter
}

func (u *ui) reportFilter(c *gin.Context) (reportFilter, service.ReportQuery, *scale.Scale, error) {
	rq := req(c)
	f := reportFilter{Subtree: c.Query("subtree"), Scale: c.DefaultQuery("scale", service.DefaultReportScale)}
	sc, err := u.svc.GetScale(f.Scale)
	if err != nil {
		sc, err = u.svc.GetScale(service.DefaultReportScale)
		if err != nil {
			return f, service.ReportQuery{}, nil, err
		}
	}
	f.Scale = sc.Ref()
	sites, _, err := u.allSites(c.Request.Context(), service.SiteFilter{})
	if err != nil {
		return f, service.ReportQuery{}, nil, err
	}
	for _, s := range sites {
		if s.Kind != "team" {
			f.Sites = append(f.Sites, choiceView{Value: s.ID, Label: s.Name, Checked: s.ID == f.Subtree})
		}
	}
	for _, s := range u.svc.ListScales() {
		f.Scales = append(f.Scales, choiceView{Value: s.Ref(), Label: s.Title.In(rq.lang) + " (" + s.Ref() + ")", Checked: s.Ref() == f.Scale})
	}
	v := url.Values{"scale": {f.Scale}}
	if f.Subtree != "" {
		v.Set("subtree", f.Subtree)
	}
	qs := v.Encode()
	f.Exports = map[string]string{
		"ratings": "/ui/exports/ratings.csv?" + qs, "reviews": "/ui/exports/reviews.csv?" + qs, "workbook": "/ui/exports/workbook.xlsx?" + qs,
	}
	return f, service.ReportQuery{Subtree: f.Subtree, Scale: f.Scale}, sc, nil
}

type compareData struct {
	Filter      reportFilter
	Scale       *scale.Scale
	League      report.ComparisonReport
	Heatmap     []byte
	HeatmapRep  report.HeatmapReport
	Bands       []byte
	Transitions report.TransitionMatrix
	PeriodA     string
	PeriodB     string
}

// compare is the comparison page: league table, heatmap, band
// distribution and band transitions over the last year.
func (u *ui) compare(c *gin.Context) {
	ctx := c.Request.Context()
	rq := req(c)
	f, q, sc, err := u.reportFilter(c)
	if err != nil {
		u.fail(c, err)
		return
	}
	d := compareData{Filter: f, Scale: sc}
	if d.League, err = u.svc.Comparison(ctx, q); err != nil {
		u.fail(c, err)
		return
	}
	if d.HeatmapRep, err = u.svc.Heatmap(ctx, q); err != nil {
		u.fail(c, err)
		return
	}
	if len(d.League.League) > 0 {
		d.Heatmap = charts.Heatmap(sc, d.HeatmapRep, rq.lang).SVG()
	}
	now := time.Now().UTC()
	yearAgo := now.AddDate(-1, 0, 0)
	before, err := u.svc.Comparison(ctx, service.ReportQuery{Subtree: q.Subtree, Scale: q.Scale, To: &yearAgo})
	if err != nil {
		u.fail(c, err)
		return
	}
	d.PeriodA, d.PeriodB = yearAgo.Format(time.DateOnly), now.Format(time.DateOnly)
	d.Bands = charts.Bands(sc, []string{d.PeriodA, d.PeriodB}, []report.ComparisonReport{before, d.League}, rq.lang).SVG()
	if d.Transitions, err = u.svc.Transitions(ctx, q, report.PeriodSpec{To: yearAgo}, report.PeriodSpec{To: now}); err != nil {
		u.fail(c, err)
		return
	}
	u.render(c, http.StatusOK, "compare", rq.T("compare.title"), d)
}

type agreementData struct {
	Filter reportFilter
	Scale  *scale.Scale
	Report report.AgreementReport
}

// agreement shows inter-rater agreement per item and on totals.
func (u *ui) agreement(c *gin.Context) {
	f, q, sc, err := u.reportFilter(c)
	if err != nil {
		u.fail(c, err)
		return
	}
	rep, err := u.svc.Agreement(c.Request.Context(), q, report.AgreementOptions{})
	if err != nil {
		u.fail(c, err)
		return
	}
	u.render(c, http.StatusOK, "agreement", req(c).T("agreement.title"), agreementData{Filter: f, Scale: sc, Report: rep})
}

// Stat formats a statistic: its value, or why there is none.
func (l loc) Stat(r stats.Result) string {
	if r.Value == nil {
		if r.Reason != "" {
			return "– (" + r.Reason + ")"
		}
		return "–"
	}
	return l.Num(*r.Value)
}

// Pct formats a share 0–1 as a percentage.
func (l loc) Pct(r stats.Result) string {
	if r.Value == nil {
		return "–"
	}
	return l.Num(*r.Value*100) + " %"
}
