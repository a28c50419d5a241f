package webui

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

type signInData struct {
	Next  string
	Error string
}

// safeNext keeps a post-sign-in target on this site.
func safeNext(s string) string {
	if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.HasPrefix(s, "/\\") {
		return "/"
	}
	return s
}

func (u *ui) signInPage(c *gin.Context) {
	rq := req(c)
	if rq.signedIn {
		c.Redirect(http.StatusSeeOther, safeNext(c.Query("next")))
		return
	}
	u.render(c, http.StatusOK, "signin", rq.T("signin.title"), signInData{Next: safeNext(c.Query("next"))})
}

// signIn exchanges an API key for a session; the key itself is never
// stored in the cookie, only its id.
func (u *ui) signIn(c *gin.Context) {
	rq := req(c)
	next := safeNext(c.PostForm("next"))
	p, err := u.svc.Authenticate(c.Request.Context(), strings.TrimSpace(c.PostForm("key")))
	if err != nil {
		status := statusOf(err)
		msg := rq.T("signin.failed")
		if fidelity.KindOf(err) != fidelity.KindUnauthorized {
			msg = messageOf(rq.lang, err)
		}
		u.render(c, status, "signin", rq.T("signin.title"), signInData{Next: next, Error: msg})
		return
	}
	u.sess.write(c.Writer, c.Request, u.sess.fresh(p.KeyID))
	c.Redirect(http.StatusSeeOther, next)
}

func (u *ui) signOut(c *gin.Context) {
	u.sess.write(c.Writer, c.Request, u.sess.fresh(""))
	redirect(c, "/ui/signin", "")
}

// T translates in the request's language.
func (r *request) T(key string, args ...any) string { return tr(r.lang, key, args...) }

type homeData struct {
	Reviews []reviewRow
	// Overdue are the sites whose review is overdue, most overdue first;
	// Lapsed those whose planned visit passed without a start.
	Overdue []service.SiteView
	Lapsed  []service.SiteView
	// More counts overdue sites beyond those listed.
	More int
}

// homeOverdueRows is how many overdue sites the start page lists.
const homeOverdueRows = 15

// home is the start page: the reviews to work on and, for leads, the sites
// whose next review is due.
func (u *ui) home(c *gin.Context) {
	rq := req(c)
	ctx := c.Request.Context()
	rows, err := u.reviewRows(ctx, service.ReviewFilter{Status: []fidelity.ReviewStatus{
		fidelity.StatusPlanned, fidelity.StatusInProgress, fidelity.StatusConsensus}, Page: service.Page{Limit: 20}})
	if err != nil {
		u.fail(c, err)
		return
	}
	d := homeData{Reviews: rows}
	if rq.principal.Role != fidelity.RoleRater {
		due, err := u.svc.DueList(ctx, "")
		if err != nil {
			u.fail(c, err)
			return
		}
		for _, s := range due {
			if s.Due.State == service.DueOverdue {
				d.Overdue = append(d.Overdue, s)
			} else {
				d.Lapsed = append(d.Lapsed, s)
			}
		}
		if len(d.Overdue) > homeOverdueRows {
			d.More, d.Overdue = len(d.Overdue)-homeOverdueRows, d.Overdue[:homeOverdueRows]
		}
	}
	u.render(c, http.StatusOK, "home", rq.T("home.title"), d)
}
