package service

import (
	"context"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/writtenreport"
)

// AddReportNarrative exposes addReportNarrative to the external tests.
func (s *Service) AddReportNarrative(ctx context.Context, p fidelity.Principal, reviewID string, doc *writtenreport.Document) error {
	r, err := visibleReview(fidelity.WithPrincipal(ctx, p), s.store, reviewID)
	if err != nil {
		return err
	}
	return s.addReportNarrative(ctx, p, r, doc)
}
