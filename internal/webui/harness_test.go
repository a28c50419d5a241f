package webui_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/demo"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/httpapi"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
	"github.com/ipsfidelity/fidelity/internal/webui"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// env is the whole service (REST API with the web interface mounted) over
// a fresh SQLite database with a small demo data set.
type env struct {
	t   *testing.T
	st  *store.Store // for statement counts
	svc *service.Service
	srv *httptest.Server
	sys context.Context
}

type envOpts struct {
	seed bool
	// demo, when set, is seeded instead of the small data set, on a
	// service whose clock stands at today (screenshots).
	demo  *demo.Options
	today time.Time
	// keys runs before the server answers its first request, so the web
	// interface starts in key mode.
	keys func(e *env)
}

func newEnv(t *testing.T, o envOpts) *env {
	t.Helper()
	st := storetest.SQLite(t)
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	var clock []service.Option
	if !o.today.IsZero() {
		clock = append(clock, service.WithClock(func() time.Time { return o.today }))
	}
	svc := service.New(st, cat, service.DefaultConfig(), clock...)
	ctx := context.Background()
	if err := svc.SyncScales(ctx); err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, st: st, svc: svc, sys: fidelity.WithPrincipal(ctx, fidelity.System)}
	if o.seed || o.demo != nil {
		opts := demo.Options{Offices: 4, Reviews: 3, Scale: "se-fidelity@2008", Seed: 11,
			End: time.Now().UTC().AddDate(0, 0, -20), Unfinished: true}
		if o.demo != nil {
			opts = *o.demo
		}
		if _, err := demo.Seed(e.sys, svc, opts); err != nil {
			t.Fatal(err)
		}
	}
	if o.keys != nil {
		o.keys(e)
	}
	h := httpapi.New(httpapi.Options{Service: svc, Mount: func(r *gin.Engine) {
		webui.Mount(r, webui.Options{Service: svc, SessionKey: []byte("test session key")})
	}})
	e.srv = httptest.NewServer(h)
	t.Cleanup(e.srv.Close)
	return e
}

// client is a browser-like HTTP client: cookies, no automatic redirects.
type client struct {
	e *env
	c *http.Client
}

func (e *env) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{e: e, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

type page struct {
	Code   int
	Header http.Header
	Body   string
}

func (c *client) do(method, path string, form url.Values, hdr map[string]string) page {
	c.e.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	r, err := http.NewRequest(method, c.e.srv.URL+path, body)
	if err != nil {
		c.e.t.Fatal(err)
	}
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range hdr {
		r.Header.Set(k, v)
	}
	resp, err := c.c.Do(r)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return page{Code: resp.StatusCode, Header: resp.Header, Body: string(b)}
}

func (c *client) get(path string) page { return c.do(http.MethodGet, path, nil, nil) }

func (c *client) post(path string, form url.Values) page {
	return c.do(http.MethodPost, path, form, nil)
}

var csrfInput = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf reads the CSRF token from a page the client has loaded.
func (c *client) csrf(path string) string {
	c.e.t.Helper()
	p := c.get(path)
	m := csrfInput.FindStringSubmatch(p.Body)
	if m == nil {
		c.e.t.Fatalf("no CSRF token on %s (%d)", path, p.Code)
	}
	return m[1]
}

func (p page) want(t *testing.T, code int) page {
	t.Helper()
	if p.Code != code {
		t.Fatalf("status %d, want %d: %.600s", p.Code, code, p.Body)
	}
	return p
}

// reviewIn returns a review of the demo data in the given status.
func (e *env) reviewIn(status fidelity.ReviewStatus) fidelity.Review {
	e.t.Helper()
	rs, _, err := e.svc.ListReviews(e.sys, service.ReviewFilter{Status: []fidelity.ReviewStatus{status}})
	if err != nil || len(rs) == 0 {
		e.t.Fatalf("no review in status %s: %v", status, err)
	}
	return rs[0]
}

// teamWithout returns a team with no review of the given type.
func (e *env) teamWithout(typ fidelity.ReviewType) string {
	e.t.Helper()
	teams, _, err := e.svc.ListSites(e.sys, service.SiteFilter{Kind: fidelity.SiteKindTeam})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, s := range teams {
		rs, _, err := e.svc.ListReviews(e.sys, service.ReviewFilter{SiteID: s.ID, Type: []fidelity.ReviewType{typ}})
		if err != nil {
			e.t.Fatal(err)
		}
		if len(rs) == 0 {
			return s.ID
		}
	}
	e.t.Fatalf("every team has a %s review", typ)
	return ""
}

// key creates an API key and returns its secret.
func (e *env) key(in service.KeyInput) string {
	e.t.Helper()
	_, secret, err := e.svc.CreateKey(e.sys, in)
	if err != nil {
		e.t.Fatal(err)
	}
	return secret
}
