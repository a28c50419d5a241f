package stats

import "math"

// ICCForm selects one of the six intraclass correlations of Shrout & Fleiss
// (1979), named by McGraw & Wong (1996) in the comments.
type ICCForm int

const (
	// ICC11 is ICC(1,1): one-way random effects, absolute agreement,
	// single rater (McGraw & Wong ICC(1)).
	ICC11 ICCForm = iota
	// ICC21 is ICC(2,1): two-way random effects, absolute agreement,
	// single rater (McGraw & Wong ICC(A,1)).
	ICC21
	// ICC31 is ICC(3,1): two-way mixed effects, consistency, single rater
	// (McGraw & Wong ICC(C,1)).
	ICC31
	// ICC1k is ICC(1,k): one-way random effects, absolute agreement, mean
	// of k raters (McGraw & Wong ICC(k)).
	ICC1k
	// ICC2k is ICC(2,k): two-way random effects, absolute agreement, mean
	// of k raters (McGraw & Wong ICC(A,k)).
	ICC2k
	// ICC3k is ICC(3,k): two-way mixed effects, consistency, mean of k
	// raters (McGraw & Wong ICC(C,k)).
	ICC3k
)

var iccNames = [...]string{
	"ICC(1,1) one-way random effects, absolute agreement, single rater",
	"ICC(2,1) two-way random effects, absolute agreement, single rater",
	"ICC(3,1) two-way mixed effects, consistency, single rater",
	"ICC(1,k) one-way random effects, absolute agreement, mean of k raters",
	"ICC(2,k) two-way random effects, absolute agreement, mean of k raters",
	"ICC(3,k) two-way mixed effects, consistency, mean of k raters",
}

// String returns the Shrout & Fleiss label and McGraw & Wong description.
func (f ICCForm) String() string {
	if f < ICC11 || f > ICC3k {
		return "ICC (unknown form)"
	}
	return iccNames[f]
}

// ICCAnova holds the mean squares of the two-way layout (targets × raters)
// on which the intraclass correlations are built.
type ICCAnova struct {
	N       int     `json:"n"`       // targets (complete rows)
	K       int     `json:"k"`       // raters
	Dropped int     `json:"dropped"` // rows left out for missing ratings
	MSB     float64 `json:"msb"`     // between targets (BMS), df n − 1
	MSW     float64 `json:"msw"`     // within targets (WMS), df n(k − 1)
	MSJ     float64 `json:"msj"`     // between raters (JMS), df k − 1
	MSE     float64 `json:"mse"`     // residual (EMS), df (n − 1)(k − 1)
	SST     float64 `json:"sst"`     // total sum of squares
}

// ICC returns one intraclass correlation from an n × k matrix
// data[target][rater]; see [ICCAll] for the formulas.
func ICC(data [][]float64, form ICCForm) Result {
	if form < ICC11 || form > ICC3k {
		return undefined(form.String(), "unknown ICC form")
	}
	return ICCAll(data)[form]
}

// ICCAll returns the six intraclass correlations of Shrout & Fleiss (1979)
// in the order ICC(1,1), ICC(2,1), ICC(3,1), ICC(1,k), ICC(2,k), ICC(3,k),
// computed exactly as R psych::ICC does. data[target][rater]; rows with a
// missing (NaN), infinite or absent rating are dropped (complete cases; the
// count is in Dropped), k is the longest row.
//
// With mean squares MSB (targets), MSW (within targets), MSJ (raters), MSE
// (residual):
//
//	ICC(1,1) = (MSB − MSW) / (MSB + (k−1)MSW)
//	ICC(2,1) = (MSB − MSE) / (MSB + (k−1)MSE + k(MSJ − MSE)/n)
//	ICC(3,1) = (MSB − MSE) / (MSB + (k−1)MSE)
//	ICC(1,k) = (MSB − MSW) / MSB
//	ICC(2,k) = (MSB − MSE) / (MSB + (MSJ − MSE)/n)
//	ICC(3,k) = (MSB − MSE) / MSB
//
// F tests (Extra "F", "df1", "df2", "p"): MSB/MSW on (n−1, n(k−1)) for the
// one-way forms, MSB/MSE on (n−1, (n−1)(k−1)) for the two-way forms. 95 %
// confidence intervals follow Shrout & Fleiss (1979) and McGraw & Wong
// (1996); ICC(2,·) uses the Satterthwaite-type degrees of freedom ν
// (Extra "df_ci") as psych does. Extra also holds the mean squares. When
// that approximate interval excludes its own estimate (strongly negative
// ICC(2,1), ν → 0) it is left out with a Note. Perfect agreement gives 1
// with the interval [1, 1] and p = 0.
func ICCAll(data [][]float64) []Result {
	a, reason := ICCMeanSquares(data)
	out := make([]Result, 6)
	for f := range out {
		out[f] = Result{Name: ICCForm(f).String(), N: a.N, Raters: a.K, Dropped: a.Dropped}
		if reason != "" {
			out[f].Reason = reason
			out[f] = out[f].sanitize()
		}
	}
	if reason != "" {
		return out
	}
	n, k := float64(a.N), float64(a.K)
	msb, msw, msj, mse := a.MSB, a.MSW, a.MSJ, a.MSE
	const alpha = 1 - confLevel

	// Values.
	vals := [6]struct{ num, den float64 }{
		{msb - msw, msb + (k-1)*msw},
		{msb - mse, msb + (k-1)*mse + k*(msj-mse)/n},
		{msb - mse, msb + (k-1)*mse},
		{msb - msw, msb},
		{msb - mse, msb + (msj-mse)/n},
		{msb - mse, msb},
	}
	// A denominator is a sum of mean squares of both signs: one that is
	// zero up to rounding (targets whose means agree but for the last bits)
	// would turn cancellation noise into an ICC of -1e14.
	tiny := 1e-12 * (msb + msw + msj + mse)
	for f, v := range vals {
		r := &out[f]
		if v.den <= tiny || a.SST == 0 {
			if a.SST == 0 {
				r.Reason = ReasonNoVariance
			} else {
				r.Reason = "no variance between targets"
			}
			continue
		}
		r.setValue(v.num / v.den)
		r.put("MSB", msb)
		r.put("MSW", msw)
		r.put("MSJ", msj)
		r.put("MSE", mse)
	}

	// F tests.
	df1n, df1d := n-1, n*(k-1)
	df2n, df2d := n-1, (n-1)*(k-1)
	for _, f := range []ICCForm{ICC11, ICC1k} {
		putF(&out[f], msb, msw, df1n, df1d)
	}
	for _, f := range []ICCForm{ICC21, ICC31, ICC2k, ICC3k} {
		putF(&out[f], msb, mse, df2n, df2d)
	}

	// One-way and consistency intervals (Shrout & Fleiss 1979, Table 4).
	if out[ICC11].Value != nil {
		if msw == 0 {
			out[ICC11].setCI(1, 1)
			out[ICC1k].setCI(1, 1)
		} else {
			f := msb / msw
			fl := f / fQuantile(1-alpha/2, df1n, df1d)
			fu := f * fQuantile(1-alpha/2, df1d, df1n)
			out[ICC11].setCI((fl-1)/(fl+k-1), (fu-1)/(fu+k-1))
			if out[ICC1k].Value != nil {
				out[ICC1k].setCI(1-1/fl, 1-1/fu)
			}
		}
	}
	if out[ICC31].Value != nil {
		if mse == 0 {
			out[ICC31].setCI(1, 1)
			out[ICC3k].setCI(1, 1)
		} else {
			f := msb / mse
			fl := f / fQuantile(1-alpha/2, df2n, df2d)
			fu := f * fQuantile(1-alpha/2, df2d, df2n)
			out[ICC31].setCI((fl-1)/(fl+k-1), (fu-1)/(fu+k-1))
			if out[ICC3k].Value != nil {
				out[ICC3k].setCI(1-1/fl, 1-1/fu)
			}
		}
	}

	// Absolute-agreement intervals with Satterthwaite-type df (McGraw &
	// Wong 1996, Table 7, case 2A), as in psych::ICC.
	if v, ok := out[ICC21].Float(); ok {
		switch {
		case mse == 0 && msj == 0:
			out[ICC21].setCI(1, 1)
			out[ICC2k].setCI(1, 1)
		default:
			var nu float64
			if mse == 0 {
				nu = k - 1 // limit of the formula as MSJ/MSE → ∞
			} else {
				fj := msj / mse
				a := k*v*fj + n*(1+(k-1)*v) - k*v
				nu = (k - 1) * (n - 1) * a * a /
					((n-1)*k*k*v*v*fj*fj + (n*(1+(k-1)*v)-k*v)*(n*(1+(k-1)*v)-k*v))
			}
			if finite(nu) && nu > 0 {
				fu := fQuantile(1-alpha/2, n-1, nu)
				fl := fQuantile(1-alpha/2, nu, n-1)
				d := k*msj + (k*n-k-n)*mse
				lo := n * (msb - fu*mse) / (fu*d + n*msb)
				hi := n * (fl*msb - mse) / (d + n*fl*msb)
				out[ICC21].setCI(lo, hi)
				out[ICC21].put("df_ci", nu)
				if out[ICC2k].Value != nil {
					out[ICC2k].setCI(lo*k/(1+lo*(k-1)), hi*k/(1+hi*(k-1)))
					out[ICC2k].put("df_ci", nu)
				}
			} else {
				out[ICC21].addNote("confidence interval not defined for these data")
				out[ICC2k].addNote("confidence interval not defined for these data")
			}
		}
	}
	for f := range out {
		out[f] = out[f].sanitize()
	}
	return out
}

// putF stores the F test MS1/MS2 on (d1, d2) degrees of freedom.
func putF(r *Result, ms1, ms2, d1, d2 float64) {
	if r.Value == nil {
		return
	}
	r.put("df1", d1)
	r.put("df2", d2)
	if ms2 == 0 {
		r.put("p", 0)
		r.addNote("F is infinite (no residual variance)")
		return
	}
	f := ms1 / ms2
	r.put("F", f)
	if p, err := FSurvival(f, d1, d2); err == nil {
		r.put("p", p)
	}
}

// ICCMeanSquares returns the ANOVA mean squares of the complete rows of
// data[target][rater], or a plain-words reason why they cannot be formed.
// The residual sum of squares is accumulated directly (not by subtraction),
// so it is never negative.
func ICCMeanSquares(data [][]float64) (ICCAnova, string) {
	k := maxRowLen(data)
	a := ICCAnova{K: k}
	rows := make([][]float64, 0, len(data))
	for _, row := range data {
		ok := len(row) == k
		for _, x := range row {
			if !finite(x) {
				ok = false
				break
			}
		}
		if ok {
			rows = append(rows, row)
		} else {
			a.Dropped++
		}
	}
	a.N = len(rows)
	switch {
	case len(data) == 0:
		return a, ReasonNoData
	case k < 2:
		return a, ReasonOneRater
	case a.N == 0:
		return a, "no target has ratings from all raters"
	case a.N < 2:
		return a, ReasonFewUnits + " with ratings from all raters"
	}
	n, fk := float64(a.N), float64(k)
	rowMean := make([]float64, a.N)
	colMean := make([]float64, k)
	grand := 0.0
	for i, row := range rows {
		for j, x := range row {
			rowMean[i] += x
			colMean[j] += x
			grand += x
		}
		rowMean[i] /= fk
	}
	for j := range colMean {
		colMean[j] /= n
	}
	grand /= n * fk
	var ssb, ssj, ssw, sse, sst, maxAbs float64
	for i, row := range rows {
		d := rowMean[i] - grand
		ssb += d * d
		for j, x := range row {
			w := x - rowMean[i]
			ssw += w * w
			e := x - rowMean[i] - colMean[j] + grand
			sse += e * e
			t := x - grand
			sst += t * t
			if ax := math.Abs(x); ax > maxAbs {
				maxAbs = ax
			}
		}
	}
	ssb *= fk
	for _, c := range colMean {
		d := c - grand
		ssj += d * d
	}
	ssj *= n
	// Snap rounding noise to exact zeros, so that constant data are
	// recognised and perfect agreement gives exactly 1.
	if sst <= n*fk*(1e-14*maxAbs)*(1e-14*maxAbs) {
		sst, ssb, ssj, ssw, sse = 0, 0, 0, 0, 0
	}
	for _, ss := range []*float64{&ssb, &ssj, &ssw, &sse} {
		if *ss < 1e-13*sst {
			*ss = 0
		}
	}
	a.MSB = ssb / (n - 1)
	a.MSW = ssw / (n * (fk - 1))
	a.MSJ = ssj / (fk - 1)
	a.MSE = sse / ((n - 1) * (fk - 1))
	a.SST = sst
	if !finite(a.MSB) || !finite(a.MSW) || !finite(a.MSJ) || !finite(a.MSE) {
		return a, ReasonNotFinite
	}
	return a, ""
}
