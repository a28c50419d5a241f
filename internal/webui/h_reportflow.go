package webui

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// The written report's pages: the reviewers write it (report_write), the
// site's lead reads it, comments and decides on the proposed actions
// (report_site). Both call the same use cases as the REST API.

type reportItemRow struct {
	ID, Title      string
	Score          *int
	Low            bool // below 5: a recommendation is required
	Strength       fieldView
	Recommendation fieldView
}

type reportPageData struct {
	Review    service.ReviewView
	SiteName  string
	Report    service.ReportView
	Items     []reportItemRow
	Summary   fieldView
	Strengths fieldView
	Reason    fieldView
	To        fieldView
	On        fieldView
	Comment   fieldView
	Errs      fieldErrors
	// Who may do what on this page.
	CanWrite, CanSiteAct bool
	Titles               map[string]string
}

// reportFormVersion reads the version a report form was based on, as the
// REST API reads If-Match on the same writes: absent (or "*") asks for no
// check, a version number must match, anything else is refused as a
// precondition that cannot hold (412, with msg), never taken as "any
// version".
func reportFormVersion(form url.Values, msg string) (int, error) {
	v := strings.TrimSpace(form.Get("version"))
	if v == "" || v == "*" {
		return service.AnyVersion, nil
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return n, nil
	}
	return service.AnyVersion, fidelity.Errorf(fidelity.KindPreconditionFailed, "%s", msg)
}

// reportPage gathers a page's data; form holds what was posted (nil: the
// stored text).
func (u *ui) reportPage(c *gin.Context, form url.Values, errs fieldErrors) (reportPageData, *scale.Scale, bool) {
	rq := req(c)
	ctx := c.Request.Context()
	rv, sc, ok := u.editorReview(c)
	if !ok {
		return reportPageData{}, nil, false
	}
	v, err := u.svc.Report(ctx, rv.ID)
	if err != nil {
		u.fail(c, err)
		return reportPageData{}, nil, false
	}
	cons, err := u.svc.GetConsensus(ctx, rv.ID)
	if err != nil {
		u.fail(c, err)
		return reportPageData{}, nil, false
	}
	if form == nil {
		form = url.Values{"summary": {v.Narrative.Summary}, "strengths": {v.Narrative.Strengths}}
		for id, n := range v.Narrative.Items {
			form.Set("s."+id, n.Strength)
			form.Set("r."+id, n.Recommendation)
		}
	}
	scores := map[string]*int{}
	for _, it := range cons.Scorecard.Items {
		scores[it.ItemID] = it.Score
	}
	d := reportPageData{Review: rv, SiteName: u.names(ctx).Site(rv.SiteID), Report: v, Errs: errs,
		Summary:   field(form, errs, "summary", rq.T("report.summary")),
		Strengths: field(form, errs, "strengths", rq.T("report.strengths")),
		Reason:    field(form, errs, "reason", rq.T("report.reason")),
		To:        field(form, errs, "to", rq.T("report.issued_to")),
		On:        field(form, errs, "on", rq.T("report.date")),
		Comment:   field(form, errs, "text", rq.T("report.comment")),
		// The service's rules decide which forms the page offers.
		CanWrite:   u.svc.MayWriteReport(ctx, rv.Review) == nil,
		CanSiteAct: u.svc.MayActForSite(ctx) == nil,
		Titles:     map[string]string{},
	}
	for _, it := range sc.Items {
		title := it.ID + " " + it.Title.In(rq.lang)
		d.Titles[it.ID] = title
		s := scores[it.ID]
		d.Items = append(d.Items, reportItemRow{
			ID: it.ID, Title: title, Score: s, Low: s != nil && fidelity.NeedsRecommendation(*s),
			Strength:       field(form, errs, "s."+it.ID, rq.T("report.item_strength", it.ID)),
			Recommendation: field(form, errs, "r."+it.ID, rq.T("report.item_recommendation", it.ID)),
		})
	}
	// Items below 5 first: they need a recommendation.
	slices.SortStableFunc(d.Items, func(a, b reportItemRow) int {
		switch {
		case a.Low == b.Low:
			return 0
		case a.Low:
			return -1
		}
		return 1
	})
	return d, sc, true
}

// reportErrors places the service's field errors on the page's fields:
// items.O6.recommendation → r.O6.
func reportErrors(err error, lang string) fieldErrors {
	errs := serviceErrors(err, lang)
	for k, v := range errs.Fields {
		if rest, ok := strings.CutPrefix(k, "items."); ok {
			id, part, _ := strings.Cut(rest, ".")
			delete(errs.Fields, k)
			switch part {
			case "strength":
				errs.Fields["s."+id] = v
			default:
				errs.Fields["r."+id] = v
			}
		}
	}
	return errs
}

func (u *ui) reportWritePage(c *gin.Context) {
	if d, _, ok := u.reportPage(c, nil, newFieldErrors()); ok {
		u.render(c, http.StatusOK, "report_write", req(c).T("report.write_title", d.SiteName), d)
	}
}

func (u *ui) reportSitePage(c *gin.Context) {
	if d, _, ok := u.reportPage(c, nil, newFieldErrors()); ok {
		u.render(c, http.StatusOK, "report_site", req(c).T("report.title", d.SiteName), d)
	}
}

// reportFailed shows the page again with the service's errors, or the
// error page for errors no form field can fix.
func (u *ui) reportFailed(c *gin.Context, page string, form url.Values, err error) {
	switch fidelity.KindOf(err) {
	case fidelity.KindInvalid, fidelity.KindConflict, fidelity.KindPreconditionFailed:
		rq := req(c)
		if d, _, ok := u.reportPage(c, form, reportErrors(err, rq.lang)); ok {
			key := map[string]string{"report_write": "report.write_title", "report_site": "report.title"}[page]
			u.render(c, statusOf(err), page, rq.T(key, d.SiteName), d)
		}
	default:
		u.fail(c, err)
	}
}

// reportPost runs one write of a report page's form: write gets the
// posted form and the review id; on success the browser goes on to the
// review's page next (with the done message), else the page (report_write
// or report_site) comes back with the errors at their fields.
func (u *ui) reportPost(c *gin.Context, page, next, done string, write func(ctx context.Context, form url.Values, id string) error) {
	form := postForm(c)
	id := c.Param("id")
	if err := write(c.Request.Context(), form, id); err != nil {
		u.reportFailed(c, page, form, err)
		return
	}
	redirect(c, "/ui/reviews/"+id+next, done)
}

// saveReport saves the texts as a new version.
func (u *ui) saveReport(c *gin.Context) {
	u.reportPost(c, "report_write", "/report/write", "report_saved", func(ctx context.Context, form url.Values, id string) error {
		in := service.NarrativeInput{Summary: form.Get("summary"), Strengths: form.Get("strengths"), Reason: form.Get("reason"),
			Items: map[string]fidelity.ItemNarrative{}}
		for k := range form {
			if id, ok := strings.CutPrefix(k, "r."); ok {
				in.Items[id] = fidelity.ItemNarrative{Strength: in.Items[id].Strength, Recommendation: form.Get(k)}
			}
			if id, ok := strings.CutPrefix(k, "s."); ok {
				in.Items[id] = fidelity.ItemNarrative{Strength: form.Get(k), Recommendation: in.Items[id].Recommendation}
			}
		}
		version, err := reportFormVersion(form, req(c).T("report.bad_version"))
		if err == nil {
			_, err = u.svc.SaveNarrative(ctx, id, version, in)
		}
		return err
	})
}

// formDate reads an optional date field; a malformed one is an error
// naming the field.
func formDate(form url.Values, name string) (time.Time, error) {
	v := strings.TrimSpace(form.Get(name))
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return time.Time{}, fidelity.Invalid("the form is not valid", fidelity.FieldError{Field: name, Reason: "must be a date such as 2026-10-30"})
	}
	return t, nil
}

func (u *ui) issueReport(c *gin.Context) {
	u.reportPost(c, "report_write", "/report", "report_issued", func(ctx context.Context, form url.Values, id string) error {
		on, err := formDate(form, "on")
		if err == nil {
			_, err = u.svc.IssueReport(ctx, id, service.IssueInput{On: on, To: form.Get("to")})
		}
		return err
	})
}

func (u *ui) finalReport(c *gin.Context) {
	u.reportPost(c, "report_write", "/report", "report_final", func(ctx context.Context, _ url.Values, id string) error {
		_, err := u.svc.FinaliseReport(ctx, id, time.Time{})
		return err
	})
}

func (u *ui) commentReport(c *gin.Context) {
	u.reportPost(c, "report_site", "/report#comments", "report_commented", func(ctx context.Context, form url.Values, id string) error {
		on, err := formDate(form, "on")
		if err == nil {
			_, err = u.svc.CommentReport(ctx, id, service.CommentInput{Text: form.Get("text"), Author: form.Get("author"), On: on})
		}
		return err
	})
}

// decideReportAction accepts (as proposed or edited) or dismisses one proposal.
func (u *ui) decideReportAction(c *gin.Context) {
	u.reportPost(c, "report_site", "/report#proposals", "report_decided", func(ctx context.Context, form url.Values, id string) error {
		d := service.ActionDecision{Accept: form.Get("decision") == "accept", Reason: form.Get("reason")}
		if form.Has("text") {
			t := form.Get("text")
			d.Text = &t
		}
		version, err := reportFormVersion(form, req(c).T("report.bad_version"))
		if err == nil {
			_, err = u.svc.DecideReportAction(ctx, id, c.Param("action"), version, d)
		}
		return err
	})
}

func (u *ui) purgeEvidence(c *gin.Context) {
	u.reportPost(c, "report_site", "/report", "evidence_purged", func(ctx context.Context, _ url.Values, id string) error {
		_, err := u.svc.PurgeEvidence(ctx, id)
		return err
	})
}
