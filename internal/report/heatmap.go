package report

import (
	"sort"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// HeatmapLowScore is the score at or below which an item counts as holding
// a site back in the heatmap's weakest-items list.
const HeatmapLowScore = 3

// HeatmapReport is the items × sites matrix of the latest consensus scores.
type HeatmapReport struct {
	Scale    string `json:"scale"`
	LowScore int    `json:"low_score"`
	// Types are the review types the report used (by default external and
	// remote: a self-assessment is not a fidelity review).
	Types []fidelity.ReviewType `json:"types"`
	// Items are the scale's items in scale order: the columns of the cells.
	Items []HeatmapItem `json:"items"`
	// Sites are sorted by name, then id; sites without a finalised review
	// are included with empty cells.
	Sites []HeatmapSite `json:"sites"`
	// Weakest lists the items with at least one score, lowest mean first
	// (ties: larger share of low scores first, then scale order).
	Weakest []HeatmapItem `json:"weakest"`
}

// HeatmapItem sums up one item across the cohort.
type HeatmapItem struct {
	ItemID  string        `json:"item"`
	Section string        `json:"section"`
	Title   fidelity.Text `json:"title"`
	// N counts sites with a score on the item; Mean is their mean score.
	N    int      `json:"n"`
	Mean *float64 `json:"mean"`
	// Low counts sites scoring ≤ LowScore; LowShare is Low / N (0–1).
	Low      int      `json:"low"`
	LowShare *float64 `json:"low_share"`
}

// HeatmapSite is one site's row.
type HeatmapSite struct {
	SiteID       string     `json:"site_id"`
	SiteName     string     `json:"site_name"`
	SiteCode     string     `json:"site_code,omitempty"`
	ReviewID     string     `json:"review_id"`
	ScaleVersion string     `json:"scale_version"`
	VisitEnd     *time.Time `json:"visit_end"`
	// Scores is aligned with HeatmapReport.Items; nil where missing.
	Scores []*int `json:"scores"`
	// Rated counts the scored cells; Mean is their mean.
	Rated int      `json:"rated"`
	Mean  *float64 `json:"mean"`
	// Total and Band are the review's (see Compare for how they are taken).
	Total *float64 `json:"total"`
	Band  string   `json:"band"`
}

// Heatmap builds the items × sites heatmap from each site's latest
// finalised review under sc.ID (any version; items are matched by id and
// only sc's items are shown).
func Heatmap(sc *scale.Scale, sites []SiteRef, reviews []fidelity.ReviewScores) HeatmapReport {
	rep := HeatmapReport{LowScore: HeatmapLowScore, Items: []HeatmapItem{}, Sites: []HeatmapSite{}, Weakest: []HeatmapItem{}}
	if sc == nil {
		return rep
	}
	rep.Scale = sc.Ref()
	ni := len(sc.Items)
	rep.Items = make([]HeatmapItem, ni)
	for i, it := range sc.Items {
		rep.Items[i] = HeatmapItem{ItemID: it.ID, Section: it.Section, Title: it.Title}
	}
	sums := make([]int, ni)
	set := newSiteSet(sites)
	picks := latestPerSite(sc, set, reviews, PeriodSpec{}, false)
	rep.Sites = make([]HeatmapSite, len(set.list))
	backing := make([]int, len(set.list)*ni)
	for k, s := range set.list {
		row := HeatmapSite{SiteID: s.ID, SiteName: s.Name, SiteCode: s.Code, Scores: make([]*int, ni)}
		if p := picks[k]; p.r != nil {
			row.ReviewID, row.ScaleVersion = p.r.ReviewID, p.r.ScaleVersion
			row.VisitEnd = timePtr(p.r.VisitEnd)
			cells := backing[k*ni : (k+1)*ni]
			sum := 0
			for i, it := range sc.Items {
				v, ok := p.r.Consensus[it.ID]
				if !ok {
					continue
				}
				cells[i] = v
				row.Scores[i] = &cells[i]
				row.Rated++
				sum += v
				sums[i] += v
				rep.Items[i].N++
				if v <= HeatmapLowScore {
					rep.Items[i].Low++
				}
			}
			if row.Rated > 0 {
				row.Mean = ptr(float64(sum) / float64(row.Rated))
			}
			if (p.r.ScaleVersion == sc.Version || p.r.ScaleVersion == "") && len(p.r.Consensus) > 0 {
				row.Total, row.Band, _ = totalFromSum(sc, sum, row.Rated)
			} else {
				row.Total, row.Band = reviewTotal(sc, p.r)
			}
		}
		rep.Sites[k] = row
	}
	for i := range rep.Items {
		if n := rep.Items[i].N; n > 0 {
			rep.Items[i].Mean = ptr(float64(sums[i]) / float64(n))
			rep.Items[i].LowShare = ptr(float64(rep.Items[i].Low) / float64(n))
		}
	}
	order := make([]int, 0, ni)
	for i := range rep.Items {
		if rep.Items[i].N > 0 {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := rep.Items[order[a]], rep.Items[order[b]]
		if *x.Mean != *y.Mean {
			return *x.Mean < *y.Mean
		}
		if *x.LowShare != *y.LowShare {
			return *x.LowShare > *y.LowShare
		}
		return order[a] < order[b]
	})
	rep.Weakest = make([]HeatmapItem, len(order))
	for j, i := range order {
		rep.Weakest[j] = rep.Items[i]
	}
	return rep
}

// Table renders one row per site: the item scores in scale order, then the
// site's rated count, mean, total and band.
func (h HeatmapReport) Table() ([]string, [][]string) {
	header := []string{"site_id", "site_name", "site_code", "review_id", "visit_end"}
	for _, it := range h.Items {
		header = append(header, it.ItemID)
	}
	header = append(header, "rated", "mean", "total", "band")
	rows := make([][]string, 0, len(h.Sites))
	for _, s := range h.Sites {
		row := make([]string, 0, len(header))
		row = append(row, s.SiteID, s.SiteName, s.SiteCode, s.ReviewID, fmtDatePtr(s.VisitEnd))
		for _, v := range s.Scores {
			row = append(row, fmtIntPtr(v))
		}
		row = append(row, fmtInt(s.Rated), fmtFloatPtr(s.Mean), fmtFloatPtr(s.Total), s.Band)
		rows = append(rows, row)
	}
	return header, rows
}

// ItemsTable renders the weakest-items list, one row per item.
func (h HeatmapReport) ItemsTable() ([]string, [][]string) {
	header := []string{"rank", "item", "section", "title", "n", "mean", "low", "low_share"}
	rows := make([][]string, 0, len(h.Weakest))
	for j, it := range h.Weakest {
		rows = append(rows, []string{fmtInt(j + 1), it.ItemID, it.Section, it.Title.EN, fmtInt(it.N),
			fmtFloatPtr(it.Mean), fmtInt(it.Low), fmtFloatPtr(it.LowShare)})
	}
	return header, rows
}
