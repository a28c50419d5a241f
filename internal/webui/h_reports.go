package webui

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/charts"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
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
	// Types are the review-type checkboxes; empty on pages that read every
	// type (agreement compares self-assessments with external reviews).
	Types []choiceView
	// Levels offers the comparison by units of review ("") or by each site
	// of a grouping kind; empty on pages without the choice.
	Levels []choiceView
	// Keep are further query parameters the filter form carries along
	// (Label is the name), so changing the filter keeps the page's state.
	Keep []choiceView
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
	return f, service.ReportQuery{Subtree: f.Subtree, Scale: f.Scale, Type: chosenTypes(c)}, sc, nil
}

type compareData struct {
	Filter reportFilter
	Scale  *scale.Scale
	League report.ComparisonReport
	// OtherVersions are the sites on an older scale version, shown apart.
	OtherVersions []otherVersionView
	Heatmap       []byte
	HeatmapRep    report.HeatmapReport
	Bands         []byte
	Transitions   report.TransitionMatrix
	PeriodA       string
	PeriodB       string
	// Periods is the form choosing the two dates, with the filter kept.
	Periods periodForm
}

// periodForm is the small GET form of the two dates of the band
// comparison; a date that is not one keeps the default and says why.
type periodForm struct {
	A, B           fieldView
	Subtree, Scale string
	Types          []fidelity.ReviewType
	Level          string
}

// periodDate reads a date parameter: the default when absent, the default
// and a message when it is not a date.
func periodDate(c *gin.Context, name, label string, def time.Time) (time.Time, fieldView) {
	fv := fieldView{Name: name, ID: domID(name), Label: label, Value: c.Query(name)}
	t, ok := parseDate(strings.TrimSpace(fv.Value))
	switch {
	case !ok:
		fv.Err = req(c).T("form.not_a_date")
		return def, fv
	case t.IsZero():
		fv.Value = def.Format(time.DateOnly)
		return def, fv
	}
	return t, fv
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
	used := fidelity.ReviewTypesOr(q.Type)
	f.Types = typeChoices(rq.lang, used)
	if f.Levels, err = u.levelChoices(ctx, rq.lang, c.Query("level")); err != nil {
		u.fail(c, err)
		return
	}
	for _, l := range f.Levels {
		if l.Checked {
			q.Level = l.Value
		}
	}
	d := compareData{Filter: f, Scale: sc}
	if d.League, err = u.svc.Comparison(ctx, q); err != nil {
		u.fail(c, err)
		return
	}
	d.OtherVersions = otherVersions(d.League, u.svc.Scales(), rq.lang)
	if d.HeatmapRep, err = u.svc.Heatmap(ctx, q); err != nil {
		u.fail(c, err)
		return
	}
	if len(d.League.League) > 0 {
		d.Heatmap = charts.Heatmap(sc, d.HeatmapRep, rq.lang).SVG()
	}
	now := time.Now().UTC()
	a, fa := periodDate(c, "period_a", rq.T("compare.period_a"), now.AddDate(-1, 0, 0))
	b, fb := periodDate(c, "period_b", rq.T("compare.period_b"), now)
	d.Periods = periodForm{A: fa, B: fb, Subtree: f.Subtree, Scale: f.Scale, Types: q.Type, Level: q.Level}
	d.Filter.Keep = []choiceView{{Value: fa.Value, Label: fa.Name}, {Value: fb.Value, Label: fb.Name}}
	atA, err := u.svc.Comparison(ctx, service.ReportQuery{Subtree: q.Subtree, Scale: q.Scale, Type: q.Type, Level: q.Level, To: &a})
	if err != nil {
		u.fail(c, err)
		return
	}
	atB := d.League
	if !sameDay(b, now) {
		if atB, err = u.svc.Comparison(ctx, service.ReportQuery{Subtree: q.Subtree, Scale: q.Scale, Type: q.Type, Level: q.Level, To: &b}); err != nil {
			u.fail(c, err)
			return
		}
	}
	d.PeriodA, d.PeriodB = loc(rq.lang).Date(a), loc(rq.lang).Date(b)
	d.Bands = charts.Bands(sc, []string{d.PeriodA, d.PeriodB}, []report.ComparisonReport{atA, atB}, rq.lang).SVG()
	if d.Transitions, err = u.svc.Transitions(ctx, q, report.PeriodSpec{To: a}, report.PeriodSpec{To: b}); err != nil {
		u.fail(c, err)
		return
	}
	u.render(c, http.StatusOK, "compare", rq.T("compare.title"), d)
}

func sameDay(a, b time.Time) bool { return a.Format(time.DateOnly) == b.Format(time.DateOnly) }

type agreementData struct {
	Filter reportFilter
	Scale  *scale.Scale
	Report report.AgreementReport
	// V holds the item titles, pooled statistics, ICC, pairs and raters
	// against the consensus, ready for the page.
	V     agreementViews
	Drift []driftRow
	Pairs []pairRow
	// BlandAltman lists the self − external statistics on totals in a
	// fixed order, each with its label key.
	BlandAltman []labelledStat
}

// driftRow is one line of the drift table: a rater's overall cell (First)
// or one of its periods.
type driftRow struct {
	Rater string
	First bool
	report.DriftCell
}

// pairRow is a self/external pair with the site's name.
type pairRow struct {
	SiteName string
	report.SelfExternalPair
}

type labelledStat struct {
	Label  string
	Signed bool // a difference: shown with its sign
	stats.Result
}

// agreement shows inter-rater agreement per item and on totals, each
// rater's drift from the consensus, and self-assessments against external
// reviews.
func (u *ui) agreement(c *gin.Context) {
	f, q, sc, err := u.reportFilter(c)
	if err != nil {
		u.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	rep, err := u.svc.Agreement(ctx, q, report.AgreementOptions{})
	if err != nil {
		u.fail(c, err)
		return
	}
	d := agreementData{Filter: f, Scale: sc, Report: rep}
	n := u.names(ctx)
	d.V = agreementViewsOf(rep, sc, req(c).lang, n)
	for _, dr := range rep.Drift {
		name := n.Rater(dr.RaterID)
		d.Drift = append(d.Drift, driftRow{Rater: name, First: true, DriftCell: dr.Overall})
		for _, p := range dr.Periods {
			d.Drift = append(d.Drift, driftRow{Rater: name, DriftCell: p})
		}
	}
	for _, p := range rep.SelfExternal.Pairs {
		d.Pairs = append(d.Pairs, pairRow{SiteName: n.Site(p.SiteID), SelfExternalPair: p})
	}
	ba := rep.SelfExternal.BlandAltman
	d.BlandAltman = []labelledStat{{"agreement.ba_bias", true, ba.Bias}, {"agreement.ba_sd", false, ba.SD},
		{"agreement.ba_lower", true, ba.Lower}, {"agreement.ba_upper", true, ba.Upper}, {"agreement.ba_mad", false, ba.MeanAbsDiff}}
	u.render(c, http.StatusOK, "agreement", req(c).T("agreement.title"), d)
}

// Stat formats a statistic: its value, or why there is none.
func (l loc) Stat(r stats.Result) string {
	if r.Value == nil {
		if r.Reason != "" {
			return "– (" + l.reason(r.Reason) + ")"
		}
		return "–"
	}
	return l.Num(*r.Value)
}

// Signed formats a difference with its sign, so +0.5 and −0.5 read apart.
func (l loc) Signed(v any) string {
	s := l.Num(v)
	switch {
	case s == "–" || s == "" || s == "0":
		return s
	case strings.HasPrefix(s, "-"):
		return "−" + s[1:]
	}
	return "+" + s
}

// CI formats the confidence interval of a statistic, "" when it has none.
func (l loc) CI(r stats.Result) string {
	if r.CI == nil {
		return ""
	}
	return l.Num(r.CI.Lower) + " – " + l.Num(r.CI.Upper)
}

// Pct formats a share 0–1 as a percentage.
func (l loc) Pct(r stats.Result) string {
	if r.Value == nil {
		return "–"
	}
	return l.Num(*r.Value*100) + " %"
}
