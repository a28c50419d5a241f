package service

import (
	"context"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// Store is what the use cases need from persistence. internal/store
// implements it on gorm (PostgreSQL and SQLite); nothing here knows which.
//
// Every method returns *fidelity.Error values with a kind: KindNotFound for
// missing rows, KindConflict for unique or foreign-key violations and for
// version mismatches on Update* (optimistic concurrency: the row's Version
// must equal the value passed in, and is incremented by one),
// KindUnavailable when the database cannot be reached.
type Store interface {
	ReportStore
	AccessStore

	// InTx runs fn inside one transaction with a Store bound to it; the
	// transaction commits when fn returns nil and rolls back otherwise.
	InTx(ctx context.Context, fn func(tx Store) error) error
	Ping(ctx context.Context) error

	// Scales persisted so every replica serves the same uploaded versions.
	PutScale(ctx context.Context, s StoredScale) error
	GetScale(ctx context.Context, id, version string) (StoredScale, error)
	ListScales(ctx context.Context) ([]StoredScale, error)

	CreateSite(ctx context.Context, s fidelity.Site) error
	GetSite(ctx context.Context, id string) (fidelity.Site, error)
	// UpdateSite writes every field of s where the stored Version equals
	// s.Version, and stores s.Version+1.
	UpdateSite(ctx context.Context, s fidelity.Site) error
	// RewritePaths replaces the prefix oldPrefix by newPrefix in the path of
	// every site in that subtree (a move).
	RewritePaths(ctx context.Context, oldPrefix, newPrefix string) error
	ListSites(ctx context.Context, f SiteFilter) ([]fidelity.Site, error)
	DeleteSite(ctx context.Context, id string) error
	AddSiteChange(ctx context.Context, c fidelity.SiteChange) error
	SiteHistory(ctx context.Context, siteID string) ([]fidelity.SiteChange, error)
	// CountReviews counts reviews of the site itself (not its subtree).
	CountReviews(ctx context.Context, siteID string) (int, error)
	CountChildren(ctx context.Context, siteID string) (int, error)
	// LatestFinalised returns, per site id, the most recent finalised review
	// (by VisitEnd) of each given site; sites without one are absent.
	LatestFinalised(ctx context.Context, siteIDs []string) (map[string]fidelity.Review, error)

	CreateRater(ctx context.Context, r fidelity.Rater) error
	GetRater(ctx context.Context, id string) (fidelity.Rater, error)
	UpdateRater(ctx context.Context, r fidelity.Rater) error
	ListRaters(ctx context.Context, f RaterFilter) ([]fidelity.Rater, error)

	CreateReview(ctx context.Context, r fidelity.Review) error
	GetReview(ctx context.Context, id string) (fidelity.Review, error)
	// UpdateReview writes status, dates, raters, type and the denormalised
	// score columns where Version matches; stores Version+1.
	UpdateReview(ctx context.Context, r fidelity.Review) error
	ListReviews(ctx context.Context, f ReviewFilter) ([]fidelity.Review, error)
	// SetReviewState writes status, FinalisedAt, the denormalised score
	// columns and UpdatedAt where Version matches; stores Version+1.
	SetReviewState(ctx context.Context, r fidelity.Review) error

	// GetRatingSet returns KindNotFound when the rater has saved nothing yet.
	GetRatingSet(ctx context.Context, reviewID, raterKey string) (fidelity.RatingSet, error)
	// PutRatingSet inserts (Version 0 → stored as 1) or updates (Version
	// must match) a rating set with its per-item rows and scorecard.
	PutRatingSet(ctx context.Context, rs fidelity.RatingSet) error
	ListRatingSets(ctx context.Context, reviewID string) ([]fidelity.RatingSet, error)
	// ListRatingSetHeads is ListRatingSets without item inputs, and without
	// scorecards unless withScorecard: the cheap read of the write paths.
	ListRatingSetHeads(ctx context.Context, reviewID string, withScorecard bool) ([]fidelity.RatingSet, error)

	AddCorrection(ctx context.Context, c fidelity.Correction) error
	ListCorrections(ctx context.Context, reviewID string) ([]fidelity.Correction, error)
}

// StoredScale is a scale version as persisted: its source YAML and checksum.
type StoredScale struct {
	ID        string
	Version   string
	Checksum  string
	Source    []byte
	Origin    string // "embedded", "dir:<path>", "upload"
	CreatedAt time.Time
}

// Page is keyset pagination: rows with id > After (ids are UUIDv7, so id
// order is creation order), at most Limit of them.
type Page struct {
	After string
	Limit int
}

// SiteFilter selects sites. Zero values do not filter.
type SiteFilter struct {
	// Subtree limits to the site with this id and its descendants.
	Subtree string
	// Subtrees, when non-empty, limits to the union of these subtrees
	// (access scope); combined with Subtree by AND.
	Subtrees []string
	Kind     string
	// NameContains matches name or code, case-insensitively.
	NameContains string
	// ActiveOn keeps sites active on that day.
	ActiveOn *time.Time
	Page
}

// RaterFilter selects raters.
type RaterFilter struct {
	ActiveOnly   bool
	InactiveOnly bool
	// NameContains matches name, organisation or e-mail, case-insensitively.
	NameContains string
	Page
}

// ReviewFilter selects reviews. Zero values do not filter.
type ReviewFilter struct {
	Subtree      string
	Subtrees     []string
	SiteID       string
	ScaleID      string
	ScaleVersion string
	Status       []fidelity.ReviewStatus
	Type         []fidelity.ReviewType
	// From/To filter on VisitEnd (inclusive dates).
	From, To *time.Time
	RaterID  string
	Page
}
