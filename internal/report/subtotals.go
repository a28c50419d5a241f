package report

import (
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// ItemsScore is a set of item scores evaluated against one scale version:
// total, band and the section and grouping subtotals, derived the way the
// scoring package derives them for a scorecard.
type ItemsScore struct {
	// Total is nil when the missing-data policy allows no total; Reason
	// then says why.
	Total   *float64 `json:"total"`
	Band    string   `json:"band"`
	Reason  string   `json:"reason,omitempty"`
	Imputed bool     `json:"imputed,omitempty"`
	// Rated counts the scale's items that have a score; Items is the
	// number of items in the scale.
	Rated     int                      `json:"rated"`
	Items     int                      `json:"items"`
	Sections  []fidelity.Subtotal      `json:"sections"`
	Groupings []fidelity.GroupingScore `json:"groupings"`
}

// ScoreItems evaluates scores (item id → score) under sc. Only the scale's
// items count; scores of unknown ids are ignored. The total follows the
// scale: the sum (or mean) of the item scores when every item is scored;
// with missing items within the scale's tolerance, a mean scale averages
// the rated items and a sum scale with person-mean imputation scales the
// sum up (band looked up on the rounded value, halves up); otherwise there
// is no total. Subtotals: Sum over rated items, Max = level max × items,
// Percent = Sum ÷ (level max × rated) × 100, Mean = Sum ÷ rated (0 when
// nothing is rated).
func ScoreItems(sc *scale.Scale, scores map[string]int) ItemsScore {
	out := ItemsScore{Items: len(sc.Items)}
	out.Total, out.Band, out.Reason = totalOf(sc, scores)
	for _, it := range sc.Items {
		if _, ok := scores[it.ID]; ok {
			out.Rated++
		}
	}
	out.Imputed = out.Total != nil && out.Rated < out.Items && sc.Aggregation != scale.AggregateMean
	out.Sections = make([]fidelity.Subtotal, len(sc.Sections))
	for i, s := range sc.Sections {
		var t tally
		for _, it := range sc.Items {
			if it.Section == s.ID {
				t.add(scores, it.ID)
			}
		}
		out.Sections[i] = t.subtotal(sc, s.ID)
	}
	out.Groupings = make([]fidelity.GroupingScore, len(sc.Groupings))
	for i, g := range sc.Groupings {
		gs := fidelity.GroupingScore{ID: g.ID, Groups: make([]fidelity.Subtotal, len(g.Groups))}
		for j, grp := range g.Groups {
			var t tally
			for _, id := range grp.Items {
				t.add(scores, id)
			}
			gs.Groups[j] = t.subtotal(sc, grp.ID)
		}
		out.Groupings[i] = gs
	}
	return out
}

type tally struct{ sum, rated, items int }

func (t *tally) add(scores map[string]int, id string) {
	t.items++
	if v, ok := scores[id]; ok {
		t.sum += v
		t.rated++
	}
}

func (t tally) subtotal(sc *scale.Scale, id string) fidelity.Subtotal {
	st := fidelity.Subtotal{ID: id, Sum: t.sum, Max: sc.Levels.Max * t.items, Rated: t.rated, Items: t.items}
	if t.rated > 0 {
		if d := sc.Levels.Max * t.rated; d != 0 {
			st.Percent = 100 * float64(t.sum) / float64(d)
		}
		st.Mean = float64(t.sum) / float64(t.rated)
	}
	return st
}

// totalOf returns the total and band of scores under sc, or a reason why
// there is no total.
func totalOf(sc *scale.Scale, scores map[string]int) (*float64, string, string) {
	sum, rated := 0, 0
	for _, it := range sc.Items {
		if v, ok := scores[it.ID]; ok {
			sum += v
			rated++
		}
	}
	return totalFromSum(sc, sum, rated)
}

// totalFromSum applies the scale's aggregation and missing-data policy to
// the sum of the rated items' scores.
func totalFromSum(sc *scale.Scale, sum, rated int) (*float64, string, string) {
	n := len(sc.Items)
	missing := n - rated
	switch {
	case rated == 0:
		return nil, "", "no item has a score"
	case missing > sc.Missing.MaxMissing:
		return nil, "", fmtInt(missing) + " of " + fmtInt(n) + " items have no score; the scale allows " +
			fmtInt(sc.Missing.MaxMissing) + " without a score for a total"
	}
	var t, at float64
	switch {
	case sc.Aggregation == scale.AggregateMean:
		t = float64(sum) / float64(rated)
		at = t
	case missing > 0 && sc.Missing.Impute == "person_mean":
		t = float64(sum*n) / float64(rated)
		at = float64((2*sum*n + rated) / (2 * rated)) // rounded, halves up
	default:
		t = float64(sum)
		at = t
	}
	return &t, BandOf(sc, at), ""
}

// BandOf returns the id of the first band of sc containing x, "" if none.
func BandOf(sc *scale.Scale, x float64) string {
	for _, b := range sc.Bands {
		if b.Contains(x) {
			return b.ID
		}
	}
	return ""
}

// bandRank maps band id → rank from the lowest band (0) upwards.
func bandRank(sc *scale.Scale) map[string]int {
	rank := make(map[string]int, len(sc.Bands))
	for i, b := range sc.Bands {
		r := 0
		for j, o := range sc.Bands {
			if j != i && (o.Lower() < b.Lower() || (o.Lower() == b.Lower() && j < i)) {
				r++
			}
		}
		rank[b.ID] = r
	}
	return rank
}
