package stats

import (
	"errors"
	"math"
)

// Distribution functions needed for p-values and confidence intervals: the
// regularized incomplete beta function and, built on it, the F and Student t
// distributions. The exported wrappers return an error instead of NaN for
// invalid arguments.

// ErrDomain is returned by the distribution functions for arguments outside
// their domain (non-positive degrees of freedom, probabilities outside
// [0, 1], NaN).
var ErrDomain = errors.New("stats: argument outside the domain of the distribution")

const (
	betaMaxIter = 20000
	betaEps     = 1e-16
	betaFPMin   = 1e-300
)

// RegIncBeta returns the regularized incomplete beta function I_x(a, b) for
// a, b > 0 and 0 ≤ x ≤ 1. It evaluates the continued fraction of Numerical
// Recipes (Press et al. 2007, §6.4) with the modified Lentz method.
func RegIncBeta(a, b, x float64) (float64, error) {
	if !(a > 0) || !(b > 0) || !(x >= 0 && x <= 1) || math.IsInf(a, 0) || math.IsInf(b, 0) {
		return 0, ErrDomain
	}
	return regIncBeta(a, b, x), nil
}

func regIncBeta(a, b, x float64) float64 {
	switch {
	case x <= 0:
		return 0
	case x >= 1:
		return 1
	}
	lbt := lgamma(a+b) - lgamma(a) - lgamma(b) + a*math.Log(x) + b*math.Log1p(-x)
	if x < (a+1)/(a+b+2) {
		return math.Exp(lbt) * betaCF(a, b, x) / a
	}
	return 1 - math.Exp(lbt)*betaCF(b, a, 1-x)/b
}

func lgamma(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}

// betaCF evaluates the continued fraction for I_x(a, b) by the modified
// Lentz method (Numerical Recipes, betacf).
func betaCF(a, b, x float64) float64 {
	qab, qap, qam := a+b, a+1, a-1
	c := 1.0
	d := 1 - qab*x/qap
	if math.Abs(d) < betaFPMin {
		d = betaFPMin
	}
	d = 1 / d
	h := d
	for m := 1; m <= betaMaxIter; m++ {
		fm := float64(m)
		m2 := 2 * fm
		aa := fm * (b - fm) * x / ((qam + m2) * (a + m2))
		d = 1 + aa*d
		if math.Abs(d) < betaFPMin {
			d = betaFPMin
		}
		c = 1 + aa/c
		if math.Abs(c) < betaFPMin {
			c = betaFPMin
		}
		d = 1 / d
		h *= d * c
		aa = -(a + fm) * (qab + fm) * x / ((a + m2) * (qap + m2))
		d = 1 + aa*d
		if math.Abs(d) < betaFPMin {
			d = betaFPMin
		}
		c = 1 + aa/c
		if math.Abs(c) < betaFPMin {
			c = betaFPMin
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < betaEps {
			break
		}
	}
	return h
}

// invRegIncBeta returns x with I_x(a, b) = p, by Newton steps safeguarded
// by bisection on the bracket [0, 1] (the CDF is monotone, so the bracket
// always shrinks and the iteration cannot diverge).
func invRegIncBeta(a, b, p float64) float64 {
	if p <= 0 {
		return 0
	}
	if p >= 1 {
		return 1
	}
	lbeta := lgamma(a) + lgamma(b) - lgamma(a+b)
	lo, hi := 0.0, 1.0
	x := a / (a + b)
	for i := 0; i < 1000; i++ {
		f := regIncBeta(a, b, x) - p
		if f == 0 {
			return x
		}
		if f < 0 {
			lo = x
		} else {
			hi = x
		}
		dens := math.Exp((a-1)*math.Log(x) + (b-1)*math.Log1p(-x) - lbeta)
		xn := math.NaN()
		if dens > 0 && finite(dens) {
			xn = x - f/dens
		}
		if !(xn > lo && xn < hi) {
			xn = lo + (hi-lo)/2
		}
		if math.Abs(xn-x) <= 1e-15*x || hi-lo <= 1e-300 {
			return xn
		}
		x = xn
	}
	return x
}

// FCDF returns P(F ≤ f) for the F distribution with d1 and d2 degrees of
// freedom: I_{d1 f/(d1 f + d2)}(d1/2, d2/2).
func FCDF(f, d1, d2 float64) (float64, error) {
	if !(d1 > 0) || !(d2 > 0) || math.IsNaN(f) || math.IsInf(d1, 0) || math.IsInf(d2, 0) {
		return 0, ErrDomain
	}
	if f <= 0 {
		return 0, nil
	}
	if math.IsInf(f, 1) {
		return 1, nil
	}
	return regIncBeta(d1/2, d2/2, d1*f/(d1*f+d2)), nil
}

// FSurvival returns the upper tail P(F > f), computed directly as
// I_{d2/(d2 + d1 f)}(d2/2, d1/2) so that small p-values keep their
// precision.
func FSurvival(f, d1, d2 float64) (float64, error) {
	if !(d1 > 0) || !(d2 > 0) || math.IsNaN(f) || math.IsInf(d1, 0) || math.IsInf(d2, 0) {
		return 0, ErrDomain
	}
	if f <= 0 {
		return 1, nil
	}
	if math.IsInf(f, 1) {
		return 0, nil
	}
	return regIncBeta(d2/2, d1/2, d2/(d2+d1*f)), nil
}

// FQuantile returns the p-quantile of the F distribution with d1 and d2
// degrees of freedom (d1, d2 need not be integers). For 0 < p < 1.
func FQuantile(p, d1, d2 float64) (float64, error) {
	if !(p > 0 && p < 1) || !(d1 > 0) || !(d2 > 0) || math.IsInf(d1, 0) || math.IsInf(d2, 0) {
		return 0, ErrDomain
	}
	return fQuantile(p, d1, d2), nil
}

func fQuantile(p, d1, d2 float64) float64 {
	if p > 0.5 {
		// Solve on the upper tail so that 1 − x keeps full precision.
		y := invRegIncBeta(d2/2, d1/2, 1-p) // y = d2/(d2 + d1 f)
		return d2 * (1 - y) / (d1 * y)
	}
	x := invRegIncBeta(d1/2, d2/2, p) // x = d1 f/(d1 f + d2)
	return d2 * x / (d1 * (1 - x))
}

// TCDF returns P(T ≤ t) for Student's t distribution with df degrees of
// freedom.
func TCDF(t, df float64) (float64, error) {
	if !(df > 0) || math.IsNaN(t) || math.IsInf(df, 0) {
		return 0, ErrDomain
	}
	if math.IsInf(t, 0) {
		if t > 0 {
			return 1, nil
		}
		return 0, nil
	}
	tail := 0.5 * regIncBeta(df/2, 0.5, df/(df+t*t))
	if t > 0 {
		return 1 - tail, nil
	}
	return tail, nil
}

// tTwoSided returns the two-sided p-value P(|T| ≥ |t|).
func tTwoSided(t, df float64) float64 {
	if math.IsInf(t, 0) {
		return 0
	}
	return regIncBeta(df/2, 0.5, df/(df+t*t))
}

// TQuantile returns the p-quantile of Student's t distribution with df
// degrees of freedom, using t²(df) = F(1, df).
func TQuantile(p, df float64) (float64, error) {
	if !(p > 0 && p < 1) || !(df > 0) || math.IsInf(df, 0) {
		return 0, ErrDomain
	}
	return tQuantile(p, df), nil
}

func tQuantile(p, df float64) float64 {
	if p == 0.5 {
		return 0
	}
	q := p
	if p < 0.5 {
		q = 1 - p
	}
	t := math.Sqrt(fQuantile(2*q-1, 1, df))
	if p < 0.5 {
		return -t
	}
	return t
}

// NormalCDF returns Φ(z), the standard normal distribution function.
func NormalCDF(z float64) float64 {
	return 0.5 * math.Erfc(-z/math.Sqrt2)
}

// normalTwoSided returns the two-sided p-value 2(1 − Φ(|z|)).
func normalTwoSided(z float64) float64 {
	return math.Erfc(math.Abs(z) / math.Sqrt2)
}
