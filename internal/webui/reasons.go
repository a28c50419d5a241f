package webui

import "strings"

// reasonsNB translates the plain-words reasons the statistics give for an
// undefined value, so a Norwegian page shows no English. The keys are the
// reasons as internal/report/stats and internal/report word them.
var reasonsNB = map[string]string{
	"no ratings":                                        "ingen skårer",
	"only one rater":                                    "bare én evaluator",
	"all ratings are equal (no variance)":               "alle skårene er like (ingen variasjon)",
	"all values are equal (SD = 0)":                     "alle verdiene er like (SD = 0)",
	"chance agreement is 1":                             "forventet tilfeldig samsvar er 1",
	"expected chance agreement is 1 with these weights": "forventet tilfeldig samsvar er 1 med disse vektene",
	"fewer than 2 pairs":                                "færre enn 2 par",
	"fewer than 3 complete pairs":                       "færre enn 3 komplette par",
	"fewer than 2 units":                                "færre enn 2 enheter",
	"fewer than 2 units rated by at least 2 raters":     "færre enn 2 enheter skåret av minst 2 evaluatorer",
	"fewer than 2 units with at least 2 values":         "færre enn 2 enheter med minst 2 verdier",
	"fewer than 2 units with ratings from all raters":   "færre enn 2 evalueringer med skår fra alle evaluatorene",
	"fewer than 2 values":                               "færre enn 2 verdier",
	"no values":                                         "ingen verdier",
	"no complete pairs":                                 "ingen komplette par",
	"no unit has two ratings":                           "ingen enhet har to skårer",
	"no variance between targets":                       "ingen variasjon mellom evalueringene",
	"no target has ratings from all raters":             "ingen evaluering har skår fra alle evaluatorene",
	"no review has two complete rater scorecards":       "ingen evaluering har to komplette evaluatorskjemaer",
	"fewer than two raters scored every item":           "færre enn to evaluatorer skåret alle indikatorene",
	"one of the variables has no variance":              "en av variablene har ingen variasjon",
	"the computation did not give a finite number":      "beregningen ga ikke et endelig tall",
	"no rater pair has a defined kappa (each pair needs at least 2 shared units with some variation)": "ingen evaluatorpar har en definert kappa (hvert par trenger minst 2 felles enheter med noe variasjon)",
}

// reason gives an undefined statistic's reason in the page language; a
// reason without a Norwegian wording (a rating outside the scale, say) is
// summarised rather than shown in English.
func (l loc) reason(r string) string {
	if l != "nb" {
		return r
	}
	if t, ok := reasonsNB[r]; ok {
		return t
	}
	if strings.HasPrefix(r, "rating ") {
		return "en skår ligger utenfor skalaen"
	}
	return "ikke definert for disse dataene"
}
