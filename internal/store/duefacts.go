package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// dueFactRow is one row of DueFacts' read: a review with the part of the
// answer it belongs to and its rater ids, or (part "site") one row per site
// whose Valid column says whether the site is a grouping.
type dueFactRow struct {
	Part string
	reviewRaterRowAgg
}

// DueFacts answers, in one statement per chunk of sites, what withDue used
// to read in five or six: the latest finalised review of the shown types and
// of the clock types (both from site_latest), the open reviews, and whether
// each site is a grouping. Rater ids come aggregated in the same rows.
func (s *Store) DueFacts(ctx context.Context, siteIDs []string, shown []fidelity.ReviewType, clock service.ClockRule) (service.DueFacts, error) {
	out := service.DueFacts{Shown: map[string]fidelity.Review{}, Open: map[string][]fidelity.Review{},
		Groupings: map[string]bool{}, Latest: map[string]string{}}
	sameTypes := clock.Resetting == nil && slices.Equal(shown, clock.Types)
	if sameTypes {
		out.Clock = out.Shown
	} else {
		out.Clock = map[string]fidelity.Review{}
	}
	open := strs([]fidelity.ReviewStatus{fidelity.StatusPlanned, fidelity.StatusInProgress, fidelity.StatusConsensus})
	cols := reviewColumns + ", " + s.ratersColumn()
	// latest picks, per site, the read-model row matching which (a
	// condition on site_latest x) with the latest visit end.
	latest := func(part, which string) string {
		return `SELECT '` + part + `' AS part, ` + cols + ` FROM reviews r JOIN (
				SELECT l.id FROM (
					SELECT x.id, ROW_NUMBER() OVER (PARTITION BY x.site_id ORDER BY x.visit_end DESC, x.id DESC) AS rn
					FROM site_latest x WHERE ` + which + ` AND x.site_id IN ?
				) l WHERE l.rn = 1
			) p ON p.id = r.id`
	}
	clockWhich, clockArgs := "x.type IN ?", []any{strs(clock.Types)}
	if clock.Resetting != nil {
		// A review resets the clock when its own scale's policy says its
		// type does; scales this process has not loaded follow Types.
		clockWhich = `((x.scale_id || '@' || x.scale_version || '/' || x.type) IN ?
			OR ((x.scale_id || '@' || x.scale_version) NOT IN ? AND x.type IN ?))`
		clockArgs = []any{clock.Resetting, clock.Known, strs(clock.Types)}
	}
	// The read-model rows behind the picks are for a single site's page
	// (SiteAnswer checks them); a list of sites does not pay for them.
	latestRows := "''"
	if len(siteIDs) == 1 {
		latestRows = s.latestRowsColumn()
	}
	for chunk := range chunks(nonEmpty(siteIDs)) {
		var parts []string
		var args []any
		if len(shown) > 0 {
			parts = append(parts, latest("shown", "x.type IN ?"))
			args = append(args, strs(shown), chunk)
		}
		if !sameTypes && len(clock.Types) > 0 {
			parts = append(parts, latest("clock", clockWhich))
			args = append(append(args, clockArgs...), chunk)
		}
		parts = append(parts, `SELECT 'open' AS part, `+cols+` FROM reviews r WHERE r.status IN ? AND r.site_id IN ?`,
			// The grouping flag rides in the valid column of a row per site.
			`SELECT 'site', s.id, s.id, '', '', '', '', '', '', CAST(NULL AS DOUBLE PRECISION), '',
				CASE WHEN EXISTS (SELECT 1 FROM sites c WHERE c.parent_id = s.id)
					AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.site_id = s.id) THEN TRUE ELSE FALSE END,
				FALSE, CAST(NULL AS TEXT), '', '', 1, `+latestRows+`
			FROM sites s WHERE s.id IN ?`)
		args = append(args, open, chunk, chunk)
		query := strings.Join(parts, " UNION ALL ") + " ORDER BY 1, 3, 8, 2"
		rows, err := scanDueFactRows(s.r(ctx).Raw(query, args...).Rows())
		if err != nil {
			return service.DueFacts{}, translate(err, "due dates of sites")
		}
		for _, row := range rows {
			if row.Part == "site" {
				if row.Review.Valid {
					out.Groupings[row.Review.SiteID] = true
				}
				out.Latest[row.Review.SiteID] = row.Raters // the site row carries its site_latest rows there
				continue
			}
			r, err := row.Review.domain(splitRaters(row.Raters))
			if err != nil {
				return service.DueFacts{}, err
			}
			switch row.Part {
			case "shown":
				out.Shown[r.SiteID] = r
			case "clock":
				out.Clock[r.SiteID] = r
			case "open":
				out.Open[r.SiteID] = append(out.Open[r.SiteID], r)
			}
		}
	}
	return out, nil
}

// scanDueFactRows reads the part column and a review with its raters per
// row (scanEach). It closes rows.
func scanDueFactRows(rows *sql.Rows, err error) ([]dueFactRow, error) {
	if err != nil {
		return nil, err
	}
	var row dueFactRow
	return scanEach(rows, &row, append([]any{&row.Part}, row.dest(false)...)...)
}
