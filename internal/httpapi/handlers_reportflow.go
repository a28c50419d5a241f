package httpapi

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// The written review report (docs/written-report.md).

func toNarrative(n fidelity.ReportNarrative) oapi.ReportNarrative {
	items := make(map[string]oapi.ItemNarrative, len(n.Items))
	for id, it := range n.Items {
		items[id] = oapi.ItemNarrative{Strength: optString(it.Strength), Recommendation: optString(it.Recommendation)}
	}
	out := oapi.ReportNarrative{
		Version: n.Seq, Summary: n.Summary, Strengths: n.Strengths, Items: items, Correction: n.Correction,
		Reason: n.Reason, Author: n.Author,
	}
	if n.Seq > 0 {
		at := n.CreatedAt
		out.SavedAt = &at
	}
	return out
}

func toReportAction(a fidelity.ReportAction) oapi.ReportAction {
	return oapi.ReportAction{
		ID: a.ID, ReviewID: a.ReviewID, Item: a.ItemID, Score: a.Score, Recommendation: a.Recommendation, Text: a.Text,
		Owner: a.Owner, Due: datePtr(a.Due), Status: oapi.ReportActionStatus(a.Status), Reason: a.Reason,
		ActionID: optString(a.ActionID), DecidedBy: optString(a.DecidedBy), DecidedAt: a.DecidedAt, Version: a.Version,
	}
}

func toWrittenReport(v service.ReportView) oapi.WrittenReport {
	out := oapi.WrittenReport{
		ReviewID: v.Report.ReviewID, Status: oapi.ReportStatus(v.Report.Status), IssuedOn: datePtr(v.Report.IssuedOn),
		IssuedTo: v.Report.IssuedTo, FinalOn: datePtr(v.Report.FinalOn), EvidencePurgedAt: v.Report.EvidencePurgedAt,
		Narrative: toNarrative(v.Narrative), Versions: v.Versions,
		Comments: make([]oapi.ReportComment, len(v.Comments)), Actions: make([]oapi.ReportAction, len(v.Actions)),
		Deadlines: make([]oapi.ReportStep, len(v.Steps)),
	}
	if v.Issued != nil {
		n := toNarrative(*v.Issued)
		out.IssuedNarrative = &n
	}
	for i, c := range v.Comments {
		out.Comments[i] = oapi.ReportComment{ID: c.ID, Author: c.Author, Text: c.Text, ReceivedOn: date(c.ReceivedOn)}
	}
	for i, a := range v.Actions {
		out.Actions[i] = toReportAction(a)
	}
	for i, s := range v.Steps {
		out.Deadlines[i] = oapi.ReportStep{Step: oapi.ReportStepStep(s.Step), Due: date(s.Due), Done: datePtr(s.Done), Overdue: s.Overdue}
	}
	return out
}

// optDate is the date of d, the zero time when absent (the service's "today").
func optDate(d *openapi_types.Date) time.Time {
	if t := fromDate(d); t != nil {
		return *t
	}
	return time.Time{}
}

// GetReportNarrative returns the written report.
func (a *API) GetReportNarrative(c *gin.Context, id oapi.ReviewID) {
	v, err := a.svc.Report(c.Request.Context(), id)
	if err != nil {
		writeProblem(c, err)
		return
	}
	setETag(c, v.Versions)
	c.JSON(http.StatusOK, toWrittenReport(v))
}

// PutReportNarrative saves a new version of the texts.
func (a *API) PutReportNarrative(c *gin.Context, id oapi.ReviewID, p oapi.PutReportNarrativeParams) {
	var body oapi.ReportNarrativeInput
	version, err := a.writePrelude(c, p.IfMatch, &body)
	if err != nil {
		writeProblem(c, err)
		return
	}
	in := service.NarrativeInput{Summary: deref(body.Summary), Strengths: deref(body.Strengths), Reason: deref(body.Reason),
		Items: make(map[string]fidelity.ItemNarrative, len(body.Items))}
	for item, n := range body.Items {
		in.Items[item] = fidelity.ItemNarrative{Strength: deref(n.Strength), Recommendation: deref(n.Recommendation)}
	}
	v, err := a.svc.SaveNarrative(c.Request.Context(), id, version, in)
	if err != nil {
		writeProblem(c, err)
		return
	}
	setETag(c, v.Versions)
	c.JSON(http.StatusOK, toWrittenReport(v))
}

// IssueReport issues the report to the site.
func (a *API) IssueReport(c *gin.Context, id oapi.ReviewID) {
	var body oapi.ReportIssueInput
	if err := a.decodeJSON(c, &body); err != nil {
		writeProblem(c, err)
		return
	}
	v, err := a.svc.IssueReport(c.Request.Context(), id, service.IssueInput{On: optDate(body.On), To: body.To})
	if err != nil {
		writeProblem(c, err)
		return
	}
	c.JSON(http.StatusOK, toWrittenReport(v))
}

// CommentReport records the site's comments.
func (a *API) CommentReport(c *gin.Context, id oapi.ReviewID) {
	var body oapi.ReportCommentInput
	if err := a.decodeJSON(c, &body); err != nil {
		writeProblem(c, err)
		return
	}
	v, err := a.svc.CommentReport(c.Request.Context(), id, service.CommentInput{Text: body.Text, Author: deref(body.Author), On: optDate(body.On)})
	if err != nil {
		writeProblem(c, err)
		return
	}
	c.JSON(http.StatusOK, toWrittenReport(v))
}

// FinaliseReport makes the report final ({} for today).
func (a *API) FinaliseReport(c *gin.Context, id oapi.ReviewID) {
	var body oapi.ReportFinalInput
	if err := a.decodeJSON(c, &body); err != nil {
		writeProblem(c, err)
		return
	}
	v, err := a.svc.FinaliseReport(c.Request.Context(), id, optDate(body.On))
	if err != nil {
		writeProblem(c, err)
		return
	}
	c.JSON(http.StatusOK, toWrittenReport(v))
}

// ListReportActions lists the proposed actions.
func (a *API) ListReportActions(c *gin.Context, id oapi.ReviewID) {
	as, err := a.svc.ReportActions(c.Request.Context(), id)
	if err != nil {
		writeProblem(c, err)
		return
	}
	out := oapi.ReportActionList{Items: make([]oapi.ReportAction, len(as))}
	for i, x := range as {
		out.Items[i] = toReportAction(x)
	}
	c.JSON(http.StatusOK, out)
}

// DecideReportAction accepts, edits or dismisses a proposed action.
func (a *API) DecideReportAction(c *gin.Context, id oapi.ReviewID, action oapi.ID, p oapi.DecideReportActionParams) {
	var body oapi.ReportActionDecision
	version, err := a.writePrelude(c, p.IfMatch, &body)
	if err != nil {
		writeProblem(c, err)
		return
	}
	x, err := a.svc.DecideReportAction(c.Request.Context(), id, action, version, service.ActionDecision{
		Accept: body.Decision == "accept", Text: body.Text, Owner: body.Owner, Due: fromDate(body.Due), Reason: deref(body.Reason),
	})
	if err != nil {
		writeProblem(c, err)
		return
	}
	setETag(c, x.Version)
	c.JSON(http.StatusOK, toReportAction(x))
}

// PurgeEvidence removes the review's evidence notes.
func (a *API) PurgeEvidence(c *gin.Context, id oapi.ReviewID) {
	r, err := a.svc.PurgeEvidence(c.Request.Context(), id)
	if err != nil {
		writeProblem(c, err)
		return
	}
	c.JSON(http.StatusOK, oapi.EvidencePurge{ReviewID: r.ReviewID, Purged: r.Purged, PurgedAt: r.At})
}
