package export

import (
	"time"

	"github.com/ipsfidelity/fidelity/internal/scale"
)

// The exports a client downloads, by the file name of their route
// (/v1/exports/… and /ui/exports/…).
const (
	FileRatingsCSV = "ratings.csv"   // long: one row per item rating
	FileReviewsCSV = "reviews.csv"   // wide: one row per review of one scale version
	FileWorkbook   = "workbook.xlsx" // the wide and long sheets with the codebook
)

// FileName is the download name of an export, made on day: the same over
// REST and on the web pages, and the name the statistics scripts load, so
// a script and an export downloaded together match. The wide layouts
// name their scale version (sc; unused for the long CSV).
func FileName(file string, sc *scale.Scale, day time.Time) string {
	d := day.UTC().Format(time.DateOnly)
	switch file {
	case FileRatingsCSV:
		return "fidelity-ratings-" + d + ".csv"
	case FileReviewsCSV:
		return "fidelity-reviews-" + sc.ID + "-" + sc.Version + "-" + d + ".csv"
	}
	return "fidelity-" + sc.ID + "-" + sc.Version + "-" + d + ".xlsx"
}

// Attachment is the Content-Disposition of a download named name (names
// made here are ASCII without quotes).
func Attachment(name string) string { return `attachment; filename="` + name + `"` }
