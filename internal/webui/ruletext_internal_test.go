package webui

import (
	"testing"
	"time"
)

// A Norwegian page shows no English scoring explanation, no raw site kind
// and dates in the Norwegian form.
func TestNorwegianPagesShowNorwegian(t *testing.T) {
	for en, nb := range map[string]string{
		"20 < x ≤ 25 → 4 (printed: 21–25)":                   "20 < x ≤ 25 → 4 (på skjemaet: 21–25)",
		"x = 0 → judged 1 or 2, rated 2 (printed: 0 phases)": "x = 0 → skjønn: 1 eller 2, satt til 2 (på skjemaet: 0 phases)",
		"mean of 3 specialists 4.33 → 4":                     "gjennomsnitt av 3 jobbspesialister 4,33 → 4",
		"must be greater than 0":                             "må være større enn 0",
	} {
		if got := ruleText("nb", en); got != nb {
			t.Errorf("%q in nb: %q, want %q", en, got, nb)
		}
		if got := ruleText("en", en); got != en {
			t.Errorf("%q changed in English: %q", en, got)
		}
	}
	day := time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)
	if got := loc("nb").Date(day); got != "31.01.2026" {
		t.Errorf("nb date: %q", got)
	}
	if got := loc("en").Date(&day); got != "2026-01-31" {
		t.Errorf("en date: %q", got)
	}
	if got := loc("nb").SiteKind("office"); got != "kontor" {
		t.Errorf("site kind office in nb: %q", got)
	}
	if got := loc("nb").SiteKind("district"); got != "district" {
		t.Errorf("a kind without a translation shows as it is: %q", got)
	}
}
