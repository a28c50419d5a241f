package httpapi

import (
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/ipsfidelity/fidelity/internal/export"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// exportQuery validates an export's filters before anything is written, so
// a bad filter is a problem answer rather than a broken file.
func (a *API) exportQuery(c *gin.Context, subtree, scale *string, from, to *openapi_types.Date, types, statuses []string) (service.ReportQuery, []fidelity.ReviewStatus, bool) {
	q, err := reportQuery(subtree, scale, from, to, nil, types)
	if err != nil {
		writeProblem(c, err)
		return q, nil, false
	}
	var status []fidelity.ReviewStatus
	for _, s := range splitAll(statuses) {
		switch st := fidelity.ReviewStatus(s); st {
		case fidelity.StatusPlanned, fidelity.StatusInProgress, fidelity.StatusConsensus, fidelity.StatusFinalised:
			status = append(status, st)
		default:
			writeProblem(c, fidelity.Invalid("a filter is not valid", fidelity.FieldError{Field: "status", Reason: "must be planned, in_progress, consensus or finalised, not " + s}))
			return q, nil, false
		}
	}
	if err := a.svc.CheckExport(c.Request.Context(), q); err != nil {
		writeProblem(c, err)
		return q, nil, false
	}
	return q, status, true
}

func (a *API) sources(c *gin.Context, q service.ReportQuery, status []fidelity.ReviewStatus) export.Sources {
	ctx := c.Request.Context()
	if a.exportTimeout > 0 {
		// The server's WriteTimeout suits ordinary answers; a long export
		// gets the export bound instead (best effort: not every writer can).
		_ = http.NewResponseController(c.Writer).SetWriteDeadline(time.Now().Add(a.exportTimeout))
	}
	return export.Sources{
		Catalog: a.svc.Scales(),
		Ratings: func(fn func(service.ExportRating) error) error { return a.svc.ExportRatings(ctx, q, status, fn) },
		Reviews: func(fn func(fidelity.ReviewScores) error) error { return a.svc.ExportReviews(ctx, q, status, fn) },
	}
}

// stream answers an export: the 200 and its headers go out with the first
// byte, so a failure before it (the database is down, the selection cannot
// be read) is still a problem answer instead of an empty 200 file.
func (a *API) stream(c *gin.Context, start func(), write func(io.Writer) error) {
	w := &lazyStart{w: c.Writer, start: start}
	err := write(w)
	if err != nil && !w.started {
		writeProblem(c, err)
		return
	}
	if !w.started {
		start()
	}
	a.streamFailed(c, err)
}

// lazyStart calls start before the first byte is written.
type lazyStart struct {
	w       io.Writer
	start   func()
	started bool
}

func (l *lazyStart) Write(p []byte) (int, error) {
	if !l.started {
		l.started = true
		l.start()
	}
	return l.w.Write(p)
}

// streamFailed logs an error that happened after the response started; the
// client sees a truncated body (and no CSV end), the log says why.
func (a *API) streamFailed(c *gin.Context, err error) {
	if err != nil {
		a.log.Error("export stopped", "error", err, "request_id", c.GetString(requestIDHeader))
	}
}

// exportScale pins the query to one scale version (default the latest SE
// Fidelity Scale), as the wide layouts need one column per item.
func (a *API) exportScale(c *gin.Context, q *service.ReportQuery) (*scale.Scale, bool) {
	sc, err := a.svc.GetScale(orDefault(q.Scale, service.DefaultReportScale))
	if err != nil {
		writeProblem(c, err)
		return nil, false
	}
	q.Scale = sc.Ref()
	return sc, true
}

// ExportRatingsCSV streams the long export.
func (a *API) ExportRatingsCSV(c *gin.Context, p oapi.ExportRatingsCSVParams) {
	q, status, ok := a.exportQuery(c, p.Subtree, p.Scale, p.From, p.To, p.Type, p.Status)
	if !ok {
		return
	}
	src := a.sources(c, q, status)
	a.stream(c, func() { writeCSVHeaders(c, export.FileName(export.FileRatingsCSV, nil, time.Now())) },
		func(w io.Writer) error { return export.WriteLongCSV(w, src) })
}

// wideExport reads the filters of a wide export (one column per item),
// pins it to one scale version and gives its rows' sources.
func (a *API) wideExport(c *gin.Context, subtree, scaleRef *string, from, to *openapi_types.Date, types, statuses []string) (*scale.Scale, export.Sources, bool) {
	q, status, ok := a.exportQuery(c, subtree, scaleRef, from, to, types, statuses)
	if !ok {
		return nil, export.Sources{}, false
	}
	sc, ok := a.exportScale(c, &q)
	if !ok {
		return nil, export.Sources{}, false
	}
	return sc, a.sources(c, q, status), true
}

// ExportReviewsCSV streams the wide export of one scale version.
func (a *API) ExportReviewsCSV(c *gin.Context, p oapi.ExportReviewsCSVParams) {
	sc, src, ok := a.wideExport(c, p.Subtree, p.Scale, p.From, p.To, p.Type, p.Status)
	if !ok {
		return
	}
	a.stream(c, func() { writeCSVHeaders(c, export.FileName(export.FileReviewsCSV, sc, time.Now())) },
		func(w io.Writer) error { return export.WriteWideCSV(w, sc, src) })
}

// ExportCodebook describes the export variables.
func (a *API) ExportCodebook(c *gin.Context, p oapi.ExportCodebookParams) {
	sc, err := a.svc.GetScale(orDefault(deref(p.Scale), service.DefaultReportScale))
	if err != nil {
		writeProblem(c, err)
		return
	}
	if p.Format != nil && *p.Format == "csv" {
		writeCSVHeaders(c, "codebook-"+sc.ID+"-"+sc.Version+".csv")
		a.streamFailed(c, export.WriteCodebookCSV(c.Writer, sc))
		return
	}
	c.JSON(http.StatusOK, gin.H{"scale": sc.Ref(), "variables": export.Codebook(sc)})
}

// ExportWorkbook streams the XLSX workbook.
func (a *API) ExportWorkbook(c *gin.Context, p oapi.ExportWorkbookParams) {
	sc, src, ok := a.wideExport(c, p.Subtree, p.Scale, p.From, p.To, p.Type, p.Status)
	if !ok {
		return
	}
	a.stream(c, func() {
		c.Header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		c.Header("Content-Disposition", export.Attachment(export.FileName(export.FileWorkbook, sc, time.Now())))
		c.Status(http.StatusOK)
	}, func(w io.Writer) error { return export.WriteXLSX(w, sc, src) })
}
