package export

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// WriteXLSX writes a workbook with the sheets long, wide and codebook,
// using excelize's stream writer so rows are not kept as cell objects.
// Numbers are written as numbers (scores, totals), everything else as text.
func WriteXLSX(w io.Writer, sc *scale.Scale, src Sources) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "long"); err != nil {
		return err
	}
	for _, name := range []string{"wide", "codebook"} {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	if err := writeLongSheet(f, src); err != nil {
		return err
	}
	if err := writeWideSheet(f, sc, src); err != nil {
		return err
	}
	if err := writeCodebookSheet(f, sc); err != nil {
		return err
	}
	_, err := f.WriteTo(w)
	return err
}

func writeLongSheet(f *excelize.File, src Sources) error {
	sw, err := f.NewStreamWriter("long")
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", cells(LongColumns)); err != nil {
		return err
	}
	secs := sections{}
	row := 2
	err = src.Ratings(func(r service.ExportRating) error {
		rec := cells(longRecord(r, secs.of(src.Catalog, r.ScaleID, r.ScaleVersion, r.ItemID)))
		if r.Score != nil {
			rec[len(rec)-1] = *r.Score
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		row++
		return sw.SetRow(cell, rec)
	})
	if err != nil {
		return err
	}
	return sw.Flush()
}

func writeWideSheet(f *excelize.File, sc *scale.Scale, src Sources) error {
	sw, err := f.NewStreamWriter("wide")
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", cells(WideColumns(sc))); err != nil {
		return err
	}
	row := 2
	err = src.Reviews(func(r fidelity.ReviewScores) error {
		if r.ScaleID != sc.ID || r.ScaleVersion != sc.Version {
			return nil
		}
		rec := cells(wideRecord(sc, r))
		if r.Total != nil {
			rec[wideTotalColumn] = *r.Total
		}
		for i, it := range sc.Items {
			if v, ok := r.Consensus[it.ID]; ok {
				rec[wideFirstItemColumn+i] = v
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		row++
		return sw.SetRow(cell, rec)
	})
	if err != nil {
		return err
	}
	return sw.Flush()
}

func writeCodebookSheet(f *excelize.File, sc *scale.Scale) error {
	sw, err := f.NewStreamWriter("codebook")
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", cells(CodebookColumns)); err != nil {
		return err
	}
	for i, v := range Codebook(sc) {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, cells(v.record())); err != nil {
			return fmt.Errorf("codebook row %d: %w", i+2, err)
		}
	}
	return sw.Flush()
}

// cells turns a record into text cells, neutralised as in the CSVs;
// numeric columns are then overwritten with numbers by the callers.
func cells(rec []string) []any {
	out := make([]any, len(rec))
	for i, s := range rec {
		out[i] = SafeCell(s)
	}
	return out
}
