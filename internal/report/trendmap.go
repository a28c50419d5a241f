package report

import (
	"slices"

	"github.com/ipsfidelity/fidelity/internal/scale"
)

// ScaleChange marks where a site's reviews move from one scale version to
// another that supersedes it through an item map: the first review under
// the new version. The trend chart draws it as a vertical marker.
type ScaleChange struct {
	SiteID   string `json:"site_id"`
	ReviewID string `json:"review_id"` // the first review under To
	// At is that review's visit end.
	At   string `json:"at"`
	From string `json:"from"` // id@version before
	To   string `json:"to"`   // id@version from here on
	// FromShort and ToShort are the scales' short names (IPS-15, IPS-25)
	// for chart labels.
	FromShort scale.Text `json:"from_short"`
	ToShort   scale.Text `json:"to_short"`
}

// shortName is the scale's short name, or its id in both languages.
func shortName(s *scale.Scale) scale.Text {
	if s.Short.EN != "" {
		return s.Short
	}
	return scale.Text{EN: s.ID, NB: s.ID}
}

// MapView is an item map as the trend shows it: which items of the older
// version are compared with which of the newer, and why the others are
// left out.
type MapView struct {
	From  string        `json:"from"` // id@version of the older scale
	To    string        `json:"to"`
	Note  string        `json:"note"`
	Items []MapItemView `json:"items"`
}

// MapItemView is one line of an item map.
type MapItemView struct {
	Relation string   `json:"relation"`
	From     []string `json:"from"`
	To       []string `json:"to"`
	// Scores is "equal", "rescore" or "not_comparable" for one-to-one
	// items, "" otherwise.
	Scores string `json:"scores,omitempty"`
	// Compared is true when the trend compares the items (equal scores,
	// or re-scored inputs).
	Compared bool   `json:"compared"`
	Note     string `json:"note"`
}

// LeftOutItem is an item of one of two compared reviews that the
// comparison leaves out, with the reason.
type LeftOutItem struct {
	// From and To are the item ids in the previous and the current
	// review's scale (either may be empty).
	From   []string `json:"from"`
	To     []string `json:"to"`
	Reason string   `json:"reason"`
}

// NewMapView renders m for reports.
func NewMapView(m *scale.ItemMap) MapView {
	v := MapView{From: m.Supersedes.String(), To: m.Scale.String(), Note: m.Note.EN, Items: make([]MapItemView, len(m.Items))}
	for i, it := range m.Items {
		v.Items[i] = MapItemView{Relation: string(it.Relation), From: orEmpty(it.From), To: orEmpty(it.To),
			Scores: string(it.Scores), Compared: it.Comparable(), Note: it.Note.EN}
	}
	return v
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// mapFor returns the map that leads from the older scale a to the newer
// scale b, or nil.
func mapFor(maps []*scale.ItemMap, a, b *scale.Scale) *scale.ItemMap {
	for _, m := range maps {
		if m.Supersedes.ID == a.ID && m.Supersedes.Version == a.Version && m.Scale.ID == b.ID && m.Scale.Version == b.Version {
			return m
		}
	}
	return nil
}

// ReasonNotRescored is why a re-score item is left out of a comparison
// when the older review has no re-scored scorecard.
const ReasonNotRescored = "the previous review's inputs have not been re-scored under the newer version (fidelity rescore)"

// compareMapped fills c by the item map m between the previous review's
// scale and the current one's: only items the map declares comparable are
// compared, equal ones by their stored scores and re-score ones by the
// previous review's re-scored scorecard (rescored: item id of the newer
// scale → score); every other item is listed in LeftOut with the reason.
func compareMapped(c *ReviewChange, m *scale.ItemMap, prev, cur *TrendPoint, rescored map[string]int) {
	prevScores := scoresOf(prev.Items)
	curScores := scoresOf(cur.Items)
	c.LeftOut = []LeftOutItem{}
	for _, it := range m.Items {
		leave := func(reason string) {
			c.LeftOut = append(c.LeftOut, LeftOutItem{From: orEmpty(it.From), To: orEmpty(it.To), Reason: reason})
			c.Excluded = append(c.Excluded, it.To...)
			c.Excluded = append(c.Excluded, it.From...)
		}
		if !it.Comparable() {
			leave(it.Note.EN)
			continue
		}
		from, to := it.From[0], it.To[0]
		var ps *int
		switch it.Scores {
		case scale.CarryEqual:
			ps = prevScores[from]
		case scale.CarryRescore:
			v, ok := rescored[to]
			if !ok {
				leave(ReasonNotRescored)
				continue
			}
			ps = &v
		}
		cs := curScores[to]
		if ps == nil || cs == nil {
			c.Unscored = append(c.Unscored, to)
			continue
		}
		ch := itemChange(to, *ps, *cs)
		ch.PreviousItem = from
		ch.Rescored = it.Scores == scale.CarryRescore
		c.add(ch)
	}
	slices.Sort(c.Excluded)
	c.Excluded = slices.Compact(c.Excluded)
}

func scoresOf(items []ItemPoint) map[string]*int {
	out := make(map[string]*int, len(items))
	for _, it := range items {
		out[it.ItemID] = it.Score
	}
	return out
}
