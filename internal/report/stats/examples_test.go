package stats

import (
	"strings"
	"testing"
)

// Worked examples from /work/shared/domain/statistics-examples.md. Each
// value is checked to the decimals printed there (half a unit in the last
// printed place).

// Example 1: Shrout & Fleiss (1979), 6 targets × 4 judges (psych's sf).
var sf = rows([][]int{
	{9, 2, 5, 8},
	{6, 1, 3, 2},
	{8, 4, 6, 8},
	{7, 1, 2, 6},
	{10, 5, 6, 9},
	{6, 2, 4, 7},
})

func TestExample1ICC(t *testing.T) {
	all := ICCAll(sf)
	want := []struct {
		form      ICCForm
		v, lo, hi string
		paper     string
	}{
		{ICC11, "0.1657417684", "-0.132932", "0.722560", ".17"},
		{ICC21, "0.2897637795", "0.018787", "0.761084", ".29"},
		{ICC31, "0.7148407148", "0.342465", "0.945858", ".71"},
		{ICC1k, "0.4427971337", "-0.884442", "0.912415", ".44"},
		{ICC2k, "0.6200505476", "0.071137", "0.927232", ".62"},
		{ICC3k, "0.9093155424", "0.675675", "0.985892", ".91"},
	}
	for _, w := range want {
		r := all[w.form]
		if one := ICC(sf, w.form); one.Name != r.Name || *one.Value != *r.Value {
			t.Errorf("ICC(%v) differs from ICCAll", w.form)
		}
		nearResult(t, r, w.v)
		near(t, r.Name+" (paper)", value(t, r), "0"+w.paper)
		c := ci(t, r)
		near(t, r.Name+" CI lower", c.Lower, w.lo)
		near(t, r.Name+" CI upper", c.Upper, w.hi)
		if r.N != 6 || r.Raters != 4 || r.Dropped != 0 {
			t.Errorf("%s: N=%d Raters=%d Dropped=%d", r.Name, r.N, r.Raters, r.Dropped)
		}
	}
	for _, f := range []ICCForm{ICC11, ICC1k} {
		r := all[f]
		near(t, "F one-way", extra(t, r, "F"), "1.79")
		near(t, "p one-way", extra(t, r, "p"), "0.164769")
		if extra(t, r, "df1") != 5 || extra(t, r, "df2") != 18 {
			t.Errorf("%s df = %v", r.Name, r.Extra)
		}
	}
	for _, f := range []ICCForm{ICC21, ICC31, ICC2k, ICC3k} {
		r := all[f]
		near(t, "F two-way", extra(t, r, "F"), "11.03")
		near(t, "p two-way", extra(t, r, "p"), "0.000135")
		if extra(t, r, "df1") != 5 || extra(t, r, "df2") != 15 {
			t.Errorf("%s df = %v", r.Name, r.Extra)
		}
	}
	near(t, "Satterthwaite df", extra(t, all[ICC21], "df_ci"), "4.785")
	a, reason := ICCMeanSquares(sf)
	if reason != "" {
		t.Fatal(reason)
	}
	near(t, "BMS", a.MSB, "11.241667")
	near(t, "WMS", a.MSW, "6.263889")
	near(t, "JMS", a.MSJ, "32.486111")
	near(t, "EMS", a.MSE, "1.019444")
	if !strings.Contains(all[ICC21].Name, "absolute agreement") || !strings.Contains(all[ICC31].Name, "consistency") {
		t.Errorf("names: %q, %q", all[ICC21].Name, all[ICC31].Name)
	}
}

// Example 2: Krippendorff (2011), 4 observers × 12 units.
var kripp2011 = transpose(rows([][]int{
	{1, 2, 3, 3, 2, 1, 4, 1, 2, na, na, na},
	{1, 2, 3, 3, 2, 2, 4, 1, 2, 5, na, 3},
	{na, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, na},
	{1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, na},
}))

// Second Krippendorff example: 3 coders × 15 units.
var kripp3x15 = transpose(rows([][]int{
	{na, na, na, na, na, 3, 4, 1, 2, 1, 1, 3, 3, na, 3},
	{1, na, 2, 1, 3, 3, 4, 3, na, na, na, na, na, na, na},
	{na, na, 2, 1, 3, 4, 4, na, 2, 1, 1, 3, 3, na, 4},
}))

func TestExample2Krippendorff(t *testing.T) {
	for _, c := range []struct {
		m          Metric
		short, ful string
	}{
		{MetricNominal, "0.743", "0.743421"},
		{MetricOrdinal, "0.815", "0.815388"},
		{MetricInterval, "0.849", "0.849107"},
		{MetricRatio, "0.797", "0.797403"},
	} {
		r := KrippendorffAlpha(kripp2011, c.m)
		nearResult(t, r, c.ful)
		nearResult(t, r, c.short)
		if got := extra(t, r, "pairable_values"); got != 40 {
			t.Errorf("%s: pairable values %v, want 40", r.Name, got)
		}
		if r.N != 11 || r.Dropped != 1 || r.Raters != 4 {
			t.Errorf("%s: N=%d Dropped=%d Raters=%d", r.Name, r.N, r.Dropped, r.Raters)
		}
	}
	nearResult(t, KrippendorffAlpha(kripp3x15, MetricNominal), "0.691358")
	nearResult(t, KrippendorffAlpha(kripp3x15, MetricInterval), "0.810845")
}

// Example 3a: irr's anxiety data, raters 2 and 3.
var (
	anxiety2 = floats(3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4)
	anxiety3 = floats(2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2)
)

func TestExample3aKappaLevels(t *testing.T) {
	obs := ObservedLevels(anxiety2, anxiety3)
	if len(obs) != 5 || obs[4] != 6 {
		t.Fatalf("observed levels %v", obs)
	}
	// irr convention: weights on the observed levels {1,2,3,4,6} as ranks.
	u := CohenKappa(anxiety2, anxiety3, obs, Unweighted)
	nearResult(t, u, "-0.006289308")
	near(t, "irr z", extra(t, u, "z"), "-0.0604067")
	nearResult(t, CohenKappa(anxiety2, anxiety3, obs, Linear), "0.1459075")
	nearResult(t, CohenKappa(anxiety2, anxiety3, obs, Quadratic), "0.2520325")
	// Fixed scale levels 1–6.
	scale := LevelRange(1, 6)
	nearResult(t, CohenKappa(anxiety2, anxiety3, scale, Unweighted), "-0.006289308")
	lin := CohenKappa(anxiety2, anxiety3, scale, Linear)
	nearResult(t, lin, "0.1262136")
	nearResult(t, CohenKappa(anxiety2, anxiety3, scale, Quadratic), "0.2297980")
	if !strings.Contains(lin.Name, "scale levels 1–6") {
		t.Errorf("name %q does not say which levels", lin.Name)
	}
	if u.N != 20 || u.Raters != 2 {
		t.Errorf("N=%d Raters=%d", u.N, u.Raters)
	}
}

func TestExample3bAbstractors(t *testing.T) {
	tab := table([][]int{{13, 0, 0}, {0, 20, 7}, {0, 4, 56}})
	u := CohenKappaTable(tab, Unweighted)
	nearResult(t, u, "0.7964094")
	near(t, "se unweighted", se(t, u), "0.05891072")
	nearResult(t, CohenKappaTable(tab, Linear), "0.843")
	nearResult(t, CohenKappaTable(tab, Linear), "0.8429020")
	q := CohenKappaTable(tab, Quadratic)
	nearResult(t, q, "0.8921569")
	near(t, "se quadratic", se(t, q), "0.03535151")
	if u.N != 100 {
		t.Errorf("N = %d", u.N)
	}
}

func TestExample3cDiagnosis(t *testing.T) {
	tab := table([][]int{{40, 4, 4, 17}, {6, 25, 2, 13}, {4, 1, 21, 12}, {15, 5, 9, 45}})
	for _, c := range []struct {
		w          Weighting
		short, ful string
	}{
		{Unweighted, "0.432", "0.4315008"},
		{Linear, "0.407", "0.4068109"},
		{Quadratic, "0.383", "0.3831859"},
	} {
		r := CohenKappaTable(tab, c.w)
		nearResult(t, r, c.short)
		nearResult(t, r, c.ful)
	}
}

func TestExample3dScikitLearn(t *testing.T) {
	tab := table([][]int{{46, 0, 0}, {4, 40, 0}, {0, 0, 10}})
	nearResult(t, CohenKappaTable(tab, Unweighted), "0.9315")
	nearResult(t, CohenKappaTable(tab, Linear), "0.9412")
	nearResult(t, CohenKappaTable(tab, Quadratic), "0.9541")
}

func TestExample3eCohen1968(t *testing.T) {
	props := [][]float64{{.44, .07, .09}, {.05, .20, .05}, {.01, .03, .06}}
	tab := make([][]float64, 3)
	for i := range props {
		tab[i] = make([]float64, 3)
		for j := range props[i] {
			tab[i][j] = props[i][j] * 200
		}
	}
	v := [][]float64{{0, 1, 3}, {1, 0, 6}, {3, 6, 0}}
	nearResult(t, CohenKappaTable(tab, Unweighted), ".492")
	nearResult(t, CohenKappaTable(tab, Unweighted), "0.49153")
	w := CohenKappaDisagreement(tab, v)
	nearResult(t, w, ".348")
	nearResult(t, w, "0.34783")
	if w.N != 200 {
		t.Errorf("N = %d", w.N)
	}
}

func TestExample3fSAS(t *testing.T) {
	tab := table([][]int{{0, 4, 1}, {0, 8, 0}, {0, 1, 5}})
	u := CohenKappaTable(tab, Unweighted)
	nearResult(t, u, "0.4842")
	near(t, "ASE", se(t, u), "0.1380")
	near(t, "CI lower", ci(t, u).Lower, "0.2137")
	near(t, "CI upper", ci(t, u).Upper, "0.7547")
	l := CohenKappaTable(tab, Linear)
	nearResult(t, l, "0.4701")
	near(t, "ASE linear", se(t, l), "0.1457")
	near(t, "CI lower linear", ci(t, l).Lower, "0.1845")
	near(t, "CI upper linear", ci(t, l).Upper, "0.7558")
}

// Example 4: irrCAC cac.raw4raters (Gwet 2014, p. 120) — the Krippendorff
// data with unit 12's single value under rater 3.
var raw4raters = rows([][]int{
	{1, 1, na, 1},
	{2, 2, 3, 2},
	{3, 3, 3, 3},
	{3, 3, 3, 3},
	{2, 2, 2, 2},
	{1, 2, 3, 4},
	{4, 4, 4, 4},
	{1, 1, 2, 1},
	{2, 2, 2, 2},
	{na, 5, 5, 5},
	{na, na, 1, 1},
	{na, na, 3, na},
})

func TestExample4Gwet(t *testing.T) {
	levels := LevelRange(1, 5)
	ac1 := GwetAC(raw4raters, levels, Unweighted)
	nearResult(t, ac1, "0.77544")
	near(t, "pa", extra(t, ac1, "pa"), "0.8181818")
	near(t, "pe", extra(t, ac1, "pe"), "0.1903212")
	near(t, "se", se(t, ac1), "0.14295")
	if ac1.N != 12 || ac1.Raters != 4 || ac1.Name != "Gwet's AC1" {
		t.Errorf("N=%d Raters=%d Name=%q", ac1.N, ac1.Raters, ac1.Name)
	}
	// Dropping the single-rated unit 12 (recomputed value).
	nearResult(t, GwetAC(PairableOnly(raw4raters), levels, Unweighted), "0.77515")

	q := GwetAC(raw4raters, levels, Quadratic)
	nearResult(t, q, "0.914")
	near(t, "pa quadratic", extra(t, q, "pa"), "0.9753788")
	near(t, "pe quadratic", extra(t, q, "pe"), "0.7137044")
	nearResult(t, GwetAC(raw4raters, levels, Linear), "0.859")

	nearResult(t, FleissKappa(raw4raters, levels), "0.76117")
	nearResult(t, KrippendorffAlpha(raw4raters, MetricNominal), "0.74342")
}

func TestExample4GwetTables(t *testing.T) {
	abstractors := table([][]int{{13, 0, 0}, {0, 20, 7}, {0, 4, 56}})
	r := GwetACTable(abstractors, Unweighted)
	nearResult(t, r, "0.8493305")
	near(t, "se", se(t, r), "0.04321747")
	diagnosis := table([][]int{{40, 4, 4, 17}, {6, 25, 2, 13}, {4, 1, 21, 12}, {15, 5, 9, 45}})
	nearResult(t, GwetACTable(diagnosis, Unweighted), "0.456")
	nearResult(t, GwetACTable(diagnosis, Unweighted), "0.4561576")
}

// Example 5: irr's diagnoses (Fleiss 1971), 30 subjects × 6 raters.
const diagnosesText = `
444444 222555 233335 555555 222444
113333 333355 113334 114444 555555
144444 124444 222333 144444 224445
333335 111455 111112 224444 133555
555555 244444 224555 114444 144445
222224 111155 224444 133333 555555`

func diagnoses() [][]float64 {
	var out [][]float64
	for _, tok := range strings.Fields(diagnosesText) {
		row := make([]float64, len(tok))
		for i, c := range tok {
			row[i] = float64(c - '0')
		}
		out = append(out, row)
	}
	return out
}

func TestExample5Fleiss(t *testing.T) {
	d := diagnoses()
	if len(d) != 30 {
		t.Fatalf("%d subjects", len(d))
	}
	levels := LevelRange(1, 5)
	k := FleissKappa(d, levels)
	nearResult(t, k, "0.4302445")
	near(t, "z", extra(t, k, "z"), "17.65183")
	for i, want := range []string{"0.244755", "0.244755", "0.52", "0.471127", "0.566118"} {
		near(t, "kappa per level", extra(t, k, "kappa_level_"+itoa(i+1)), want)
	}
	if k.N != 30 || k.Raters != 6 {
		t.Errorf("N=%d Raters=%d", k.N, k.Raters)
	}
	first := d[:15]
	nearResult(t, FleissKappa(first, levels), "0.4139265")
	nearResult(t, GwetAC(first, levels, Unweighted), "0.4448007")
}
