package export

import (
	"encoding/csv"
	"io"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// Sources are the row streams an export reads; the service provides them.
type Sources struct {
	Catalog *scale.Catalog
	// Ratings streams every item rating (long rows).
	Ratings func(fn func(service.ExportRating) error) error
	// Reviews streams every review with its consensus item scores (wide rows).
	Reviews func(fn func(fidelity.ReviewScores) error) error
}

// flushEvery bounds how many CSV rows sit in the writer's buffer, so a slow
// client sees a steady stream rather than one burst at the end.
const flushEvery = 2000

// WriteLongCSV writes the long export.
func WriteLongCSV(w io.Writer, src Sources) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(LongColumns); err != nil {
		return err
	}
	secs := sections{}
	n := 0
	err := src.Ratings(func(r service.ExportRating) error {
		if err := cw.Write(longRecord(r, secs.of(src.Catalog, r.ScaleID, r.ScaleVersion, r.ItemID))); err != nil {
			return err
		}
		if n++; n%flushEvery == 0 {
			cw.Flush()
			return cw.Error()
		}
		return nil
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// WriteWideCSV writes the wide export for one scale version; reviews under
// other versions are skipped (their items may differ).
func WriteWideCSV(w io.Writer, sc *scale.Scale, src Sources) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(WideColumns(sc)); err != nil {
		return err
	}
	n := 0
	err := src.Reviews(func(r fidelity.ReviewScores) error {
		if r.ScaleID != sc.ID || r.ScaleVersion != sc.Version {
			return nil
		}
		if err := cw.Write(wideRecord(sc, r)); err != nil {
			return err
		}
		if n++; n%flushEvery == 0 {
			cw.Flush()
			return cw.Error()
		}
		return nil
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// WriteCodebookCSV writes the codebook of one scale version.
func WriteCodebookCSV(w io.Writer, sc *scale.Scale) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CodebookColumns); err != nil {
		return err
	}
	for _, v := range Codebook(sc) {
		if err := cw.Write(v.record()); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
