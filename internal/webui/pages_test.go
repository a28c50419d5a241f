package webui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// Every page answers 200 for the administrator of an open service, shows
// the open-mode banner, and leaves the API's own routes alone.
func TestEveryPageOpenMode(t *testing.T) {
	e := newEnv(t, envOpts{seed: true})
	c := e.client()
	inProgress := e.reviewIn(fidelity.StatusInProgress)
	cons := e.reviewIn(fidelity.StatusConsensus)
	fin := e.reviewIn(fidelity.StatusFinalised)
	paths := []string{
		"/", "/ui/reviews", "/ui/reviews?status=all", "/ui/reviews?status=finalised", "/ui/reviews/new",
		"/ui/reviews/" + inProgress.ID, "/ui/reviews/" + inProgress.ID + "/rate/" + inProgress.RaterIDs[1],
		"/ui/reviews/" + cons.ID, "/ui/reviews/" + cons.ID + "/consensus",
		"/ui/reviews/" + fin.ID, "/ui/reviews/" + fin.ID + "/consensus", "/ui/reviews/" + fin.ID + "/correct?item=S1",
		"/ui/sites", "/ui/sites?q=Nav", "/ui/sites/" + fin.SiteID, "/ui/compare", "/ui/agreement",
		"/ui/scales", "/ui/scales/se-fidelity@2008", "/ui/scales/ips-15",
	}
	for _, lang := range []string{"en", "nb"} {
		for _, p := range paths {
			sep := "?"
			if strings.Contains(p, "?") {
				sep = "&"
			}
			pg := c.get(p + sep + "lang=" + lang)
			if pg.Code != http.StatusOK {
				t.Errorf("%s (%s): %d %.300s", p, lang, pg.Code, pg.Body)
				continue
			}
			if !strings.Contains(pg.Body, `id="open-banner"`) {
				t.Errorf("%s: no open-mode banner", p)
			}
			if !strings.Contains(pg.Body, `<html lang="`+lang+`">`) {
				t.Errorf("%s: not in %s", p, lang)
			}
		}
	}
	for _, p := range []string{"/ui/exports/ratings.csv", "/ui/exports/reviews.csv", "/ui/exports/workbook.xlsx"} {
		pg := c.get(p)
		if pg.Code != http.StatusOK || !strings.Contains(pg.Header.Get("Content-Disposition"), "attachment") || len(pg.Body) < 100 {
			t.Errorf("%s: %d %q (%d bytes)", p, pg.Code, pg.Header.Get("Content-Disposition"), len(pg.Body))
		}
	}
	if pg := c.get("/ui/reviews/no-such-review"); pg.Code != http.StatusNotFound || !strings.Contains(pg.Body, "<h1>") {
		t.Errorf("unknown review: %d", pg.Code)
	}
	if pg := c.get("/v1/scales"); pg.Code != http.StatusOK || !strings.Contains(pg.Header.Get("Content-Type"), "json") {
		t.Errorf("the API is shadowed: %d %s", pg.Code, pg.Header.Get("Content-Type"))
	}
	if pg := c.get("/healthz"); pg.Code != http.StatusOK {
		t.Errorf("/healthz: %d", pg.Code)
	}
	if pg := c.get("/ui/static/app.js"); pg.Code != http.StatusOK {
		t.Errorf("static: %d", pg.Code)
	}
}

// The language follows ?lang= (remembered in a cookie), then the cookie,
// then Accept-Language.
func TestLanguageSwitch(t *testing.T) {
	e := newEnv(t, envOpts{})
	c := e.client()
	if pg := c.get("/ui/scales"); !strings.Contains(pg.Body, `<html lang="en">`) || !strings.Contains(pg.Body, ">Scales<") {
		t.Fatalf("default is not English: %.300s", pg.Body)
	}
	pg := c.get("/ui/scales?lang=nb")
	if !strings.Contains(pg.Body, `<html lang="nb">`) || !strings.Contains(pg.Body, ">Skalaer<") || !strings.Contains(pg.Body, "Kvalitetsskalaen i IPS") {
		t.Fatalf("?lang=nb did not switch: %.300s", pg.Body)
	}
	if !strings.Contains(pg.Header.Get("Set-Cookie"), "fidelity_lang=nb") {
		t.Errorf("no language cookie: %q", pg.Header.Values("Set-Cookie"))
	}
	if pg := c.get("/ui/scales"); !strings.Contains(pg.Body, `<html lang="nb">`) {
		t.Error("the cookie is not remembered")
	}
	if pg := c.get("/ui/scales?lang=en"); !strings.Contains(pg.Body, `<html lang="en">`) || !strings.Contains(pg.Body, `hreflang="nb"`) {
		t.Error("switching back to English failed, or no switch link")
	}
	fresh := e.client()
	if pg := fresh.do(http.MethodGet, "/ui/scales", nil, map[string]string{"Accept-Language": "nb-NO,nb;q=0.9,en;q=0.5"}); !strings.Contains(pg.Body, `<html lang="nb">`) {
		t.Error("Accept-Language nb ignored")
	}
}

// A form post without the session's CSRF token, or with a wrong one, is
// refused with a 403 page and changes nothing.
func TestCSRF(t *testing.T) {
	e := newEnv(t, envOpts{seed: true})
	c := e.client()
	token := c.csrf("/ui/reviews/new")
	sites, _, _ := e.svc.ListSites(e.sys, service.SiteFilter{Kind: "team"})
	raters, _, _ := e.svc.ListRaters(e.sys, service.RaterFilter{})
	count := func() int {
		rs, _, err := e.svc.ListReviews(e.sys, service.ReviewFilter{Page: service.Page{Limit: 500}})
		if err != nil {
			t.Fatal(err)
		}
		return len(rs)
	}
	before := count()
	day := time.Now().UTC().Format(time.DateOnly)
	form := url.Values{"site_id": {sites[0].ID}, "scale": {"se-fidelity@2008"}, "type": {"external"},
		"visit_start": {day}, "visit_end": {day}, "rater_ids": {raters[0].ID, raters[1].ID}}
	pg := c.post("/ui/reviews", form).want(t, http.StatusForbidden)
	if !strings.Contains(pg.Body, "security token") {
		t.Errorf("403 page does not explain: %.400s", pg.Body)
	}
	form.Set("csrf", token+"x")
	c.post("/ui/reviews", form).want(t, http.StatusForbidden)
	other := e.client()
	form.Set("csrf", other.csrf("/ui/reviews/new"))
	c.post("/ui/reviews", form).want(t, http.StatusForbidden) // another session's token
	pg = c.do(http.MethodPut, "/ui/reviews/x/rate/y", url.Values{"csrf": {"nope"}}, map[string]string{"Accept": "application/json"})
	if pg.Code != http.StatusForbidden || !strings.Contains(pg.Body, "message") {
		t.Errorf("fetch without token: %d %s", pg.Code, pg.Body)
	}
	if n := count(); n != before {
		t.Fatalf("a refused form changed data: %d reviews, was %d", n, before)
	}
	form.Set("csrf", token)
	pg = c.post("/ui/reviews", form).want(t, http.StatusSeeOther)
	if !strings.HasPrefix(pg.Header.Get("Location"), "/ui/reviews/") || count() != before+1 {
		t.Fatalf("the valid form was not accepted: %q", pg.Header.Get("Location"))
	}
}

// Site names are shown as text everywhere, never as markup.
func TestHostileSiteNamesAreEscaped(t *testing.T) {
	e := newEnv(t, envOpts{seed: true})
	hostile := `<script>alert("x")</script><img src=x onerror=alert(1)>"'&`
	fin := e.reviewIn(fidelity.StatusFinalised)
	if _, err := e.svc.UpdateSite(e.sys, fin.SiteID, service.AnyVersion, service.SitePatch{Name: &hostile}); err != nil {
		t.Fatal(err)
	}
	c := e.client()
	for _, p := range []string{"/ui/sites", "/ui/sites/" + fin.SiteID, "/ui/reviews?status=all", "/ui/reviews/" + fin.ID,
		"/ui/compare", "/", "/ui/reviews/new", "/ui/agreement"} {
		pg := c.get(p).want(t, http.StatusOK)
		if strings.Contains(pg.Body, "<script>alert") || strings.Contains(pg.Body, "<img src=x") {
			t.Errorf("%s: the hostile name is rendered as markup", p)
		}
		if p != "/ui/agreement" && !strings.Contains(pg.Body, "&lt;script&gt;") {
			t.Errorf("%s: the name is not shown escaped", p)
		}
	}
}

// In key mode every page needs a sign-in; the session cookie is HttpOnly,
// SameSite=Strict and Secure behind TLS; revoking the key ends it.
func TestSignInKeyMode(t *testing.T) {
	var secret, keyID string
	e := newEnv(t, envOpts{keys: func(e *env) {
		k, s, err := e.svc.CreateKey(e.sys, service.KeyInput{Name: "Lead Lise", Role: fidelity.RoleLead, AllSites: true})
		if err != nil {
			t.Fatal(err)
		}
		secret, keyID = s, k.ID
	}})
	c := e.client()
	pg := c.get("/ui/sites").want(t, http.StatusSeeOther)
	if !strings.HasPrefix(pg.Header.Get("Location"), "/ui/signin?next=") {
		t.Fatalf("not sent to sign in: %q", pg.Header.Get("Location"))
	}
	signin := c.get("/ui/signin").want(t, http.StatusOK)
	if strings.Contains(signin.Body, "open-banner") {
		t.Error("open-mode banner in key mode")
	}
	token := c.csrf("/ui/signin")
	bad := c.post("/ui/signin", url.Values{"csrf": {token}, "key": {"fk_wrong"}, "next": {"/ui/sites"}}).want(t, http.StatusUnauthorized)
	if !strings.Contains(bad.Body, "unknown, expired or revoked") {
		t.Errorf("no message for a bad key: %.300s", bad.Body)
	}
	tls := e.client()
	ok := tls.do(http.MethodPost, "/ui/signin", url.Values{"csrf": {tls.csrf("/ui/signin")}, "key": {secret}, "next": {"/ui/sites"}},
		map[string]string{"X-Forwarded-Proto": "https"}).want(t, http.StatusSeeOther)
	ck := ok.Header.Get("Set-Cookie")
	for _, attr := range []string{"fidelity_session=", "HttpOnly", "SameSite=Strict", "Secure", "Path=/"} {
		if !strings.Contains(ck, attr) {
			t.Errorf("session cookie lacks %s: %s", attr, ck)
		}
	}
	if strings.Contains(ck, secret) {
		t.Error("the API key itself is in the cookie")
	}
	if ok.Header.Get("Location") != "/ui/sites" {
		t.Errorf("next not honoured: %q", ok.Header.Get("Location"))
	}
	c.post("/ui/signin", url.Values{"csrf": {token}, "key": {secret}}).want(t, http.StatusSeeOther)
	if pg := c.get("/ui/sites").want(t, http.StatusOK); !strings.Contains(pg.Body, "Lead Lise") {
		t.Error("the signed-in user is not shown")
	}
	if p := c.post("/ui/signin", url.Values{"csrf": {token}, "key": {secret}}); p.Code != http.StatusForbidden {
		t.Errorf("the pre-sign-in CSRF token still works after sign-in: %d", p.Code)
	}
	if _, err := e.svc.RevokeKey(e.sys, keyID); err != nil {
		t.Fatal(err)
	}
	c.get("/ui/sites").want(t, http.StatusSeeOther)
	if p := e.client().get("/ui/signin?next=//evil.example").Body; !strings.Contains(p, `name="next" value="/"`) {
		t.Error("an off-site next is kept")
	}
}

// A finalised review's page draws its item profile as bars and as a radar.
func TestReviewPageDrawsTheProfileCharts(t *testing.T) {
	e := newEnv(t, envOpts{seed: true})
	p := e.client().get("/ui/reviews/"+e.reviewIn(fidelity.StatusFinalised).ID).want(t, 200)
	for _, id := range []string{`id="profile-bars"><svg`, `id="profile-radar"><svg`} {
		if !strings.Contains(p.Body, id) {
			t.Errorf("the review page lacks %s", id)
		}
	}
}
