package stats

import (
	"math"
	"testing"
)

// Reference values computed with mpmath at 40 digits (regularized
// incomplete beta, bisection for quantiles) and textbook tables.
func TestRegIncBeta(t *testing.T) {
	cases := []struct {
		a, b, x float64
		want    string
	}{
		{2.5, 3.7, 0.3, "0.3190031752843087"},
		{0.5, 0.5, 0.01, "0.06376856085851985"},
		{50, 80, 0.4, "0.6450659221505504"},
		{3, 3, 0.5, "0.5000000000000000"},
	}
	for _, c := range cases {
		got, err := RegIncBeta(c.a, c.b, c.x)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "I_x(a,b)", got, c.want)
	}
	// Closed forms: I_x(a,1) = x^a, I_x(1,b) = 1 − (1 − x)^b, arcsine law.
	for _, x := range []float64{1e-8, 0.01, 0.2, 0.5, 0.77, 0.999} {
		for _, a := range []float64{0.3, 1, 2.5, 17} {
			got, _ := RegIncBeta(a, 1, x)
			if math.Abs(got-math.Pow(x, a)) > 1e-14 {
				t.Errorf("I_%g(%g,1) = %g, want %g", x, a, got, math.Pow(x, a))
			}
			got, _ = RegIncBeta(1, a, x)
			if want := 1 - math.Pow(1-x, a); math.Abs(got-want) > 1e-14 {
				t.Errorf("I_%g(1,%g) = %g, want %g", x, a, got, want)
			}
		}
		got, _ := RegIncBeta(0.5, 0.5, x)
		if want := 2 / math.Pi * math.Asin(math.Sqrt(x)); math.Abs(got-want) > 1e-14 {
			t.Errorf("I_%g(.5,.5) = %g, want %g", x, got, want)
		}
	}
	for _, bad := range [][3]float64{{0, 1, 0.5}, {1, -1, 0.5}, {1, 1, 1.5}, {math.NaN(), 1, 0.5}, {1, 1, math.NaN()}} {
		if _, err := RegIncBeta(bad[0], bad[1], bad[2]); err == nil {
			t.Errorf("RegIncBeta%v: want error", bad)
		}
	}
}

func TestFQuantile(t *testing.T) {
	cases := []struct {
		p, d1, d2 float64
		want      string
	}{
		{0.95, 5, 15, "2.901294536236"},
		{0.975, 5, 18, "3.381967805875"},
		{0.975, 18, 5, "6.361883204654"},
		{0.975, 5, 15, "3.576415349279"},
		{0.975, 15, 5, "6.427728167079"},
		{0.99, 2, 20, "5.848931924611"},
		{0.5, 3, 7, "0.870944253187"},
		{0.05, 4, 12, "0.169155247398"},
		{0.975, 5, 4.785, "7.498880528274"},
		{0.975, 1, 1000, "5.039051233476"},
		{0.999, 3, 3, "141.1084612045"},
	}
	for _, c := range cases {
		got, err := FQuantile(c.p, c.d1, c.d2)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "F quantile", got, c.want)
		// Round trip.
		p, _ := FCDF(got, c.d1, c.d2)
		if math.Abs(p-c.p) > 1e-12 {
			t.Errorf("FCDF(FQuantile(%g)) = %g", c.p, p)
		}
	}
	if _, err := FQuantile(1, 2, 3); err == nil {
		t.Error("FQuantile(1, …): want error")
	}
	if _, err := FQuantile(0.5, 0, 3); err == nil {
		t.Error("FQuantile(…, d1 = 0): want error")
	}
}

func TestFSurvival(t *testing.T) {
	// Example 1 (Shrout & Fleiss 1979): F = BMS/WMS on (5, 18).
	p, _ := FSurvival(11.241667/6.263889, 5, 18)
	near(t, "P(F(5,18) > 1.7946)", p, "0.1647688039")
	p, _ = FSurvival(0, 5, 18)
	if p != 1 {
		t.Errorf("FSurvival(0) = %g", p)
	}
	c, _ := FCDF(2.901294536236, 5, 15)
	near(t, "FCDF", c, "0.9500000000")
}

func TestTDistribution(t *testing.T) {
	near(t, "t(0.975, 10)", tQuantile(0.975, 10), "2.22813885198627")
	near(t, "t(0.975, 29)", tQuantile(0.975, 29), "2.04522964213270")
	// df = 1 is the Cauchy distribution: t_p = tan(π(p − ½)).
	for _, p := range []float64{0.6, 0.9, 0.975, 0.999} {
		got, _ := TQuantile(p, 1)
		if want := math.Tan(math.Pi * (p - 0.5)); math.Abs(got-want) > 1e-9*want {
			t.Errorf("t(%g, 1) = %.12g, want %.12g", p, got, want)
		}
	}
	// df = 2: t_p = (2p − 1)/√(2p(1 − p)).
	for _, p := range []float64{0.1, 0.3, 0.8, 0.99} {
		got, _ := TQuantile(p, 2)
		if want := (2*p - 1) / math.Sqrt(2*p*(1-p)); math.Abs(got-want) > 1e-12 {
			t.Errorf("t(%g, 2) = %.12g, want %.12g", p, got, want)
		}
	}
	c, _ := TCDF(2, 5)
	near(t, "TCDF(2, 5)", c, "0.949030260585071")
	c, _ = TCDF(-2, 5)
	near(t, "TCDF(-2, 5)", c, "0.050969739414929")
	near(t, "two-sided p", tTwoSided(2, 5), "0.101939478829858")
	near(t, "Φ(1.959964)", NormalCDF(z975), "0.9750000000000")
}
