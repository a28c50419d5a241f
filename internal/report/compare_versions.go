package report

import (
	"strconv"
	"strings"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// VersionMaps carries what a comparison needs to include sites whose
// latest review is under an older scale version: the item maps that lead
// to the report's scale, the older scales, and the re-scored scorecards
// under the report's scale (review id → item id → score).
type VersionMaps struct {
	Maps     []*scale.ItemMap
	Older    []*scale.Scale
	Rescored map[string]map[string]int
}

// OtherVersionRow is a site whose latest review in the period is under an
// older scale version that an item map leads from to the report's scale.
//
// It is never ranked with the league: a total of 15 items on IPS-15 and a
// total of 25 items on the SE Fidelity Scale are different rulers. The
// row shows its own total and band labelled with its own scale version,
// the items the map compares (under the report scale's ids) beside the
// league's mean on the same item, and every other line of the map with
// the reason it is left out.
type OtherVersionRow struct {
	SiteID       string              `json:"site_id"`
	SiteName     string              `json:"site_name"`
	SiteCode     string              `json:"site_code,omitempty"`
	ReviewID     string              `json:"review_id"`
	ScaleVersion string              `json:"scale_version"` // id@version of the review's own scale
	Type         fidelity.ReviewType `json:"type"`
	VisitStart   time.Time           `json:"visit_start"`
	VisitEnd     time.Time           `json:"visit_end"`
	// OwnTotal and OwnBand are the review's total and band under its own
	// scale version: shown, never ranked against the league's totals.
	OwnTotal *float64 `json:"own_total"`
	OwnBand  string   `json:"own_band"`
	// Rescored is true when a re-scored scorecard under the report's scale
	// supplied the items the map compares by re-scoring.
	Rescored bool `json:"rescored"`
	// Items are the compared items, by the report scale's item ids.
	Items []ComparedItem `json:"items"`
	// ItemMean is the mean score of Items; LeagueItemMean the mean of the
	// league's means on the same items (nil when there is nothing to
	// compare). These two are comparable; the totals are not.
	ItemMean       *float64      `json:"item_mean"`
	LeagueItemMean *float64      `json:"league_item_mean"`
	LeftOut        []LeftOutItem `json:"left_out"`
}

// ComparedItem is one item of an older review that the map compares with
// an item of the report's scale.
type ComparedItem struct {
	ItemID       string `json:"item_id"`       // the report scale's item
	PreviousItem string `json:"previous_item"` // the older scale's item
	Score        int    `json:"score"`
	// Rescored is true when the score comes from the re-scored scorecard
	// (the stored inputs scored again under the newer rule).
	Rescored bool `json:"rescored"`
	// LeagueMean is the mean consensus score of the league's reviews on
	// the item (nil when none has a score).
	LeagueMean *float64 `json:"league_mean"`
}

// ReasonNotRescoredHere is why a re-score item is left out of the
// comparison when the site's review on the older version has no
// re-scored scorecard under the report's scale.
const ReasonNotRescoredHere = "the review's inputs have not been re-scored under the report's scale version (fidelity rescore)"

// ReasonNoConsensusScore is why a comparable item is left out when the
// older review has no consensus score for it.
const ReasonNoConsensusScore = "the review has no consensus score for the item"

// CompareAcrossVersions is Compare, with the sites that have no review
// under sc in the period but a finalised one under an older version that
// a map of vm leads from listed in OtherVersions (see OtherVersionRow)
// instead of NoReview. reviews are the latest reviews under sc, older
// those under the older scales.
func CompareAcrossVersions(sc *scale.Scale, sites []SiteRef, reviews, older []fidelity.ReviewScores, at PeriodSpec, outcomes []fidelity.Outcome, measure string, vm VersionMaps) ComparisonReport {
	rep := Compare(sc, sites, reviews, at, outcomes, measure)
	rep.OtherVersions = []OtherVersionRow{}
	if sc == nil || len(vm.Maps) == 0 || len(rep.NoReview) == 0 {
		return rep
	}
	means := leagueItemMeans(rep.League, reviews)
	missing := newSiteSet(rep.NoReview)
	best := make([]*fidelity.ReviewScores, len(missing.list))
	for _, o := range vm.Older {
		if mapFor(vm.Maps, o, sc) == nil {
			continue
		}
		for k, p := range latestPerSite(o, missing, versionOnly(older, o), at, false) {
			if p.r != nil && (best[k] == nil || later(p.r, best[k])) {
				best[k] = p.r
			}
		}
	}
	still := rep.NoReview[:0:0]
	for k, s := range missing.list {
		r := best[k]
		if r == nil {
			still = append(still, s)
			continue
		}
		var m *scale.ItemMap
		for _, o := range vm.Older {
			if o.ID == r.ScaleID && o.Version == r.ScaleVersion {
				m = mapFor(vm.Maps, o, sc)
			}
		}
		rep.OtherVersions = append(rep.OtherVersions, otherVersionRow(s, r, m, vm.Rescored[r.ReviewID], means))
	}
	rep.NoReview = still
	return rep
}

// versionOnly keeps the reviews under exactly the scale version o.
func versionOnly(reviews []fidelity.ReviewScores, o *scale.Scale) []fidelity.ReviewScores {
	var out []fidelity.ReviewScores
	for _, r := range reviews {
		if r.ScaleID == o.ID && r.ScaleVersion == o.Version {
			out = append(out, r)
		}
	}
	return out
}

// leagueItemMeans is the mean consensus score per item over the league's
// reviews.
func leagueItemMeans(league []LeagueRow, reviews []fidelity.ReviewScores) map[string]float64 {
	inLeague := make(map[string]bool, len(league))
	for _, r := range league {
		inLeague[r.ReviewID] = true
	}
	sum, n := map[string]float64{}, map[string]int{}
	for _, r := range reviews {
		if !inLeague[r.ReviewID] {
			continue
		}
		inLeague[r.ReviewID] = false // a review counts once
		for id, v := range r.Consensus {
			sum[id] += float64(v)
			n[id]++
		}
	}
	out := make(map[string]float64, len(sum))
	for id, s := range sum {
		out[id] = s / float64(n[id])
	}
	return out
}

// otherVersionRow compares r with the league through m: equal items by
// their stored scores, re-score items by the re-scored scorecard; every
// other line of the map is left out with its reason.
func otherVersionRow(s SiteRef, r *fidelity.ReviewScores, m *scale.ItemMap, rescored map[string]int, means map[string]float64) OtherVersionRow {
	row := OtherVersionRow{
		SiteID: s.ID, SiteName: s.Name, SiteCode: s.Code, ReviewID: r.ReviewID, ScaleVersion: r.ScaleID + "@" + r.ScaleVersion,
		Type: r.Type, VisitStart: r.VisitStart, VisitEnd: r.VisitEnd, OwnTotal: r.Total, OwnBand: r.Band,
		Rescored: rescored != nil, Items: []ComparedItem{}, LeftOut: []LeftOutItem{},
	}
	var own, league float64
	var nLeague int
	for _, it := range m.Items {
		leave := func(reason string) {
			row.LeftOut = append(row.LeftOut, LeftOutItem{From: orEmpty(it.From), To: orEmpty(it.To), Reason: reason})
		}
		if !it.Comparable() {
			leave(it.Note.EN)
			continue
		}
		from, to := it.From[0], it.To[0]
		score, ok := r.Consensus[from], false
		switch it.Scores {
		case scale.CarryEqual:
			_, ok = r.Consensus[from]
		case scale.CarryRescore:
			if score, ok = rescored[to]; !ok {
				leave(ReasonNotRescoredHere)
				continue
			}
		}
		if !ok {
			leave(ReasonNoConsensusScore)
			continue
		}
		c := ComparedItem{ItemID: to, PreviousItem: from, Score: score, Rescored: it.Scores == scale.CarryRescore}
		if v, ok := means[to]; ok {
			c.LeagueMean = ptr(v)
			league += v
			nLeague++
		}
		own += float64(score)
		row.Items = append(row.Items, c)
	}
	if n := len(row.Items); n > 0 {
		row.ItemMean = ptr(own / float64(n))
		if nLeague == n {
			row.LeagueItemMean = ptr(league / float64(n))
		}
	}
	return row
}

// otherVersionCells renders a row of OtherVersions in the league table's
// columns: no rank, percentile or z-score, and the total and band under
// the row's own scale version (named in scale_version).
func otherVersionCells(r OtherVersionRow) []string {
	return []string{"", r.SiteID, r.SiteName, r.SiteCode, r.ReviewID, r.ScaleVersion, string(r.Type),
		fmtDate(r.VisitEnd), fmtFloatPtr(r.OwnTotal), r.OwnBand, "", "", "", "", "", "", ""}
}

// comparedCell lists compared items as "S1=3 (re-scored from S1)".
func comparedCell(items []ComparedItem) string {
	parts := make([]string, len(items))
	for i, c := range items {
		how := "from "
		if c.Rescored {
			how = "re-scored from "
		}
		parts[i] = c.ItemID + "=" + strconv.Itoa(c.Score) + " (" + how + c.PreviousItem + ")"
	}
	return strings.Join(parts, "; ")
}

// leftOutCell lists left-out lines as "S2→S2: reason".
func leftOutCell(items []LeftOutItem) string {
	parts := make([]string, len(items))
	for i, l := range items {
		parts[i] = strings.Join(l.From, "+") + "→" + strings.Join(l.To, "+") + ": " + l.Reason
	}
	return strings.Join(parts, " | ")
}
