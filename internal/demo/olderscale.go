package demo

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// olderReviews is the number of yearly reviews under the older scale,
// in the years 4, 3 and 2 before the history under Options.Scale begins
// (2019–2021 in a three-year data set that ends in 2026).
const olderReviews = 3

// olderHistory gives the first Options.OlderScaleTeams teams yearly
// finalised external reviews under Options.OlderScale (the 15-item IPS
// scale) before their history under the newer scale, with
// measured inputs (clients and FTEs for caseload) like every demo review,
// so their trend shows the scale change and the item map.
//
// The reviews draw from a generator of their own, seeded by the team, so
// the rest of the data set is exactly what it is without them.
func (s *seeder) olderHistory(tm *team) error {
	if s.older == nil || tm.k >= s.o.OlderScaleTeams {
		return nil
	}
	newer, rng := s.sc, s.rng
	s.sc, s.rng = s.older, rand.New(rand.NewPCG(s.o.Seed^uint64(tm.k+1), 1996))
	defer func() { s.sc, s.rng = newer, rng }()
	tr := trajectories[tm.k%len(trajectories)]
	persist := make([]float64, len(s.sc.Items))
	for i := range persist {
		persist[i] = s.rng.NormFloat64() * 0.4
	}
	for r := range olderReviews {
		// The team was further from the model before the newer scale came.
		level := math.Max(1.6, math.Min(5, tr.start-0.6+0.2*float64(r)))
		date := workday(time.Date(s.o.End.Year()-s.o.Years-olderReviews-1+r, time.Month(3+tm.k*2%8), 4+s.rng.IntN(20), 0, 0, 0, 0, time.UTC))
		if _, err := s.review(tm, fidelity.ReviewExternal, date, 1, s.pair(tm.k+r+3), s.itemScores(level, persist), 4, 0.15); err != nil {
			return err
		}
	}
	return nil
}

// rescoreOlder scores the older reviews' stored inputs again under the
// newer scale (separate scorecards; the reviews stay as they are), so the
// trend and the comparison also compare caseload across the change.
func (s *seeder) rescoreOlder() error {
	if s.older == nil || s.o.OlderScaleTeams == 0 {
		return nil
	}
	_, err := s.svc.Rescore(s.ctx, service.RescoreRequest{To: s.sc.Ref()})
	return err
}
