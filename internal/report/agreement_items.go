package report

import (
	"math"
	"sort"

	"github.com/ipsfidelity/fidelity/internal/report/stats"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// ItemAgreement is the agreement on one item across reviews.
type ItemAgreement struct {
	ItemID  string `json:"item"`
	Section string `json:"section"`
	// Reviews counts reviews in which at least two raters scored the item;
	// Pairs the rater pairs among them (all pairs within each review).
	Reviews int `json:"reviews"`
	Pairs   int `json:"pairs"`
	// Exact and WithinOne are proportions (0–1) of rater pairs, pooled
	// over reviews, all pairs of raters.
	Exact     stats.Result `json:"exact"`
	WithinOne stats.Result `json:"within_one"`
	// FleissKappa is Fleiss' (1971) kappa over all raters of each review.
	FleissKappa stats.Result `json:"fleiss_kappa"`
	// LightKappa* are Light's (1971) kappa: the mean of the named rater
	// pairs' Cohen's kappas, unweighted, linear and quadratic weights on the
	// scale's levels. With two fixed raters they are Cohen's kappa.
	LightKappa          stats.Result `json:"light_kappa"`
	LightKappaLinear    stats.Result `json:"light_kappa_linear"`
	LightKappaQuadratic stats.Result `json:"light_kappa_quadratic"`
	// AC1 is Gwet's AC1, AC2Linear and AC2Quadratic Gwet's AC2 with linear
	// and quadratic weights, over all raters of each review.
	AC1          stats.Result `json:"ac1"`
	AC2Linear    stats.Result `json:"ac2_linear"`
	AC2Quadratic stats.Result `json:"ac2_quadratic"`
	// AlphaOrdinal and AlphaInterval are Krippendorff's alpha over all raters.
	AlphaOrdinal  stats.Result `json:"alpha_ordinal"`
	AlphaInterval stats.Result `json:"alpha_interval"`
	// PairKappas is each named rater pair's unweighted Cohen's kappa on the
	// item, over the reviews both scored.
	PairKappas []PairKappa `json:"pair_kappas"`
}

// PairKappa is one named pair of raters' kappa; RaterA's name sorts first.
type PairKappa struct {
	RaterA string       `json:"rater_a"`
	RaterB string       `json:"rater_b"`
	Kappa  stats.Result `json:"kappa"`
}

// PooledAgreement treats every rating of every item of every review as one
// unit (review × item), as papers report agreement "over all item ratings".
type PooledAgreement struct {
	// Units counts review × item units scored by at least two raters.
	Units     int          `json:"units"`
	Exact     stats.Result `json:"exact"`
	WithinOne stats.Result `json:"within_one"`
	// FleissKappa and AC1 over all units.
	FleissKappa stats.Result `json:"fleiss_kappa"`
	AC1         stats.Result `json:"ac1"`
	// LightKappa*: each named pair's Cohen's kappa over all the item ratings
	// both gave, averaged over the pairs.
	LightKappa          stats.Result `json:"light_kappa"`
	LightKappaLinear    stats.Result `json:"light_kappa_linear"`
	LightKappaQuadratic stats.Result `json:"light_kappa_quadratic"`
	// AlphaOrdinal is Krippendorff's alpha (ordinal) over all units.
	AlphaOrdinal stats.Result `json:"alpha_ordinal"`
	// ItemKappas summarises the per-item coefficients across items.
	ItemKappas []ItemSummary `json:"item_kappas"`
}

// ItemSummary is the spread of one per-item coefficient across the items
// where it is defined.
type ItemSummary struct {
	Form   string       `json:"form"`
	Items  int          `json:"items"` // items with a defined value
	Mean   stats.Result `json:"mean"`
	Median stats.Result `json:"median"`
	Min    stats.Result `json:"min"`
	Max    stats.Result `json:"max"`
}

// panel is the set of raters of the analysed reviews, ordered by name then
// id: the columns of the per-item matrices.
type panel struct {
	ids   []string
	col   map[string]int
	names map[string]string
}

func newPanel(multi []scoredReview, names map[string]string) panel {
	p := panel{col: map[string]int{}, names: names}
	for _, m := range multi {
		for _, id := range m.raters {
			if _, ok := p.col[id]; !ok {
				p.col[id] = 0
				p.ids = append(p.ids, id)
			}
		}
	}
	sort.Slice(p.ids, func(i, j int) bool { return p.less(p.ids[i], p.ids[j]) })
	for j, id := range p.ids {
		p.col[id] = j
	}
	return p
}

// name is the rater's name, the id when it is unknown.
func (p panel) name(id string) string {
	if n := p.names[id]; n != "" {
		return n
	}
	return id
}

// less orders raters by name, then id, so pairs read "A − B" alphabetically.
func (p panel) less(a, b string) bool {
	na, nb := p.name(a), p.name(b)
	if na != nb {
		return na < nb
	}
	return a < b
}

// itemGrid holds grid[item][review][panel column]: the rating, NaN where
// the rater did not rate the review or the item.
type itemGrid [][][]float64

func newItemGrid(sc *scale.Scale, multi []scoredReview, p panel) itemGrid {
	if sc == nil {
		return nil
	}
	k := len(p.ids)
	g := make(itemGrid, len(sc.Items))
	for i := range sc.Items {
		flat := make([]float64, len(multi)*k)
		for x := range flat {
			flat[x] = math.NaN()
		}
		rows := make([][]float64, len(multi))
		for u, m := range multi {
			row := flat[u*k : (u+1)*k : (u+1)*k]
			for j, id := range m.raters {
				if v := m.scores[j][i]; v != noScore {
					row[p.col[id]] = float64(v)
				}
			}
			rows[u] = row
		}
		g[i] = rows
	}
	return g
}

// itemAgreements computes the per-item statistics.
func itemAgreements(sc *scale.Scale, multi []scoredReview, g itemGrid, p panel) []ItemAgreement {
	levels := stats.LevelRange(sc.Levels.Min, sc.Levels.Max)
	out := make([]ItemAgreement, len(sc.Items))
	for i, it := range sc.Items {
		rows := g[i]
		ia := ItemAgreement{ItemID: it.ID, Section: it.Section}
		for _, row := range rows {
			if n := rated(row); n >= 2 {
				ia.Reviews++
				ia.Pairs += n * (n - 1) / 2
			}
		}
		ia.Exact = stats.Agreement(rows, 0)
		ia.WithinOne = stats.Agreement(rows, 1)
		ia.FleissKappa = stats.FleissKappa(rows, levels)
		ia.LightKappa = stats.LightKappa(rows, levels, stats.Unweighted)
		ia.LightKappaLinear = stats.LightKappa(rows, levels, stats.Linear)
		ia.LightKappaQuadratic = stats.LightKappa(rows, levels, stats.Quadratic)
		ia.AC1 = stats.GwetAC(rows, levels, stats.Unweighted)
		ia.AC2Linear = stats.GwetAC(rows, levels, stats.Linear)
		ia.AC2Quadratic = stats.GwetAC(rows, levels, stats.Quadratic)
		ia.AlphaOrdinal = stats.KrippendorffAlpha(rows, stats.MetricOrdinal)
		ia.AlphaInterval = stats.KrippendorffAlpha(rows, stats.MetricInterval)
		ia.PairKappas = []PairKappa{}
		for _, pk := range stats.PairwiseKappas(rows, levels, stats.Unweighted) {
			ia.PairKappas = append(ia.PairKappas, PairKappa{RaterA: p.ids[pk.A], RaterB: p.ids[pk.B], Kappa: pk.Kappa})
		}
		out[i] = ia
	}
	return out
}

// rated counts the ratings in a row.
func rated(row []float64) int {
	n := 0
	for _, x := range row {
		if !math.IsNaN(x) {
			n++
		}
	}
	return n
}

// pooledAgreement computes the statistics over all item ratings.
func pooledAgreement(levels []int, items []ItemAgreement, g itemGrid) PooledAgreement {
	var rows [][]float64
	for _, itemRows := range g {
		for _, row := range itemRows {
			if rated(row) > 0 {
				rows = append(rows, row)
			}
		}
	}
	pa := PooledAgreement{ItemKappas: []ItemSummary{}}
	for _, row := range rows {
		if rated(row) >= 2 {
			pa.Units++
		}
	}
	pa.Exact = stats.Agreement(rows, 0)
	pa.WithinOne = stats.Agreement(rows, 1)
	pa.FleissKappa = stats.FleissKappa(rows, levels)
	pa.AC1 = stats.GwetAC(rows, levels, stats.Unweighted)
	pa.LightKappa = stats.LightKappa(rows, levels, stats.Unweighted)
	pa.LightKappaLinear = stats.LightKappa(rows, levels, stats.Linear)
	pa.LightKappaQuadratic = stats.LightKappa(rows, levels, stats.Quadratic)
	pa.AlphaOrdinal = stats.KrippendorffAlpha(rows, stats.MetricOrdinal)
	for _, f := range []struct {
		form string
		get  func(ItemAgreement) stats.Result
	}{
		{"Light's kappa (unweighted) per item", func(i ItemAgreement) stats.Result { return i.LightKappa }},
		{"Light's kappa (quadratic weights) per item", func(i ItemAgreement) stats.Result { return i.LightKappaQuadratic }},
		{"Fleiss' kappa per item", func(i ItemAgreement) stats.Result { return i.FleissKappa }},
	} {
		var vals []float64
		for _, it := range items {
			if v, ok := f.get(it).Float(); ok {
				vals = append(vals, v)
			}
		}
		d := stats.Describe(vals)
		pa.ItemKappas = append(pa.ItemKappas, ItemSummary{Form: f.form, Items: len(vals),
			Mean: d.Mean, Median: d.Median, Min: d.Min, Max: d.Max})
	}
	return pa
}
