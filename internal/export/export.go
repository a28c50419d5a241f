// Package export writes tidy research exports of fidelity ratings: a long
// CSV (one row per review × rater or consensus × item), a wide CSV (one row
// per review, one column per item), a codebook describing every variable,
// and an XLSX workbook with the same three sheets.
//
// Rows arrive from a callback-driven source and are written as they come,
// so an export of any size runs in flat memory. Column order is fixed and
// documented by the codebook; text is UTF-8; missing values are empty cells.
package export

import (
	"strconv"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// LongColumns is the header of the long export.
var LongColumns = []string{
	"review_id", "site_id", "site_code", "site_name", "scale", "scale_version", "review_type",
	"review_status", "visit_start", "visit_end", "rater", "rater_name", "item", "section", "score",
}

// longRecord renders one rating; scales resolves an item's section.
func longRecord(r service.ExportRating, section string) []string {
	rater := r.RaterKey
	return []string{
		r.ReviewID, r.SiteID, r.SiteCode, r.SiteName, r.ScaleID, r.ScaleVersion, string(r.ReviewType),
		string(r.ReviewStatus), date(r.VisitStart), date(r.VisitEnd), rater, r.RaterName, r.ItemID, section,
		intOrEmpty(r.Score),
	}
}

// Positions in the wide record: the total, and the first item column.
const (
	wideTotalColumn     = 8
	wideFirstItemColumn = 10
)

// WideColumns is the header of the wide export for one scale version: the
// review's identity, its consensus total and band, then one column per
// item in scale order.
func WideColumns(sc *scale.Scale) []string {
	cols := []string{"review_id", "site_id", "scale", "scale_version", "review_type", "review_status",
		"visit_start", "visit_end", "total", "band"}
	for _, it := range sc.Items {
		cols = append(cols, it.ID)
	}
	return cols
}

func wideRecord(sc *scale.Scale, r fidelity.ReviewScores) []string {
	rec := []string{r.ReviewID, r.SiteID, r.ScaleID, r.ScaleVersion, string(r.Type), string(r.Status),
		date(r.VisitStart), date(r.VisitEnd), floatOrEmpty(r.Total), r.Band}
	for _, it := range sc.Items {
		if v, ok := r.Consensus[it.ID]; ok {
			rec = append(rec, strconv.Itoa(v))
		} else {
			rec = append(rec, "")
		}
	}
	return rec
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func intOrEmpty(v *int) string {
	if v == nil {
		return ""
	}
	return strconv.Itoa(*v)
}

func floatOrEmpty(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// sections maps item id → section id for every scale version seen.
type sections map[string]map[string]string

func (s sections) of(cat *scale.Catalog, id, version, item string) string {
	key := id + "@" + version
	m, ok := s[key]
	if !ok {
		m = map[string]string{}
		if sc, err := cat.Get(id, version); err == nil {
			for _, it := range sc.Items {
				m[it.ID] = it.Section
			}
		}
		s[key] = m
	}
	return m[item]
}
