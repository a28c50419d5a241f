package webui

import (
	"math"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

type signInData struct {
	Next  string
	Error string
}

// safeNext keeps a post-sign-in target on this site: a path of the web
// interface, judged the way a browser reads it. Browsers drop tabs and
// newlines from URLs and read a backslash as a slash, so "/\t/evil" and
// "/\\evil" both mean "//evil", another host; anything with a control
// character, a backslash, a scheme, a host or a leading "//" (also when
// percent-encoded) is replaced by the start page.
func safeNext(s string) string {
	const home = "/"
	if s == "" || !utf8.ValidString(s) || strings.ContainsAny(s, "\\") {
		return home
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || unicode.IsSpace(r) {
			return home
		}
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return home
	}
	decoded, err := url.PathUnescape(u.EscapedPath())
	if err != nil || strings.ContainsAny(decoded, "\\") || strings.HasPrefix(decoded, "//") || strings.HasPrefix(s, "//") {
		return home
	}
	if clean := path.Clean(decoded); clean != "/ui" && !strings.HasPrefix(clean, "/ui/") {
		return home
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
	p, err := u.svc.Authenticate(c.Request.Context(), strings.TrimSpace(c.PostForm("key")), clientAddress(c.Request))
	if err != nil {
		status := statusOf(err)
		msg := rq.T("signin.failed")
		switch fidelity.KindOf(err) {
		case fidelity.KindUnauthorized:
		case fidelity.KindRateLimited:
			wait := int(math.Ceil(fidelity.RetryAfterOf(err).Seconds()))
			c.Header("Retry-After", strconv.Itoa(wait))
			msg = rq.T("signin.throttled", wait)
		default:
			msg = messageOf(rq.lang, err)
		}
		u.render(c, status, "signin", rq.T("signin.title"), signInData{Next: next, Error: msg})
		return
	}
	u.sess.write(c.Writer, c.Request, u.sess.fresh(p.KeyID))
	c.Redirect(http.StatusSeeOther, next)
}

// signOut ends the session server-side before it replaces the cookie: a
// copy of the old cookie (a shared computer, a saved request) must not
// sign anyone in again, on any replica. Should the database not answer,
// the user is told and stays signed in rather than believing they left.
// clientAddress is the peer's IP address, the unit failed sign-ins are
// throttled by (as in the API).
func clientAddress(r *http.Request) string {
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	return r.RemoteAddr
}

func (u *ui) signOut(c *gin.Context) {
	rq := req(c)
	if rq.sess.KeyID != "" {
		if err := u.svc.EndSession(c.Request.Context(), rq.sess.id(), rq.sess.Expires); err != nil {
			u.fail(c, err)
			return
		}
	}
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
	// ReportSteps are the overdue steps of written reports (report,
	// comments, action plan, evidence deletion), earliest due first.
	ReportSteps []service.OverdueStep
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
	if d.ReportSteps, err = u.svc.OverdueReportSteps(ctx, ""); err != nil {
		u.fail(c, err)
		return
	}
	u.render(c, http.StatusOK, "home", rq.T("home.title"), d)
}
