package stats

import (
	"math"
	"sort"
)

// Metric is the difference function δ² of Krippendorff's alpha.
type Metric int

const (
	// MetricNominal: δ² = 0 if c = k, else 1.
	MetricNominal Metric = iota
	// MetricOrdinal: δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², with n_g the
	// marginal frequencies of the coincidence matrix (Krippendorff 2011).
	MetricOrdinal
	// MetricInterval: δ² = (c − k)².
	MetricInterval
	// MetricRatio: δ² = ((c − k)/(c + k))²; values must be non-negative.
	MetricRatio
)

// String returns "nominal", "ordinal", "interval" or "ratio".
func (m Metric) String() string {
	switch m {
	case MetricOrdinal:
		return "ordinal"
	case MetricInterval:
		return "interval"
	case MetricRatio:
		return "ratio"
	default:
		return "nominal"
	}
}

// KrippendorffAlpha returns Krippendorff's alpha for any number of coders
// and missing values, by the coincidence-matrix method of Krippendorff
// (2011), "Computing Krippendorff's Alpha-Reliability":
//
//	o_ck = Σ_u (number of c–k pairs of values in unit u) / (m_u − 1)
//	n_c  = Σ_k o_ck,  n = Σ_c n_c
//	α    = 1 − (n − 1) Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck
//
// ratings[unit][coder], NaN is missing. Only units with at least two values
// (pairable units) enter; the others are counted in Dropped. N is the number
// of pairable units, Extra["pairable_values"] is n. Values are used as
// given (no scale levels needed): the ordinal metric ranks the distinct
// observed values. Alpha is undefined when the pairable values show no
// variation.
func KrippendorffAlpha(ratings [][]float64, metric Metric) Result {
	name := "Krippendorff's alpha (" + metric.String() + ")"
	if metric < MetricNominal || metric > MetricRatio {
		return undefined(name, "unknown metric")
	}
	r := Result{Name: name}
	// Distinct values among pairable units.
	var vals []float64
	index := map[float64]int{}
	used := make([]bool, maxRowLen(ratings))
	pairable, total := 0, 0
	for _, row := range ratings {
		m := 0
		for j, x := range row {
			if math.IsNaN(x) {
				continue
			}
			used[j] = true
			total++
			if math.IsInf(x, 0) {
				return undefined(name, "ratings must be finite numbers")
			}
			if metric == MetricRatio && x < 0 {
				return undefined(name, "the ratio metric needs non-negative values")
			}
			m++
		}
		if m < 2 {
			if m > 0 || len(row) > 0 {
				r.Dropped++
			}
			continue
		}
		pairable++
		for _, x := range row {
			if math.IsNaN(x) {
				continue
			}
			if _, ok := index[x]; !ok {
				index[x] = 0
				vals = append(vals, x)
			}
		}
	}
	for _, u := range used {
		if u {
			r.Raters++
		}
	}
	r.N = pairable
	switch {
	case total == 0:
		r.Reason = ReasonNoData
		return r.sanitize()
	case r.Raters < 2:
		r.Reason = ReasonOneRater
		return r.sanitize()
	case pairable < 2:
		r.Reason = ReasonFewUnits + " with at least 2 values"
		return r.sanitize()
	}
	sort.Float64s(vals)
	for i, v := range vals {
		index[v] = i
	}
	V := len(vals)
	o := make([]float64, V*V)
	idx := make([]int, 0, 8)
	for _, row := range ratings {
		idx = idx[:0]
		for _, x := range row {
			if !math.IsNaN(x) {
				idx = append(idx, index[x])
			}
		}
		if len(idx) < 2 {
			continue
		}
		// Each ordered pair of values from different coders adds 1/(m_u − 1).
		w := 1 / float64(len(idx)-1)
		for i, c := range idx {
			for j, k := range idx {
				if i != j {
					o[c*V+k] += w
				}
			}
		}
	}
	nc := make([]float64, V)
	n := 0.0
	for c := 0; c < V; c++ {
		for k := 0; k < V; k++ {
			nc[c] += o[c*V+k]
		}
		n += nc[c]
	}
	r.put("pairable_values", n)
	if V < 2 {
		r.Reason = ReasonNoVariance
		return r.sanitize()
	}
	delta := deltaFunc(metric, vals, nc)
	do, de := 0.0, 0.0
	for c := 0; c < V; c++ {
		for k := c + 1; k < V; k++ {
			d := delta(c, k)
			do += 2 * o[c*V+k] * d // δ is symmetric and δ_cc = 0
			de += 2 * nc[c] * nc[k] * d
		}
	}
	if de <= 0 {
		r.Reason = ReasonNoVariance
		return r.sanitize()
	}
	r.put("observed_disagreement", do/n)
	r.put("expected_disagreement", de/(n*(n-1)))
	r.setValue(1 - (n-1)*do/de)
	return r.sanitize()
}

// deltaFunc returns δ²(c, k) for value indices c < k of the sorted values.
func deltaFunc(metric Metric, vals, nc []float64) func(c, k int) float64 {
	switch metric {
	case MetricOrdinal:
		cum := make([]float64, len(nc)+1) // cum[i] = Σ_{g<i} n_g
		for i, x := range nc {
			cum[i+1] = cum[i] + x
		}
		return func(c, k int) float64 {
			d := cum[k+1] - cum[c] - (nc[c]+nc[k])/2
			return d * d
		}
	case MetricInterval:
		return func(c, k int) float64 {
			d := vals[c] - vals[k]
			return d * d
		}
	case MetricRatio:
		return func(c, k int) float64 {
			s := vals[c] + vals[k]
			if s == 0 {
				return 0
			}
			d := (vals[c] - vals[k]) / s
			return d * d
		}
	default:
		return func(c, k int) float64 { return 1 }
	}
}
