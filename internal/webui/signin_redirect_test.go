package webui_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// After sign-in the browser goes only to a page of this site: every
// spelling of another host (tabs and newlines browsers drop, backslashes
// they read as slashes, percent-encoded slashes, absolute URLs) lands on
// the start page instead. "/%09/evil.example/" was an open redirect.
func TestSignInRedirectsOnlyToThisSite(t *testing.T) {
	var secret string
	e := newEnv(t, envOpts{keys: func(e *env) {
		_, s, err := e.svc.CreateKey(e.sys, service.KeyInput{Name: "Lead Lise", Role: fidelity.RoleLead, AllSites: true})
		if err != nil {
			t.Fatal(err)
		}
		secret = s
	}})
	hostile := []string{
		"/\t/evil.example/", "/\n/evil.example/", "/\r/evil.example/", "\t//evil.example/",
		"//evil.example/", "///evil.example/", "/\\evil.example/", "\\\\evil.example/", "/\\/evil.example/",
		"https://evil.example/", "HTTPS://evil.example", "//evil.example/%2F..", "javascript:alert(1)",
		"/%2F/evil.example/", "/%2f%2fevil.example", "/%5Cevil.example/", "/%5C%5Cevil.example",
		"%2F%2Fevil.example", "/ui/..//evil.example/", "/ui/../../evil.example", " /ui/sites",
		"http:/evil.example", "/\u3000/evil.example", "evil.example", "@evil.example",
		"/v1/sites", "", "/%09/evil.example/",
	}
	for _, next := range hostile {
		c := e.client()
		pg := c.post("/ui/signin", url.Values{"csrf": {c.csrf("/ui/signin")}, "key": {secret}, "next": {next}}).want(t, http.StatusSeeOther)
		if loc := pg.Header.Get("Location"); loc != "/" {
			t.Errorf("next=%q redirected to %q, want /", next, loc)
		}
	}
	// A NUL is not text at all: the form is refused before sign-in.
	c := e.client()
	c.post("/ui/signin", url.Values{"csrf": {c.csrf("/ui/signin")}, "key": {secret}, "next": {"/ui/sites\x00"}}).want(t, http.StatusBadRequest)
	for _, next := range []string{"/ui", "/ui/sites", "/ui/reviews?status=planned", "/ui/sites/01a2089c-0000-7000-8000-000000000000#history"} {
		c := e.client()
		pg := c.post("/ui/signin", url.Values{"csrf": {c.csrf("/ui/signin")}, "key": {secret}, "next": {next}}).want(t, http.StatusSeeOther)
		if loc := pg.Header.Get("Location"); loc != next {
			t.Errorf("next=%q redirected to %q", next, loc)
		}
	}
}
