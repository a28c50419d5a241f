package stats

import (
	"fmt"
	"math"
)

// FleissKappa returns Fleiss' kappa for any number of raters (Fleiss 1971),
// generalised to missing ratings as in Gwet (2014, ch. 2) and irrCAC's
// fleiss.kappa.raw: ratings[unit][rater], NaN is missing.
//
//	pa = mean over units rated ≥ 2 times of Σ_k r_ik (r_ik − 1) / (r_i (r_i − 1))
//	pe = Σ_k π_k²,   π_k = (1/n) Σ_i r_ik / r_i over units with ≥ 1 rating
//	κ  = (pa − pe) / (1 − pe)
//
// For complete data with m ratings per unit this is exactly Fleiss (1971).
// SE and CI (t, df n − 1) use Gwet's linearisation variance as irrCAC does.
// When every unit has the same number of ratings, Extra also holds Fleiss'
// (1971) test of κ = 0 ("se0", "z", "p_z", as in R irr's kappam.fleiss) and
// the per-category kappas "kappa_level_<level>".
func FleissKappa(ratings [][]float64, levels []int) Result {
	name := "Fleiss' kappa"
	li, reason := newLevelIndex(levels)
	if reason != "" {
		return undefined(name, reason)
	}
	d, reason := buildCat(ratings, li)
	if reason != "" {
		return undefined(name, reason)
	}
	r := Result{Name: name, N: d.n, Raters: d.raters, Dropped: d.dropped}
	if reason := d.commonReason(); reason != "" {
		r.Reason = reason
		return r.sanitize()
	}
	pai, pa := d.pairAgreement(AgreementWeights(d.q, Unweighted))
	pi := d.classProportions()
	pe := 0.0
	for _, p := range pi {
		pe += p * p
	}
	r.put("pa", pa)
	r.put("pe", pe)
	if 1-pe < 1e-12 {
		r.Reason = ReasonNoVariance
		return r.sanitize()
	}
	k := (pa - pe) / (1 - pe)
	r.setValue(k)
	pei := make([]float64, d.n)
	for i, c := range d.counts {
		s := 0.0
		for j, x := range c {
			s += x * pi[j]
		}
		pei[i] = s / d.ri[i]
	}
	d.linearisedSE(&r, k, pe, pai, pei)

	if d.balanced && d.m >= 2 {
		// Fleiss (1971): variance under H0 and category-wise kappas.
		n, m := float64(d.n), d.m
		spq, spqqp := 0.0, 0.0
		for _, p := range pi {
			spq += p * (1 - p)
			spqqp += p * (1 - p) * ((1 - p) - p)
		}
		v0 := 2 / (spq * spq * n * m * (m - 1)) * (spq*spq - spqqp)
		if v0 > 0 {
			se0 := math.Sqrt(v0)
			r.put("se0", se0)
			r.put("z", k/se0)
			r.put("p_z", normalTwoSided(k/se0))
		}
		for j, p := range pi {
			if p <= 0 || p >= 1 {
				continue
			}
			ss := 0.0
			for _, c := range d.counts {
				ss += c[j] * c[j]
			}
			pj := (ss - n*m*p) / (n * m * (m - 1) * p)
			r.put(fmt.Sprintf("kappa_level_%d", li.levels[j]), (pj-p)/(1-p))
		}
	}
	if d.n2 < d.n {
		r.Note = "units rated only once count towards chance agreement (irrCAC convention)"
	}
	return r.sanitize()
}
