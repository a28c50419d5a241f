package stats

import (
	"math"
	"sort"
)

// Descriptive statistics for league tables. NaN is missing and is skipped;
// ±Inf makes a statistic undefined.

// Summary describes one variable.
type Summary struct {
	N       int    `json:"n"`       // non-missing values
	Missing int    `json:"missing"` // NaN values skipped
	Mean    Result `json:"mean"`
	SD      Result `json:"sd"` // sample SD (n − 1)
	Min     Result `json:"min"`
	Q1      Result `json:"q1"` // 25th percentile, type 7
	Median  Result `json:"median"`
	Q3      Result `json:"q3"` // 75th percentile, type 7
	Max     Result `json:"max"`
	IQR     Result `json:"iqr"` // Q3 − Q1
}

// clean returns the non-missing values, the number of NaNs, and a reason
// if a value is infinite.
func clean(xs []float64) (vals []float64, missing int, reason string) {
	vals = make([]float64, 0, len(xs))
	for _, x := range xs {
		switch {
		case math.IsNaN(x):
			missing++
		case math.IsInf(x, 0):
			return nil, missing, "values must be finite numbers"
		default:
			vals = append(vals, x)
		}
	}
	return vals, missing, ""
}

// Describe returns the summary of xs: mean, sample SD, minimum, quartiles
// (Hyndman & Fan 1996 type 7, R's default), median, maximum and IQR.
func Describe(xs []float64) Summary {
	vals, missing, reason := clean(xs)
	s := Summary{N: len(vals), Missing: missing}
	s.Mean = Mean(xs)
	s.SD = SD(xs)
	q := func(name string, p float64) Result {
		r := Result{Name: name, N: len(vals), Dropped: missing}
		if reason != "" {
			r.Reason = reason
		} else if len(vals) == 0 {
			r.Reason = "no values"
		} else {
			sorted := append([]float64(nil), vals...)
			sort.Float64s(sorted)
			r.setValue(quantile7(sorted, p))
		}
		return r.sanitize()
	}
	s.Min = q("Minimum", 0)
	s.Q1 = q("First quartile (type 7)", 0.25)
	s.Median = q("Median", 0.5)
	s.Q3 = q("Third quartile (type 7)", 0.75)
	s.Max = q("Maximum", 1)
	s.IQR = Result{Name: "Interquartile range (type 7)", N: len(vals), Dropped: missing}
	if q1, ok := s.Q1.Float(); ok {
		q3, _ := s.Q3.Float()
		s.IQR.setValue(q3 - q1)
	} else {
		s.IQR.Reason = s.Q1.Reason
	}
	s.IQR = s.IQR.sanitize()
	return s
}

// Mean returns the arithmetic mean of the non-missing values.
func Mean(xs []float64) Result {
	vals, missing, reason := clean(xs)
	r := Result{Name: "Mean", N: len(vals), Dropped: missing}
	switch {
	case reason != "":
		r.Reason = reason
	case len(vals) == 0:
		r.Reason = "no values"
	default:
		r.setValue(mean(vals))
	}
	return r.sanitize()
}

// SD returns the sample standard deviation (divisor n − 1).
func SD(xs []float64) Result {
	vals, missing, reason := clean(xs)
	r := Result{Name: "Standard deviation (sample, n − 1)", N: len(vals), Dropped: missing}
	switch {
	case reason != "":
		r.Reason = reason
	case len(vals) < 2:
		r.Reason = "fewer than 2 values"
	default:
		r.setValue(sampleSD(vals))
	}
	return r.sanitize()
}

// Quantile returns the p-quantile (0 ≤ p ≤ 1) by Hyndman & Fan's (1996)
// type 7, R's default: h = (n − 1)p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])
// on the sorted values (0-based).
func Quantile(xs []float64, p float64) Result {
	vals, missing, reason := clean(xs)
	r := Result{Name: "Quantile " + formatFloat(p) + " (type 7)", N: len(vals), Dropped: missing}
	switch {
	case reason != "":
		r.Reason = reason
	case !(p >= 0 && p <= 1):
		r.Reason = "the probability must lie between 0 and 1"
	case len(vals) == 0:
		r.Reason = "no values"
	default:
		sort.Float64s(vals)
		r.setValue(quantile7(vals, p))
	}
	return r.sanitize()
}

func quantile7(sorted []float64, p float64) float64 {
	h := float64(len(sorted)-1) * p
	lo := int(math.Floor(h))
	if lo >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

// PercentRank returns the percentile rank of x among xs, 0–100, by the
// mid-rank definition: 100 · (count(v < x) + ½ count(v = x)) / n.
func PercentRank(xs []float64, x float64) Result {
	vals, missing, reason := clean(xs)
	r := Result{Name: "Percentile rank (% below plus half of ties)", N: len(vals), Dropped: missing}
	switch {
	case reason != "":
		r.Reason = reason
	case !finite(x):
		r.Reason = "the value to rank must be a finite number"
	case len(vals) == 0:
		r.Reason = "no values"
	default:
		below, ties := 0.0, 0.0
		for _, v := range vals {
			if v < x {
				below++
			} else if v == x {
				ties++
			}
		}
		r.setValue(100 * (below + ties/2) / float64(len(vals)))
	}
	return r.sanitize()
}

// ZScoreResult holds standardised scores (x − mean)/SD with the sample SD.
type ZScoreResult struct {
	// Scores is aligned with the input; an entry is nil for a missing input
	// value, and all entries are nil when the z-scores are not defined.
	Scores []*float64 `json:"scores"`
	Mean   Result     `json:"mean"`
	SD     Result     `json:"sd"`
	// Reason says why no z-scores were given (fewer than 2 values, SD = 0).
	Reason string `json:"reason,omitempty"`
}

// ZScores standardises xs by its mean and sample SD. They are not defined
// when SD = 0 (all values equal) or fewer than 2 values are present.
func ZScores(xs []float64) ZScoreResult {
	out := ZScoreResult{Scores: make([]*float64, len(xs)), Mean: Mean(xs), SD: SD(xs)}
	m, ok1 := out.Mean.Float()
	s, ok2 := out.SD.Float()
	switch {
	case !ok1:
		out.Reason = out.Mean.Reason
	case !ok2:
		out.Reason = out.SD.Reason
	case s == 0 || tinySS(s*s*float64(out.SD.N-1), finiteOnly(xs)):
		out.Reason = "all values are equal (SD = 0)"
	default:
		for i, x := range xs {
			if finite(x) {
				z := (x - m) / s
				out.Scores[i] = &z
			}
		}
	}
	return out
}

// Pearson returns Pearson's correlation r of the complete pairs (x[i],
// y[i]), with the two-sided p-value of t = r √((n − 2)/(1 − r²)) on n − 2
// df (Student's t via the incomplete beta function) and the 95 % CI by
// Fisher's z transformation, tanh(atanh r ± 1.96/√(n − 3)) (n ≥ 4).
func Pearson(x, y []float64) Result {
	return correlation("Pearson correlation", x, y, false)
}

// Spearman returns Spearman's rank correlation ρ: Pearson's r of the ranks
// of the complete pairs (ties get average ranks). The p-value uses the t
// approximation on n − 2 df (not the exact permutation distribution); the
// CI uses Fisher's z with variance 1.06/(n − 3) (Fieller, Hartley & Pearson
// 1957).
func Spearman(x, y []float64) Result {
	return correlation("Spearman rank correlation", x, y, true)
}

func correlation(name string, x, y []float64, ranked bool) Result {
	if len(x) != len(y) {
		return undefined(name, ReasonLengthMismatch)
	}
	r := Result{Name: name}
	var xs, ys []float64
	for i := range x {
		if math.IsNaN(x[i]) || math.IsNaN(y[i]) {
			r.Dropped++
			continue
		}
		if math.IsInf(x[i], 0) || math.IsInf(y[i], 0) {
			r.Reason = "values must be finite numbers"
			return r.sanitize()
		}
		xs = append(xs, x[i])
		ys = append(ys, y[i])
	}
	r.N = len(xs)
	if r.N < 3 {
		r.Reason = "fewer than 3 complete pairs"
		return r.sanitize()
	}
	if ranked {
		xs, ys = ranks(xs), ranks(ys)
	}
	mx, my := mean(xs), mean(ys)
	var sxx, syy, sxy float64
	for i := range xs {
		dx, dy := xs[i]-mx, ys[i]-my
		sxx += dx * dx
		syy += dy * dy
		sxy += dx * dy
	}
	if tinySS(sxx, xs) || tinySS(syy, ys) {
		r.Reason = "one of the variables has no variance"
		return r.sanitize()
	}
	rho := sxy / math.Sqrt(sxx*syy)
	rho = math.Max(-1, math.Min(1, rho))
	r.setValue(rho)
	n := float64(r.N)
	df := n - 2
	r.put("df", df)
	if math.Abs(rho) == 1 {
		r.put("p", 0)
		r.setCI(rho, rho)
		return r.sanitize()
	}
	t := rho * math.Sqrt(df/(1-rho*rho))
	r.put("t", t)
	r.put("p", tTwoSided(t, df))
	if r.N >= 4 {
		v := 1 / (n - 3)
		if ranked {
			v = 1.06 / (n - 3)
		}
		z := math.Atanh(rho)
		h := z975 * math.Sqrt(v)
		r.setCI(math.Tanh(z-h), math.Tanh(z+h))
	} else {
		r.addNote("confidence interval needs at least 4 pairs")
	}
	return r.sanitize()
}

// ranks returns average ranks (1-based; ties get the mean of their ranks).
func ranks(xs []float64) []float64 {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return xs[idx[a]] < xs[idx[b]] })
	out := make([]float64, len(xs))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && xs[idx[j+1]] == xs[idx[i]] {
			j++
		}
		avg := float64(i+j)/2 + 1
		for t := i; t <= j; t++ {
			out[idx[t]] = avg
		}
		i = j + 1
	}
	return out
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func sampleSD(xs []float64) float64 {
	m := mean(xs)
	ss := 0.0
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	return math.Sqrt(ss / float64(len(xs)-1))
}

// tinySS reports whether a sum of squared deviations is zero up to the
// rounding error of the values (so constant data count as constant).
func tinySS(ss float64, vals []float64) bool {
	maxAbs := 0.0
	for _, v := range vals {
		maxAbs = math.Max(maxAbs, math.Abs(v))
	}
	e := 1e-14 * maxAbs
	return ss <= float64(len(vals))*e*e
}

func finiteOnly(xs []float64) []float64 {
	out := make([]float64, 0, len(xs))
	for _, x := range xs {
		if finite(x) {
			out = append(out, x)
		}
	}
	return out
}
