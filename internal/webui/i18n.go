package webui

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// LangCookie remembers the chosen language.
const LangCookie = "fidelity_lang"

// language picks the page language: ?lang= (remembered in a cookie), the
// cookie, then the browser's Accept-Language; English otherwise.
func language(c *gin.Context) string {
	if l := c.Query("lang"); l == "nb" || l == "en" {
		http.SetCookie(c.Writer, &http.Cookie{
			Name: LangCookie, Value: l, Path: "/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, Secure: secure(c.Request), SameSite: http.SameSiteLaxMode,
		})
		return l
	}
	if l := cookieValue(c.Request, LangCookie); l == "nb" || l == "en" {
		return l
	}
	for _, part := range strings.Split(c.GetHeader("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		switch {
		case tag == "nb" || tag == "no" || tag == "nn" || strings.HasPrefix(tag, "nb-") || strings.HasPrefix(tag, "no-") || strings.HasPrefix(tag, "nn-"):
			return "nb"
		case tag == "en" || strings.HasPrefix(tag, "en-"):
			return "en"
		}
	}
	return "en"
}

// tr looks a message up in the catalog; arguments fill its %-verbs. A
// missing key shows itself, which the catalog test prevents.
func tr(lang, key string, args ...any) string {
	m, ok := catalog[key]
	if !ok {
		return key
	}
	s := m[0]
	if lang == "nb" {
		s = m[1]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// loc is the language of a page, with the formatting helpers templates use.
type loc string

// T translates a catalog key.
func (l loc) T(key string, args ...any) string { return tr(string(l), key, args...) }

// Text picks a bilingual text.
func (l loc) Text(t fidelity.Text) string { return t.In(string(l)) }

// Date formats a date in the page's locale: 31.01.2026 in Norwegian (the
// form Norwegian readers and Språkrådet use), ISO 2026-01-31 in English,
// where day-month order differs between readers.
func (l loc) Date(t any) string {
	layout := time.DateOnly
	if l == "nb" {
		layout = "02.01.2006"
	}
	switch v := t.(type) {
	case time.Time:
		if v.IsZero() {
			return ""
		}
		return v.Format(layout)
	case *time.Time:
		if v == nil || v.IsZero() {
			return ""
		}
		return v.Format(layout)
	}
	return ""
}

// Num formats a number with at most two decimals, with a decimal comma in
// Norwegian.
func (l loc) Num(v any) string {
	var f float64
	switch x := v.(type) {
	case float64:
		f = x
	case *float64:
		if x == nil {
			return "–"
		}
		f = *x
	case int:
		f = float64(x)
	case *int:
		if x == nil {
			return "–"
		}
		f = float64(*x)
	default:
		return ""
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "–"
	}
	s := strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
	if l == "nb" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// Status names a review status.
func (l loc) Status(s fidelity.ReviewStatus) string { return l.T("status." + string(s)) }

// Type names a review type.
func (l loc) Type(t fidelity.ReviewType) string { return l.T("type." + string(t)) }

// Role names a role.
func (l loc) Role(r fidelity.Role) string { return l.T("role." + string(r)) }
