package service

import (
	"context"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// exportFilter turns a report query into the review filter of an export,
// inside the caller's scope.
func (s *Service) exportFilter(ctx context.Context, q ReportQuery, status []fidelity.ReviewStatus) (ReviewFilter, error) {
	if q.Subtree != "" {
		if _, err := visibleSite(ctx, s.store, q.Subtree); err != nil {
			return ReviewFilter{}, err
		}
	}
	f := ReviewFilter{Subtree: q.Subtree, Subtrees: caller(ctx).Scope, Type: q.Type, From: q.From, To: q.To, Status: status}
	if q.Scale != "" {
		sc, err := s.reportScale(q.Scale)
		if err != nil {
			return ReviewFilter{}, err
		}
		f.ScaleID, f.ScaleVersion = sc.ID, sc.Version
	}
	return f, nil
}

// ExportRatings streams every item rating of the selected reviews (all
// statuses unless given), for the long export.
func (s *Service) ExportRatings(ctx context.Context, q ReportQuery, status []fidelity.ReviewStatus, fn func(ExportRating) error) error {
	f, err := s.exportFilter(ctx, q, status)
	if err != nil {
		return err
	}
	blind := s.blindRuleFor(ctx)
	return s.store.StreamRatings(ctx, f, func(r ExportRating) error {
		if !blind.shows(r.ReviewStatus, r.RaterKey) {
			return nil
		}
		return fn(r)
	})
}

// ExportReviews streams the selected reviews with their consensus item
// scores, for the wide export.
func (s *Service) ExportReviews(ctx context.Context, q ReportQuery, status []fidelity.ReviewStatus, fn func(fidelity.ReviewScores) error) error {
	f, err := s.exportFilter(ctx, q, status)
	if err != nil {
		return err
	}
	blind := s.blindRuleFor(ctx)
	return s.store.ListReviewScores(ctx, f, false, func(r fidelity.ReviewScores) error {
		blind.hideRaters(&r)
		return fn(r)
	})
}

// CheckExport validates an export query before any byte is sent, so a bad
// filter is a 4xx problem and not a half-written file.
func (s *Service) CheckExport(ctx context.Context, q ReportQuery) error {
	_, err := s.exportFilter(ctx, q, nil)
	return err
}
