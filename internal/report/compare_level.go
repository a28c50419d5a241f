package report

import (
	"fmt"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// LevelAggregation says how a comparison was aggregated to a level of the
// site tree instead of comparing the units of review themselves.
type LevelAggregation struct {
	// Level is the site kind compared, e.g. "office".
	Level string `json:"level"`
	// Statistic names what each row's total is.
	Statistic string `json:"statistic"`
	// Units counts the reviewed sites that went into each row, by site id.
	Units map[string]int `json:"units"`
}

// CompareAtLevel compares the sites in groups (e.g. every office) by the
// mean total of the reviewed sites at or below each of them, taken from
// unit, the comparison of the units of review. A group with no reviewed
// site below it is listed in NoReview. The band of a row is the band of
// its mean total; the visit dates are those of its latest review.
func CompareAtLevel(sc *scale.Scale, level string, groups []SiteRef, units []SiteRef, unit ComparisonReport) ComparisonReport {
	agg := LevelAggregation{Level: level, Units: map[string]int{},
		Statistic: fmt.Sprintf("mean of the latest totals of the reviewed sites at or below each %s", level)}
	byID := make(map[string]SiteRef, len(units))
	for _, s := range units {
		byID[s.ID] = s
	}
	var synthetic []fidelity.ReviewScores
	for _, g := range groups {
		sum, n := 0.0, 0
		var latest *LeagueRow
		for i := range unit.League {
			row := &unit.League[i]
			if s, ok := byID[row.SiteID]; !ok || !s.Within(g) {
				continue
			}
			sum += row.Total
			n++
			if latest == nil || row.VisitEnd.After(latest.VisitEnd) {
				latest = row
			}
		}
		if n == 0 {
			continue
		}
		mean := sum / float64(n)
		agg.Units[g.ID] = n
		synthetic = append(synthetic, fidelity.ReviewScores{
			ReviewID: latest.ReviewID, SiteID: g.ID, ScaleID: sc.ID, ScaleVersion: latest.ScaleVersion,
			Type: latest.Type, Status: fidelity.StatusFinalised, VisitStart: latest.VisitStart, VisitEnd: latest.VisitEnd,
			Total: &mean, Band: BandOf(sc, mean),
		})
	}
	rep := Compare(sc, groups, synthetic, unit.Period, nil, "")
	rep.Types, rep.Aggregation = unit.Types, &agg
	return rep
}
