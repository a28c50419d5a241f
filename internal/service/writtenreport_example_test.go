package service_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/demo"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
	"github.com/ipsfidelity/fidelity/internal/writtenreport"
)

// TestWriteReportExample regenerates docs/report-example/: the demo data
// set, the latest finalised review of a team with history, assembled by
// WrittenReport and rendered. The narrative (written by reviewers through
// the report-core workflow) is filled with sample text here, as that
// workflow would. Run with WRITTENREPORT_EXAMPLE=docs/report-example.
func TestWriteReportExample(t *testing.T) {
	dir := os.Getenv("WRITTENREPORT_EXAMPLE")
	if dir == "" {
		t.Skip("set WRITTENREPORT_EXAMPLE to a directory to write the example report")
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join("..", "..", dir)
	}
	st := storetest.SQLite(t)
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	today := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	svc := service.New(st, cat, service.DefaultConfig(), service.WithClock(func() time.Time { return today }))
	ctx := fidelity.WithPrincipal(context.Background(), fidelity.System)
	if err := svc.SyncScales(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Seed(ctx, svc, demo.Options{Offices: 2, Reviews: 4, Scale: "se-fidelity@2008", Seed: 11, End: today.AddDate(0, 0, -14), Plans: true}); err != nil {
		t.Fatal(err)
	}
	rs, _, err := svc.ListReviews(ctx, service.ReviewFilter{Status: []fidelity.ReviewStatus{fidelity.StatusFinalised}, Type: []fidelity.ReviewType{fidelity.ReviewExternal}, Page: service.Page{Limit: 500}})
	if err != nil {
		t.Fatal(err)
	}
	var pick fidelity.Review
	for _, r := range rs {
		if pick.ID == "" || r.VisitEnd.After(pick.VisitEnd) {
			pick = r
		}
	}
	for _, lang := range []string{"nb", "en"} {
		doc, err := svc.WrittenReport(context.Background(), fidelity.System, pick.ID, lang)
		if err != nil {
			t.Fatal(err)
		}
		sampleNarrative(&doc)
		var pdf, html bytes.Buffer
		if err := writtenreport.WritePDF(&pdf, doc); err != nil {
			t.Fatal(err)
		}
		if err := writtenreport.WriteHTML(&html, doc); err != nil {
			t.Fatal(err)
		}
		for name, b := range map[string][]byte{"report-" + lang + ".pdf": pdf.Bytes(), "report-" + lang + ".html": html.Bytes()} {
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// sampleNarrative writes what reviewers would: a summary, strengths, and
// for every item below 5 a strength and a recommendation.
func sampleNarrative(d *writtenreport.Document) {
	nb := d.Lang == "nb"
	pick := func(en, no string) string {
		if nb {
			return no
		}
		return en
	}
	d.Summary = pick("The team delivers individual placement and support with good fidelity in most areas. Collaboration with Nav and the treatment team is close, and employers are contacted often.\n\nThe main areas for development are benefits counselling and the quality of follow-along support.",
		"Teamet gir individuell jobbstøtte med god modelltrofasthet på de fleste områder. Samarbeidet med Nav og behandlingsteamet er tett, og arbeidsgivere kontaktes ofte.\n\nDe viktigste forbedringsområdene er rådgivning om økonomiske ytelser og kvaliteten i oppfølgingen.")
	d.Strengths = pick("Small caseloads, zero exclusion in practice and strong support from the leadership.",
		"Små porteføljer, ingen eksklusjon i praksis og sterk støtte fra ledelsen.")
	for i := range d.Items {
		it := &d.Items[i]
		if it.Score == nil || *it.Score >= 5 {
			continue
		}
		it.Strength = pick(fmt.Sprintf("The specialists describe a clear practice for %s.", it.Title),
			fmt.Sprintf("Jobbspesialistene beskriver en tydelig praksis for «%s».", it.Title))
		it.Recommendation = pick(fmt.Sprintf("Agree a written routine for %s with the team's lead and review it at the monthly meeting with Nav.", it.Title),
			fmt.Sprintf("Lag en skriftlig rutine for «%s» sammen med teamleder, og gå gjennom den på det månedlige møtet med Nav.", it.Title))
	}
	d.Comments = []writtenreport.Comment{{Date: d.Generated.AddDate(0, 0, -3), Author: pick("Team lead", "Teamleder"),
		Text: pick("We agree with the findings and will start with benefits counselling.", "Vi er enige i funnene og begynner med rådgivning om økonomiske ytelser.")}}
}
