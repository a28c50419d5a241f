package report

import (
	"fmt"
	"sort"

	"github.com/ipsfidelity/fidelity/internal/report/stats"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// TotalsAgreement is the agreement on review totals.
type TotalsAgreement struct {
	// Reviews is n, the reviews in the ICC; K the raters per review in it
	// (the most common number of complete scorecards, the larger on a tie).
	Reviews int `json:"reviews"`
	K       int `json:"k"`
	// Incomplete counts the reviews with two or more raters but fewer than
	// two complete scorecards.
	Incomplete int `json:"incomplete"`
	// SameRaters is true when the same K raters scored every review in the
	// ICC; Design says in words which ICC forms fit the data.
	SameRaters bool   `json:"same_raters"`
	Design     string `json:"design"`
	// LeftOut lists the reviews with two or more raters that the ICC does
	// not use, and why.
	LeftOut []LeftOutReview `json:"left_out"`
	// ICC holds the six Shrout & Fleiss forms on n reviews × K raters, in
	// the order ICC(1,1), ICC(2,1), ICC(3,1), ICC(1,k), ICC(2,k), ICC(3,k),
	// each with its F-based 95 % confidence interval.
	ICC []stats.Result `json:"icc"`
	// BlandAltman pools every pair of complete scorecards in every review,
	// each difference taken in name order (the earlier name minus the
	// later); its mean absolute difference does not depend on the order.
	BlandAltman stats.BlandAltmanResult `json:"bland_altman"`
	// VsConsensus compares each rater's total with the consensus total
	// (rater − consensus), over the reviews where both are complete.
	VsConsensus []RaterVsConsensus `json:"vs_consensus"`
}

// LeftOutReview is a review the ICC leaves out.
type LeftOutReview struct {
	ReviewID string `json:"review_id"`
	SiteID   string `json:"site_id"`
	// Complete counts the review's raters with a complete scorecard.
	Complete int    `json:"complete_scorecards"`
	Reason   string `json:"reason"`
}

// RaterVsConsensus is one rater's totals against the consensus totals.
type RaterVsConsensus struct {
	RaterID string `json:"rater_id"`
	Name    string `json:"name"`
	// Label names the difference, e.g. "Kari Nordmann − consensus".
	Label       string                  `json:"label"`
	BlandAltman stats.BlandAltmanResult `json:"bland_altman"`
}

// RaterPair compares two named raters over the reviews both scored; RaterA's
// name sorts first and every difference is A − B.
type RaterPair struct {
	RaterA string `json:"rater_a"`
	RaterB string `json:"rater_b"`
	NameA  string `json:"name_a"`
	NameB  string `json:"name_b"`
	// Label names the direction: "Name A − Name B".
	Label   string `json:"label"`
	Reviews int    `json:"reviews"`
	// Exact, WithinOne and the kappas pool every item both scored in those
	// reviews (units: review × item); the kappas are Cohen's on the scale's
	// levels.
	Exact          stats.Result `json:"exact"`
	WithinOne      stats.Result `json:"within_one"`
	Kappa          stats.Result `json:"kappa"`
	KappaQuadratic stats.Result `json:"kappa_quadratic"`
	// BlandAltman compares the pair's complete totals, A − B.
	BlandAltman stats.BlandAltmanResult `json:"bland_altman"`
}

// rowTotal is the total of a complete row (every item scored, no
// imputation) under sc's aggregation; ok is false for an incomplete row.
func rowTotal(sc *scale.Scale, row []int32) (float64, bool) {
	if len(row) == 0 {
		return 0, false
	}
	sum := 0
	for _, v := range row {
		if v == noScore {
			return 0, false
		}
		sum += int(v)
	}
	t := float64(sum)
	if sc.Aggregation == scale.AggregateMean {
		t /= float64(len(row))
	}
	return t, true
}

// completeTotals returns the raters with a complete scorecard in m, in
// panel order, and their totals.
func completeTotals(sc *scale.Scale, m scoredReview, p panel) ([]string, []float64) {
	type rt struct {
		id string
		t  float64
	}
	var got []rt
	for j, id := range m.raters {
		if v, ok := rowTotal(sc, m.scores[j]); ok {
			got = append(got, rt{id, v})
		}
	}
	sort.Slice(got, func(i, j int) bool { return p.less(got[i].id, got[j].id) })
	ids := make([]string, len(got))
	ts := make([]float64, len(got))
	for i, g := range got {
		ids[i], ts[i] = g.id, g.t
	}
	return ids, ts
}

// totalsAgreement computes the ICC on the reviews with the most common
// number of complete scorecards, the pooled Bland–Altman and each rater
// against the consensus.
func totalsAgreement(sc *scale.Scale, multi []scoredReview, p panel) TotalsAgreement {
	t := TotalsAgreement{LeftOut: []LeftOutReview{}, VsConsensus: []RaterVsConsensus{}}
	ids := make([][]string, len(multi))
	tots := make([][]float64, len(multi))
	count := map[int]int{}
	for u, m := range multi {
		ids[u], tots[u] = completeTotals(sc, m, p)
		if len(ids[u]) >= 2 {
			count[len(ids[u])]++
		}
	}
	for k, c := range count {
		if c > count[t.K] || (c == count[t.K] && k > t.K) {
			t.K = k
		}
	}
	var data [][]float64
	var ba [2][]float64
	t.SameRaters = true
	var first []string
	for u, m := range multi {
		c := len(ids[u])
		switch {
		case c < 2:
			t.Incomplete++
			t.LeftOut = append(t.LeftOut, LeftOutReview{ReviewID: m.r.ReviewID, SiteID: m.r.SiteID, Complete: c,
				Reason: "fewer than two raters scored every item"})
			continue
		case c != t.K:
			t.LeftOut = append(t.LeftOut, LeftOutReview{ReviewID: m.r.ReviewID, SiteID: m.r.SiteID, Complete: c,
				Reason: fmt.Sprintf("%d complete rater scorecards; the ICC uses the %d reviews with %d", c, count[t.K], t.K)})
		default:
			data = append(data, tots[u])
			if first == nil {
				first = ids[u]
			} else if !sameIDs(first, ids[u]) {
				t.SameRaters = false
			}
		}
		for a := 0; a < c; a++ {
			for b := a + 1; b < c; b++ {
				ba[0] = append(ba[0], tots[u][a])
				ba[1] = append(ba[1], tots[u][b])
			}
		}
	}
	t.Reviews = len(data)
	t.ICC = iccOn(data, t.K, t.SameRaters)
	if t.Reviews == 0 {
		t.SameRaters = false
	}
	t.Design = iccDesign(t)
	t.BlandAltman = stats.BlandAltman(ba[0], ba[1])
	t.BlandAltman.Bias.Name = "Mean difference (bias, earlier name − later name, all pairs pooled)"
	if sc != nil {
		t.VsConsensus = vsConsensus(sc, multi, p)
	}
	return t
}

func sameIDs(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// iccOn computes the six ICC forms and notes where a form does not fit.
func iccOn(data [][]float64, k int, same bool) []stats.Result {
	if len(data) == 0 {
		out := make([]stats.Result, 6)
		for f := range out {
			out[f] = stats.Result{Name: stats.ICCForm(f).String(), Reason: "no review has two complete rater scorecards"}
		}
		return out
	}
	out := stats.ICCAll(data)
	if !same {
		const note = "the raters differ between reviews, so the columns are rater positions (raters ordered by name), not the same raters; the one-way ICC(1,·) fits this design"
		for _, f := range []stats.ICCForm{stats.ICC21, stats.ICC31, stats.ICC2k, stats.ICC3k} {
			if out[f].Note == "" {
				out[f].Note = note
			} else {
				out[f].Note += "; " + note
			}
		}
	}
	return out
}

func iccDesign(t TotalsAgreement) string {
	switch {
	case t.Reviews == 0:
		return "no review has two complete rater scorecards"
	case t.SameRaters:
		return fmt.Sprintf("%d reviews × %d raters; the same %d raters scored every review, so all six forms apply (ICC(2,·) treats them as a sample of raters, ICC(3,·) as the only raters of interest)", t.Reviews, t.K, t.K)
	default:
		return fmt.Sprintf("%d reviews × %d raters; the raters differ between reviews, so the columns are positions (raters ordered by name) and the one-way forms ICC(1,1) and ICC(1,k) fit the design (Shrout & Fleiss case 1)", t.Reviews, t.K)
	}
}

// vsConsensus compares each rater's complete totals with the consensus's.
func vsConsensus(sc *scale.Scale, multi []scoredReview, p panel) []RaterVsConsensus {
	type diffs struct{ r, c []float64 }
	by := map[string]*diffs{}
	for _, m := range multi {
		ct, ok := rowTotal(sc, m.cons)
		if !ok {
			continue
		}
		for j, id := range m.raters {
			v, ok := rowTotal(sc, m.scores[j])
			if !ok {
				continue
			}
			d := by[id]
			if d == nil {
				d = &diffs{}
				by[id] = d
			}
			d.r, d.c = append(d.r, v), append(d.c, ct)
		}
	}
	out := []RaterVsConsensus{}
	for _, id := range p.ids {
		d := by[id]
		if d == nil {
			continue
		}
		label := p.name(id) + " − consensus"
		ba := stats.BlandAltman(d.r, d.c)
		ba.Bias.Name = "Mean difference (bias, " + label + ")"
		out = append(out, RaterVsConsensus{RaterID: id, Name: p.name(id), Label: label, BlandAltman: ba})
	}
	return out
}

// raterPairs compares every two named raters who scored a review together.
func raterPairs(sc *scale.Scale, multi []scoredReview, g itemGrid, p panel) []RaterPair {
	levels := stats.LevelRange(sc.Levels.Min, sc.Levels.Max)
	out := []RaterPair{}
	k := len(p.ids)
	for a := 0; a < k; a++ {
		for b := a + 1; b < k; b++ {
			pr := RaterPair{RaterA: p.ids[a], RaterB: p.ids[b], NameA: p.name(p.ids[a]), NameB: p.name(p.ids[b])}
			pr.Label = pr.NameA + " − " + pr.NameB
			var xa, xb, ta, tb []float64
			for u, m := range multi {
				ja, jb := indexOf(m.raters, pr.RaterA), indexOf(m.raters, pr.RaterB)
				if ja < 0 || jb < 0 {
					continue
				}
				pr.Reviews++
				for i := range g {
					xa, xb = append(xa, g[i][u][a]), append(xb, g[i][u][b])
				}
				va, oka := rowTotal(sc, m.scores[ja])
				vb, okb := rowTotal(sc, m.scores[jb])
				if oka && okb {
					ta, tb = append(ta, va), append(tb, vb)
				}
			}
			if pr.Reviews == 0 {
				continue
			}
			pr.Exact = stats.PairAgreement(xa, xb, 0)
			pr.WithinOne = stats.PairAgreement(xa, xb, 1)
			pr.Kappa = stats.CohenKappa(xa, xb, levels, stats.Unweighted)
			pr.KappaQuadratic = stats.CohenKappa(xa, xb, levels, stats.Quadratic)
			pr.BlandAltman = stats.BlandAltman(ta, tb)
			pr.BlandAltman.Bias.Name = "Mean difference (bias, " + pr.Label + ")"
			out = append(out, pr)
		}
	}
	return out
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}
