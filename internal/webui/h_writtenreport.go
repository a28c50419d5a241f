package webui

import (
	"bytes"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/writtenreport"
)

// writtenReport shows the review's written report in the interface's
// language: the printable HTML page (preview; the browser prints it), or
// with ?format=pdf the PDF as a download. Same use case and rules as
// GET /v1/reviews/{id}/report, with the session's principal.
func (u *ui) writtenReport(c *gin.Context) {
	rq := req(c)
	doc, err := u.svc.WrittenReport(c.Request.Context(), rq.principal, c.Param("id"), rq.lang)
	if err != nil {
		u.fail(c, err)
		return
	}
	pdf := c.Query("format") == "pdf"
	var body bytes.Buffer
	if pdf {
		err = writtenreport.WritePDF(&body, doc)
	} else {
		err = writtenreport.WriteHTML(&body, doc)
	}
	if err != nil {
		u.fail(c, fidelity.Wrap(fidelity.KindInternal, err, "the report could not be rendered"))
		return
	}
	c.Header("Cache-Control", "private, no-store")
	if pdf {
		c.Header("Content-Disposition", `attachment; filename="`+writtenreport.FileName(doc, "pdf")+`"`)
		c.Data(http.StatusOK, "application/pdf", body.Bytes())
		return
	}
	// The report is a document of its own, with its inline print styles.
	c.Header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	c.Data(http.StatusOK, "text/html; charset=utf-8", body.Bytes())
}
