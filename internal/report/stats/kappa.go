package stats

import (
	"errors"
	"math"
)

// Weighting selects the agreement weights of a weighted coefficient.
type Weighting int

const (
	// Unweighted counts only exact agreement (identity weights).
	Unweighted Weighting = iota
	// Linear weights: w_ij = 1 − |i − j| / (q − 1) (Cicchetti & Allison 1971).
	Linear
	// Quadratic weights: w_ij = 1 − (i − j)² / (q − 1)² (Fleiss & Cohen 1973).
	Quadratic
)

// String returns "unweighted", "linear" or "quadratic".
func (w Weighting) String() string {
	switch w {
	case Linear:
		return "linear"
	case Quadratic:
		return "quadratic"
	default:
		return "unweighted"
	}
}

func (w Weighting) valid() bool { return w >= Unweighted && w <= Quadratic }

// AgreementWeights returns the q × q agreement-weight matrix for categories
// at equally spaced positions 0, 1, …, q−1 (Cohen 1968; linear and quadratic
// as in Gwet 2014, ch. 3, with the categories' ranks as scores). For q < 2
// the matrix is all ones.
func AgreementWeights(q int, w Weighting) [][]float64 {
	if q < 0 {
		q = 0
	}
	m := make([][]float64, q)
	for i := range m {
		m[i] = make([]float64, q)
		for j := range m[i] {
			d := math.Abs(float64(i - j))
			switch {
			case i == j || q < 2:
				m[i][j] = 1
			case w == Linear:
				m[i][j] = 1 - d/float64(q-1)
			case w == Quadratic:
				m[i][j] = 1 - d*d/float64((q-1)*(q-1))
			default:
				m[i][j] = 0
			}
		}
	}
	return m
}

// CrossTab builds the levels × levels contingency table of two raters'
// paired ratings (rows: a, columns: b), in the order of the sorted levels.
// Pairs with a missing rating are skipped and counted in dropped; a rating
// outside the levels, or lists of different lengths, give an error.
func CrossTab(a, b []float64, levels []int) (table [][]float64, dropped int, err error) {
	if len(a) != len(b) {
		return nil, 0, errors.New(ReasonLengthMismatch)
	}
	li, reason := newLevelIndex(levels)
	if reason != "" {
		return nil, 0, errors.New(reason)
	}
	q := len(li.levels)
	table = make([][]float64, q)
	for i := range table {
		table[i] = make([]float64, q)
	}
	for u := range a {
		if math.IsNaN(a[u]) || math.IsNaN(b[u]) {
			dropped++
			continue
		}
		i, ok := li.index(a[u])
		if !ok {
			return nil, 0, errors.New(li.outside(a[u]))
		}
		j, ok := li.index(b[u])
		if !ok {
			return nil, 0, errors.New(li.outside(b[u]))
		}
		table[i][j]++
	}
	return table, dropped, nil
}

// CohenKappa returns Cohen's kappa for two raters' paired ratings a[u], b[u]
// on the given scale levels, unweighted (Cohen 1960) or with linear or
// quadratic agreement weights (Cohen 1968) computed on the positions of the
// levels. Pairs with a missing rating are dropped (Result.Dropped). Pass
// ObservedLevels(a, b) as levels for R irr's "observed levels only"
// convention. See [CohenKappaTable] for the standard error and test.
func CohenKappa(a, b []float64, levels []int, w Weighting) Result {
	name := kappaName(w, " on the scale levels "+formatLevels(sortedCopy(levels)))
	if len(a) != len(b) {
		return undefined(name, ReasonLengthMismatch)
	}
	table, dropped, err := CrossTab(a, b, levels)
	if err != nil {
		return undefined(name, err.Error())
	}
	if !w.valid() {
		return undefined(name, "unknown weighting")
	}
	r := kappaFromTable(name, table, AgreementWeights(len(table), w))
	r.Dropped = dropped
	return r
}

// CohenKappaTable returns Cohen's kappa from a q × q contingency table of
// counts (rows: rater 1, columns: rater 2; categories in scale order, empty
// categories included), unweighted or with linear or quadratic weights on
// the category positions (Cohen 1968).
//
// SE is the large-sample (non-null) standard error of Fleiss, Cohen &
// Everitt (1969), as reported by SAS PROC FREQ ("ASE") and R irrCAC:
//
//	var(κ) = [Σ p_ij (w_ij − (w̄_i. + w̄_.j)(1 − κ))² − (κ − p_e(1 − κ))²] / (n (1 − p_e)²)
//
// with w̄_i. = Σ_j p_.j w_ij and w̄_.j = Σ_i p_i. w_ij. CI is κ ± 1.96·SE
// (upper limit capped at 1). Extra holds "pa" (observed weighted agreement),
// "pe" (chance agreement), and the test of κ = 0 under the null variance of
// Fleiss, Cohen & Everitt (1969): "z", "p_z" (two-sided), "se0".
func CohenKappaTable(table [][]float64, w Weighting) Result {
	name := kappaName(w, " on the table's categories")
	if !w.valid() {
		return undefined(name, "unknown weighting")
	}
	if reason := checkTable(table); reason != "" {
		return undefined(name, reason)
	}
	return kappaFromTable(name, table, AgreementWeights(len(table), w))
}

// CohenKappaDisagreement returns Cohen's (1968) weighted kappa with custom
// disagreement weights v (v_ii normally 0):
//
//	κ_w = 1 − Σ v_ij p_o,ij / Σ v_ij p_e,ij
//
// computed as the agreement-weighted kappa with w_ij = 1 − v_ij / max v, which
// is algebraically the same; SE as in [CohenKappaTable]. Table holds counts.
func CohenKappaDisagreement(table, v [][]float64) Result {
	name := "Cohen's weighted kappa (custom disagreement weights)"
	if reason := checkTable(table); reason != "" {
		return undefined(name, reason)
	}
	if len(v) != len(table) {
		return undefined(name, "the weight matrix does not match the table size")
	}
	vmax := 0.0
	for i := range v {
		if len(v[i]) != len(table) {
			return undefined(name, "the weight matrix does not match the table size")
		}
		for _, x := range v[i] {
			if !finite(x) || x < 0 {
				return undefined(name, "disagreement weights must be finite and non-negative")
			}
			vmax = math.Max(vmax, x)
		}
	}
	if vmax == 0 {
		return undefined(name, "all disagreement weights are zero")
	}
	w := make([][]float64, len(v))
	for i := range v {
		w[i] = make([]float64, len(v))
		for j := range v[i] {
			w[i][j] = 1 - v[i][j]/vmax
		}
	}
	return kappaFromTable(name, table, w)
}

func kappaName(w Weighting, where string) string {
	if w == Unweighted {
		return "Cohen's kappa (unweighted)"
	}
	return "Cohen's kappa (" + w.String() + " weights" + where + ")"
}

func sortedCopy(levels []int) []int {
	li, reason := newLevelIndex(levels)
	if reason != "" {
		return levels
	}
	return li.levels
}

// checkTable validates a square table of finite non-negative counts.
func checkTable(table [][]float64) string {
	q := len(table)
	if q < 2 {
		return "the table needs at least 2 categories"
	}
	for _, row := range table {
		if len(row) != q {
			return "the table is not square"
		}
		for _, x := range row {
			if !finite(x) || x < 0 {
				return "table counts must be finite and non-negative"
			}
		}
	}
	return ""
}

// kappaFromTable computes a weighted kappa with agreement weights w from a
// table of counts; the formulas are those documented on CohenKappaTable.
func kappaFromTable(name string, table, w [][]float64) Result {
	q := len(table)
	n := 0.0
	cells := 0
	for i := range table {
		for j := range table[i] {
			n += table[i][j]
			if table[i][j] > 0 {
				cells++
			}
		}
	}
	r := Result{Name: name, N: int(math.Round(n)), Raters: 2}
	if n == 0 {
		r.Reason = ReasonNoData
		return r
	}
	if n < 2 {
		r.Reason = ReasonFewUnits
		return r
	}
	pr := make([]float64, q)
	pc := make([]float64, q)
	for i := range table {
		for j := range table[i] {
			p := table[i][j] / n
			pr[i] += p
			pc[j] += p
		}
	}
	po, pe := 0.0, 0.0
	for i := range table {
		for j := range table[i] {
			po += w[i][j] * table[i][j] / n
			pe += w[i][j] * pr[i] * pc[j]
		}
	}
	r.put("pa", po)
	r.put("pe", pe)
	if 1-pe < 1e-12 {
		if cells == 1 {
			r.Reason = ReasonNoVariance
		} else {
			r.Reason = "expected chance agreement is 1 with these weights"
		}
		return r.sanitize()
	}
	k := (po - pe) / (1 - pe)
	r.setValue(k)

	wi := make([]float64, q) // w̄_i. = Σ_j p_.j w_ij
	wj := make([]float64, q) // w̄_.j = Σ_i p_i. w_ij
	for i := 0; i < q; i++ {
		for j := 0; j < q; j++ {
			wi[i] += pc[j] * w[i][j]
			wj[j] += pr[i] * w[i][j]
		}
	}
	// Fleiss, Cohen & Everitt (1969), non-null variance.
	s := 0.0
	for i := 0; i < q; i++ {
		for j := 0; j < q; j++ {
			if table[i][j] == 0 {
				continue
			}
			d := w[i][j] - (wi[i]+wj[j])*(1-k)
			s += table[i][j] / n * d * d
		}
	}
	t := k - pe*(1-k)
	v := (s - t*t) / (n * (1 - pe) * (1 - pe))
	if v < 0 {
		v = 0 // rounding when κ = 1
	}
	se := math.Sqrt(v)
	r.setSE(se)
	r.setCI(k-z975*se, math.Min(1, k+z975*se))

	// Fleiss, Cohen & Everitt (1969), variance under H0: κ = 0.
	s0 := 0.0
	for i := 0; i < q; i++ {
		for j := 0; j < q; j++ {
			d := w[i][j] - (wi[i] + wj[j])
			s0 += pr[i] * pc[j] * d * d
		}
	}
	v0 := (s0 - pe*pe) / (n * (1 - pe) * (1 - pe))
	if v0 > 0 {
		se0 := math.Sqrt(v0)
		r.put("se0", se0)
		r.put("z", k/se0)
		r.put("p_z", normalTwoSided(k/se0))
	}
	return r.sanitize()
}
