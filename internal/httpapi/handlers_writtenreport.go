package httpapi

import (
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
	out, err := writtenreport.Render(doc, format == mimePDF)
	if err != nil {
		writeProblem(c, fidelity.Wrap(fidelity.KindInternal, err, "the report could not be rendered"))
		return
	}
	for k, v := range out.Header {
		c.Header(k, v)
	}
	c.Header("Vary", "Accept") // the format follows the Accept header
	c.Data(http.StatusOK, out.ContentType, out.Body)
}
