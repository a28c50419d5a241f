package webui

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/charts"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/report"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// siteNode is one node of the site tree.
type siteNode struct {
	service.SiteView
	Band     string
	Children []*siteNode
}

type sitesData struct {
	Roots     []*siteNode
	Query     string
	Truncated bool
}

// tree arranges sites by parent; a site whose parent is out of sight
// (scope, filter) is shown as a root.
func tree(sites []service.SiteView, band func(fidelity.Review) string) []*siteNode {
	byID := map[string]*siteNode{}
	for _, s := range sites {
		n := &siteNode{SiteView: s}
		if s.LastReview != nil {
			n.Band = band(*s.LastReview)
		}
		byID[s.ID] = n
	}
	var roots []*siteNode
	for _, s := range sites {
		n := byID[s.ID]
		if p, ok := byID[s.ParentID]; ok && s.ParentID != "" {
			p.Children = append(p.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	var sortNodes func([]*siteNode)
	sortNodes = func(ns []*siteNode) {
		slices.SortFunc(ns, func(a, b *siteNode) int { return strings.Compare(a.Name, b.Name) })
		for _, n := range ns {
			sortNodes(n.Children)
		}
	}
	sortNodes(roots)
	return roots
}

func (u *ui) sites(c *gin.Context) {
	rq := req(c)
	q := strings.TrimSpace(c.Query("q"))
	sites, truncated, err := u.allSites(c.Request.Context(), service.SiteFilter{NameContains: q})
	if err != nil {
		u.fail(c, err)
		return
	}
	band := func(r fidelity.Review) string {
		sc, err := u.reviewScale(r)
		if err != nil {
			return r.Band
		}
		return bandLabel(sc, r.Band, rq.lang)
	}
	u.render(c, http.StatusOK, "sites", rq.T("sites.title"), sitesData{Roots: tree(sites, band), Query: q, Truncated: truncated})
}

type siteData struct {
	Site    service.SiteView
	Band    string
	Subtree bool
	Trend   []byte
	Points  []report.TrendPoint
	// ScaleChanges are the points where the site moved to a newer scale
	// version, with what the trend compares across them and what not.
	ScaleChanges []scaleChangeView
	Profile      []byte
	Plan         *actionPlanView // the latest finalised review's open actions
	Reviews      []reviewRow
	Children     []service.SiteView
	ScaleRef     string
	Scale        *scale.Scale // the trend's scale, for band labels
	// Types are the review-type checkboxes of the page's filter.
	Types []choiceView
	// Groupings and outcomes (site_extras.go).
	Groupings       []groupingView
	GroupingsReview string
	Outcomes        []outcomeView
}

// site is a site's page: trend, latest profile against the previous
// review, band, next due date, open actions and its reviews.
func (u *ui) site(c *gin.Context) {
	u.showSite(c, http.StatusOK, c.Param("id"), c.Query("subtree") == "1", actionEdit{})
}

// showSite renders a site's page; ed fills the action plan's forms after a
// failed write.
func (u *ui) showSite(c *gin.Context, status int, id string, subtree bool, ed actionEdit) {
	ctx := c.Request.Context()
	rq := req(c)
	types := chosenTypes(c)
	sv, err := u.svc.GetSiteOfTypes(ctx, id, types)
	if err != nil {
		u.fail(c, err)
		return
	}
	d := siteData{Site: sv, Subtree: subtree, Types: typeChoices(rq.lang, sv.LastReviewTypes)}
	q := service.ReportQuery{Type: types}
	if d.Subtree {
		q.Subtree = sv.ID
	}
	tr, err := u.svc.Trend(ctx, sv.ID, q)
	if err != nil {
		u.fail(c, err)
		return
	}
	sc, err := u.svc.GetScale(tr.Scale)
	if err != nil {
		u.fail(c, err)
		return
	}
	d.ScaleRef, d.Scale = sc.Ref(), sc
	d.Points = tr.Points
	d.ScaleChanges = scaleChanges(tr, u.svc.Scales().Maps(), rq.lang)
	if len(tr.Points) > 0 {
		d.Trend = charts.Trend(sc, tr, rq.lang, u.svc.GoodBands()).SVG()
	}
	// The latest review's profile draws the chart and gives the grouping
	// subtotals (siteExtras): read once.
	var prof *service.ReviewProfile
	if last := sv.LastReview; last != nil {
		lsc, err := u.reviewScale(*last)
		if err == nil {
			d.Band = bandLabel(lsc, last.Band, rq.lang)
		}
		p, err := u.svc.Profile(ctx, last.ID)
		if err != nil {
			u.fail(c, err)
			return
		}
		prof = &p
		d.Profile = profileBars(p, rq.lang)
		open, err := u.openActions(ctx, last.ID)
		if err != nil {
			u.fail(c, err)
			return
		}
		plan := actionPlan(rq, *last, lsc, open, "site", ed)
		d.Plan = &plan
	}
	if d.Reviews, err = u.reviewRows(ctx, service.ReviewFilter{SiteID: sv.ID, Page: service.Page{Limit: 50}}); err != nil {
		u.fail(c, err)
		return
	}
	children, _, err := u.svc.ListSites(ctx, service.SiteFilter{Subtree: sv.ID, Page: service.Page{Limit: 200}})
	if err != nil {
		u.fail(c, err)
		return
	}
	for _, ch := range children {
		if ch.ParentID == sv.ID {
			d.Children = append(d.Children, ch)
		}
	}
	if err := u.siteExtras(ctx, &d, prof, rq.lang); err != nil {
		u.fail(c, err)
		return
	}
	u.render(c, status, "site", sv.Name, d)
}

func (u *ui) openActions(ctx context.Context, reviewID string) ([]fidelity.ActionItem, error) {
	all, err := u.svc.Actions(ctx, reviewID)
	if err != nil {
		return nil, err
	}
	var open []fidelity.ActionItem
	for _, a := range all {
		if a.Status == fidelity.ActionOpen || a.Status == fidelity.ActionInProgress {
			open = append(open, a)
		}
	}
	return open, nil
}

// profileCharts draws a review's item profile as bars and as a radar.
func (u *ui) profileCharts(ctx context.Context, reviewID, lang string) (bars, radar []byte, err error) {
	prof, err := u.svc.Profile(ctx, reviewID)
	if err != nil || len(prof.Current) == 0 {
		return nil, nil, err
	}
	return profileBars(prof, lang), charts.Radar(prof.Scale, prof.SiteName, prof.Current, prof.Previous, lang).SVG(), nil
}

// profileBars draws a review's item profile as bars; nil when no item has
// a score (the page then shows no chart).
func profileBars(prof service.ReviewProfile, lang string) []byte {
	if len(prof.Current) == 0 {
		return nil
	}
	return charts.Profile(prof.Scale, prof.SiteName, prof.Current, prof.Previous, lang).SVG()
}
