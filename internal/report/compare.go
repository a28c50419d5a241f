package report

import (
	"cmp"
	"slices"
	"sort"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/report/stats"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// ComparisonReport compares the sites of a cohort at one point in time.
type ComparisonReport struct {
	Scale  string     `json:"scale"`
	Period PeriodSpec `json:"period"`
	// Types are the review types the report used (by default external and
	// remote: a self-assessment is not a fidelity review).
	Types []fidelity.ReviewType `json:"types"`
	// League is the league table, best total first.
	League []LeagueRow `json:"league"`
	// NoReview lists the cohort's sites without a finalised review with a
	// total in the period, sorted by name.
	NoReview []SiteRef `json:"no_review"`
	// Cohort describes the totals of League.
	Cohort stats.Summary `json:"cohort"`
	// ZScoreReason says why League has no z-scores (fewer than 2 sites, or
	// all totals equal).
	ZScoreReason string `json:"z_score_reason,omitempty"`
	// Bands counts League's sites per band: every band of the scale, in
	// scale order, zeros included.
	Bands    []BandCount    `json:"bands"`
	Outcomes OutcomeLinkage `json:"outcomes"`
	// Aggregation is set when the rows are groups of sites (see
	// CompareAtLevel); nil when they are the units of review.
	Aggregation *LevelAggregation `json:"aggregation,omitempty"`
	// OtherVersions are the sites whose latest review in the period is
	// under an older scale version that an item map leads from: a separate
	// group, never ranked with League (see CompareAcrossVersions).
	OtherVersions []OtherVersionRow `json:"other_versions"`
}

// LeagueRow is one site in the league table.
type LeagueRow struct {
	// Rank is the competition rank by total, highest first: ties share the
	// best rank and the next rank is skipped ("1224").
	Rank         int                 `json:"rank"`
	SiteID       string              `json:"site_id"`
	SiteName     string              `json:"site_name"`
	SiteCode     string              `json:"site_code,omitempty"`
	ReviewID     string              `json:"review_id"`
	ScaleVersion string              `json:"scale_version"`
	Type         fidelity.ReviewType `json:"type"`
	VisitStart   time.Time           `json:"visit_start"`
	VisitEnd     time.Time           `json:"visit_end"`
	Total        float64             `json:"total"`
	Band         string              `json:"band"`
	// PercentRank is the mid-rank percentile of the total in the cohort,
	// 0–100 (% below plus half of ties).
	PercentRank *float64 `json:"percent_rank"`
	// Z is (total − cohort mean) / cohort SD (sample SD); nil when not
	// defined (see ComparisonReport.ZScoreReason).
	Z *float64 `json:"z"`
	// Outcome is the linked outcome value, nil when none is linked.
	Outcome *OutcomeValue `json:"outcome"`
}

// BandCount is the number of sites in one band.
type BandCount struct {
	Band  string        `json:"band"`
	Label fidelity.Text `json:"label"`
	Count int           `json:"count"`
	// Percent is Count as a share of the sites with a total (nil when
	// there are none).
	Percent *float64 `json:"percent"`
}

// Compare builds the comparison of sites at the period at: for each site,
// the latest finalised review under sc.ID with VisitEnd in at that has a
// total (see reviewTotal for how the total is taken). outcomes are linked
// for measure (see OutcomeLinkage); pass measure "" to skip the linkage.
func Compare(sc *scale.Scale, sites []SiteRef, reviews []fidelity.ReviewScores, at PeriodSpec, outcomes []fidelity.Outcome, measure string) ComparisonReport {
	rep := ComparisonReport{Period: at, League: []LeagueRow{}, NoReview: []SiteRef{}, Bands: []BandCount{}, OtherVersions: []OtherVersionRow{}}
	if sc == nil {
		rep.Cohort = stats.Describe(nil)
		rep.Outcomes = linkOutcomes(nil, nil, measure)
		return rep
	}
	rep.Scale = sc.Ref()
	set := newSiteSet(sites)
	picks := latestPerSite(sc, set, reviews, at, true)
	// Sites with a total, kept in site order (name, id); a stable sort by
	// total, highest first, then gives the league order.
	ranked := make([]int, 0, len(picks))
	for k, p := range picks {
		if p.r == nil || p.total == nil {
			rep.NoReview = append(rep.NoReview, set.list[k])
			continue
		}
		ranked = append(ranked, k)
	}
	slices.SortStableFunc(ranked, func(a, b int) int { return cmp.Compare(*picks[b].total, *picks[a].total) })
	totals := make([]float64, len(ranked))
	for i, k := range ranked {
		totals[i] = *picks[k].total
	}
	rep.Cohort = stats.Describe(totals)
	z := stats.ZScores(totals)
	rep.ZScoreReason = z.Reason
	n := len(totals)
	rep.League = make([]LeagueRow, n)
	for i, k := range ranked {
		s, p := set.list[k], picks[k]
		t := totals[i]
		// totals is descending: the rows above are those with a larger total.
		above := sort.Search(n, func(j int) bool { return totals[j] <= t })
		ties := sort.Search(n, func(j int) bool { return totals[j] < t }) - above
		below := n - above - ties
		rep.League[i] = LeagueRow{
			Rank: 1 + above, SiteID: s.ID, SiteName: s.Name, SiteCode: s.Code, ReviewID: p.r.ReviewID,
			ScaleVersion: p.r.ScaleVersion, Type: p.r.Type, VisitStart: p.r.VisitStart, VisitEnd: p.r.VisitEnd,
			Total: t, Band: p.band, Z: z.Scores[i],
			// stats.PercentRank's mid-rank definition: % below plus half of ties.
			PercentRank: ptr(100 * (float64(below) + float64(ties)/2) / float64(n)),
		}
	}
	rep.Bands = countBands(sc, rep.League)
	rep.Outcomes = linkOutcomes(rep.League, outcomes, measure)
	for i := range rep.League {
		rep.League[i].Outcome = rep.Outcomes.byReview[rep.League[i].ReviewID]
	}
	return rep
}

// countBands counts rows per band of sc, in scale order.
func countBands(sc *scale.Scale, rows []LeagueRow) []BandCount {
	out := make([]BandCount, len(sc.Bands))
	for i, b := range sc.Bands {
		out[i] = BandCount{Band: b.ID, Label: b.Label}
		for _, r := range rows {
			if r.Band == b.ID {
				out[i].Count++
			}
		}
		if len(rows) > 0 {
			out[i].Percent = ptr(100 * float64(out[i].Count) / float64(len(rows)))
		}
	}
	return out
}

// Table renders the league table, one row per site with a total, followed
// by nothing for the sites without one (see NoReview).
func (c ComparisonReport) Table() ([]string, [][]string) {
	header := []string{"rank", "site_id", "site_name", "site_code", "review_id", "scale_version", "type",
		"visit_end", "total", "band", "percent_rank", "z", "outcome_measure", "outcome_value", "outcome_n",
		"outcome_period_start", "outcome_period_end"}
	rows := make([][]string, 0, len(c.League))
	for _, r := range c.League {
		row := []string{fmtInt(r.Rank), r.SiteID, r.SiteName, r.SiteCode, r.ReviewID, r.ScaleVersion,
			string(r.Type), fmtDate(r.VisitEnd), fmtFloat(r.Total), r.Band, fmtFloatPtr(r.PercentRank),
			fmtFloatPtr(r.Z)}
		if o := r.Outcome; o != nil {
			row = append(row, c.Outcomes.Measure, fmtFloat(o.Value), fmtInt(o.N), fmtDate(o.PeriodStart),
				fmtDate(o.PeriodEnd))
		} else {
			row = append(row, "", "", "", "", "")
		}
		if a := c.Aggregation; a != nil {
			row = append(row, a.Level, fmtInt(a.Units[r.SiteID]))
		}
		rows = append(rows, row)
	}
	if len(c.OtherVersions) > 0 {
		// Sites under an older scale version follow, unranked, labelled
		// by group and scale_version, with what was compared and left out.
		header = append(header, "group", "item_mean", "league_item_mean", "compared_items", "left_out")
		for i := range rows {
			rows[i] = append(rows[i], "league", "", "", "", "")
		}
		for _, r := range c.OtherVersions {
			rows = append(rows, append(otherVersionCells(r), "other_scale_version_not_ranked", fmtFloatPtr(r.ItemMean),
				fmtFloatPtr(r.LeagueItemMean), comparedCell(r.Items), leftOutCell(r.LeftOut)))
		}
	}
	if c.Aggregation != nil {
		// The rows are groups: say which level and how many reviewed sites
		// each total is the mean of.
		header = append(header, "level", "units")
	}
	return header, rows
}

// BandsTable renders the band counts in scale order.
func (c ComparisonReport) BandsTable() ([]string, [][]string) {
	header := []string{"band", "label", "count", "percent"}
	rows := make([][]string, 0, len(c.Bands))
	for _, b := range c.Bands {
		rows = append(rows, []string{b.Band, b.Label.EN, fmtInt(b.Count), fmtFloatPtr(b.Percent)})
	}
	return header, rows
}

// CohortTable renders the cohort description as statistic/value rows.
func (c ComparisonReport) CohortTable() ([]string, [][]string) {
	s := c.Cohort
	rows := [][]string{
		{"n", fmtInt(s.N), ""},
		{"mean", fmtResult(s.Mean), s.Mean.Reason},
		{"sd", fmtResult(s.SD), s.SD.Reason},
		{"min", fmtResult(s.Min), s.Min.Reason},
		{"q1", fmtResult(s.Q1), s.Q1.Reason},
		{"median", fmtResult(s.Median), s.Median.Reason},
		{"q3", fmtResult(s.Q3), s.Q3.Reason},
		{"max", fmtResult(s.Max), s.Max.Reason},
		{"iqr", fmtResult(s.IQR), s.IQR.Reason},
	}
	return []string{"statistic", "value", "reason"}, rows
}
