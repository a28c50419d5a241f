package webui

import (
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

type raterLink struct {
	ID, Name  string
	Submitted bool
	Rated     int
}

type reviewRow struct {
	fidelity.Review
	SiteName  string
	Raters    []raterLink
	CanRateAs []raterLink // the raters the caller may rate as
}

// rateAs lists whom the caller may rate as on a review: a rater key only
// as itself, leads and admins as any of the review's raters (the service
// decides in the end).
func rateAs(p fidelity.Principal, r fidelity.Review, raters []raterLink) []raterLink {
	if r.Status != fidelity.StatusPlanned && r.Status != fidelity.StatusInProgress {
		return nil
	}
	var out []raterLink
	for _, rl := range raters {
		if p.Role == fidelity.RoleRater && p.RaterID != rl.ID || p.Role == fidelity.RoleReader {
			continue
		}
		out = append(out, rl)
	}
	return out
}

func (u *ui) reviewRows(ctx context.Context, f service.ReviewFilter) ([]reviewRow, error) {
	list, _, err := u.svc.ListReviews(ctx, f)
	if err != nil {
		return nil, err
	}
	p, _ := fidelity.PrincipalFrom(ctx)
	n := u.names(ctx)
	rows := make([]reviewRow, 0, len(list))
	for _, r := range list {
		row := reviewRow{Review: r, SiteName: n.Site(r.SiteID)}
		for _, id := range r.RaterIDs {
			row.Raters = append(row.Raters, raterLink{ID: id, Name: n.Rater(id)})
		}
		row.CanRateAs = rateAs(p, r, row.Raters)
		rows = append(rows, row)
	}
	return rows, nil
}

type reviewsData struct {
	Rows   []reviewRow
	Status string
	Next   string
}

var statusFilters = map[string][]fidelity.ReviewStatus{
	"":          {fidelity.StatusPlanned, fidelity.StatusInProgress, fidelity.StatusConsensus},
	"finalised": {fidelity.StatusFinalised},
	"all":       nil,
}

// reviews lists the reviews in the caller's scope (for raters: their own).
func (u *ui) reviews(c *gin.Context) {
	status := c.Query("status")
	filter, ok := statusFilters[status]
	if !ok {
		status, filter = "", statusFilters[""]
	}
	rows, err := u.reviewRows(c.Request.Context(), service.ReviewFilter{
		Status: filter, SiteID: c.Query("site"), Page: service.Page{After: c.Query("after"), Limit: 50}})
	if err != nil {
		u.fail(c, err)
		return
	}
	d := reviewsData{Rows: rows, Status: status}
	if len(rows) == 50 {
		d.Next = rows[len(rows)-1].ID
	}
	u.render(c, http.StatusOK, "reviews", req(c).T("reviews.title"), d)
}

type reviewData struct {
	Review      service.ReviewView
	SiteName    string
	ScaleTitle  string
	Band        string
	Raters      []raterLink
	CanRateAs   []raterLink
	Profile     []byte
	Radar       []byte // the same profile as a radar, beside the bars
	Corrections []fidelity.Correction
	Plan        *actionPlanView
}

// review is a review's overview: status, raters and their progress, and
// once finalised its score, profile, corrections and action plan.
func (u *ui) review(c *gin.Context) { u.showReview(c, http.StatusOK, c.Param("id"), actionEdit{}) }

// showReview renders a review's page; ed fills the action plan's forms
// after a failed write.
func (u *ui) showReview(c *gin.Context, status int, id string, ed actionEdit) {
	ctx := c.Request.Context()
	rq := req(c)
	rv, err := u.svc.GetReview(ctx, id)
	if err != nil {
		u.fail(c, err)
		return
	}
	sc, err := u.reviewScale(rv.Review)
	if err != nil {
		u.fail(c, err)
		return
	}
	sums, err := u.svc.RatingSummaries(ctx, rv.ID)
	if err != nil {
		u.fail(c, err)
		return
	}
	n := u.names(ctx)
	d := reviewData{Review: rv, SiteName: n.Site(rv.SiteID), ScaleTitle: sc.Title.In(rq.lang) + " (" + sc.Ref() + ")",
		Band: bandLabel(sc, rv.Band, rq.lang)}
	for _, s := range sums {
		d.Raters = append(d.Raters, raterLink{ID: s.RaterID, Name: n.Rater(s.RaterID), Submitted: s.Submitted, Rated: s.Rated})
	}
	d.CanRateAs = rateAs(rq.principal, rv.Review, d.Raters)
	if rv.Status == fidelity.StatusFinalised {
		if d.Profile, d.Radar, err = u.profileCharts(ctx, rv.ID, rq.lang); err != nil {
			u.fail(c, err)
			return
		}
		if d.Corrections, err = u.svc.Corrections(ctx, rv.ID); err != nil {
			u.fail(c, err)
			return
		}
		actions, err := u.svc.Actions(ctx, rv.ID)
		if err != nil {
			u.fail(c, err)
			return
		}
		plan := actionPlan(rq, rv.Review, sc, actions, "", ed)
		d.Plan = &plan
	}
	u.render(c, status, "review", rq.T("review.title", d.SiteName), d)
}

type planData struct {
	Sites  []service.SiteView
	Scales []scaleOption
	Raters []fidelity.Rater
	Form   map[string]string
	Chosen []string
	Errs   fieldErrors
}

type scaleOption struct{ Ref, Title string }

func (u *ui) planForm(c *gin.Context, status int, form map[string]string, chosen []string, errs fieldErrors) {
	ctx := c.Request.Context()
	rq := req(c)
	sites, _, err := u.allSites(ctx, service.SiteFilter{})
	if err != nil {
		u.fail(c, err)
		return
	}
	raters, err := u.activeRaters(ctx)
	if err != nil {
		u.fail(c, err)
		return
	}
	if errs.Labels == nil {
		errs = fieldErrors{Fields: errs.Fields, Items: errs.Items, General: errs.General}
		errs.Labels, errs.Targets = map[string]string{}, map[string]string{}
	}
	for name, key := range map[string]string{"site_id": "col.site", "scale": "col.scale", "type": "col.type",
		"visit_start": "plan.visit_start", "visit_end": "plan.visit_end", "rater_ids": "col.raters"} {
		errs.label(name, rq.T(key))
	}
	d := planData{Sites: sites, Raters: raters, Form: form, Chosen: chosen, Errs: errs}
	for _, sc := range u.svc.ListScales() {
		d.Scales = append(d.Scales, scaleOption{Ref: sc.Ref(), Title: sc.Title.In(rq.lang) + " (" + sc.Ref() + ")"})
	}
	u.render(c, status, "plan", rq.T("plan.title"), d)
}

func (u *ui) planPage(c *gin.Context) {
	today := time.Now().UTC().Format(time.DateOnly)
	u.planForm(c, http.StatusOK, map[string]string{
		"site_id": c.Query("site"), "scale": "se-fidelity@2008", "type": "external", "visit_start": today, "visit_end": today,
	}, nil, newFieldErrors())
}

func parseDate(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// plan creates a review from the planning form.
func (u *ui) plan(c *gin.Context) {
	rq := req(c)
	form := map[string]string{}
	for _, k := range []string{"site_id", "scale", "type", "visit_start", "visit_end"} {
		form[k] = c.PostForm(k)
	}
	chosen := c.PostFormArray("rater_ids")
	errs := newFieldErrors()
	start, ok1 := parseDate(form["visit_start"])
	end, ok2 := parseDate(form["visit_end"])
	if !ok1 {
		errs.Fields["visit_start"] = rq.T("form.not_a_date")
	}
	if !ok2 {
		errs.Fields["visit_end"] = rq.T("form.not_a_date")
	}
	if !errs.Empty() {
		u.planForm(c, http.StatusBadRequest, form, chosen, errs)
		return
	}
	rv, err := u.svc.PlanReview(c.Request.Context(), service.ReviewInput{
		SiteID: form["site_id"], Scale: form["scale"], Type: fidelity.ReviewType(form["type"]),
		VisitStart: start, VisitEnd: end, RaterIDs: slices.Clone(chosen),
	})
	if err != nil {
		if fidelity.KindOf(err) != fidelity.KindInvalid {
			u.fail(c, err)
			return
		}
		for _, fe := range fidelity.FieldsOf(err) {
			errs.Fields[fe.Field] = fe.ReasonIn(rq.lang)
		}
		errs.General = append(errs.General, messageOf(rq.lang, err))
		u.planForm(c, http.StatusBadRequest, form, chosen, errs)
		return
	}
	redirect(c, "/ui/reviews/"+rv.ID, "planned")
}
