package webui

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// SessionCookie is the name of the signed session cookie.
const SessionCookie = "fidelity_session"

// sessionTTL is how long a session lasts after sign-in.
const sessionTTL = 12 * time.Hour

// session is what the cookie carries: the API key the user signed in with
// (empty before sign-in and in open mode), when it ends, and the CSRF token
// every form of the session must echo.
type session struct {
	KeyID   string
	Expires time.Time
	CSRF    string
}

// id names the session server-side (sign-out lists it as ended): a hash of
// its CSRF secret, which is random per session and never leaves the cookie
// and the pages of that session, so the stored id cannot be turned back
// into a usable token.
func (v session) id() string {
	sum := sha256.Sum256([]byte("fidelity-session:" + v.CSRF))
	return hex.EncodeToString(sum[:])
}

// sessions signs and verifies session cookies with HMAC-SHA256.
type sessions struct {
	key []byte
	now func() time.Time
}

func (s sessions) clock() time.Time {
	if s.now != nil {
		return s.now()
	}
	return time.Now()
}

// fresh makes a new session with a new CSRF token.
func (s sessions) fresh(keyID string) session {
	var b [24]byte
	_, _ = rand.Read(b[:])
	return session{KeyID: keyID, Expires: s.clock().Add(sessionTTL), CSRF: base64.RawURLEncoding.EncodeToString(b[:])}
}

func (s sessions) mac(payload string) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(payload))
	return m.Sum(nil)
}

// encode returns the cookie value: base64url(payload) "." base64url(mac).
func (s sessions) encode(v session) string {
	payload := "v1|" + v.KeyID + "|" + strconv.FormatInt(v.Expires.Unix(), 10) + "|" + v.CSRF
	return base64.RawURLEncoding.EncodeToString([]byte(payload)) + "." +
		base64.RawURLEncoding.EncodeToString(s.mac(payload))
}

// decode verifies a cookie value; tampered, malformed and expired values
// are refused.
func (s sessions) decode(value string) (session, bool) {
	p64, m64, ok := strings.Cut(value, ".")
	if !ok {
		return session{}, false
	}
	payload, err1 := base64.RawURLEncoding.DecodeString(p64)
	mac, err2 := base64.RawURLEncoding.DecodeString(m64)
	if err1 != nil || err2 != nil || !hmac.Equal(mac, s.mac(string(payload))) {
		return session{}, false
	}
	parts := strings.Split(string(payload), "|")
	if len(parts) != 4 || parts[0] != "v1" || parts[3] == "" {
		return session{}, false
	}
	exp, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil || !s.clock().Before(time.Unix(exp, 0)) {
		return session{}, false
	}
	return session{KeyID: parts[1], Expires: time.Unix(exp, 0), CSRF: parts[3]}, true
}

// secure reports whether the request reached us over TLS (directly or via
// a proxy that says so), so the cookie gets the Secure attribute.
func secure(r *http.Request) bool {
	return r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// write sets the session cookie on the response.
func (s sessions) write(w http.ResponseWriter, r *http.Request, v session) {
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookie, Value: s.encode(v), Path: "/", Expires: v.Expires,
		MaxAge: int(time.Until(v.Expires).Seconds()), HttpOnly: true, Secure: secure(r), SameSite: http.SameSiteStrictMode,
	})
}

// validToken compares a submitted CSRF token with the session's in
// constant time.
func validToken(v session, submitted string) bool {
	return v.CSRF != "" && subtle.ConstantTimeCompare([]byte(v.CSRF), []byte(submitted)) == 1
}
