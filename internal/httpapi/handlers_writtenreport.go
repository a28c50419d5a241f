package httpapi

import (
	"bytes"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
	"github.com/ipsfidelity/fidelity/internal/writtenreport"
)

const (
	mimeHTML = "text/html"
	mimePDF  = "application/pdf"
)

// GetWrittenReport sends the written report of a review as a printable
// HTML page or a PDF: format=… decides, else the Accept header, else HTML.
func (a *API) GetWrittenReport(c *gin.Context, id oapi.ReviewID, p oapi.GetWrittenReportParams) {
	format := c.NegotiateFormat(mimeHTML, mimePDF)
	if p.Format != nil {
		format = map[oapi.GetWrittenReportParamsFormat]string{oapi.GetWrittenReportParamsFormatHTML: mimeHTML, oapi.GetWrittenReportParamsFormatPdf: mimePDF}[*p.Format]
	}
	if format == "" {
		format = mimeHTML
	}
	ctx := c.Request.Context()
	principal, _ := fidelity.PrincipalFrom(ctx)
	doc, err := a.svc.WrittenReport(ctx, principal, id, langOf(p.Lang))
	if err != nil {
		writeProblem(c, err)
		return
	}
	var body bytes.Buffer
	// Rendered to memory first, so a failure is still a problem response
	// and not half a document.
	if format == mimePDF {
		err = writtenreport.WritePDF(&body, doc)
	} else {
		err = writtenreport.WriteHTML(&body, doc)
	}
	if err != nil {
		writeProblem(c, fidelity.Wrap(fidelity.KindInternal, err, "the report could not be rendered"))
		return
	}
	c.Header("Cache-Control", "private, no-store")
	c.Header("Vary", "Accept")
	if format == mimePDF {
		c.Header("Content-Disposition", `attachment; filename="`+writtenreport.FileName(doc, "pdf")+`"`)
		c.Data(http.StatusOK, mimePDF, body.Bytes())
		return
	}
	c.Header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	c.Header("Content-Disposition", `inline; filename="`+writtenreport.FileName(doc, "html")+`"`)
	c.Data(http.StatusOK, "text/html; charset=utf-8", body.Bytes())
}
