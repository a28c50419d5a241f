package service

import (
	"context"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/writtenreport"
)

// addReportNarrative fills what the reviewers wrote (summary, strengths,
// per-item strength and recommendation), the action plan, the unit's
// comments and the report's lifecycle.
//
// This stub is replaced by the report-core branch at merge.
func (s *Service) addReportNarrative(ctx context.Context, p fidelity.Principal, reviewID string, doc *writtenreport.Document) error {
	return nil
}
