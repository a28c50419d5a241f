package service

import (
	"context"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// WrittenReportStore persists the written review report (migration 00015).
type WrittenReportStore interface {
	// GetWrittenReport returns KindNotFound while nothing has been written.
	GetWrittenReport(ctx context.Context, reviewID string) (fidelity.WrittenReport, error)
	// PutWrittenReport inserts (Version 0) or updates (Version must match).
	PutWrittenReport(ctx context.Context, w fidelity.WrittenReport) error
	// AddNarrative stores a new version of the texts (Seq = last + 1).
	AddNarrative(ctx context.Context, n fidelity.ReportNarrative) error
	Narratives(ctx context.Context, reviewID string) ([]fidelity.ReportNarrative, error)
	AddReportComment(ctx context.Context, c fidelity.ReportComment) error
	ReportComments(ctx context.Context, reviewID string) ([]fidelity.ReportComment, error)
	CreateReportAction(ctx context.Context, a fidelity.ReportAction) error
	GetReportAction(ctx context.Context, id string) (fidelity.ReportAction, error)
	UpdateReportAction(ctx context.Context, a fidelity.ReportAction) error
	ReportActions(ctx context.Context, reviewID string) ([]fidelity.ReportAction, error)
	// PurgeEvidence clears every evidence note of a review's ratings and
	// corrections and returns how many it cleared.
	PurgeEvidence(ctx context.Context, reviewID string) (int, error)
	// RedactAuditEvidence blanks the evidence notes inside the before and
	// after documents of the review's audit events (its rating sets,
	// consensus and corrections), marks each changed event redacted at
	// the given instant and returns how many events changed. It is the one
	// exception to the append-only audit log: the duty to delete personal
	// data covers the copies in the log.
	RedactAuditEvidence(ctx context.Context, reviewID string, at time.Time) (int, error)
	// RedactStoredResponses blanks the evidence notes in the stored first
	// answers of idempotent POSTs to the review's paths, so a replay after
	// the purge does not return them; it returns how many changed.
	RedactStoredResponses(ctx context.Context, reviewID string) (int, error)
	// EvidenceToPurge lists reviews whose report was final on or before
	// finalBy and whose evidence is still there.
	EvidenceToPurge(ctx context.Context, finalBy time.Time) ([]string, error)
	ReportTimelines(ctx context.Context, f ReportTimelineFilter) ([]ReportTimelineRow, error)
}

// ReportTimelineFilter selects the reviews whose report deadlines to check.
type ReportTimelineFilter struct {
	Subtree  string
	Subtrees []string
	ReviewID string
	Since    time.Time // visit ended on or after
}

// ReportTimelineRow is a review with what its report deadlines depend on.
type ReportTimelineRow struct {
	ReviewID, SiteID, SiteName, SitePath string
	VisitEnd                             time.Time
	Report                               *fidelity.WrittenReport // nil: nothing written yet
	CommentedOn                          *time.Time
	OpenProposals                        int
	LastDecidedOn                        *time.Time
}
