package webui

import (
	"github.com/ipsfidelity/fidelity/internal/report"
	"github.com/ipsfidelity/fidelity/internal/report/stats"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// agreementItemRow is one item's line: its number and title in the page
// language, and the item's statistics.
type agreementItemRow struct {
	ID, Title string
	report.ItemAgreement
}

// agreementStatRow is one line of a statistic table: a translated label,
// the statistic and whether it is a difference (shown with its sign).
type agreementStatRow struct {
	Label  string
	Signed bool
	stats.Result
}

// agreementViews holds the parts of the agreement page built from the
// report: item titles, the pooled statistics, ICC forms with their
// translated names, rater pairs and each rater against the consensus.
type agreementViews struct {
	ItemRows    []agreementItemRow
	Pooled      []agreementStatRow
	ItemKappas  []report.ItemSummary
	ICC         []agreementStatRow
	LeftOut     []leftOutRow
	RaterPairs  []report.RaterPair
	VsConsensus []report.RaterVsConsensus
}

// leftOutRow is a review the ICC leaves out, with its site's name.
type leftOutRow struct {
	SiteName string
	report.LeftOutReview
}

// agreementViewsOf builds the views of rep in lang, naming sites with n.
func agreementViewsOf(rep report.AgreementReport, sc *scale.Scale, lang string, n *names) agreementViews {
	v := agreementViews{RaterPairs: rep.Pairs, ItemKappas: rep.Pooled.ItemKappas, VsConsensus: rep.Totals.VsConsensus}
	titles := map[string]string{}
	if sc != nil {
		for _, it := range sc.Items {
			titles[it.ID] = it.Title.In(lang)
		}
	}
	for _, it := range rep.Items {
		v.ItemRows = append(v.ItemRows, agreementItemRow{ID: it.ItemID, Title: titles[it.ItemID], ItemAgreement: it})
	}
	p := rep.Pooled
	v.Pooled = []agreementStatRow{
		{"agreement.exact", false, p.Exact}, {"agreement.within_one", false, p.WithinOne},
		{"agreement.light", false, p.LightKappa}, {"agreement.light_linear", false, p.LightKappaLinear},
		{"agreement.light_quadratic", false, p.LightKappaQuadratic}, {"agreement.fleiss", false, p.FleissKappa},
		{"agreement.ac1", false, p.AC1}, {"agreement.alpha", false, p.AlphaOrdinal},
	}
	for f, r := range rep.Totals.ICC {
		v.ICC = append(v.ICC, agreementStatRow{Label: iccKeys[f], Result: r})
	}
	for _, lo := range rep.Totals.LeftOut {
		v.LeftOut = append(v.LeftOut, leftOutRow{SiteName: n.Site(lo.SiteID), LeftOutReview: lo})
	}
	return v
}

// iccKeys are the catalog keys of the six ICC forms, in report order.
var iccKeys = []string{"agreement.icc11", "agreement.icc21", "agreement.icc31", "agreement.icc1k", "agreement.icc2k", "agreement.icc3k"}
