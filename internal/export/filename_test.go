package export_test

import (
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/export"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// The download names of the exports: the long CSV by day, the wide
// layouts by scale version and day, whatever the zone of the clock.
func TestExportFileNames(t *testing.T) {
	sc := &scale.Scale{ID: "se-fidelity", Version: "2008"}
	day := time.Date(2026, 12, 2, 0, 30, 0, 0, time.FixedZone("CET", 3600)) // 1 December in UTC
	for file, want := range map[string]string{
		export.FileRatingsCSV: "fidelity-ratings-2026-12-01.csv",
		export.FileReviewsCSV: "fidelity-reviews-se-fidelity-2008-2026-12-01.csv",
		export.FileWorkbook:   "fidelity-se-fidelity-2008-2026-12-01.xlsx",
	} {
		if got := export.FileName(file, sc, day); got != want {
			t.Errorf("%s: %q, want %q", file, got, want)
		}
	}
	if got := export.Attachment("a.csv"); got != `attachment; filename="a.csv"` {
		t.Errorf("attachment: %q", got)
	}
}
