// Package webui is the web interface: a second adapter beside the REST API
// that calls the same service layer. Pages are rendered on the server with
// html/template; a little plain JavaScript adds the live score, draft
// autosave and repeatable rows. Every business rule stays in the service:
// handlers parse the form, call the service and show its answer or its
// errors.
package webui

import (
	"crypto/rand"
	"embed"
	"io/fs"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/service"
)

// Options wire the web interface.
type Options struct {
	Service *service.Service
	Logger  *slog.Logger
	// SessionKey is the HMAC-SHA256 key of the signed session cookie. When
	// empty a random key is generated at start: sessions then end with the
	// process, and replicas behind one address must share a key
	// (FIDELITY_SESSION_KEY) or users are signed out when they switch.
	SessionKey []byte
}

//go:embed templates static
var assets embed.FS

// ui holds the dependencies of the handlers.
type ui struct {
	svc   *service.Service
	log   *slog.Logger
	sess  sessions
	pages *pages
}

// Mount adds the web interface to r: the pages under / and /ui/, static
// assets under /ui/static/. Routes never collide with /v1, /healthz,
// /readyz, /metrics, /openapi.yaml or /docs.
func Mount(r *gin.Engine, o Options) {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	key := o.SessionKey
	if len(key) == 0 {
		key = make([]byte, 32)
		_, _ = rand.Read(key)
		o.Logger.Warn("web interface: no session key configured; generated one for this process " +
			"(sessions end on restart; replicas need a shared FIDELITY_SESSION_KEY)")
	}
	u := &ui{
		svc: o.Service, log: o.Logger, sess: sessions{key: key},
		pages: mustParsePages(),
	}
	static, _ := fs.Sub(assets, "static")
	fileServer := http.StripPrefix("/ui/static/", http.FileServer(http.FS(static)))
	r.GET("/ui/static/*file", func(c *gin.Context) {
		c.Header("Cache-Control", "public, max-age=3600")
		fileServer.ServeHTTP(c.Writer, c.Request)
	})

	g := r.Group("/", u.middleware())
	g.GET("/", u.home)
	g.GET("/ui/signin", u.signInPage)
	g.POST("/ui/signin", u.signIn)
	g.POST("/ui/signout", u.signOut)

	g.GET("/ui/reviews", u.reviews)
	g.GET("/ui/reviews/new", u.planPage)
	g.POST("/ui/reviews", u.plan)
	g.GET("/ui/reviews/:id", u.review)
	g.GET("/ui/reviews/:id/rate/:rater", u.ratePage)
	g.POST("/ui/reviews/:id/rate/:rater", u.rate)
	g.PUT("/ui/reviews/:id/rate/:rater", u.autosave)
	g.POST("/ui/reviews/:id/score", u.liveScore)
	g.GET("/ui/reviews/:id/consensus", u.consensusPage)
	g.POST("/ui/reviews/:id/consensus", u.consensus)
	g.PUT("/ui/reviews/:id/consensus", u.consensusAutosave)
	g.POST("/ui/reviews/:id/finalise", u.finalise)
	g.GET("/ui/reviews/:id/correct", u.correctPage)
	g.GET("/ui/reviews/:id/report/document", u.writtenReport)
	g.POST("/ui/reviews/:id/correct", u.correct)
	g.POST("/ui/reviews/:id/actions", u.createAction)
	g.POST("/ui/actions/:id", u.updateAction)
	g.GET("/ui/reviews/:id/report", u.reportSitePage)
	g.GET("/ui/reviews/:id/report/write", u.reportWritePage)
	g.POST("/ui/reviews/:id/report/write", u.saveReport)
	g.POST("/ui/reviews/:id/report/issue", u.issueReport)
	g.POST("/ui/reviews/:id/report/final", u.finalReport)
	g.POST("/ui/reviews/:id/report/comments", u.commentReport)
	g.POST("/ui/reviews/:id/report/actions/:action", u.decideReportAction)
	g.POST("/ui/reviews/:id/evidence/purge", u.purgeEvidence)

	g.GET("/ui/sites", u.sites)
	g.GET("/ui/sites/:id", u.site)
	g.GET("/ui/compare", u.compare)
	g.GET("/ui/agreement", u.agreement)
	g.GET("/ui/exports/:file", u.export)
	g.GET("/ui/scales", u.scales)
	g.GET("/ui/scales/:ref", u.scale)
	g.GET("/ui/accessibility", u.accessibility)
	g.GET("/ui/imports", u.importsPage)
	g.POST("/ui/imports", u.startImport)
	g.GET("/ui/imports/:id", u.importPage)
	g.POST("/ui/imports/:id/commit", u.commitImport)
}

// Mounter returns Mount bound to o, for httpapi.Options.Mount, so the
// command that wires the binary needs no web framework of its own.
func Mounter(o Options) func(*gin.Engine) {
	return func(r *gin.Engine) { Mount(r, o) }
}
