package webui

import (
	"context"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/ipsfidelity/fidelity/internal/charts"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/report"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// A site's page also shows what the API alone had: the subtotals of the
// scale's extra groupings (IPS principles, EUSE stages) for the latest
// finalised review, computed by report.ScoreItems exactly as the API's
// scorecards and reports compute them, and the site's outcomes (e.g. the
// competitive employment rate) over time beside its fidelity, from
// service.Outcomes as GET /v1/sites/{id}/outcomes lists them.

// groupingView is one grouping of the scale as a table.
type groupingView struct {
	ID, Title, Note string
	Rows            []groupRow
	Outside         []string // items in no group, with the reason
}

type groupRow struct {
	Title, Items string
	Sum, Max     int
	Rated, Count int
	Mean         float64
	HasMean      bool
	Percent      float64
}

// groupingViews lays out the groupings of sc with the subtotals of scores.
func groupingViews(sc *scale.Scale, scores report.ItemsScore, lang string) []groupingView {
	var out []groupingView
	for gi, g := range sc.Groupings {
		gv := groupingView{ID: g.ID, Title: g.Title.In(lang), Note: g.Note.In(lang)}
		for j, grp := range g.Groups {
			row := groupRow{Title: grp.Title.In(lang), Items: strings.Join(grp.Items, ", "), Count: len(grp.Items)}
			if gi < len(scores.Groupings) && j < len(scores.Groupings[gi].Groups) {
				st := scores.Groupings[gi].Groups[j]
				row.Sum, row.Max, row.Rated = st.Sum, st.Max, st.Rated
				row.Mean, row.HasMean, row.Percent = st.Mean, st.Rated > 0, math.Round(st.Percent)
			}
			gv.Rows = append(gv.Rows, row)
		}
		for _, o := range g.Outside {
			gv.Outside = append(gv.Outside, strings.Join(o.Items, ", ")+": "+o.Reason.In(lang))
		}
		out = append(out, gv)
	}
	return out
}

// outcomeView is one outcome measure of the site: a chart and a table
// that sets each period beside the fidelity the site had by its end.
type outcomeView struct {
	Measure, Name string
	Rate          bool // values are shares, shown as percentages
	Chart         []byte
	Rows          []outcomeRow
}

type outcomeRow struct {
	Start, End time.Time
	Value      float64
	N          int
	// The latest review ending on or before the period's end.
	ReviewID string
	VisitEnd time.Time
	Total    *float64
	Band     string
}

// outcomeViews builds one view per measure recorded for the site, oldest
// period first; points are the site's trend (reviews by visit end).
func outcomeViews(siteName string, outcomes []fidelity.Outcome, points []report.TrendPoint, sc *scale.Scale, lang string) []outcomeView {
	var measures []string
	for _, o := range outcomes {
		if !slices.Contains(measures, o.Measure) {
			measures = append(measures, o.Measure)
		}
	}
	slices.Sort(measures)
	var out []outcomeView
	for _, m := range measures {
		var of []fidelity.Outcome
		var values []float64
		for _, o := range outcomes {
			if o.Measure == m && !math.IsNaN(o.Value) && !math.IsInf(o.Value, 0) {
				of = append(of, o)
				values = append(values, o.Value)
			}
		}
		if len(of) == 0 {
			continue
		}
		slices.SortFunc(of, func(a, b fidelity.Outcome) int { return a.PeriodEnd.Compare(b.PeriodEnd) })
		v := outcomeView{Measure: m, Name: charts.MeasureName(m, lang), Rate: charts.IsRate(m, values),
			Chart: charts.Outcomes(siteName, m, of, lang).SVG()}
		for _, o := range of {
			row := outcomeRow{Start: o.PeriodStart, End: o.PeriodEnd, Value: o.Value, N: o.N}
			if v.Rate {
				row.Value = math.Round(o.Value*1000) / 10 // as in the chart
			}
			for _, p := range points {
				if p.Score.Total != nil && !p.VisitEnd.After(o.PeriodEnd) && (row.ReviewID == "" || !p.VisitEnd.Before(row.VisitEnd)) {
					row.ReviewID, row.VisitEnd, row.Total = p.ReviewID, p.VisitEnd, p.Score.Total
					row.Band = bandLabel(sc, p.Score.Band, lang)
				}
			}
			v.Rows = append(v.Rows, row)
		}
		out = append(out, v)
	}
	return out
}

// siteExtras fills the groupings of the latest finalised review from its
// profile (nil: the site has none) and the outcomes of the site.
func (u *ui) siteExtras(ctx context.Context, d *siteData, prof *service.ReviewProfile, lang string) error {
	if last := d.Site.LastReview; last != nil && prof != nil {
		if len(prof.Current) > 0 && len(prof.Scale.Groupings) > 0 {
			d.Groupings = groupingViews(prof.Scale, report.ScoreItems(prof.Scale, prof.Current), lang)
			d.GroupingsReview = last.ID
		}
	}
	outcomes, err := u.svc.Outcomes(ctx, d.Site.ID, "")
	if err != nil {
		return err
	}
	var own []report.TrendPoint // the subtree view's trend holds other sites too
	for _, p := range d.Points {
		if p.SiteID == d.Site.ID {
			own = append(own, p)
		}
	}
	d.Outcomes = outcomeViews(d.Site.Name, outcomes, own, d.Scale, lang)
	return nil
}
