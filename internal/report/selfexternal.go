package report

import (
	"sort"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/report/stats"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// SelfExternalReport compares self-assessments with external reviews of the
// same sites.
type SelfExternalReport struct {
	WindowDays int `json:"window_days"`
	// Self and External count the candidate reviews with a total (external
	// includes remote reviews); the pairs use each review at most once.
	Self     int                `json:"self"`
	External int                `json:"external"`
	Pairs    []SelfExternalPair `json:"pairs"`
	// BlandAltman is computed on the paired totals, difference self −
	// external: Bias is the mean difference, SD the SD of the differences,
	// N the number of pairs.
	BlandAltman stats.BlandAltmanResult `json:"bland_altman"`
	// Items holds the mean item difference (self − external) per item in
	// scale order, over the pairs in which both reviews scored the item.
	Items []ItemDifference `json:"items"`
}

// SelfExternalPair is one self-assessment paired with an external review.
type SelfExternalPair struct {
	SiteID           string              `json:"site_id"`
	SelfReviewID     string              `json:"self_review_id"`
	ExternalReviewID string              `json:"external_review_id"`
	ExternalType     fidelity.ReviewType `json:"external_type"`
	SelfVisitEnd     time.Time           `json:"self_visit_end"`
	ExternalVisitEnd time.Time           `json:"external_visit_end"`
	GapDays          int                 `json:"gap_days"` // |self − external| VisitEnd, days
	SelfTotal        float64             `json:"self_total"`
	ExternalTotal    float64             `json:"external_total"`
	Difference       float64             `json:"difference"` // self − external
}

// ItemDifference is the mean paired difference on one item.
type ItemDifference struct {
	ItemID string       `json:"item"`
	N      int          `json:"n"`
	Mean   stats.Result `json:"mean"`
	SD     stats.Result `json:"sd"`
}

// SelfVsExternal pairs self-assessments with external (or remote) reviews
// of the same site whose VisitEnd dates are at most windowDays apart
// (DefaultWindowDays when windowDays ≤ 0) and compares them. Every review
// under sc.ID with a consensus total counts, whatever its status; filter
// the input to restrict it (Agreement uses its Statuses option). Pairing
// is greedy on the smallest gap (ties: earlier self VisitEnd, then review
// ids), each review used at most once.
func SelfVsExternal(sc *scale.Scale, reviews []fidelity.ReviewScores, windowDays int) SelfExternalReport {
	if windowDays <= 0 {
		windowDays = DefaultWindowDays
	}
	if sc == nil {
		return selfExternal(nil, nil, windowDays)
	}
	sel := make([]*fidelity.ReviewScores, 0, len(reviews))
	for i := range reviews {
		if reviews[i].ScaleID == sc.ID {
			sel = append(sel, &reviews[i])
		}
	}
	return selfExternal(sc, layout(sc, sel), windowDays)
}

type totalled struct {
	r     *fidelity.ReviewScores
	cons  []int32
	total float64
}

func selfExternal(sc *scale.Scale, reviews []scoredReview, window int) SelfExternalReport {
	rep := SelfExternalReport{WindowDays: window, Pairs: []SelfExternalPair{}, Items: []ItemDifference{}}
	self := map[string][]totalled{}
	ext := map[string][]totalled{}
	for _, m := range reviews {
		r := m.r
		if r.Type != fidelity.ReviewSelf && r.Type != fidelity.ReviewExternal && r.Type != fidelity.ReviewRemote {
			continue
		}
		t, _ := reviewTotal(sc, r)
		if t == nil {
			continue
		}
		if r.Type == fidelity.ReviewSelf {
			self[r.SiteID] = append(self[r.SiteID], totalled{r, m.cons, *t})
			rep.Self++
		} else {
			ext[r.SiteID] = append(ext[r.SiteID], totalled{r, m.cons, *t})
			rep.External++
		}
	}
	type cand struct {
		s, e totalled
		gap  int
	}
	var cands []cand
	for site, ss := range self {
		for _, s := range ss {
			for _, e := range ext[site] {
				gap := abs(daysBetween(s.r.VisitEnd, e.r.VisitEnd))
				if gap <= window {
					cands = append(cands, cand{s, e, gap})
				}
			}
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.gap != b.gap {
			return a.gap < b.gap
		}
		if da, db := day(a.s.r.VisitEnd), day(b.s.r.VisitEnd); !da.Equal(db) {
			return da.Before(db)
		}
		if a.s.r.ReviewID != b.s.r.ReviewID {
			return a.s.r.ReviewID < b.s.r.ReviewID
		}
		return a.e.r.ReviewID < b.e.r.ReviewID
	})
	used := map[*fidelity.ReviewScores]bool{}
	var pairs []cand
	for _, c := range cands {
		if used[c.s.r] || used[c.e.r] {
			continue
		}
		used[c.s.r], used[c.e.r] = true, true
		pairs = append(pairs, c)
	}
	sort.Slice(pairs, func(i, j int) bool {
		a, b := pairs[i], pairs[j]
		if a.s.r.SiteID != b.s.r.SiteID {
			return a.s.r.SiteID < b.s.r.SiteID
		}
		if da, db := day(a.s.r.VisitEnd), day(b.s.r.VisitEnd); !da.Equal(db) {
			return da.Before(db)
		}
		return a.s.r.ReviewID < b.s.r.ReviewID
	})
	xs := make([]float64, len(pairs))
	ys := make([]float64, len(pairs))
	for i, c := range pairs {
		xs[i], ys[i] = c.s.total, c.e.total
		rep.Pairs = append(rep.Pairs, SelfExternalPair{
			SiteID: c.s.r.SiteID, SelfReviewID: c.s.r.ReviewID, ExternalReviewID: c.e.r.ReviewID,
			ExternalType: c.e.r.Type, SelfVisitEnd: c.s.r.VisitEnd, ExternalVisitEnd: c.e.r.VisitEnd,
			GapDays: c.gap, SelfTotal: c.s.total, ExternalTotal: c.e.total, Difference: c.s.total - c.e.total,
		})
	}
	rep.BlandAltman = stats.BlandAltman(xs, ys)
	if sc == nil {
		return rep
	}
	rep.Items = make([]ItemDifference, len(sc.Items))
	for i, it := range sc.Items {
		var d []float64
		for _, c := range pairs {
			if len(c.s.cons) == 0 || len(c.e.cons) == 0 {
				continue
			}
			if sv, ev := c.s.cons[i], c.e.cons[i]; sv != noScore && ev != noScore {
				d = append(d, float64(sv-ev))
			}
		}
		id := ItemDifference{ItemID: it.ID, N: len(d), Mean: stats.Mean(d), SD: stats.SD(d)}
		id.Mean.Name = "Mean item difference (self − external)"
		id.SD.Name = "SD of item differences (sample, n − 1)"
		rep.Items[i] = id
	}
	return rep
}

// PairsTable renders the self/external pairs.
func (a AgreementReport) PairsTable() ([]string, [][]string) { return a.SelfExternal.Table() }

// Table renders one row per self/external pair.
func (s SelfExternalReport) Table() ([]string, [][]string) {
	header := []string{"site_id", "self_review_id", "external_review_id", "external_type", "self_visit_end",
		"external_visit_end", "gap_days", "self_total", "external_total", "difference"}
	rows := make([][]string, 0, len(s.Pairs))
	for _, p := range s.Pairs {
		rows = append(rows, []string{p.SiteID, p.SelfReviewID, p.ExternalReviewID, string(p.ExternalType),
			fmtDate(p.SelfVisitEnd), fmtDate(p.ExternalVisitEnd), fmtInt(p.GapDays), fmtFloat(p.SelfTotal),
			fmtFloat(p.ExternalTotal), fmtFloat(p.Difference)})
	}
	return header, rows
}

// ItemsTable renders the mean item differences, one row per item.
func (s SelfExternalReport) ItemsTable() ([]string, [][]string) {
	header := []string{"item", "n", "mean_difference", "sd", "reason"}
	rows := make([][]string, 0, len(s.Items))
	for _, it := range s.Items {
		rows = append(rows, []string{it.ItemID, fmtInt(it.N), fmtResult(it.Mean), fmtResult(it.SD), it.Mean.Reason})
	}
	return header, rows
}
