package webui

import (
	"regexp"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// The scoring engine explains each computed score in English
// ("20 < x ≤ 25 → 4 (printed: 21–25)", "mean of 3 specialists 4.33 → 4").
// These explanations are built from a small, fixed vocabulary, so a
// Norwegian page translates them phrase by phrase; numbers get a decimal
// comma. Whole messages with a catalog entry go through fidelity.Translate.

// rulePhrasesNB is ordered: longer phrases before the shorter ones they
// contain.
var rulePhrasesNB = strings.NewReplacer(
	"(nearest level; a mean exactly halfway between two levels rounds up)", "(nærmeste nivå; et gjennomsnitt midt mellom to nivåer rundes opp)",
	"the elements present (an empty list means none)", "elementene som er på plass (en tom liste betyr ingen)",
	"one entry per employment specialist", "én rad per jobbspesialist",
	" the rule leaves the choice to the rater", " overlater regelen valget til evaluatoren",
	"still needed: ", "mangler: ",
	"invalid input: ", "ugyldige inndata: ",
	"per specialist: ", "per jobbspesialist: ",
	"mean of ", "gjennomsnitt av ",
	" specialists ", " jobbspesialister ",
	" specialist ", " jobbspesialist ",
	"specialist ", "jobbspesialist ",
	"; mean ", "; gjennomsnittet ",
	" rounds to ", " rundes til ",
	"a score of ", "en skår på ",
	": a score", ": en skår",
	"(printed: ", "(på skjemaet: ",
	"judged ", "skjønn: ",
	", rated ", ", satt til ",
	"; cap: ", "; tak: ",
	" → at most ", " → høyst ",
	" or ", " eller ",
)

var decimalPoint = regexp.MustCompile(`(\d)\.(\d)`)

// ruleText returns a scoring explanation in lang.
func ruleText(lang, s string) string {
	if lang != "nb" || s == "" {
		return s
	}
	if t := fidelity.Translate(lang, s); t != s {
		return t
	}
	return decimalPoint.ReplaceAllString(rulePhrasesNB.Replace(s), "$1,$2")
}

// SiteKind names a site kind; kinds are free text, the usual ones are
// translated.
func (l loc) SiteKind(kind string) string {
	if _, ok := catalog["kind."+kind]; ok {
		return l.T("kind." + kind)
	}
	return kind
}
