package demo

import (
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// evidence is what a reviewer notes on some items, by item type.
var evidence = map[scale.ItemType]string{
	scale.TypeMeasured:      "Tall fra teamets deltakeroversikt og stillingsoversikt, gjennomgått med teamleder.",
	scale.TypePerSpecialist: "Jobbspesialistenes logg over arbeidsgiverkontakter de siste fire ukene.",
	scale.TypeChecklist:     "Gjennomgang av seks journaler og intervju med jobbspesialistene.",
	scale.TypeOrdinal:       "Intervju med teamleder, to jobbspesialister og en Nav-veileder.",
}

// leaning is how often a rater who departs from the consensus scores
// above it: one reviewer is lenient and one strict, so the agreement
// page's drift table has something to show; the others have no lean.
func (s *seeder) leaning(rater string) float64 {
	switch rater {
	case s.reviewers[lenient]:
		return 0.85
	case s.reviewers[strict]:
		return 0.15
	}
	return 0.5
}

// review runs one review through the workflow up to stage (0 planned,
// 1 one rater submitted, 2 every rater submitted, 3 consensus entered,
// 4 finalised). truth holds the consensus score of each item; every
// rater records the same measured facts and departs from the consensus
// judgement on a share disagree of the other items, by one level.
func (s *seeder) review(tm *team, typ fidelity.ReviewType, start time.Time, days int, raters []string, truth []int, stage int, disagree float64) (fidelity.Review, error) {
	start = s.book(raters, start, days)
	rv, err := s.svc.PlanReview(s.ctx, service.ReviewInput{
		SiteID: tm.siteID, Scale: s.sc.Ref(), Type: typ, VisitStart: start, VisitEnd: start.AddDate(0, 0, days), RaterIDs: raters,
	})
	if err != nil {
		return fidelity.Review{}, err
	}
	s.sum.Reviews++
	if stage == 0 || truth == nil {
		return rv.Review, nil
	}
	v := newVisit(s.sc, tm, s.rng)
	consensus := make([]fidelity.ItemInput, len(s.sc.Items))
	for i := range s.sc.Items {
		it := &s.sc.Items[i]
		if isFact(it) {
			consensus[i], err = v.facts(it, truth[i])
		} else if consensus[i], err = v.inputFor(it, truth[i]); err == nil && it.Type == scale.TypePerSpecialist {
			consensus[i] = v.spread(it, consensus[i], truth[i])
		}
		if err != nil {
			return fidelity.Review{}, err
		}
	}
	// A judgement the raters disagree on has one other reading, a level
	// above or below the consensus, so raters at a visit are never more
	// than one level apart.
	other := make([]*fidelity.ItemInput, len(s.sc.Items))
	otherDir := make([]int, len(s.sc.Items))
	for ri, rater := range raters {
		items := make([]fidelity.ItemInput, len(s.sc.Items))
		for i := range s.sc.Items {
			it := &s.sc.Items[i]
			items[i] = clone(consensus[i])
			if !isFact(it) && s.rng.Float64() < disagree {
				dir := -1
				if s.rng.Float64() < s.leaning(rater) {
					dir = 1
				}
				level := truth[i] + dir
				if level >= s.sc.Levels.Min && level <= s.sc.Levels.Max && (other[i] == nil || otherDir[i] == dir) {
					if other[i] == nil {
						alt, err := v.judged(it, consensus[i], truth[i], dir)
						if err != nil {
							return fidelity.Review{}, err
						}
						other[i], otherDir[i] = &alt, dir
					}
					items[i] = clone(*other[i])
				}
			}
			items[i].Sources = pickSources(it, s.rng)
			if ri == 0 && s.rng.IntN(4) == 0 {
				items[i].Evidence = evidence[it.Type]
			}
		}
		submit := stage >= 2 || ri == 0
		if _, err := s.svc.SaveRatings(s.ctx, rv.ID, rater, service.AnyVersion, items, submit); err != nil {
			return fidelity.Review{}, err
		}
	}
	if stage < 3 {
		return rv.Review, nil
	}
	if _, err := s.svc.SaveConsensus(s.ctx, rv.ID, service.AnyVersion, consensus); err != nil {
		return fidelity.Review{}, err
	}
	if stage < 4 {
		return rv.Review, nil
	}
	fin, err := s.svc.Finalize(s.ctx, rv.ID, service.AnyVersion)
	if err != nil {
		return fidelity.Review{}, err
	}
	s.sum.Finalised++
	return fin.Review, nil
}
