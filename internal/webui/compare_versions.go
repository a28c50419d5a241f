package webui

import (
	"github.com/ipsfidelity/fidelity/internal/report"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// otherVersionView is a site on the comparison page whose latest review is
// under an older scale version: shown apart from the league, with its own
// scale named, the items compared through the map beside the league's
// mean, and the items left out with the reason, in the reader's language.
type otherVersionView struct {
	report.OtherVersionRow
	ScaleName string       // the older scale's short name and version, e.g. "IPS-15 (1996)"
	Scale     *scale.Scale // for the band label; nil when the scale is unknown
	Compared  []comparedView
	LeftOut   []leftOutView
}

type comparedView struct {
	Items      string // "O3 → O6"
	Score      int
	LeagueMean *float64
	Rescored   bool
}

// otherVersions builds the views of rep's sites on older scale versions.
func otherVersions(rep report.ComparisonReport, cat *scale.Catalog, lang string) []otherVersionView {
	reason := noteReason(cat.Maps(), lang)
	out := make([]otherVersionView, 0, len(rep.OtherVersions))
	for _, r := range rep.OtherVersions {
		v := otherVersionView{OtherVersionRow: r, ScaleName: r.ScaleVersion}
		if sc, err := cat.Resolve(r.ScaleVersion); err == nil {
			v.Scale, v.ScaleName = sc, shortOf(sc, lang)+" ("+sc.Version+")"
		}
		for _, it := range r.Items {
			s := it.ItemID
			if it.PreviousItem != it.ItemID {
				s = it.PreviousItem + " → " + it.ItemID
			}
			v.Compared = append(v.Compared, comparedView{Items: s, Score: it.Score, LeagueMean: it.LeagueMean, Rescored: it.Rescored})
		}
		for _, l := range r.LeftOut {
			v.LeftOut = append(v.LeftOut, leftOutView{Items: idList(l.From) + " → " + idList(l.To), Reason: reason(l.Reason)})
		}
		out = append(out, v)
	}
	return out
}

// shortOf is the scale's short name in lang, or its id.
func shortOf(sc *scale.Scale, lang string) string {
	if s := sc.Short.In(lang); s != "" {
		return s
	}
	return sc.ID
}
