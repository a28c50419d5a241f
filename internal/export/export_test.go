package export

import (
	"bytes"
	"encoding/csv"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
)

func seFidelity(t *testing.T) (*scale.Catalog, *scale.Scale) {
	t.Helper()
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	sc, err := cat.Get("se-fidelity", "2008")
	if err != nil {
		t.Fatal(err)
	}
	return cat, sc
}

func TestCodebookDescribesEveryColumn(t *testing.T) {
	_, sc := seFidelity(t)
	vars := map[string]bool{}
	for _, v := range Codebook(sc) {
		if v.LabelEN == "" || v.LabelNB == "" {
			t.Errorf("%s lacks a label", v.Name)
		}
		vars[v.Name] = true
	}
	for _, col := range append(LongColumns, WideColumns(sc)...) {
		if !vars[col] {
			t.Errorf("column %s is not in the codebook", col)
		}
	}
}

func TestWideAndLongRecords(t *testing.T) {
	cat, sc := seFidelity(t)
	total := 101.0
	day := time.Date(2026, 10, 28, 0, 0, 0, 0, time.UTC)
	review := fidelity.ReviewScores{ReviewID: "r1", SiteID: "s1", ScaleID: sc.ID, ScaleVersion: sc.Version,
		Type: fidelity.ReviewExternal, Status: fidelity.StatusFinalised, VisitEnd: day, Total: &total, Band: "good",
		Consensus: map[string]int{"S1": 5, "Sv14": 3}}
	other := review
	other.ScaleVersion = "1999"
	var buf bytes.Buffer
	src := Sources{Catalog: cat,
		Reviews: func(fn func(fidelity.ReviewScores) error) error {
			for _, r := range []fidelity.ReviewScores{review, other} {
				if err := fn(r); err != nil {
					return err
				}
			}
			return nil
		},
		Ratings: func(fn func(service.ExportRating) error) error {
			score := 4
			return fn(service.ExportRating{ReviewID: "r1", ScaleID: sc.ID, ScaleVersion: sc.Version, RaterKey: "consensus", ItemID: "O6", Score: &score, VisitEnd: day})
		},
	}
	if err := WriteWideCSV(&buf, sc, src); err != nil {
		t.Fatal(err)
	}
	rows, _ := csv.NewReader(&buf).ReadAll()
	if len(rows) != 2 {
		t.Fatalf("%d rows: a review under another version must be skipped", len(rows))
	}
	row := rows[1]
	if row[wideTotalColumn] != "101" || row[wideFirstItemColumn] != "5" || row[len(row)-1] != "3" || row[wideFirstItemColumn+1] != "" {
		t.Fatalf("wide row %v", row)
	}
	buf.Reset()
	if err := WriteLongCSV(&buf, src); err != nil {
		t.Fatal(err)
	}
	rows, _ = csv.NewReader(&buf).ReadAll()
	if got := rows[1]; got[12] != "O6" || got[13] != "organization" || got[14] != "4" || got[9] != "2026-10-28" {
		t.Fatalf("long row %v", got)
	}
}
