package webui

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// request is what the middleware resolves for every UI request.
type request struct {
	lang      string
	sess      session
	principal fidelity.Principal
	signedIn  bool // a principal acts (signed in, or open mode)
	open      bool
}

const requestKey = "webui.request"

func req(c *gin.Context) *request {
	if v, ok := c.Get(requestKey); ok {
		return v.(*request)
	}
	return &request{lang: "en"}
}

// publicPath lists the pages that need no sign-in; the accessibility
// statement is for everyone, signed in or not.
func publicPath(p string) bool { return p == "/ui/signin" || p == "/ui/accessibility" }

// middleware resolves language, session and principal, enforces sign-in in
// key mode and checks the CSRF token of every write.
func (u *ui) middleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "+
			"script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
		h.Set("Cache-Control", "no-store")
		rq := &request{lang: language(c)}
		c.Set(requestKey, rq)

		ctx := c.Request.Context()
		keyed, err := u.svc.KeysConfigured(ctx)
		open := !keyed
		if err != nil {
			u.fail(c, fidelity.Wrap(fidelity.KindUnavailable, err, "the database is not reachable"))
			return
		}
		rq.open = open
		sess, ok := u.sess.decode(cookieValue(c.Request, SessionCookie))
		if !ok {
			sess = u.sess.fresh("")
			u.sess.write(c.Writer, c.Request, sess)
		}
		rq.sess = sess
		switch {
		case open:
			rq.principal, rq.signedIn = fidelity.System, true
		case sess.KeyID != "":
			p, ok, err := u.sessionPrincipal(ctx, sess)
			if err != nil {
				u.fail(c, err)
				return
			}
			if ok {
				rq.principal, rq.signedIn = p, true
				break
			}
			rq.sess = u.sess.fresh("")
			u.sess.write(c.Writer, c.Request, rq.sess)
		}
		if rq.signedIn {
			c.Request = c.Request.WithContext(fidelity.WithPrincipal(ctx, rq.principal))
		}
		if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead && !u.checkCSRF(c, rq) {
			return
		}
		if err := storableForm(c); err != nil {
			u.fail(c, err)
			return
		}
		if !rq.signedIn && !publicPath(c.Request.URL.Path) {
			if c.Request.Method == http.MethodGet {
				c.Redirect(http.StatusSeeOther, "/ui/signin?next="+url.QueryEscape(c.Request.URL.RequestURI()))
				c.Abort()
				return
			}
			u.fail(c, fidelity.Errorf(fidelity.KindUnauthorized, "sign in first"))
			return
		}
		c.Next()
	}
}

// sessionPrincipal resolves a signed-in session to its key's principal;
// ok is false when the key is no longer usable or the session was signed
// out (on any replica), err only when the database cannot say.
func (u *ui) sessionPrincipal(ctx context.Context, sess session) (p fidelity.Principal, ok bool, err error) {
	p, err = u.svc.PrincipalByKeyID(ctx, sess.KeyID)
	if err != nil {
		return p, false, nil
	}
	ended, err := u.svc.SessionEnded(ctx, sess.id())
	if err != nil {
		return p, false, fidelity.Wrap(fidelity.KindUnavailable, err, "the database is not reachable")
	}
	return p, !ended, nil
}

// checkCSRF refuses a write whose token (form field csrf or header
// X-CSRF-Token) does not match the session's: nothing is changed.
func (u *ui) checkCSRF(c *gin.Context, rq *request) bool {
	token := c.GetHeader("X-CSRF-Token")
	if token == "" {
		token = c.PostForm("csrf")
	}
	if validToken(rq.sess, token) {
		return true
	}
	if wantsJSON(c) {
		c.AbortWithStatusJSON(http.StatusForbidden, gin.H{"message": tr(rq.lang, "csrf.failed")})
		return false
	}
	u.render(c, http.StatusForbidden, "error", tr(rq.lang, "csrf.title"), errorData{Message: tr(rq.lang, "csrf.failed")})
	c.Abort()
	return false
}

func cookieValue(r *http.Request, name string) string {
	if ck, err := r.Cookie(name); err == nil {
		return ck.Value
	}
	return ""
}

// wantsJSON is true for the page's own fetch calls.
func wantsJSON(c *gin.Context) bool {
	return strings.Contains(c.GetHeader("Accept"), "application/json")
}

// storableForm rejects a form field holding a NUL byte or invalid UTF-8
// (a 500 on PostgreSQL otherwise), as the API does for JSON; the path,
// query and headers are checked by the API's edge middleware, which runs
// before the web interface's routes.
func storableForm(c *gin.Context) error {
	if c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead {
		return nil
	}
	if err := c.Request.ParseForm(); err != nil {
		return fidelity.Invalid("the form could not be read", fidelity.FieldError{Reason: err.Error()})
	}
	for name, values := range c.Request.PostForm {
		for _, v := range values {
			if why := fidelity.UnstorableText(v); why != "" {
				return fidelity.Invalid("the form is not valid", fidelity.FieldError{Field: name, Reason: why})
			}
		}
	}
	return nil
}
