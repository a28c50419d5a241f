package service

import (
	"context"
	"io"
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
	WrittenReportStore

	// InTx runs fn inside one transaction with a Store bound to it; the
	// transaction commits when fn returns nil and rolls back otherwise.
	InTx(ctx context.Context, fn func(tx Store) error) error
	Ping(ctx context.Context) error

	// Scales persisted so every replica serves the same uploaded versions.
	PutScale(ctx context.Context, s StoredScale) error
	GetScale(ctx context.Context, id, version string) (StoredScale, error)
	ListScales(ctx context.Context) ([]StoredScale, error)
	// ReviseScale replaces the stored encoding of a scale version (whose
	// checksum must still be prevChecksum) and keeps the old one on record.
	ReviseScale(ctx context.Context, next StoredScale, prevChecksum string) error
	ListScaleEncodings(ctx context.Context, id, version string) ([]StoredScale, error)

	CreateSite(ctx context.Context, s fidelity.Site) error
	GetSite(ctx context.Context, id string) (fidelity.Site, error)
	// GetSiteHead is what a site's answer is keyed by (SiteHead).
	GetSiteHead(ctx context.Context, id string) (SiteHead, error)
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
	// SiteCodeTaken reports whether another active site (not exceptID)
	// under parentID ("" = the roots) has code, case-insensitively. A
	// unique index enforces the same rule; a write that breaks it fails
	// with SiteCodeTakenError.
	SiteCodeTaken(ctx context.Context, parentID, code, exceptID string) (bool, error)
	// LatestFinalised returns, per site id, the most recent finalised review
	// (by VisitEnd) of one of types of each given site; sites without one
	// are absent. This, LatestScores and OpenReviews are the "latest review
	// per site" reads, each filtered by review type in the store.
	LatestFinalised(ctx context.Context, siteIDs []string, types []fidelity.ReviewType) (map[string]fidelity.Review, error)
	// OpenReviews returns, per site id, the planned, in-progress and
	// consensus reviews of each given site, earliest visit first.
	OpenReviews(ctx context.Context, siteIDs []string) (map[string][]fidelity.Review, error)
	// Groupings returns the given sites that are groupings rather than units
	// of review: sites with sites below them and no review of their own.
	Groupings(ctx context.Context, siteIDs []string) (map[string]bool, error)
	// DueFacts returns in one read what the due state of the given sites
	// needs: LatestFinalised of shown and of clock (the same map when the
	// type lists are equal), OpenReviews and Groupings.
	DueFacts(ctx context.Context, siteIDs []string, shown []fidelity.ReviewType, clock ClockRule) (DueFacts, error)

	CreateRater(ctx context.Context, r fidelity.Rater) error
	GetRater(ctx context.Context, id string) (fidelity.Rater, error)
	UpdateRater(ctx context.Context, r fidelity.Rater) error
	ListRaters(ctx context.Context, f RaterFilter) ([]fidelity.Rater, error)
	// RaterSitePaths returns the paths of the sites a rater is linked to:
	// its home site and the sites of the reviews it is assigned to.
	RaterSitePaths(ctx context.Context, id string) ([]string, error)

	CreateReview(ctx context.Context, r fidelity.Review) error
	GetReview(ctx context.Context, id string) (fidelity.Review, error)
	// GetReviewAt returns the review with its raters and its site's
	// current path, in one statement.
	GetReviewAt(ctx context.Context, id string) (fidelity.Review, string, error)
	// UpdateReview writes status, dates, raters, type and the denormalised
	// score columns where Version matches; stores Version+1.
	UpdateReview(ctx context.Context, r fidelity.Review) error
	ListReviews(ctx context.Context, f ReviewFilter) ([]fidelity.Review, error)
	// ListReviewHeads is the page ListReviews returns, as ids and versions.
	ListReviewHeads(ctx context.Context, f ReviewFilter) ([]ReviewHead, error)
	// SetReviewState writes status, FinalisedAt, the denormalised score
	// columns and UpdatedAt where Version matches; stores Version+1.
	SetReviewState(ctx context.Context, r fidelity.Review) error
	// LockReviewAt, inside InTx, holds the review's row lock until the
	// transaction ends, so writes to one review (rating sets, consensus,
	// corrections) wait for each other instead of failing on the review's
	// version (a no-op where transactions are serial anyway), and returns
	// the review with its raters and its site's current path.
	LockReviewAt(ctx context.Context, id string) (fidelity.Review, string, error)
	// LockReviewSharedAt is LockReviewAt in share mode: holders of it run
	// together and must not write the review's row; LockReviewAt and any
	// write of the row wait for all of them (and they for it).
	LockReviewSharedAt(ctx context.Context, id string) (fidelity.Review, string, error)

	// PutRescored stores a re-scored scorecard; the same review, target
	// version, map and review version again is KindConflict.
	PutRescored(ctx context.Context, rs fidelity.RescoredScorecard) error
	// ListRescored returns the re-scored scorecards of the reviews under
	// scaleID@scaleVersion, oldest first.
	ListRescored(ctx context.Context, reviewIDs []string, scaleID, scaleVersion string) ([]fidelity.RescoredScorecard, error)

	// GetRatingSet returns KindNotFound when the rater has saved nothing yet.
	GetRatingSet(ctx context.Context, reviewID, raterKey string) (fidelity.RatingSet, error)
	// PutRatingSet inserts (Version 0 → stored as 1) or updates (Version
	// must match) a rating set with its per-item rows and scorecard.
	PutRatingSet(ctx context.Context, rs fidelity.RatingSet) error
	ListRatingSets(ctx context.Context, reviewID string) ([]fidelity.RatingSet, error)
	// ListRatingSetHeads is ListRatingSets without item inputs, and without
	// scorecards unless withScorecard: the cheap read of the write paths.
	ListRatingSetHeads(ctx context.Context, reviewID string, withScorecard bool) ([]fidelity.RatingSet, error)

	// CreateImportedReviews writes new reviews (with their raters, rating
	// sets and item rows) and audit events in a few multi-row statements,
	// inside the caller's transaction; it leaves site_latest to
	// RefreshSitesLatest, which the import calls once for the sites it touched.
	CreateImportedReviews(ctx context.Context, reviews []ImportedReview, events []fidelity.AuditEvent) error
	// CreateImportedDirectory writes the sites (parents first), their
	// history rows and the raters an import creates, in a few statements.
	CreateImportedDirectory(ctx context.Context, sites []fidelity.Site, changes []fidelity.SiteChange, raters []fidelity.Rater) error
	// RefreshSitesLatest rewrites the site_latest rows of the given sites.
	RefreshSitesLatest(ctx context.Context, siteIDs []string) error

	// Import jobs (migrations/00018_import_jobs.sql). CreateImportJob
	// stores a job with its upload, read from upload in chunks;
	// j.UploadBytes is the upload's size (the caller spooled it).
	CreateImportJob(ctx context.Context, j ImportJobRecord, upload io.Reader) error
	GetImportJob(ctx context.Context, id string) (ImportJobRecord, error)
	// SaveImportJobState writes a job's status, progress, report, failure
	// and heartbeat, if the job is still run by j.Runner.
	SaveImportJobState(ctx context.Context, j ImportJobRecord) error
	// ClaimImportCommit turns a finished, error-free dry run of owner (or
	// a commit whose heartbeat is older than staleBefore: its process
	// died) into a running commit by runner; false when the job is in no
	// such state (running, committed already, failed or with errors).
	ClaimImportCommit(ctx context.Context, id, owner, runner string, now, staleBefore time.Time) (bool, error)
	// CopyImportUpload writes a job's upload to w.
	CopyImportUpload(ctx context.Context, id string, w io.Writer) error
	// DropImportUpload removes a job's upload (a committed job needs it no
	// more); PruneImportJobs removes jobs not updated since before, with
	// their uploads, except running ones whose heartbeat is newer.
	DropImportUpload(ctx context.Context, id string) error
	PruneImportJobs(ctx context.Context, before time.Time) (int, error)

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
	// Subtrees, when non-empty, keeps the raters relevant to them (home
	// site or an assigned review's site inside one), and the rater Own.
	Subtrees []string
	Own      string
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

// ReviewHead is a review's id and the version of its row, which moves on
// every write to the review (plan, raters, status, consensus total).
type ReviewHead struct {
	ID      string
	Version int
}

// ClockRule says which finalised reviews reset a site's review clock: a
// review counts when its type is one its own scale's policy resets the
// clock on. Types applies to scales this process has not loaded; when
// every loaded scale's policy names the same, Resetting is nil and Types
// is the whole rule. Otherwise Resetting lists the "id@version/type" that
// reset and Known the scales ("id@version") they were taken from.
type ClockRule struct {
	Types     []fidelity.ReviewType
	Resetting []string
	Known     []string
}

// SiteHead is what GET site's answer is a function of besides the day
// and the review types asked for: the site row (its version moves on
// every write to it; its path also moves, without the version, when an
// ancestor moves), whether it has child sites, its reviews ("id@version"
// joined, in id order: any write to a review moves its version, and a
// review moved to another site leaves the list) and the read-model rows
// its latest review is picked from ("type/review id/visit end" joined).
type SiteHead struct {
	Site        fidelity.Site
	HasChildren bool
	Reviews     string
	Latest      string
}

// DueFacts is what the due state of a set of sites is computed from (see
// Store.DueFacts).
type DueFacts struct {
	Shown, Clock map[string]fidelity.Review
	Open         map[string][]fidelity.Review
	Groupings    map[string]bool
	// Latest are the site_latest rows Shown and Clock were picked from,
	// read in the same statement, as SiteHead.Latest; filled only when
	// the facts of a single site are asked for.
	Latest map[string]string
}

// ImportedReview is a review an import creates, with its rating sets.
type ImportedReview struct {
	Review fidelity.Review
	Sets   []fidelity.RatingSet
}

// ImportJobRecord is an import job as the database keeps it (see
// migrations/00018_import_jobs.sql); Report and Failure are JSON documents
// the service writes and reads.
type ImportJobRecord struct {
	ID, Owner, Status string
	Commit            bool
	CreateSites       bool
	CorrectionReason  string
	Rows, Errors      int
	Report, Failure   []byte
	Runner            string
	HeartbeatAt       time.Time
	UploadBytes       int64
	CreatedAt         time.Time
	UpdatedAt         time.Time
}
