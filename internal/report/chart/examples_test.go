package chart

import (
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// ipsBandsNB are the SE Fidelity Scale bands with Norwegian labels, as a
// caller would pass them from scales/se-fidelity/2008.yaml.
func ipsBandsNB() []Band {
	return []Band{
		{Label: "Eksemplarisk modelltrofasthet", From: 115, To: 125},
		{Label: "God modelltrofasthet", From: 100, To: 114, Threshold: true},
		{Label: "Akseptabel modelltrofasthet", From: 74, To: 99},
		{Label: "Ikke IPS/SE", From: 25, To: 73},
	}
}

func exampleTrend() TrendChart {
	return TrendChart{
		Title:    "IPS-teamet i Nordre Follo: modelltrofasthet over tid",
		Subtitle: "Totalskår på Kvalitetsskalaen i IPS (IPS-25), ekstern evaluering og egenvurdering",
		Caption:  "Kilde: kvalitetsevalueringer mars 2023 – februar 2025. Linjen markerer grensen for god modelltrofasthet (100).",
		YLabel:   "Totalskår (25–125)",
		Min:      25, Max: 125,
		Bands: ipsBandsNB(),
		Series: []Series{
			{Name: "Ekstern evaluering", Points: []Point{
				{Date: date(2023, 3, 15), Value: 72},
				{Date: date(2023, 9, 20), Value: 86},
				{Date: date(2024, 4, 10), Value: 97},
				{Date: date(2025, 2, 12), Value: 104},
			}},
			{Name: "Egenvurdering", Points: []Point{
				{Date: date(2023, 2, 1), Value: 81},
				{Date: date(2023, 8, 28), Value: 90},
				{Date: date(2024, 3, 12), Value: 99},
				{Date: date(2025, 1, 20), Value: 103},
			}},
		},
		Lang: "nb",
	}
}

// ipsItemsNB lists the 25 items of the SE Fidelity Scale with the
// Norwegian titles and sections from scales/se-fidelity/2008.yaml.
var ipsItemsNB = []struct{ id, section, title string }{
	{"S1", "Ansatte", "Størrelse på portefølje"},
	{"S2", "Ansatte", "Ansatte som yter arbeidsrettede tjenester"},
	{"S3", "Ansatte", "Jobbspesialistenes arbeidsoppgaver"},
	{"O1", "Organisering", "Integrering gjennom teamtilhørighet"},
	{"O2", "Organisering", "Integrering gjennom hyppig kontakt med teammedlemmer"},
	{"O3", "Organisering", "Samarbeid med Nav-veileder"},
	{"O4", "Organisering", "Jobbspesialistenhet"},
	{"O5", "Organisering", "Lederens rolle"},
	{"O6", "Organisering", "Ingen eksklusjonskriterier"},
	{"O7", "Organisering", "Virksomhetens fokus på ordinært arbeid"},
	{"O8", "Organisering", "Ledelsens støtte"},
	{"Sv1", "Tjenester", "Rådgivning om økonomiske ytelser"},
	{"Sv2", "Tjenester", "Åpenhet om diagnose"},
	{"Sv3", "Tjenester", "Fortløpende arbeidsbasert kartlegging"},
	{"Sv4", "Tjenester", "Rask jobbsøking"},
	{"Sv5", "Tjenester", "Individuell jobbsøking"},
	{"Sv6", "Tjenester", "Jobbutvikling – hyppig arbeidsgiverkontakt"},
	{"Sv7", "Tjenester", "Jobbutvikling – kvalitet på arbeidsgiverkontakt"},
	{"Sv8", "Tjenester", "Variasjon i jobbtyper"},
	{"Sv9", "Tjenester", "Variasjon i arbeidsgivere"},
	{"Sv10", "Tjenester", "Ordinære jobber"},
	{"Sv11", "Tjenester", "Individuell oppfølging"},
	{"Sv12", "Tjenester", "Tidsubegrenset oppfølging"},
	{"Sv13", "Tjenester", "Tjenester i lokalsamfunnet"},
	{"Sv14", "Tjenester", "Aktiv oppsøkende kontakt"},
}

func exampleProfile() ItemProfile {
	// Nordre Follo, February 2025 (total 104) against April 2024 (total 97).
	now := []float64{5, 4, 5, 5, 4, 3, 4, 4, 5, 3, 3, 3, 5, 4, 5, 5, 3, 4, 4, 5, 5, 4, 4, 3, 5}
	prev := []float64{5, 4, 4, 5, 3, 3, 4, 3, 5, 3, 3, 2, 5, 4, 4, 5, 3, 3, 4, 5, 5, 4, 3, 3, 5}
	p := ItemProfile{
		Title:        "IPS-teamet i Nordre Follo: skår per indikator",
		Subtitle:     "Evaluering februar 2025 (totalskår 104) sammenlignet med april 2024 (97)",
		Caption:      "Skala 1–5 per indikator. Svart strek viser skåren ved forrige evaluering.",
		Lang:         "nb",
		CurrentName:  "Februar 2025",
		PreviousName: "April 2024",
	}
	for i, it := range ipsItemsNB {
		p.Items = append(p.Items, Item{ID: it.id, Section: it.section, Label: it.title, Value: now[i], Previous: prev[i]})
	}
	return p
}

// exampleRadar is the same review as exampleProfile, as a radar.
func exampleRadar() Radar {
	p := exampleProfile()
	return Radar{
		Title:        "IPS-teamet i Nordre Follo: indikatorprofil",
		Subtitle:     p.Subtitle,
		Caption:      "Skala 1–5 per indikator; jo lenger ut, jo høyere skår. Stiplet linje viser forrige evaluering.",
		Items:        p.Items,
		Lang:         "nb",
		CurrentName:  p.CurrentName,
		PreviousName: p.PreviousName,
	}
}

func exampleHeatmap() Heatmap {
	sites := []string{"Nav Asker", "Nav Bodø", "Nav Drammen", "Nav Fredrikstad", "Nav Grünerløkka",
		"Nav Hamar", "Nav Kristiansand", "Nav Lillehammer", "Nav Molde", "Nav Stavanger",
		"Nav Tromsø", "Nav Ålesund"}
	level := []float64{4.3, 3.4, 4.0, 3.1, 4.5, 2.7, 3.8, 3.6, 2.9, 4.2, 3.3, 3.9}
	// Items that are typically hard (benefits counselling, VR collaboration,
	// executive support) or easy (zero exclusion, competitive jobs).
	effect := []float64{0.3, 0.4, 0.2, 0.1, -0.2, -0.6, 0.2, -0.3, 0.5, -0.2, -0.5,
		-0.9, 0.3, -0.1, 0.2, 0.3, -0.7, -0.4, 0.1, 0, 0.6, 0.1, -0.3, 0, -0.4}
	h := Heatmap{
		Title:    "Skår per indikator for 12 IPS-team, evalueringer 2024",
		Subtitle: "Kvalitetsskalaen i IPS (IPS-25), skala 1–5. Tallet i hver rute er skåren.",
		Caption:  "Strek betyr at indikatoren ikke er skåret. Snitt regnes av skårede indikatorer.",
		Columns:  sites,
		Lang:     "nb",
	}
	seed := uint32(7)
	for i, it := range ipsItemsNB {
		h.Rows = append(h.Rows, HeatmapRow{ID: it.id, Label: it.title, Section: it.section})
		row := make([]float64, len(sites))
		for k := range sites {
			seed = seed*1664525 + 1013904223
			noise := float64(seed>>8)/float64(1<<24) - 0.5
			row[k] = math.Max(1, math.Min(5, math.Round(level[k]+effect[i]+noise*1.4)))
		}
		h.Values = append(h.Values, row)
	}
	h.Values[5][3] = math.NaN()  // O3 at Nav Fredrikstad not scored
	h.Values[16][8] = math.NaN() // Sv6 at Nav Molde not scored
	return h
}

func exampleBands(stacked bool) BandDistribution {
	return BandDistribution{
		Title:    "Modelltrofasthet i 24 IPS-team, 2023 og 2024",
		Subtitle: "Antall team per nivå på Kvalitetsskalaen i IPS (siste evaluering hvert år)",
		Caption:  "Nivåer: ikke IPS/SE 25–73, akseptabel 74–99, god 100–114, eksemplarisk 115–125.",
		Bands:    []string{"Ikke IPS/SE", "Akseptabel modelltrofasthet", "God modelltrofasthet", "Eksemplarisk modelltrofasthet"},
		Periods: []BandPeriod{
			{Name: "2023", Counts: []int{5, 12, 6, 1}},
			{Name: "2024", Counts: []int{2, 10, 10, 2}},
		},
		YLabel:  "Antall team",
		XLabel:  "Nivå på Kvalitetsskalaen i IPS",
		Stacked: stacked,
		Lang:    "nb",
	}
}

// TestDocsExamples writes the documentation examples to docs/charts when
// CHART_DOCS=1 is set; otherwise it only checks that they render.
func TestDocsExamples(t *testing.T) {
	files := map[string][]byte{
		"trend.svg":                     exampleTrend().SVG(),
		"item-profile.svg":              exampleProfile().SVG(),
		"item-radar.svg":                exampleRadar().SVG(),
		"heatmap.svg":                   exampleHeatmap().SVG(),
		"band-distribution.svg":         exampleBands(false).SVG(),
		"band-distribution-stacked.svg": exampleBands(true).SVG(),
	}
	for name, render := range map[string]func() ([]byte, error){
		"trend.png":             exampleTrend().PNG,
		"item-profile.png":      exampleProfile().PNG,
		"item-radar.png":        exampleRadar().PNG,
		"heatmap.png":           exampleHeatmap().PNG,
		"band-distribution.png": exampleBands(false).PNG,
	} {
		b, err := render()
		if err != nil {
			t.Fatal(name, err)
		}
		files[name] = b
	}
	for name, b := range files {
		if filepath.Ext(name) == ".svg" {
			checkSVG(t, name, b)
		}
		if os.Getenv("CHART_DOCS") == "1" {
			if err := os.WriteFile(filepath.Join("..", "..", "..", "docs", "charts", name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
