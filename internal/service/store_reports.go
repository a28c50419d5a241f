package service

import (
	"context"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// ReportStore is what reports, exports, outcomes and action plans need from
// persistence. Reports read many thousands of reviews, so these methods
// return lean values (item scores, not inputs or scorecards) and stream
// where a result can be large.
type ReportStore interface {
	// DataVersion is the count of committed writes: it grows with every
	// write transaction on any replica (each appends an audit event), so
	// a report computed at version N is current while it still reads N.
	DataVersion(ctx context.Context) (int64, error)
	// ListReviewScores calls fn for every review matching f (f.Page is
	// ignored), in id order, with consensus item scores and, when
	// withRaters, every rater's item scores. It reads in batches, so memory
	// stays flat however many reviews match. An error from fn stops it.
	ListReviewScores(ctx context.Context, f ReviewFilter, withRaters bool, fn func(fidelity.ReviewScores) error) error
	// LatestScores returns, for every site matching f, its most recent
	// finalised review (by visit_end, then id) with visit_end in
	// [f.From, f.To] (open ends allowed), with consensus item scores.
	//
	// Without From and To it reads a read model (one row per site, scale
	// version and type) that the store keeps current in the transaction of
	// every review write that finalises a review or changes a finalised one.
	LatestScores(ctx context.Context, f LatestFilter) ([]fidelity.ReviewScores, error)
	// StreamRatings calls fn for every stored item rating (one per review ×
	// rater or consensus × item, scored or not) of the reviews matching f,
	// ordered by review id, rater key, item order. Rows are read with a
	// cursor: memory stays flat for any export size.
	StreamRatings(ctx context.Context, f ReviewFilter, fn func(ExportRating) error) error

	CreateOutcome(ctx context.Context, o fidelity.Outcome) error
	ListOutcomes(ctx context.Context, f OutcomeFilter) ([]fidelity.Outcome, error)
	DeleteOutcome(ctx context.Context, id string) error

	CreateAction(ctx context.Context, a fidelity.ActionItem) error
	GetAction(ctx context.Context, id string) (fidelity.ActionItem, error)
	// UpdateAction writes every field but ID, ReviewID, SiteID and
	// CreatedAt where Version matches (KindConflict wrapping
	// fidelity.ErrStale otherwise) and stores Version+1.
	UpdateAction(ctx context.Context, a fidelity.ActionItem) error
	ListActions(ctx context.Context, f ActionFilter) ([]fidelity.ActionItem, error)
}

// LatestFilter selects the sites whose latest finalised review is wanted.
type LatestFilter struct {
	Subtree  string
	Subtrees []string
	SiteIDs  []string
	ScaleID  string
	// ScaleVersion "" = any version of ScaleID.
	ScaleVersion string
	Type         []fidelity.ReviewType
	From, To     *time.Time
}

// ExportRating is one row of the long export.
type ExportRating struct {
	ReviewID     string
	SiteID       string
	SiteCode     string
	SiteName     string
	SitePath     string
	ScaleID      string
	ScaleVersion string
	ReviewType   fidelity.ReviewType
	ReviewStatus fidelity.ReviewStatus
	VisitStart   time.Time
	VisitEnd     time.Time
	RaterKey     string // a rater id, or fidelity.ConsensusKey
	RaterName    string // "" for the consensus
	ItemID       string
	Seq          int // the item's position within the rating set
	Score        *int
}

// OutcomeFilter selects outcomes. Zero values do not filter.
type OutcomeFilter struct {
	SiteIDs  []string
	Subtree  string
	Subtrees []string
	Measure  string
	// From/To keep outcomes whose period overlaps [From, To].
	From, To *time.Time
}

// ActionFilter selects action items. Zero values do not filter.
type ActionFilter struct {
	Subtree  string
	Subtrees []string
	SiteID   string
	ReviewID string
	Status   []fidelity.ActionStatus
}
