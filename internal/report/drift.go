package report

import (
	"sort"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// RaterDrift is one rater's deviation from the consensus, overall and per
// period of VisitEnd.
type RaterDrift struct {
	RaterID string      `json:"rater_id"`
	Overall DriftCell   `json:"overall"`
	Periods []DriftCell `json:"periods"`
}

// DriftCell is a rater's deviation from consensus over a set of reviews.
type DriftCell struct {
	// Period is the bucket name ("2024-H1"), "all" for the overall cell.
	Period string `json:"period"`
	// Reviews and Items count the reviews and item scores compared.
	Reviews int `json:"reviews"`
	Items   int `json:"items"`
	// MeanSigned is the mean of rater − consensus over the items (positive:
	// the rater scores higher than the consensus); MeanAbs the mean of
	// |rater − consensus|.
	MeanSigned *float64 `json:"mean_signed"`
	MeanAbs    *float64 `json:"mean_abs"`
}

type driftAcc struct {
	reviews, items, signed, abs int
}

func (d driftAcc) cell(period string) DriftCell {
	c := DriftCell{Period: period, Reviews: d.reviews, Items: d.items}
	if d.items > 0 {
		c.MeanSigned = ptr(float64(d.signed) / float64(d.items))
		c.MeanAbs = ptr(float64(d.abs) / float64(d.items))
	}
	return c
}

// Drift returns each rater's deviation from the consensus on sc's items,
// per period bucket of VisitEnd (bucketKind: BucketHalfYear, BucketQuarter,
// BucketYear, BucketMonth; anything else is half-years). Every review under
// sc.ID with consensus scores counts, whatever its status and number of
// raters. Raters are sorted by id, periods chronologically; only periods
// with compared items appear.
func Drift(sc *scale.Scale, reviews []fidelity.ReviewScores, bucketKind string) []RaterDrift {
	if sc == nil {
		return []RaterDrift{}
	}
	sel := make([]*fidelity.ReviewScores, 0, len(reviews))
	for i := range reviews {
		if reviews[i].ScaleID == sc.ID {
			sel = append(sel, &reviews[i])
		}
	}
	return drift(layout(sc, sel), bucketKind)
}

func drift(reviews []scoredReview, bucketKind string) []RaterDrift {
	type key struct{ rater, period string }
	cells := map[key]*driftAcc{}
	overall := map[string]*driftAcc{}
	for _, m := range reviews {
		if len(m.raters) == 0 {
			continue
		}
		period := bucket(m.r.VisitEnd, bucketKind)
		for j, id := range m.raters {
			var d driftAcc
			for i, c := range m.cons {
				v := m.scores[j][i]
				if v == noScore || c == noScore {
					continue
				}
				d.items++
				d.signed += int(v - c)
				d.abs += abs(int(v - c))
			}
			if d.items == 0 {
				continue
			}
			d.reviews = 1
			for _, acc := range []*driftAcc{cellFor(cells, key{id, period}), cellFor(overall, id)} {
				acc.reviews += d.reviews
				acc.items += d.items
				acc.signed += d.signed
				acc.abs += d.abs
			}
		}
	}
	out := make([]RaterDrift, 0, len(overall))
	for id, acc := range overall {
		out = append(out, RaterDrift{RaterID: id, Overall: acc.cell("all"), Periods: []DriftCell{}})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].RaterID < out[j].RaterID })
	pos := make(map[string]int, len(out))
	for i, d := range out {
		pos[d.RaterID] = i
	}
	for k, acc := range cells {
		i := pos[k.rater]
		out[i].Periods = append(out[i].Periods, acc.cell(k.period))
	}
	for i := range out {
		p := out[i].Periods
		sort.Slice(p, func(a, b int) bool { return p[a].Period < p[b].Period })
	}
	return out
}

func cellFor[K comparable](m map[K]*driftAcc, k K) *driftAcc {
	if acc, ok := m[k]; ok {
		return acc
	}
	acc := &driftAcc{}
	m[k] = acc
	return acc
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// DriftTable renders one row per rater and period, the overall row
// ("all") first for each rater.
func (a AgreementReport) DriftTable() ([]string, [][]string) {
	header := []string{"rater_id", "period", "reviews", "items", "mean_signed", "mean_abs"}
	rows := [][]string{}
	for _, d := range a.Drift {
		for _, c := range append([]DriftCell{d.Overall}, d.Periods...) {
			rows = append(rows, []string{d.RaterID, c.Period, fmtInt(c.Reviews), fmtInt(c.Items),
				fmtFloatPtr(c.MeanSigned), fmtFloatPtr(c.MeanAbs)})
		}
	}
	return header, rows
}
