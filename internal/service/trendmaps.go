package service

import (
	"context"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/report"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// olderReviews adds to opts the item maps that lead from older scales to
// any version of sc, with those scales, and returns the reviews under them
// that f (otherwise) selects, so that a site's IPS-15 history shows in its
// SE Fidelity Scale trend. Re-scored scorecards of those reviews under sc
// come along for the items a map compares by re-scoring.
func (s *Service) olderReviews(ctx context.Context, sc *scale.Scale, f ReviewFilter, opts *report.TrendOptions) ([]fidelity.ReviewScores, error) {
	var out []fidelity.ReviewScores
	seen := map[string]bool{}
	for _, v := range s.scales.Versions(sc.ID) {
		for _, m := range s.scales.MapsTo(scale.ScaleRef{ID: sc.ID, Version: v}) {
			older, err := s.scales.Get(m.Supersedes.ID, m.Supersedes.Version)
			if err != nil || older.ID == sc.ID {
				continue
			}
			opts.Maps = append(opts.Maps, m)
			opts.Predecessors = append(opts.Predecessors, older)
			if seen[older.ID] {
				continue
			}
			seen[older.ID] = true
			g := f
			g.ScaleID = older.ID
			list, err := s.reviewScores(ctx, g, false)
			if err != nil {
				return nil, err
			}
			if opts.Rescored == nil {
				opts.Rescored = map[string]map[string]int{}
			}
			if err := s.addRescored(ctx, list, m.Scale, opts.Rescored); err != nil {
				return nil, err
			}
			out = append(out, list...)
		}
	}
	return out, nil
}

// addRescored adds the newest re-scored scorecard under target of each
// review to into (review id → item id → score).
func (s *Service) addRescored(ctx context.Context, reviews []fidelity.ReviewScores, target scale.ScaleRef, into map[string]map[string]int) error {
	ids := make([]string, len(reviews))
	for i, r := range reviews {
		ids[i] = r.ReviewID
	}
	cards, err := s.store.ListRescored(ctx, ids, target.ID, target.Version)
	if err != nil {
		return err
	}
	for _, c := range cards { // oldest first: the newest stays
		scores := map[string]int{}
		for _, it := range c.Scorecard.Items {
			if it.Score != nil {
				scores[it.ItemID] = *it.Score
			}
		}
		into[c.ReviewID] = scores
	}
	return nil
}

// olderLatest is what the comparison needs for the sites whose latest
// review is under an older version than sc: the maps that lead to sc, the
// older scales, each site's latest reviews under them (same query, scope
// and types as the league's) and their re-scored scorecards under sc.
func (s *Service) olderLatest(ctx context.Context, sc *scale.Scale, q ReportQuery) ([]fidelity.ReviewScores, report.VersionMaps, error) {
	vm := report.VersionMaps{Rescored: map[string]map[string]int{}}
	var out []fidelity.ReviewScores
	for _, m := range s.scales.MapsTo(scale.ScaleRef{ID: sc.ID, Version: sc.Version}) {
		older, err := s.scales.Get(m.Supersedes.ID, m.Supersedes.Version)
		if err != nil || older.ID == sc.ID {
			continue
		}
		list, err := s.latest(ctx, older, q)
		if err != nil {
			return nil, vm, err
		}
		if err := s.addRescored(ctx, list, m.Scale, vm.Rescored); err != nil {
			return nil, vm, err
		}
		vm.Maps, vm.Older = append(vm.Maps, m), append(vm.Older, older)
		out = append(out, list...)
	}
	return out, vm, nil
}
