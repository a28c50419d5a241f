package service

import (
	"context"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// raterNames maps the raters of the reviews to their names, so the
// agreement report can name each pair and each difference ("Kari − Ola")
// rather than print ids. A rater that no longer exists keeps its id.
func (s *Service) raterNames(ctx context.Context, reviews []fidelity.ReviewScores) (map[string]string, error) {
	names := map[string]string{}
	for _, r := range reviews {
		for id := range r.Raters {
			if id == fidelity.ConsensusKey {
				continue
			}
			if _, done := names[id]; done {
				continue
			}
			rt, err := s.store.GetRater(ctx, id)
			switch {
			case err == nil:
				names[id] = rt.Name
			case fidelity.KindOf(err) == fidelity.KindNotFound:
				names[id] = id
			default:
				return nil, err
			}
		}
	}
	return names, nil
}
