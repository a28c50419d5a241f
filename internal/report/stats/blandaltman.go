package stats

import "math"

// BlandAltmanResult holds the Bland–Altman (1986) agreement statistics of
// two paired measurements (e.g. two raters' totals, or self-assessment vs
// external review). Each field is a Result of its own, so a part that is not
// defined (the SD of a single pair, say) says why.
type BlandAltmanResult struct {
	N       int `json:"n"`                 // complete pairs used
	Dropped int `json:"dropped,omitempty"` // pairs with a missing value
	// Bias is the mean difference a − b, with SE s/√n and a t-based 95 % CI.
	Bias Result `json:"bias"`
	// SD is the sample standard deviation s of the differences.
	SD Result `json:"sd"`
	// Lower and Upper are the 95 % limits of agreement bias ∓ 1.96 s, each
	// with the approximate SE √(3 s²/n) and t-based CI of Bland & Altman
	// (1986).
	Lower Result `json:"lower_limit"`
	Upper Result `json:"upper_limit"`
	// MeanAbsDiff is the mean absolute difference |a − b|.
	MeanAbsDiff Result `json:"mean_abs_diff"`
}

// BlandAltman compares paired measurements a[i] and b[i] (differences are
// a − b) by the method of Bland & Altman (1986, Lancet i:307–310). Pairs
// with a missing (NaN) or infinite value are dropped.
func BlandAltman(a, b []float64) BlandAltmanResult {
	out := BlandAltmanResult{
		Bias:        Result{Name: "Mean difference (bias, a − b)"},
		SD:          Result{Name: "SD of differences"},
		Lower:       Result{Name: "Lower limit of agreement (bias − 1.96 SD)"},
		Upper:       Result{Name: "Upper limit of agreement (bias + 1.96 SD)"},
		MeanAbsDiff: Result{Name: "Mean absolute difference"},
	}
	all := []*Result{&out.Bias, &out.SD, &out.Lower, &out.Upper, &out.MeanAbsDiff}
	fail := func(reason string) BlandAltmanResult {
		for _, r := range all {
			r.Reason = reason
			r.N = out.N
			r.Dropped = out.Dropped
			*r = r.sanitize()
		}
		return out
	}
	if len(a) != len(b) {
		return fail(ReasonLengthMismatch)
	}
	d := make([]float64, 0, len(a))
	for i := range a {
		if !finite(a[i]) || !finite(b[i]) {
			out.Dropped++
			continue
		}
		d = append(d, a[i]-b[i])
	}
	out.N = len(d)
	if out.N == 0 {
		return fail("no complete pairs")
	}
	n := float64(out.N)
	mean, mad := 0.0, 0.0
	for _, x := range d {
		mean += x
		mad += math.Abs(x)
	}
	mean /= n
	mad /= n
	for _, r := range all {
		r.N, r.Dropped = out.N, out.Dropped
	}
	out.Bias.setValue(mean)
	out.MeanAbsDiff.setValue(mad)
	if out.N < 2 {
		for _, r := range []*Result{&out.SD, &out.Lower, &out.Upper} {
			r.Reason = "fewer than 2 pairs"
		}
		for _, r := range all {
			*r = r.sanitize()
		}
		return out
	}
	ss := 0.0
	for _, x := range d {
		ss += (x - mean) * (x - mean)
	}
	sd := math.Sqrt(ss / (n - 1))
	out.SD.setValue(sd)
	t := tQuantile(0.975, n-1)
	seBias := sd / math.Sqrt(n)
	out.Bias.setSE(seBias)
	out.Bias.setCI(mean-t*seBias, mean+t*seBias)
	seLoA := math.Sqrt(3 * sd * sd / n)
	lo, hi := mean-1.96*sd, mean+1.96*sd
	out.Lower.setValue(lo)
	out.Lower.setSE(seLoA)
	out.Lower.setCI(lo-t*seLoA, lo+t*seLoA)
	out.Upper.setValue(hi)
	out.Upper.setSE(seLoA)
	out.Upper.setCI(hi-t*seLoA, hi+t*seLoA)
	for _, r := range all {
		*r = r.sanitize()
	}
	return out
}
