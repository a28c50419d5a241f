package webui

import (
	"context"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
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

// DaysOverdue says how many days a review is overdue, "1 day" or "n days".
func (l loc) DaysOverdue(n int) string {
	if n == 1 {
		return l.T("due.one_day_overdue")
	}
	return l.T("due.days_overdue", n)
}

// typeMessages are the texts of the review-type filter and the due states.
// They live beside the code that uses them and join the catalog at start.
var typeMessages = map[string][2]string{
	"filter.types":        {"Review types", "Evalueringstyper"},
	"filter.types_hint":   {"A self-assessment is not a fidelity review, so by default only external and remote reviews count.", "En egenvurdering er ikke en kvalitetsevaluering, så som standard teller bare eksterne og digitale evalueringer."},
	"filter.types_used":   {"Reviews counted: %s.", "Evalueringer som teller: %s."},
	"due.grouping":        {"groups the sites below it; no review of its own", "samler enhetene under seg; evalueres ikke selv"},
	"due.no_review":       {"no finalised review yet", "ingen ferdigstilt evaluering ennå"},
	"due.review_planned":  {"review planned", "evaluering planlagt"},
	"due.plan_lapsed":     {"planned visit has passed without a start", "planlagt besøk er passert uten at evalueringen er startet"},
	"due.days_overdue":    {"%d days overdue", "%d dager på overtid"},
	"due.one_day_overdue": {"1 day overdue", "1 dag på overtid"},
	"home.overdue_hint":   {"Most overdue first. Sites with a review planned are not listed as overdue.", "Mest forsinket først. Enheter med en planlagt evaluering regnes ikke som forsinket."},
	"home.plan_lapsed":    {"Planned reviews whose visit has passed", "Planlagte evalueringer der besøket er passert"},
	"site.planned":        {"Planned review", "Planlagt evaluering"},
	"compare.level":       {"Compare", "Sammenlign"},
	"compare.level_units": {"each unit of review (team)", "hver enhet som evalueres (team)"},
	"compare.level_each":  {"each %s (mean of the reviewed sites below it)", "hvert %s (gjennomsnitt av de evaluerte enhetene under)"},
	"compare.level_note":  {"Each row is the mean of the latest totals of the reviewed sites at or below it; the number of sites is in brackets.", "Hver rad er gjennomsnittet av de siste totalskårene til de evaluerte enhetene på eller under den; antall enheter står i parentes."},
	"level.kind.region":   {"region", "fylke"},
	"level.kind.office":   {"office", "Nav-kontor"},
	"home.more_overdue":   {"%d more overdue sites", "%d flere enheter på overtid"},
}

func init() {
	for k, v := range typeMessages {
		catalog[k] = v
	}
}

// levelChoices offers the comparison of the units of review (the default)
// or of each site of a kind that has sites below it, with chosen ticked
// when it is one of them.
func (u *ui) levelChoices(ctx context.Context, lang, chosen string) ([]choiceView, error) {
	sites, _, err := u.allSites(ctx, service.SiteFilter{})
	if err != nil {
		return nil, err
	}
	parents := map[string]bool{}
	for _, s := range sites {
		parents[s.ParentID] = true
	}
	out := []choiceView{{Value: "", Label: tr(lang, "compare.level_units")}}
	seen := map[string]bool{}
	for _, s := range sites {
		if parents[s.ID] && !seen[s.Kind] {
			seen[s.Kind] = true
			out = append(out, choiceView{Value: s.Kind, Label: tr(lang, "compare.level_each", kindName(lang, s.Kind))})
		}
	}
	slices.SortStableFunc(out[1:], func(a, b choiceView) int { return strings.Compare(a.Label, b.Label) })
	checked := false
	for i := range out {
		out[i].Checked = out[i].Value == chosen && chosen != ""
		checked = checked || out[i].Checked
	}
	out[0].Checked = !checked
	return out, nil
}

// kindName names a site kind: the known kinds translated, others as
// written (kinds are free text).
func kindName(lang, kind string) string {
	if _, ok := catalog["level.kind."+kind]; ok {
		return tr(lang, "level.kind."+kind)
	}
	return kind
}
