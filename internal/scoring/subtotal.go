package scoring

import (
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// tally accumulates the scores of a set of items.
type tally struct {
	sum, rated, items int
}

func (t *tally) add(sc fidelity.ItemScore) {
	t.items++
	if sc.Score != nil {
		t.sum += *sc.Score
		t.rated++
	}
}

// subtotal turns a tally into a Subtotal. Percent and Mean count rated items
// only; Max counts every item.
func (t tally) subtotal(s *scale.Scale, id string) fidelity.Subtotal {
	st := fidelity.Subtotal{ID: id, Sum: t.sum, Max: s.Levels.Max * t.items, Rated: t.rated, Items: t.items}
	if t.rated > 0 {
		if d := s.Levels.Max * t.rated; d != 0 {
			st.Percent = 100 * float64(t.sum) / float64(d)
		}
		st.Mean = float64(t.sum) / float64(t.rated)
	}
	return st
}

// sectionSubtotals returns one subtotal per section, in scale order. items
// is in scale order.
func sectionSubtotals(s *scale.Scale, items []fidelity.ItemScore) []fidelity.Subtotal {
	out := make([]fidelity.Subtotal, 0, len(s.Sections))
	for _, sec := range s.Sections {
		var t tally
		for k := range s.Items {
			if s.Items[k].Section == sec.ID {
				t.add(items[k])
			}
		}
		out = append(out, t.subtotal(s, sec.ID))
	}
	return out
}

// groupingScores returns the subtotals of every group of every extra
// grouping, groupings and groups in scale order.
func groupingScores(s *scale.Scale, items []fidelity.ItemScore) []fidelity.GroupingScore {
	if len(s.Groupings) == 0 {
		return nil
	}
	out := make([]fidelity.GroupingScore, 0, len(s.Groupings))
	for _, g := range s.Groupings {
		gs := fidelity.GroupingScore{ID: g.ID, Groups: make([]fidelity.Subtotal, 0, len(g.Groups))}
		for _, grp := range g.Groups {
			var t tally
			for _, id := range grp.Items {
				if k := itemIndex(s, id); k >= 0 {
					t.add(items[k])
				}
			}
			gs.Groups = append(gs.Groups, t.subtotal(s, grp.ID))
		}
		out = append(out, gs)
	}
	return out
}

// itemIndex returns the position of the item in the scale, or -1.
func itemIndex(s *scale.Scale, id string) int {
	for k := range s.Items {
		if s.Items[k].ID == id {
			return k
		}
	}
	return -1
}
