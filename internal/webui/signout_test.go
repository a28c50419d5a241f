package webui_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/httpapi"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
	"github.com/ipsfidelity/fidelity/internal/webui"
)

// TestSignOutEndsTheSessionOnEveryReplica signs in on one replica, keeps a
// copy of the session cookie (as a shared computer or a saved request
// would), signs out there, and replays the copy against a second replica
// over the same database: it must be sent to sign in, not let in. Another
// session of the same key stays signed in. On SQLite and PostgreSQL.
func TestSignOutEndsTheSessionOnEveryReplica(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		cat := scale.NewCatalog()
		if err := scale.LoadEmbedded(cat); err != nil {
			t.Fatal(err)
		}
		replica := func() *env {
			svc := service.New(st, cat, service.DefaultConfig())
			h := httpapi.New(httpapi.Options{Service: svc, Mount: func(r *gin.Engine) {
				webui.Mount(r, webui.Options{Service: svc, SessionKey: []byte("shared session key")})
			}})
			e := &env{t: t, svc: svc, srv: httptest.NewServer(h), sys: fidelity.WithPrincipal(context.Background(), fidelity.System)}
			t.Cleanup(e.srv.Close)
			return e
		}
		a, b := replica(), replica()
		secret := a.key(service.KeyInput{Name: "Lead Lise", Role: fidelity.RoleAdmin})

		signIn := func(c *client) string {
			t.Helper()
			ok := c.post("/ui/signin", url.Values{"csrf": {c.csrf("/ui/signin")}, "key": {secret}, "next": {"/ui/sites"}}).want(t, http.StatusSeeOther)
			for _, ck := range ok.Header.Values("Set-Cookie") {
				if v, found := strings.CutPrefix(ck, webui.SessionCookie+"="); found {
					return strings.SplitN(v, ";", 2)[0]
				}
			}
			t.Fatal("no session cookie after sign-in")
			return ""
		}
		replay := func(e *env, cookie string) page {
			return e.client().do(http.MethodGet, "/ui/sites", nil, map[string]string{"Cookie": webui.SessionCookie + "=" + cookie})
		}

		leaving, staying := a.client(), a.client()
		saved := signIn(leaving)
		other := signIn(staying)
		replay(b, saved).want(t, http.StatusOK)

		leaving.post("/ui/signout", url.Values{"csrf": {leaving.csrf("/ui/sites")}}).want(t, http.StatusSeeOther)
		for name, e := range map[string]*env{"the replica signed out on": a, "another replica": b} {
			p := replay(e, saved)
			if p.Code != http.StatusSeeOther || !strings.HasPrefix(p.Header.Get("Location"), "/ui/signin") {
				t.Fatalf("the saved cookie still works on %s after sign-out: %d %q", name, p.Code, p.Header.Get("Location"))
			}
		}
		replay(b, other).want(t, http.StatusOK)
		staying.get("/ui/sites").want(t, http.StatusOK)
	})
}
