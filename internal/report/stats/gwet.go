package stats

import "math"

// GwetAC returns Gwet's AC1 (unweighted) or AC2 (linear or quadratic
// weights on the positions of the scale levels) for any number of raters,
// with missing ratings (Gwet 2008; Gwet 2014, Handbook of Inter-Rater
// Reliability, 4th ed., ch. 2–3). ratings[unit][rater]; NaN is missing.
//
//	pa = mean over units rated ≥ 2 times of Σ_k r_ik (r*_ik − 1) / (r_i (r_i − 1))
//	pe = T_w / (q(q − 1)) · Σ_k π_k (1 − π_k),   π_k = (1/n) Σ_i r_ik / r_i
//	AC = (pa − pe) / (1 − pe)
//
// where q is the number of scale levels (not only the observed ones) and T_w
// the sum of the weights. Convention for single-rated units (irrCAC): a unit
// with only one rating does not enter pa but does enter the class
// proportions π_k of pe, over n = all units with at least one rating. Feed
// PairableOnly(ratings) to use units rated at least twice throughout
// (cac.raw4raters: 0.77544 with irrCAC's convention, 0.77515 without the
// single-rated unit). Units with no rating at all are dropped.
//
// SE is Gwet's linearisation variance as in irrCAC; the CI is AC ± t(0.975,
// n − 1)·SE with the upper limit capped at 1. Extra: "pa", "pe" and "p",
// the two-sided p-value of AC = 0 on the t distribution (irrCAC prints the
// one-sided value).
// Unlike kappa, AC1 stays defined when all ratings are equal (it is 1).
func GwetAC(ratings [][]float64, levels []int, w Weighting) Result {
	name := gwetName(w, " on the scale levels "+formatLevels(sortedCopy(levels)))
	if !w.valid() {
		return undefined(name, "unknown weighting")
	}
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
	wm := AgreementWeights(d.q, w)
	q := float64(d.q)
	tw := sumMatrix(wm)
	pai, pa := d.pairAgreement(wm)
	pi := d.classProportions()
	spi := 0.0
	for _, p := range pi {
		spi += p * (1 - p)
	}
	pe := tw / (q * (q - 1)) * spi
	r.put("pa", pa)
	r.put("pe", pe)
	if 1-pe < 1e-12 {
		r.Reason = "chance agreement is 1"
		return r.sanitize()
	}
	ac := (pa - pe) / (1 - pe)
	r.setValue(ac)
	// pe_i = T_w/(q(q−1)) Σ_k r_ik (1 − π_k) / r_i
	pei := make([]float64, d.n)
	for i, c := range d.counts {
		s := 0.0
		for k, x := range c {
			s += x * (1 - pi[k])
		}
		pei[i] = tw / (q * (q - 1)) * s / d.ri[i]
	}
	d.linearisedSE(&r, ac, pe, pai, pei)
	if d.n2 < d.n {
		r.Note = "units rated only once count towards chance agreement (irrCAC convention)"
	}
	return r.sanitize()
}

// GwetACTable returns Gwet's AC1/AC2 for two raters from a q × q table of
// counts (rows rater 1, columns rater 2; categories in scale order), with
// π_k = (p_k. + p_.k)/2 and the variance of Gwet (2008) as in irrCAC's
// gwet.ac1.table:
//
//	var = [Σ p_kl (w_kl − 2(1 − AC) T_w/(q(q−1)) (1 − (π_k + π_l)/2))² − (pa − 2(1 − AC) pe)²] / (n (1 − pe)²)
//
// CI: AC ± t(0.975, n − 1)·SE, upper limit capped at 1.
func GwetACTable(table [][]float64, w Weighting) Result {
	name := gwetName(w, " on the table's categories")
	if !w.valid() {
		return undefined(name, "unknown weighting")
	}
	if reason := checkTable(table); reason != "" {
		return undefined(name, reason)
	}
	q := len(table)
	wm := AgreementWeights(q, w)
	n := sumMatrix(table)
	r := Result{Name: name, N: int(math.Round(n)), Raters: 2}
	if n == 0 {
		r.Reason = ReasonNoData
		return r
	}
	if n < 2 {
		r.Reason = ReasonFewUnits
		return r
	}
	pi := make([]float64, q)
	pa := 0.0
	for k := range table {
		for l := range table[k] {
			p := table[k][l] / n
			pa += wm[k][l] * p
			pi[k] += p / 2
			pi[l] += p / 2
		}
	}
	tw := sumMatrix(wm)
	fq := float64(q)
	spi := 0.0
	for _, p := range pi {
		spi += p * (1 - p)
	}
	pe := tw * spi / (fq * (fq - 1))
	r.put("pa", pa)
	r.put("pe", pe)
	if 1-pe < 1e-12 {
		r.Reason = "chance agreement is 1"
		return r.sanitize()
	}
	ac := (pa - pe) / (1 - pe)
	r.setValue(ac)
	s := 0.0
	for k := range table {
		for l := range table[k] {
			if table[k][l] == 0 {
				continue
			}
			d := wm[k][l] - 2*(1-ac)*tw*(1-(pi[k]+pi[l])/2)/(fq*(fq-1))
			s += table[k][l] / n * d * d
		}
	}
	t := pa - 2*(1-ac)*pe
	v := (s - t*t) / (n * (1 - pe) * (1 - pe))
	if v < 0 {
		v = 0
	}
	se := math.Sqrt(v)
	r.setSE(se)
	tq := tQuantile(0.975, n-1)
	r.setCI(ac-tq*se, math.Min(1, ac+tq*se))
	if se > 0 {
		r.put("p", tTwoSided(ac/se, n-1))
	}
	return r.sanitize()
}

func gwetName(w Weighting, where string) string {
	if w == Unweighted {
		return "Gwet's AC1"
	}
	return "Gwet's AC2 (" + w.String() + " weights" + where + ")"
}

func sumMatrix(m [][]float64) float64 {
	s := 0.0
	for _, row := range m {
		for _, x := range row {
			s += x
		}
	}
	return s
}
