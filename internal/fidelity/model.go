package fidelity

import "time"

// SiteKind is free text in the data model (any depth of tree), with the
// usual Norwegian levels as constants.
const (
	SiteKindRegion = "region"
	SiteKindOffice = "office"
	SiteKindTeam   = "team"
)

// Site is a node in the organisation tree: region → Nav office → team, or
// any depth. Path is the materialised path of ids from the root
// ("/root-id/child-id/"), so a subtree is one prefix match.
type Site struct {
	ID         string
	ParentID   string // "" for a root
	Path       string
	Kind       string
	Code       string
	Name       string
	ActiveFrom *time.Time // a date; nil = since always
	ActiveTo   *time.Time // a date; nil = still active
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Version    int // optimistic-concurrency counter; the ETag
}

// Active reports whether the site is active on day.
func (s Site) Active(day time.Time) bool {
	if s.ActiveFrom != nil && day.Before(*s.ActiveFrom) {
		return false
	}
	return s.ActiveTo == nil || day.Before(*s.ActiveTo)
}

// SiteChange is one entry of a site's history: what it was called and
// where it sat in the tree from ValidFrom on.
type SiteChange struct {
	SiteID    string
	ValidFrom time.Time
	Name      string
	Code      string
	ParentID  string
	Path      string
	Change    string // "created", "renamed", "moved", "deactivated", "updated"
}

// Rater is a person who rates reviews.
type Rater struct {
	ID           string
	Name         string
	Organisation string
	Email        string
	Active       bool
	// HomeSiteID is the site the rater belongs to ("" = none); with the
	// sites of the reviews the rater is assigned to, it decides which
	// scoped keys may see and change the rater.
	HomeSiteID string
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Version    int
}

// ReviewType says who did the review.
type ReviewType string

const (
	ReviewExternal ReviewType = "external"
	ReviewSelf     ReviewType = "self"
	ReviewRemote   ReviewType = "remote"
)

// ReviewStatus is the review workflow state.
type ReviewStatus string

const (
	StatusPlanned    ReviewStatus = "planned"
	StatusInProgress ReviewStatus = "in_progress"
	StatusConsensus  ReviewStatus = "consensus"
	StatusFinalised  ReviewStatus = "finalised"
)

// ConsensusKey is the rater key under which consensus ratings are stored.
const ConsensusKey = "consensus"

// Review is one fidelity review of one site under one exact scale version.
type Review struct {
	ID           string
	SiteID       string
	ScaleID      string
	ScaleVersion string
	Type         ReviewType
	Status       ReviewStatus
	VisitStart   time.Time // a date
	VisitEnd     time.Time // a date
	RaterIDs     []string
	// Consensus score, copied from the consensus rating set for lists and reports.
	Total       *float64
	Band        string
	Valid       bool
	Complete    bool
	FinalisedAt *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Version     int
}

// RatingSet is everything one rater (or the consensus) recorded for a
// review, with its computed scorecard.
type RatingSet struct {
	ReviewID    string
	RaterKey    string // a rater id, or ConsensusKey
	Inputs      []ItemInput
	Scorecard   Scorecard
	Submitted   bool
	SubmittedAt *time.Time
	UpdatedAt   time.Time
	Version     int
	// ReviewVersion is the review's version after a consensus write (which
	// rescores the review and so changes it); 0 when not written.
	ReviewVersion int
}

// Correction records a change to a finalised review: the original stays,
// the new value is recorded with who, when and why.
type Correction struct {
	ID        string
	ReviewID  string
	ItemID    string
	Before    ItemInput
	After     ItemInput
	Reason    string
	By        string
	CreatedAt time.Time
	// ReviewVersion is the corrected review's new version.
	ReviewVersion int
}
