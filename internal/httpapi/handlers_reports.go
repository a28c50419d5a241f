package httpapi

import (
	"context"
	"net/http"
	"strings"
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

// reportContext is the context to read a report with: when the answer is
// JSON it asks the report cache for the encoded report (enc), so a cached
// report is sent as the bytes it was encoded to the first time, with its
// ETag. enc is nil for CSV.
func reportContext(c *gin.Context, format *string) (context.Context, *service.EncodedReport) {
	if format != nil && *format == "csv" {
		return c.Request.Context(), nil
	}
	return service.WithEncodedReport(c.Request.Context())
}

// sendReport answers JSON, or the report's table as CSV with format=csv.
func sendReport(c *gin.Context, name string, format *string, enc *service.EncodedReport, r table, err error) {
	sendTypedReport(c, name, format, enc, r, nil, err)
}

// sendTypedReport is sendReport for a report that chose reviews by type:
// its CSV gains a last column review_types ("external;remote") on every
// row, so a table read on its own still says which reviews it counts.
// A JSON answer the cache encoded (enc.JSON) is sent as those bytes with
// its strong ETag, or as 304 Not Modified when If-None-Match names it.
func sendTypedReport(c *gin.Context, name string, format *string, enc *service.EncodedReport, r table, types []fidelity.ReviewType, err error) {
	if err != nil {
		writeProblem(c, err)
		return
	}
	if enc != nil && enc.JSON != nil {
		c.Header("ETag", enc.ETag)
		if noneMatch(c.GetHeader("If-None-Match"), enc.ETag) {
			c.Status(http.StatusNotModified)
			return
		}
		c.Data(http.StatusOK, "application/json; charset=utf-8", enc.JSON)
		return
	}
	if format != nil && *format == "csv" {
		header, rows := r.Table()
		if types != nil {
			header, rows = withTypesColumn(header, rows, types)
		}
		writeCSVHeaders(c, name+".csv")
		w := export.NewCSVWriter(c.Writer)
		_ = w.Write(header)
		_ = w.WriteAll(rows)
		return
	}
	c.JSON(http.StatusOK, r)
}

func withTypesColumn(header []string, rows [][]string, types []fidelity.ReviewType) ([]string, [][]string) {
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = string(t)
	}
	v := strings.Join(names, ";")
	header = append(header, "review_types")
	for i := range rows {
		rows[i] = append(rows[i], v)
	}
	return header, rows
}

func writeCSVHeaders(c *gin.Context, filename string) {
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", export.Attachment(filename))
	c.Status(http.StatusOK)
}

// reviewTypes parses the `types` parameter (repeated or comma-separated).
func reviewTypes(types []string) ([]fidelity.ReviewType, error) {
	out, bad := parseTypes("types", types)
	if len(bad) > 0 {
		return nil, fidelity.Invalid("a filter is not valid", bad...)
	}
	return out, nil
}

func parseTypes(field string, in []string) ([]fidelity.ReviewType, []fidelity.FieldError) {
	var out []fidelity.ReviewType
	var bad []fidelity.FieldError
	for _, t := range splitAll(in) {
		if rt := fidelity.ReviewType(t); rt.Valid() {
			out = append(out, rt)
		} else {
			bad = append(bad, fidelity.FieldError{Field: field, Reason: "must be external, self or remote, not " + t})
		}
	}
	return out, bad
}

// reportQuery gathers the common report filters, validating review types
// (`types`, and its former name `type`, combined).
func reportQuery(subtree, scale *string, from, to *openapi_types.Date, types, legacy []string) (service.ReportQuery, error) {
	q := service.ReportQuery{Subtree: deref(subtree), Scale: deref(scale), From: fromDate(from), To: fromDate(to)}
	var bad []fidelity.FieldError
	q.Type, bad = parseTypes("types", types)
	old, oldBad := parseTypes("type", legacy)
	q.Type, bad = append(q.Type, old...), append(bad, oldBad...)
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
	q, err := reportQuery(nil, p.Scale, p.From, p.To, p.Types, p.Type)
	if err != nil {
		writeProblem(c, err)
		return
	}
	if p.Subtree != nil && *p.Subtree {
		q.Subtree = p.Site
	}
	ctx, enc := reportContext(c, strPtr(p.Format))
	r, err := a.svc.Trend(ctx, p.Site, q)
	sendTypedReport(c, "trend", strPtr(p.Format), enc, r, r.Types, err)
}

// GetComparisonReport answers the league table.
func (a *API) GetComparisonReport(c *gin.Context, p oapi.GetComparisonReportParams) {
	q, err := reportQuery(p.Subtree, p.Scale, p.From, p.To, p.Types, p.Type)
	if err != nil {
		writeProblem(c, err)
		return
	}
	q.Measure, q.Level = deref(p.Measure), deref(p.Level)
	ctx, enc := reportContext(c, strPtr(p.Format))
	r, err := a.svc.Comparison(ctx, q)
	sendTypedReport(c, "comparison", strPtr(p.Format), enc, r, r.Types, err)
}

// GetTransitionsReport answers the band transition matrix.
func (a *API) GetTransitionsReport(c *gin.Context, p oapi.GetTransitionsReportParams) {
	q, err := reportQuery(p.Subtree, p.Scale, nil, nil, p.Types, p.Type)
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
	ctx, enc := reportContext(c, strPtr(p.Format))
	r, err := a.svc.Transitions(ctx, q, pa, pb)
	sendTypedReport(c, "transitions", strPtr(p.Format), enc, r, r.Types, err)
}

// GetHeatmapReport answers the items × sites heatmap.
func (a *API) GetHeatmapReport(c *gin.Context, p oapi.GetHeatmapReportParams) {
	q, err := reportQuery(p.Subtree, p.Scale, p.From, p.To, p.Types, p.Type)
	if err != nil {
		writeProblem(c, err)
		return
	}
	ctx, enc := reportContext(c, strPtr(p.Format))
	r, err := a.svc.Heatmap(ctx, q)
	sendTypedReport(c, "heatmap", strPtr(p.Format), enc, r, r.Types, err)
}

// GetAgreementReport answers inter-rater agreement.
func (a *API) GetAgreementReport(c *gin.Context, p oapi.GetAgreementReportParams) {
	q, err := reportQuery(p.Subtree, p.Scale, p.From, p.To, p.Types, p.Type)
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
	// The JSON is the whole report whatever the part, so both parts share
	// one encoding.
	ctx, enc := reportContext(c, strPtr(p.Format))
	r, err := a.svc.Agreement(ctx, q, opts)
	if p.Part != nil && *p.Part == oapi.GetAgreementReportParamsPartStatistics {
		sendReport(c, "agreement-statistics", strPtr(p.Format), enc, agreementStatistics{r}, err)
		return
	}
	sendReport(c, "agreement", strPtr(p.Format), enc, r, err)
}

// agreementStatistics is the agreement report whose CSV is the statistics
// beyond the items (ICC, pooled, pairs, raters against the consensus); its
// JSON is the whole report.
type agreementStatistics struct{ report.AgreementReport }

func (a agreementStatistics) Table() ([]string, [][]string) { return a.TotalsTable() }

// GetActionsReport answers the action-plan follow-up.
func (a *API) GetActionsReport(c *gin.Context, p oapi.GetActionsReportParams) {
	q, err := reportQuery(p.Subtree, p.Scale, nil, nil, p.Types, nil)
	if err != nil {
		writeProblem(c, err)
		return
	}
	var opts report.ActionsOptions
	if p.LowScore != nil {
		opts.LowScore = *p.LowScore
	}
	ctx, enc := reportContext(c, strPtr(p.Format))
	r, err := a.svc.ActionsReport(ctx, q, opts)
	sendTypedReport(c, "actions", strPtr(p.Format), enc, r, r.Types, err)
}

// today is the date part of now, for file names.
func today() string { return time.Now().UTC().Format(time.DateOnly) }
