package report

import (
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// Table renders one row per review point.
func (t TrendReport) Table() ([]string, [][]string) {
	header := []string{"site_id", "site_name", "review_id", "scale_version", "type", "visit_start",
		"visit_end", "total", "band", "good"}
	header = append(header, t.Columns...)
	header = append(header, "previous_review_id", "total_delta", "band_change", "improved", "unchanged",
		"regressed", "excluded_items", "scale")
	rows := make([][]string, 0, len(t.Points))
	for _, p := range t.Points {
		row := []string{p.SiteID, p.SiteName, p.ReviewID, p.ScaleVersion, string(p.Type),
			fmtDate(p.VisitStart), fmtDate(p.VisitEnd), fmtFloatPtr(p.Score.Total), p.Score.Band, fmtBool(p.Good)}
		for _, col := range t.Columns {
			row = append(row, subtotalCell(p.Score, col))
		}
		if c := p.Change; c != nil {
			row = append(row, c.PreviousReviewID, fmtFloatPtr(c.TotalDelta), c.BandChange, fmtInt(c.Improved),
				fmtInt(c.Unchanged), fmtInt(c.Regressed), strings.Join(c.Excluded, " "))
		} else {
			row = append(row, "", "", "", "", "", "", "")
		}
		// The scale id tells an older scale's review (ips-15) from the
		// report's own when an item map joins them.
		row = append(row, p.Scale)
		rows = append(rows, row)
	}
	return header, rows
}

// ChangesTable renders one row per compared item of every review change.
func (t TrendReport) ChangesTable() ([]string, [][]string) {
	header := []string{"site_id", "review_id", "visit_end", "previous_review_id", "item", "previous",
		"current", "delta", "direction", "previous_item"}
	rows := [][]string{}
	for _, p := range t.Points {
		if p.Change == nil {
			continue
		}
		for _, ch := range p.Change.Items {
			rows = append(rows, []string{p.SiteID, p.ReviewID, fmtDate(p.VisitEnd), p.Change.PreviousReviewID,
				ch.ItemID, fmtInt(ch.Previous), fmtInt(ch.Current), fmtInt(ch.Delta), ch.Direction, ch.PreviousItem})
		}
	}
	return header, rows
}

// SitesTable renders one row per site: time to good fidelity and due date.
func (t TrendReport) SitesTable() ([]string, [][]string) {
	header := []string{"site_id", "site_name", "reviews", "first_visit_end", "latest_review_id",
		"latest_visit_end", "latest_total", "latest_band", "good_status", "good_review_id", "days_to_good",
		"months_to_good", "next_due", "days_until_due", "overdue"}
	rows := make([][]string, 0, len(t.Sites))
	for _, s := range t.Sites {
		rows = append(rows, []string{s.SiteID, s.SiteName, fmtInt(s.Reviews), fmtDate(s.FirstVisitEnd),
			s.LatestReviewID, fmtDate(s.LatestVisitEnd), fmtFloatPtr(s.LatestTotal), s.LatestBand, s.GoodStatus,
			s.GoodReviewID, fmtIntPtr(s.DaysToGood), fmtIntPtr(s.MonthsToGood), fmtDate(s.NextDue),
			fmtInt(s.DaysUntilDue), fmtBool(s.Overdue)})
	}
	return header, rows
}

// subtotalColumns names the subtotal columns of sc: "section:<id>" per
// section, "<grouping>:<group>" per group, in scale order.
func subtotalColumns(sc *scale.Scale) []string {
	cols := make([]string, 0, len(sc.Sections)+8)
	for _, s := range sc.Sections {
		cols = append(cols, "section:"+s.ID)
	}
	for _, g := range sc.Groupings {
		for _, grp := range g.Groups {
			cols = append(cols, g.ID+":"+grp.ID)
		}
	}
	return cols
}

// subtotalCell returns the sum of the subtotal named by col, "" when the
// point's scale has no such subtotal or it has no rated item.
func subtotalCell(s ItemsScore, col string) string {
	var list []fidelity.Subtotal
	id := ""
	if rest, ok := strings.CutPrefix(col, "section:"); ok {
		list, id = s.Sections, rest
	} else if g, grp, ok := strings.Cut(col, ":"); ok {
		id = grp
		for _, gs := range s.Groupings {
			if gs.ID == g {
				list = gs.Groups
			}
		}
	}
	for _, st := range list {
		if st.ID == id && st.Rated > 0 {
			return fmtInt(st.Sum)
		}
	}
	return ""
}
