package export

import (
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

// csvStream writes records as they arrive, flushing every flushEvery rows.
type csvStream struct {
	w *CSVWriter
	n int
}

func newCSVStream(w io.Writer, header []string) (*csvStream, error) {
	s := &csvStream{w: NewCSVWriter(w)}
	return s, s.w.Write(header)
}

func (s *csvStream) write(rec []string) error {
	if err := s.w.Write(rec); err != nil {
		return err
	}
	if s.n++; s.n%flushEvery == 0 {
		s.w.Flush()
		return s.w.Error()
	}
	return nil
}

func (s *csvStream) close(err error) error {
	if err != nil {
		return err
	}
	s.w.Flush()
	return s.w.Error()
}

// WriteLongCSV writes the long export.
func WriteLongCSV(w io.Writer, src Sources) error {
	out, err := newCSVStream(w, LongColumns)
	if err != nil {
		return err
	}
	secs := sections{}
	return out.close(src.Ratings(func(r service.ExportRating) error {
		return out.write(longRecord(r, secs.of(src.Catalog, r.ScaleID, r.ScaleVersion, r.ItemID)))
	}))
}

// WriteWideCSV writes the wide export for one scale version; reviews under
// other versions are skipped (their items may differ).
func WriteWideCSV(w io.Writer, sc *scale.Scale, src Sources) error {
	out, err := newCSVStream(w, WideColumns(sc))
	if err != nil {
		return err
	}
	return out.close(src.Reviews(func(r fidelity.ReviewScores) error {
		if r.ScaleID != sc.ID || r.ScaleVersion != sc.Version {
			return nil
		}
		return out.write(wideRecord(sc, r))
	}))
}

// WriteCodebookCSV writes the codebook of one scale version.
func WriteCodebookCSV(w io.Writer, sc *scale.Scale) error {
	cw := NewCSVWriter(w)
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
