package httpapi

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/export"
	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
)

// GetDueReport answers the overdue list.
func (a *API) GetDueReport(c *gin.Context, p oapi.GetDueReportParams) {
	views, err := a.svc.DueList(c.Request.Context(), deref(p.Subtree))
	if err != nil {
		writeProblem(c, err)
		return
	}
	out := oapi.DueReport{Today: date(a.svc.Today()), Sites: make([]oapi.DueSite, len(views))}
	for i, v := range views {
		s := toSite(v)
		out.Sites[i] = oapi.DueSite{
			SiteID: v.ID, SiteName: v.Name, SiteCode: v.Code, State: oapi.DueSiteState(v.Due.State),
			NextReviewDue: s.NextReviewDue, DaysOverdue: v.Due.DaysOverdue, Reason: v.Due.Reason,
			LastReview: s.LastReview, PlannedReview: s.PlannedReview,
		}
	}
	if p.Format == nil || *p.Format != oapi.GetDueReportParamsFormatCsv {
		c.JSON(http.StatusOK, out)
		return
	}
	writeCSVHeaders(c, "due.csv")
	w := export.NewCSVWriter(c.Writer)
	_ = w.Write([]string{"site_id", "site_name", "site_code", "state", "next_review_due", "days_overdue",
		"last_review_id", "planned_review_id", "planned_visit_end", "reason"})
	for _, s := range out.Sites {
		row := []string{s.SiteID, s.SiteName, s.SiteCode, string(s.State), "", strconv.Itoa(s.DaysOverdue), "", "", "", s.Reason}
		if s.NextReviewDue != nil {
			row[4] = s.NextReviewDue.String()
		}
		if s.LastReview != nil {
			row[6] = s.LastReview.ID
		}
		if s.PlannedReview != nil {
			row[7], row[8] = s.PlannedReview.ID, s.PlannedReview.VisitEnd.String()
		}
		_ = w.Write(row)
	}
	w.Flush()
}
