package httpapi

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/ipsfidelity/fidelity/internal/export"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
	"github.com/ipsfidelity/fidelity/internal/report"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// table is what every report offers for its CSV form.
type table interface {
	Table() ([]string, [][]string)
}

// sendReport answers JSON, or the report's table as CSV with format=csv.
func sendReport(c *gin.Context, name string, format *string, r table, err error) {
	if err != nil {
		writeProblem(c, err)
		return
	}
	if format != nil && *format == "csv" {
		header, rows := r.Table()
		writeCSVHeaders(c, name+".csv")
		w := export.NewCSVWriter(c.Writer)
		_ = w.Write(header)
		_ = w.WriteAll(rows)
		return
	}
	c.JSON(http.StatusOK, r)
}

func writeCSVHeaders(c *gin.Context, filename string) {
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="`+filename+`"`)
	c.Status(http.StatusOK)
}

// reportQuery gathers the common report filters, validating review types.
func reportQuery(subtree, scale *string, from, to *openapi_types.Date, types []string) (service.ReportQuery, error) {
	q := service.ReportQuery{Subtree: deref(subtree), Scale: deref(scale), From: fromDate(from), To: fromDate(to)}
	var bad []fidelity.FieldError
	for _, t := range splitAll(types) {
		switch rt := fidelity.ReviewType(t); rt {
		case fidelity.ReviewExternal, fidelity.ReviewSelf, fidelity.ReviewRemote:
			q.Type = append(q.Type, rt)
		default:
			bad = append(bad, fidelity.FieldError{Field: "type", Reason: "must be external, self or remote, not " + t})
		}
	}
	if q.From != nil && q.To != nil && q.To.Before(*q.From) {
		bad = append(bad, fidelity.FieldError{Field: "to", Reason: "must not be before from"})
	}
	if len(bad) > 0 {
		return q, fidelity.Invalid("a filter is not valid", bad...)
	}
	return q, nil
}

func strPtr[T ~string](v *T) *string {
	if v == nil {
		return nil
	}
	s := string(*v)
	return &s
}

// GetTrendReport answers the site trend.
func (a *API) GetTrendReport(c *gin.Context, p oapi.GetTrendReportParams) {
	q, err := reportQuery(nil, p.Scale, p.From, p.To, p.Type)
	if err != nil {
		writeProblem(c, err)
		return
	}
	if p.Subtree != nil && *p.Subtree {
		q.Subtree = p.Site
	}
	r, err := a.svc.Trend(c.Request.Context(), p.Site, q)
	sendReport(c, "trend", strPtr(p.Format), r, err)
}

// GetComparisonReport answers the league table.
func (a *API) GetComparisonReport(c *gin.Context, p oapi.GetComparisonReportParams) {
	q, err := reportQuery(p.Subtree, p.Scale, p.From, p.To, p.Type)
	if err != nil {
		writeProblem(c, err)
		return
	}
	q.Measure = deref(p.Measure)
	r, err := a.svc.Comparison(c.Request.Context(), q)
	sendReport(c, "comparison", strPtr(p.Format), r, err)
}

// GetTransitionsReport answers the band transition matrix.
func (a *API) GetTransitionsReport(c *gin.Context, p oapi.GetTransitionsReportParams) {
	q, err := reportQuery(p.Subtree, p.Scale, nil, nil, p.Type)
	if err != nil {
		writeProblem(c, err)
		return
	}
	pa := report.PeriodSpec{To: p.ATo.Time}
	pb := report.PeriodSpec{To: p.BTo.Time}
	if p.AFrom != nil {
		pa.From = p.AFrom.Time
	}
	if p.BFrom != nil {
		pb.From = p.BFrom.Time
	}
	var bad []fidelity.FieldError
	if !pa.From.IsZero() && pa.To.Before(pa.From) {
		bad = append(bad, fidelity.FieldError{Field: "a_to", Reason: "must not be before a_from"})
	}
	if !pb.From.IsZero() && pb.To.Before(pb.From) {
		bad = append(bad, fidelity.FieldError{Field: "b_to", Reason: "must not be before b_from"})
	}
	if len(bad) > 0 {
		writeProblem(c, fidelity.Invalid("a period is not valid", bad...))
		return
	}
	r, err := a.svc.Transitions(c.Request.Context(), q, pa, pb)
	sendReport(c, "transitions", strPtr(p.Format), r, err)
}

// GetHeatmapReport answers the items × sites heatmap.
func (a *API) GetHeatmapReport(c *gin.Context, p oapi.GetHeatmapReportParams) {
	q, err := reportQuery(p.Subtree, p.Scale, p.From, p.To, p.Type)
	if err != nil {
		writeProblem(c, err)
		return
	}
	r, err := a.svc.Heatmap(c.Request.Context(), q)
	sendReport(c, "heatmap", strPtr(p.Format), r, err)
}

// GetAgreementReport answers inter-rater agreement.
func (a *API) GetAgreementReport(c *gin.Context, p oapi.GetAgreementReportParams) {
	q, err := reportQuery(p.Subtree, p.Scale, p.From, p.To, p.Type)
	if err != nil {
		writeProblem(c, err)
		return
	}
	opts := report.AgreementOptions{Bucket: deref(strPtr(p.Bucket))}
	if p.WindowDays != nil {
		opts.WindowDays = *p.WindowDays
	}
	if p.Part != nil && !p.Part.Valid() {
		writeProblem(c, fidelity.Invalid("a filter is not valid", fidelity.FieldError{Field: "part", Reason: "must be one of items, statistics"}))
		return
	}
	r, err := a.svc.Agreement(c.Request.Context(), q, opts)
	if p.Part != nil && *p.Part == oapi.GetAgreementReportParamsPartStatistics {
		sendReport(c, "agreement-statistics", strPtr(p.Format), agreementStatistics{r}, err)
		return
	}
	sendReport(c, "agreement", strPtr(p.Format), r, err)
}

// agreementStatistics is the agreement report whose CSV is the statistics
// beyond the items (ICC, pooled, pairs, raters against the consensus); its
// JSON is the whole report.
type agreementStatistics struct{ report.AgreementReport }

func (a agreementStatistics) Table() ([]string, [][]string) { return a.TotalsTable() }

// GetActionsReport answers the action-plan follow-up.
func (a *API) GetActionsReport(c *gin.Context, p oapi.GetActionsReportParams) {
	q, err := reportQuery(p.Subtree, p.Scale, nil, nil, nil)
	if err != nil {
		writeProblem(c, err)
		return
	}
	var opts report.ActionsOptions
	if p.LowScore != nil {
		opts.LowScore = *p.LowScore
	}
	r, err := a.svc.ActionsReport(c.Request.Context(), q, opts)
	sendReport(c, "actions", strPtr(p.Format), r, err)
}

// today is the date part of now, for file names.
func today() string { return time.Now().UTC().Format(time.DateOnly) }
