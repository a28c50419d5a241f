package webui

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/export"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// export streams the REST exports to a signed-in browser: the same export
// package, the same service calls, the session's principal and scope.
func (u *ui) export(c *gin.Context) {
	ctx := c.Request.Context()
	q := service.ReportQuery{Subtree: c.Query("subtree"), Scale: c.Query("scale")}
	if err := u.svc.CheckExport(ctx, q); err != nil {
		u.fail(c, err)
		return
	}
	src := export.Sources{
		Catalog: u.svc.Scales(),
		Ratings: func(fn func(service.ExportRating) error) error { return u.svc.ExportRatings(ctx, q, nil, fn) },
		Reviews: func(fn func(fidelity.ReviewScores) error) error { return u.svc.ExportReviews(ctx, q, nil, fn) },
	}
	day := time.Now()
	file := c.Param("file")
	if file == export.FileRatingsCSV {
		attachment(c, "text/csv; charset=utf-8", export.FileName(file, nil, day))
		u.streamFailed(c, export.WriteLongCSV(c.Writer, src))
		return
	}
	if file != export.FileReviewsCSV && file != export.FileWorkbook {
		u.fail(c, fidelity.Errorf(fidelity.KindNotFound, "no export %s", file))
		return
	}
	ref := q.Scale
	if ref == "" {
		ref = service.DefaultReportScale
	}
	sc, err := u.svc.GetScale(ref)
	if err != nil {
		u.fail(c, err)
		return
	}
	q.Scale = sc.Ref()
	name := export.FileName(file, sc, day)
	if file == export.FileReviewsCSV {
		attachment(c, "text/csv; charset=utf-8", name)
		u.streamFailed(c, export.WriteWideCSV(c.Writer, sc, src))
		return
	}
	attachment(c, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name)
	u.streamFailed(c, export.WriteXLSX(c.Writer, sc, src))
}

func attachment(c *gin.Context, contentType, filename string) {
	c.Header("Content-Type", contentType)
	c.Header("Content-Disposition", export.Attachment(filename))
	c.Status(http.StatusOK)
}

// streamFailed logs an error after the response has started.
func (u *ui) streamFailed(c *gin.Context, err error) {
	if err != nil {
		u.log.Error("web interface: export stopped", "path", c.Request.URL.Path, "error", err)
	}
}
