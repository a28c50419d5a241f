package webui

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// accessibility shows the accessibility statement: public, both languages,
// linked from every page's footer.
func (u *ui) accessibility(c *gin.Context) {
	u.render(c, http.StatusOK, "accessibility", req(c).T("footer.accessibility"), nil)
}
