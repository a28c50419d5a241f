package webui

import (
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
	// The same rendering as the REST route: the report is a document of
	// its own, with its inline print styles.
	out, err := writtenreport.Render(doc, c.Query("format") == "pdf")
	if err != nil {
		u.fail(c, fidelity.Wrap(fidelity.KindInternal, err, "the report could not be rendered"))
		return
	}
	for k, v := range out.Header {
		c.Header(k, v)
	}
	c.Data(http.StatusOK, out.ContentType, out.Body)
}
