package webui

import (
	"strings"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/report"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// scaleChangeView is one scale change on a site page: when the site moved
// to a newer scale version, which items the trend compares across it and
// which it leaves out, each with the reason, in the reader's language.
type scaleChangeView struct {
	At       time.Time
	SiteName string
	From, To string // short names (IPS-15, IPS-25)
	Compared []string
	LeftOut  []leftOutView
}

type leftOutView struct {
	Items  string // "O1 → O1, O2", "— → O3, O5"
	Reason string
}

// scaleChanges builds the views of tr's scale changes; maps give the
// Norwegian text of each map note.
func scaleChanges(tr report.TrendReport, maps []*scale.ItemMap, lang string) []scaleChangeView {
	reason := noteReason(maps, lang)
	var out []scaleChangeView
	for _, c := range tr.ScaleChanges {
		v := scaleChangeView{From: c.FromShort.In(lang), To: c.ToShort.In(lang)}
		for _, p := range tr.Points {
			if p.ReviewID != c.ReviewID || p.Change == nil {
				continue
			}
			v.At, v.SiteName = p.VisitEnd, p.SiteName
			for _, it := range p.Change.Items {
				s := it.ItemID
				if it.PreviousItem != "" && it.PreviousItem != it.ItemID {
					s = it.PreviousItem + " → " + it.ItemID
				}
				v.Compared = append(v.Compared, s)
			}
			for _, l := range p.Change.LeftOut {
				v.LeftOut = append(v.LeftOut, leftOutView{Items: idList(l.From) + " → " + idList(l.To), Reason: reason(l.Reason)})
			}
		}
		out = append(out, v)
	}
	return out
}

func idList(ids []string) string {
	if len(ids) == 0 {
		return "—"
	}
	return strings.Join(ids, ", ")
}

// noteReason gives a reason in lang: an item map's note in its own
// Norwegian text, any other reason through the service's translations.
func noteReason(maps []*scale.ItemMap, lang string) func(string) string {
	notes := map[string]string{}
	for _, m := range maps {
		for _, it := range m.Items {
			notes[it.Note.EN] = it.Note.NB
		}
	}
	return func(en string) string {
		if nb, ok := notes[en]; ok && lang == "nb" {
			return nb
		}
		return fidelity.Translate(lang, en)
	}
}
