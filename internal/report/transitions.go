package report

import (
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// TransitionMatrix counts how the cohort's sites moved between bands from
// period A to period B.
type TransitionMatrix struct {
	Scale   string     `json:"scale"`
	PeriodA PeriodSpec `json:"period_a"`
	PeriodB PeriodSpec `json:"period_b"`
	// Types are the review types the report used (by default external and
	// remote: a self-assessment is not a fidelity review).
	Types []fidelity.ReviewType `json:"types"`
	// Bands are the scale's bands in scale order: the rows (band in A) and
	// columns (band in B) of Counts.
	Bands  []BandRef `json:"bands"`
	Counts [][]int   `json:"counts"`
	// OnlyInA[i] counts sites in band i in A with no review in B; OnlyInB[j]
	// sites in band j in B with none in A.
	OnlyInA []int `json:"only_in_a"`
	OnlyInB []int `json:"only_in_b"`
	// Both, OnlyA, OnlyB and Neither count the cohort's sites by presence.
	Both    int `json:"both"`
	OnlyA   int `json:"only_a"`
	OnlyB   int `json:"only_b"`
	Neither int `json:"neither"`
	// Up, Same and Down split Both by direction (bands ranked by lower
	// bound).
	Up   int `json:"up"`
	Same int `json:"same"`
	Down int `json:"down"`
	// Sites lists every site present in A or B, sorted by name.
	Sites []SiteTransition `json:"sites"`
}

// BandRef names a band.
type BandRef struct {
	ID    string        `json:"id"`
	Label fidelity.Text `json:"label"`
}

// SiteTransition is one site's band in both periods.
type SiteTransition struct {
	SiteID   string   `json:"site_id"`
	SiteName string   `json:"site_name"`
	ReviewA  string   `json:"review_a,omitempty"`
	ReviewB  string   `json:"review_b,omitempty"`
	TotalA   *float64 `json:"total_a"`
	TotalB   *float64 `json:"total_b"`
	BandA    string   `json:"band_a"`
	BandB    string   `json:"band_b"`
	// Change is "up", "down", "same", "only_a" or "only_b".
	Change string `json:"change"`
}

// Transitions builds the band transition matrix of sites between periodA
// and periodB. In each period a site is represented by its latest finalised
// review under sc.ID with a total and a band (as in Compare).
func Transitions(sc *scale.Scale, sites []SiteRef, reviews []fidelity.ReviewScores, periodA, periodB PeriodSpec) TransitionMatrix {
	m := TransitionMatrix{PeriodA: periodA, PeriodB: periodB, Bands: []BandRef{}, Counts: [][]int{},
		OnlyInA: []int{}, OnlyInB: []int{}, Sites: []SiteTransition{}}
	if sc == nil {
		return m
	}
	m.Scale = sc.Ref()
	nb := len(sc.Bands)
	pos := make(map[string]int, nb)
	for i, b := range sc.Bands {
		m.Bands = append(m.Bands, BandRef{ID: b.ID, Label: b.Label})
		pos[b.ID] = i
	}
	m.Counts = make([][]int, nb)
	for i := range m.Counts {
		m.Counts[i] = make([]int, nb)
	}
	m.OnlyInA, m.OnlyInB = make([]int, nb), make([]int, nb)
	ranks := bandRank(sc)
	set := newSiteSet(sites)
	a := latestPerSite(sc, set, reviews, periodA, true)
	b := latestPerSite(sc, set, reviews, periodB, true)
	for k, s := range set.list {
		ia, inA := pos[a[k].band]
		ib, inB := pos[b[k].band]
		inA = inA && a[k].r != nil
		inB = inB && b[k].r != nil
		if !inA && !inB {
			m.Neither++
			continue
		}
		st := SiteTransition{SiteID: s.ID, SiteName: s.Name}
		if inA {
			st.ReviewA, st.TotalA, st.BandA = a[k].r.ReviewID, a[k].total, a[k].band
		}
		if inB {
			st.ReviewB, st.TotalB, st.BandB = b[k].r.ReviewID, b[k].total, b[k].band
		}
		switch {
		case inA && inB:
			m.Both++
			m.Counts[ia][ib]++
			switch ra, rb := ranks[st.BandA], ranks[st.BandB]; {
			case rb > ra:
				st.Change = "up"
				m.Up++
			case rb < ra:
				st.Change = "down"
				m.Down++
			default:
				st.Change = "same"
				m.Same++
			}
		case inA:
			m.OnlyA++
			m.OnlyInA[ia]++
			st.Change = "only_a"
		default:
			m.OnlyB++
			m.OnlyInB[ib]++
			st.Change = "only_b"
		}
		m.Sites = append(m.Sites, st)
	}
	return m
}

// Table renders the matrix: one row per band in A with the counts per band
// in B and a last column "not_in_b"; a last row "not_in_a" counts the
// sites present in B only.
func (m TransitionMatrix) Table() ([]string, [][]string) {
	header := []string{"band_a"}
	for _, b := range m.Bands {
		header = append(header, b.ID)
	}
	header = append(header, "not_in_b")
	rows := make([][]string, 0, len(m.Bands)+1)
	for i, b := range m.Bands {
		row := []string{b.ID}
		for j := range m.Bands {
			row = append(row, fmtInt(m.Counts[i][j]))
		}
		rows = append(rows, append(row, fmtInt(m.OnlyInA[i])))
	}
	last := []string{"not_in_a"}
	for j := range m.Bands {
		last = append(last, fmtInt(m.OnlyInB[j]))
	}
	rows = append(rows, append(last, ""))
	return header, rows
}

// SitesTable renders one row per site present in A or B.
func (m TransitionMatrix) SitesTable() ([]string, [][]string) {
	header := []string{"site_id", "site_name", "review_a", "total_a", "band_a", "review_b", "total_b",
		"band_b", "change"}
	rows := make([][]string, 0, len(m.Sites))
	for _, s := range m.Sites {
		rows = append(rows, []string{s.SiteID, s.SiteName, s.ReviewA, fmtFloatPtr(s.TotalA), s.BandA,
			s.ReviewB, fmtFloatPtr(s.TotalB), s.BandB, s.Change})
	}
	return header, rows
}
