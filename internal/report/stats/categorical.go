package stats

import "math"

// catData is the units × categories distribution r_ik (number of raters who
// put unit i in category k) used by the multi-rater coefficients.
type catData struct {
	counts  [][]float64 // r_ik, one row per unit with at least one rating
	ri      []float64   // r_i = Σ_k r_ik
	q       int
	n       int // units with at least one rating
	n2      int // units with at least two ratings
	raters  int // columns holding at least one rating
	dropped int // units without any rating
	// balanced is true when every unit has the same number of ratings m.
	balanced bool
	m        float64
}

// buildCat tallies the ratings matrix on the given levels. It returns a
// plain-words reason when a rating is outside the levels.
func buildCat(ratings [][]float64, li levelIndex) (catData, string) {
	q := len(li.levels)
	d := catData{q: q, balanced: true,
		counts: make([][]float64, 0, len(ratings)), ri: make([]float64, 0, len(ratings))}
	used := make([]bool, maxRowLen(ratings))
	slab := make([]float64, len(ratings)*q) // backing store for counts
	for _, row := range ratings {
		var c []float64
		ri := 0.0
		for j, x := range row {
			if math.IsNaN(x) {
				continue
			}
			k, ok := li.index(x)
			if !ok {
				return catData{}, li.outside(x)
			}
			if c == nil {
				c, slab = slab[:q:q], slab[q:]
			}
			c[k]++
			ri++
			used[j] = true
		}
		if ri == 0 {
			d.dropped++
			continue
		}
		if d.n == 0 {
			d.m = ri
		} else if ri != d.m {
			d.balanced = false
		}
		d.counts = append(d.counts, c)
		d.ri = append(d.ri, ri)
		d.n++
		if ri >= 2 {
			d.n2++
		}
	}
	for _, u := range used {
		if u {
			d.raters++
		}
	}
	return d, ""
}

// commonReason returns the reason a multi-rater coefficient is undefined
// before any arithmetic, or "".
func (d catData) commonReason() string {
	switch {
	case d.n == 0:
		return ReasonNoData
	case d.raters < 2:
		return ReasonOneRater
	case d.n2 < 2:
		return ReasonFewUnits + " rated by at least 2 raters"
	}
	return ""
}

// pairAgreement returns the per-unit weighted agreement
// pa_i = Σ_k r_ik (r*_ik − 1) / (r_i (r_i − 1)), r*_ik = Σ_l w_kl r_il (0 for
// units with one rating), and their mean pa over units with r_i ≥ 2
// (Gwet 2014, ch. 2; Fleiss 1971 for identity weights).
func (d catData) pairAgreement(w [][]float64) (pai []float64, pa float64) {
	pai = make([]float64, d.n)
	sum := 0.0
	for i, c := range d.counts {
		if d.ri[i] < 2 {
			continue
		}
		s := 0.0
		for k := 0; k < d.q; k++ {
			if c[k] == 0 {
				continue
			}
			rw := 0.0
			for l := 0; l < d.q; l++ {
				rw += w[k][l] * c[l]
			}
			s += c[k] * (rw - 1)
		}
		pai[i] = s / (d.ri[i] * (d.ri[i] - 1))
		sum += pai[i]
	}
	return pai, sum / float64(d.n2)
}

// classProportions returns π_k = (1/n) Σ_i r_ik / r_i over every unit with
// at least one rating (irrCAC convention).
func (d catData) classProportions() []float64 {
	pi := make([]float64, d.q)
	for i, c := range d.counts {
		for k, x := range c {
			pi[k] += x / d.ri[i]
		}
	}
	for k := range pi {
		pi[k] /= float64(d.n)
	}
	return pi
}

// linearisedSE computes Gwet's (2008, 2014) linearisation variance shared by
// AC1/AC2 and the generalised Fleiss kappa, as implemented in irrCAC:
//
//	c_i  = (n/n2)(pa_i − pe·[r_i ≥ 2])/(1 − pe)
//	c*_i = c_i − 2(1 − coef)(pe_i − pe)/(1 − pe)
//	var  = Σ (c*_i − coef)² / (n(n − 1))
//
// It stores SE, the t-based 95 % CI (df n − 1, upper limit capped at 1) and
// the two-sided p-value of coef = 0.
func (d catData) linearisedSE(r *Result, coef, pe float64, pai, pei []float64) {
	n := float64(d.n)
	if d.n < 2 {
		return
	}
	s := 0.0
	for i := range pai {
		pe2 := 0.0
		if d.ri[i] >= 2 {
			pe2 = pe
		}
		ci := n / float64(d.n2) * (pai[i] - pe2) / (1 - pe)
		ci -= 2 * (1 - coef) * (pei[i] - pe) / (1 - pe)
		s += (ci - coef) * (ci - coef)
	}
	se := math.Sqrt(s / (n * (n - 1)))
	r.setSE(se)
	t := tQuantile(0.975, n-1)
	r.setCI(coef-t*se, math.Min(1, coef+t*se))
	if se > 0 {
		r.put("p", tTwoSided(coef/se, n-1))
	}
}
