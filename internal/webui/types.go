package webui

import (
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// allReviewTypes is the order the type filter offers them in.
var allReviewTypes = []fidelity.ReviewType{fidelity.ReviewExternal, fidelity.ReviewRemote, fidelity.ReviewSelf}

// chosenTypes reads the review types ticked in a filter form (`types`,
// repeated or comma-separated). Unknown values are ignored: the form only
// offers the three types, so anything else is a hand-made URL.
func chosenTypes(c *gin.Context) []fidelity.ReviewType {
	var out []fidelity.ReviewType
	for _, v := range c.QueryArray("types") {
		for _, t := range strings.Split(v, ",") {
			if rt := fidelity.ReviewType(strings.TrimSpace(t)); rt.Valid() && !slices.Contains(out, rt) {
				out = append(out, rt)
			}
		}
	}
	return out
}

// typeChoices are the filter's checkboxes with the types in use ticked.
func typeChoices(lang string, used []fidelity.ReviewType) []choiceView {
	out := make([]choiceView, len(allReviewTypes))
	for i, t := range allReviewTypes {
		out[i] = choiceView{Value: string(t), Label: tr(lang, "type."+string(t)), Checked: slices.Contains(used, t)}
	}
	return out
}

// Types names review types in the page's language, in filter order:
// "External review, Remote review".
func (l loc) Types(types []fidelity.ReviewType) string {
	var names []string
	for _, t := range allReviewTypes {
		if slices.Contains(types, t) {
			names = append(names, l.Type(t))
		}
	}
	return strings.Join(names, ", ")
}

// typeMessages are the texts of the review-type filter and the due states.
// They live beside the code that uses them and join the catalog at start.
var typeMessages = map[string][2]string{
	"filter.types":       {"Review types", "Evalueringstyper"},
	"filter.types_hint":  {"A self-assessment is not a fidelity review, so by default only external and remote reviews count.", "En egenvurdering er ikke en kvalitetsevaluering, så som standard teller bare eksterne og digitale evalueringer."},
	"filter.types_used":  {"Reviews counted: %s.", "Evalueringer som teller: %s."},
	"due.grouping":       {"groups the sites below it; no review of its own", "samler enhetene under seg; evalueres ikke selv"},
	"due.no_review":      {"no finalised review yet", "ingen ferdigstilt evaluering ennå"},
	"due.review_planned": {"review planned", "evaluering planlagt"},
	"due.plan_lapsed":    {"planned visit has passed without a start", "planlagt besøk er passert uten at evalueringen er startet"},
	"due.days_overdue":   {"%d days overdue", "%d dager på overtid"},
	"home.overdue_hint":  {"Most overdue first. Sites with a review planned are not listed as overdue.", "Mest forsinket først. Enheter med en planlagt evaluering regnes ikke som forsinket."},
	"home.plan_lapsed":   {"Planned reviews whose visit has passed", "Planlagte evalueringer der besøket er passert"},
	"site.planned":       {"Planned review", "Planlagt evaluering"},
	"home.more_overdue":  {"%d more overdue sites", "%d flere enheter på overtid"},
}

func init() {
	for k, v := range typeMessages {
		catalog[k] = v
	}
}
