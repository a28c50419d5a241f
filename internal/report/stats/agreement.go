package stats

import "math"

// Agreement returns the proportion (0–1) of rater pairs whose ratings of the
// same unit differ by at most tolerance: tolerance 0 gives exact agreement,
// tolerance 1 agreement within one point. Pairs are all pairs of
// non-missing ratings within each unit, pooled over units, so a unit rated
// by three raters contributes three pairs. N is the number of units with at
// least two ratings; Extra["pairs"] the number of pairs and
// Extra["agreeing_pairs"] how many agreed. Multiply by 100 for a percentage.
func Agreement(ratings [][]float64, tolerance float64) Result {
	name := agreementName(tolerance)
	if !finite(tolerance) || tolerance < 0 {
		return undefined(name, "the tolerance must be a non-negative number")
	}
	r := Result{Name: name, Raters: maxRowLen(ratings)}
	var pairs, agree float64
	vals := make([]float64, 0, 8)
	for _, row := range ratings {
		vals = vals[:0]
		for _, x := range row {
			if !math.IsNaN(x) {
				vals = append(vals, x)
			}
		}
		if len(vals) < 2 {
			if len(row) > 0 {
				r.Dropped++
			}
			continue
		}
		r.N++
		for i := 0; i < len(vals); i++ {
			for j := i + 1; j < len(vals); j++ {
				pairs++
				if math.Abs(vals[i]-vals[j]) <= tolerance {
					agree++
				}
			}
		}
	}
	switch {
	case r.Raters < 2:
		r.Reason = ReasonOneRater
	case pairs == 0:
		r.Reason = "no unit has two ratings"
	default:
		r.setValue(agree / pairs)
		r.put("pairs", pairs)
		r.put("agreeing_pairs", agree)
	}
	return r.sanitize()
}

// PairAgreement is [Agreement] for two raters' paired ratings a[u], b[u];
// pairs with a missing rating are dropped.
func PairAgreement(a, b []float64, tolerance float64) Result {
	if len(a) != len(b) {
		return undefined(agreementName(tolerance), ReasonLengthMismatch)
	}
	return Agreement(pairRows(a, b), tolerance)
}

func agreementName(tolerance float64) string {
	if tolerance == 0 {
		return "Exact agreement (proportion of rater pairs)"
	}
	return "Agreement within " + formatFloat(tolerance) + " point(s) (proportion of rater pairs)"
}

func pairRows(a, b []float64) [][]float64 {
	rows := make([][]float64, len(a))
	flat := make([]float64, 2*len(a))
	for i := range a {
		flat[2*i], flat[2*i+1] = a[i], b[i]
		rows[i] = flat[2*i : 2*i+2 : 2*i+2]
	}
	return rows
}

func maxRowLen(m [][]float64) int {
	k := 0
	for _, row := range m {
		k = max(k, len(row))
	}
	return k
}
