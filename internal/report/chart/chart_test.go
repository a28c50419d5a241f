package chart

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name.golden.svg, or rewrites it with
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	checkSVG(t, name, got)
	path := filepath.Join("testdata", name+".golden.svg")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s (run go test -update and review the diff)", name, path)
	}
}

func goiBandsEN() []Band {
	return []Band{
		{Label: "Good", From: 4, To: 5, Threshold: true},
		{Label: "Fair", From: 3, To: 3.99},
		{Label: "Poor", From: 1, To: 2.99},
	}
}

func TestGolden(t *testing.T) {
	cases := map[string][]byte{
		"trend-nb":         exampleTrend().SVG(),
		"profile-nb":       exampleProfile().SVG(),
		"radar-nb":         exampleRadar().SVG(),
		"heatmap-nb":       exampleHeatmap().SVG(),
		"bands-nb":         exampleBands(false).SVG(),
		"bands-stacked-nb": exampleBands(true).SVG(),
		"trend-goi-en": TrendChart{
			Title: "Team North: general organisational index", YLabel: "GOI mean (1–5)",
			Min: 1, Max: 5, Bands: goiBandsEN(), Lang: "en",
			Series: []Series{{Name: "External review", Points: []Point{
				{Date: date(2022, 11, 3), Value: 2.6},
				{Date: date(2023, 6, 1), Value: 3.45},
				{Date: date(2024, 5, 21), Value: 4.1, Label: "4.1 (good)"},
			}}},
		}.SVG(),
		"profile-en-missing": ItemProfile{
			Title: "Items", Lang: "en",
			Items: []Item{
				{ID: "S1", Label: "Caseload size", Section: "Staffing", Value: 5, Previous: 4},
				{ID: "S2", Label: "Employment services staff", Section: "Staffing", Value: math.NaN(), Previous: 3},
				{ID: "O1", Label: "Integration with mental-health treatment through team assignment", Section: "Organization", Value: 1},
			},
		}.SVG(),
		"heatmap-en-small": Heatmap{
			Title: "Three sites", Lang: "en",
			Rows:    []HeatmapRow{{ID: "S1", Label: "Caseload size", Section: "Staffing"}, {ID: "S2", Label: "Employment services staff", Section: "Staffing"}},
			Columns: []string{"North", "South", "A very long site name that will certainly be truncated"},
			Values:  [][]float64{{1, 2, 3}, {4, 5}},
		}.SVG(),
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) { golden(t, name, b) })
	}
}

func TestDeterministic(t *testing.T) {
	a, b := exampleHeatmap().SVG(), exampleHeatmap().SVG()
	if !bytes.Equal(a, b) {
		t.Fatal("two renderings of the same heatmap differ")
	}
	p1, _ := exampleHeatmap().PNG()
	p2, _ := exampleHeatmap().PNG()
	if !bytes.Equal(p1, p2) {
		t.Fatal("two PNG renderings differ")
	}
}

const evil = `<script>&"x"`

func TestEscaping(t *testing.T) {
	docs := map[string][]byte{
		"trend": TrendChart{Title: evil, Subtitle: evil, Caption: evil, YLabel: evil, XLabel: evil,
			Min: 0, Max: 10, Bands: []Band{{Label: evil, From: 0, To: 10, Threshold: true}},
			Series: []Series{{Name: evil, Points: []Point{{Date: date(2024, 1, 1), Value: 5, Label: evil}}}, {Name: "b"}}}.SVG(),
		"profile": ItemProfile{Title: evil, CurrentName: evil, PreviousName: evil,
			Items: []Item{{ID: evil, Label: evil, Section: evil, Value: 3, Previous: 2}}}.SVG(),
		"heatmap": Heatmap{Title: evil, Rows: []HeatmapRow{{ID: evil, Label: evil, Section: evil}},
			Columns: []string{evil, "Nav Ås & Vestby"}, Values: [][]float64{{3, math.NaN()}}}.SVG(),
		"bands": BandDistribution{Title: evil, YLabel: evil, XLabel: evil, Bands: []string{evil},
			Periods: []BandPeriod{{Name: evil, Counts: []int{3}}, {Name: "b", Counts: []int{1}}}}.SVG(),
		"stacked": BandDistribution{Title: evil, Bands: []string{evil}, Stacked: true,
			Periods: []BandPeriod{{Name: evil, Counts: []int{3}}}}.SVG(),
		"nodata": TrendChart{Title: evil}.SVG(),
		"control": TrendChart{Title: "bell\x07 and invalid \xff utf-8",
			Series: []Series{{Points: []Point{{Date: date(2024, 1, 1), Value: 1}}}}}.SVG(),
	}
	for name, b := range docs {
		checkSVG(t, name, b)
		s := string(b)
		if strings.Contains(s, "<script") || strings.Contains(s, `"x"`) {
			t.Errorf("%s: unescaped user text in output", name)
		}
		if name != "control" && !strings.Contains(s, "&lt;script&gt;&amp;&#34;x&#34;") {
			t.Errorf("%s: escaped title not found", name)
		}
	}
}

func TestEmptyData(t *testing.T) {
	for _, lang := range []string{"en", "nb"} {
		want := getLang(lang).noData
		docs := map[string][]byte{
			"trend":         TrendChart{Title: "T", Lang: lang}.SVG(),
			"trend-nanonly": TrendChart{Title: "T", Lang: lang, Series: []Series{{Points: []Point{{Date: date(2024, 1, 1), Value: math.NaN()}, {Value: 3}}}}}.SVG(),
			"profile":       ItemProfile{Title: "T", Lang: lang}.SVG(),
			"radar":         Radar{Title: "T", Lang: lang}.SVG(),
			"heatmap":       Heatmap{Title: "T", Lang: lang, Rows: []HeatmapRow{{ID: "S1"}}}.SVG(),
			"bands":         BandDistribution{Title: "T", Lang: lang, Bands: []string{"a"}, Periods: []BandPeriod{{Name: "p", Counts: []int{0}}}}.SVG(),
		}
		for name, b := range docs {
			checkSVG(t, name, b)
			if !strings.Contains(string(b), ">"+want+"<") {
				t.Errorf("%s/%s: no %q message", lang, name, want)
			}
		}
	}
	for _, f := range []func() ([]byte, error){TrendChart{}.PNG, ItemProfile{}.PNG, Radar{}.PNG, Heatmap{}.PNG, BandDistribution{}.PNG} {
		b, err := f()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := png.Decode(bytes.NewReader(b)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSinglePoint(t *testing.T) {
	b := TrendChart{Title: "One review", Min: 25, Max: 125, Bands: ipsBandsNB(),
		Series: []Series{{Name: "Review", Points: []Point{{Date: date(2024, 9, 12), Value: 88}}}}}.SVG()
	checkSVG(t, "single", b)
	s := string(b)
	if !strings.Contains(s, ">88</text>") {
		t.Error("value label of the single point is missing")
	}
	if strings.Count(s, "<circle") != 2 { // legend marker and the point
		t.Errorf("want 2 circles, got %d", strings.Count(s, "<circle"))
	}
	if strings.Contains(s, "<polyline") {
		t.Error("a single point should not draw a line")
	}
}

func TestNaNSkipped(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	b := TrendChart{Title: "Skipped values", Min: nan, Max: inf, Bands: []Band{{Label: "bad", From: nan, To: 3}, {Label: "ok", From: 0, To: 100}},
		Series: []Series{{Points: []Point{
			{Date: date(2024, 1, 1), Value: 10},
			{Date: date(2024, 6, 1), Value: nan},
			{Date: date(2024, 9, 1), Value: math.Inf(-1)},
			{Date: date(2025, 1, 1), Value: 20},
		}}}}.SVG()
	checkSVG(t, "trend", b)
	if n := strings.Count(string(b), "<circle"); n != 2 {
		t.Errorf("want the 2 finite points drawn, got %d circles", n)
	}
	if strings.Contains(string(b), ">bad<") {
		t.Error("a band with a NaN edge should be skipped")
	}
	for name, doc := range map[string][]byte{
		"profile": ItemProfile{Min: nan, Max: nan, Items: []Item{{ID: "a", Value: nan, Previous: inf}, {ID: "b", Value: 4, Previous: nan}}}.SVG(),
		"heatmap": Heatmap{Min: inf, Max: nan, Rows: []HeatmapRow{{ID: "a"}, {ID: "b"}}, Columns: []string{"x", "y"},
			Values: [][]float64{{nan, inf}, {3}}}.SVG(),
		"bands": BandDistribution{Bands: []string{"a", "b"}, Periods: []BandPeriod{{Name: "p", Counts: []int{-4, 2}}}}.SVG(),
	} {
		checkSVG(t, name, doc)
	}
}

func TestNorwegianMonths(t *testing.T) {
	b := TrendChart{Title: "Måneder", Lang: "nb", Min: 25, Max: 125, Series: []Series{{Points: []Point{
		{Date: date(2024, 1, 10), Value: 80},
		{Date: date(2024, 5, 10), Value: 90},
		{Date: date(2024, 10, 10), Value: 95},
		{Date: date(2024, 12, 10), Value: 100},
	}}}}.SVG()
	s := string(b)
	for _, m := range []string{">mai<", ">jan.<", ">2024<"} {
		if !strings.Contains(s, m) {
			t.Errorf("missing Norwegian tick %s", m)
		}
	}
	if strings.Contains(s, ">May<") || strings.Contains(s, ">Oct<") {
		t.Error("English month names in a Norwegian chart")
	}
	if !strings.Contains(s, "Evalueringsdato") {
		t.Error("default Norwegian axis title missing")
	}
	if !strings.Contains(Heatmap{Lang: "nb-NO", Rows: []HeatmapRow{{ID: "a"}}, Columns: []string{"x"}, Values: [][]float64{{3.4}}}.Description(), "3,4") {
		t.Error("Norwegian decimal comma not used")
	}
}

func TestDateTicks(t *testing.T) {
	l := getLang("en")
	cases := []struct {
		from, to time.Time
		want     string
	}{
		{date(2024, 3, 1), date(2024, 3, 9), "3 Mar"},
		{date(2023, 1, 1), date(2025, 1, 1), "Jul"},
		{date(1990, 1, 1), date(2024, 1, 1), "2000"},
	}
	for _, c := range cases {
		ticks := dateTicks(unixf(c.from), unixf(c.to), 8, l)
		if len(ticks) < 2 || len(ticks) > 8 {
			t.Errorf("%v–%v: %d ticks", c.from, c.to, len(ticks))
		}
		found := false
		for _, tk := range ticks {
			found = found || tk.line1 == c.want
		}
		if !found {
			t.Errorf("%v–%v: no tick %q in %+v", c.from, c.to, c.want, ticks)
		}
	}
}

// TestContrast checks that the number printed in a heatmap cell keeps at
// least 4.5:1 contrast on every colour of the ramp.
func TestContrast(t *testing.T) {
	for i := 0; i <= 100; i++ {
		bg := ramp(float64(i) / 100)
		if r := contrast(bg, inkOn(bg)); r < 4.5 {
			t.Errorf("ramp(%.2f) = %s: text contrast %.2f", float64(i)/100, hex(bg), r)
		}
	}
	for i := range 4 {
		if r := contrast(parseHex(labelInk(i)), bandTint(0, 2)); r < 4.5 {
			t.Errorf("label ink %d: contrast %.2f", i, r)
		}
	}
}

func TestPNG(t *testing.T) {
	for name, f := range map[string]func() ([]byte, error){
		"trend":   exampleTrend().PNG,
		"profile": exampleProfile().PNG,
		"radar":   exampleRadar().PNG,
		"heatmap": exampleHeatmap().PNG,
		"bands":   exampleBands(false).PNG,
		"stacked": exampleBands(true).PNG,
	} {
		b, err := f()
		if err != nil {
			t.Fatal(name, err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(name, err)
		}
		if img.Bounds().Dx() < 100 || img.Bounds().Dy() < 100 {
			t.Errorf("%s: image too small: %v", name, img.Bounds())
		}
		// The title is drawn: the band where the SVG sets the first title
		// line (baseline at y = 33) holds dark text pixels.
		if n := darkPixels(img, image.Rect(16*pngScale, 16*pngScale, 300*pngScale, 36*pngScale)); n < 200 {
			t.Errorf("%s: only %d dark pixels in the title area: the title is not drawn", name, n)
		}
	}
}

func TestTextHelpers(t *testing.T) {
	if got := truncate("Integrering gjennom hyppig kontakt med teammedlemmer", 150, 12, false); !strings.HasSuffix(got, "…") || textWidth(got, 12, false) > 150 {
		t.Errorf("truncate: %q", got)
	}
	if got := truncate("Kort", 150, 12, false); got != "Kort" {
		t.Errorf("truncate short: %q", got)
	}
	if got := formatValue(-0.001, getLang("en")); got != "0" {
		t.Errorf("formatValue(-0.001) = %q", got)
	}
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if num(v) != "0" {
			t.Errorf("num(%v) = %q", v, num(v))
		}
	}
	ticks := niceTicks(25, 125, 5)
	if len(ticks) != 5 || ticks[0] != 25 || ticks[4] != 125 {
		t.Errorf("niceTicks(25, 125) = %v", ticks)
	}
}
