package fidelity

import "time"

// ReviewScores is one review as the reports read it: the stored item
// scores of the consensus and of each rater, without inputs or evidence.
// Reports work on many thousands of these, so it is deliberately lean;
// subtotals are derived from the item scores and the scale.
type ReviewScores struct {
	ReviewID     string
	SiteID       string
	ScaleID      string
	ScaleVersion string
	Type         ReviewType
	Status       ReviewStatus
	VisitStart   time.Time
	VisitEnd     time.Time
	// Total and Band are the consensus's (nil/"" until it has a valid total).
	Total *float64
	Band  string
	// Consensus maps item id → consensus score (items without a score are absent).
	Consensus map[string]int
	// Raters maps rater id → item id → score (submitted or not).
	Raters map[string]map[string]int
}

// Outcome is a site's result on an outcome measure for a period, e.g. the
// share of participants in competitive employment, for linking fidelity to
// outcomes.
type Outcome struct {
	ID          string
	SiteID      string
	Measure     string // e.g. "competitive_employment_rate"
	PeriodStart time.Time
	PeriodEnd   time.Time
	Value       float64
	N           int // participants the value is based on (0 = unknown)
	Note        string
	CreatedAt   time.Time
}

// ActionStatus is the state of an action item.
type ActionStatus string

const (
	ActionOpen       ActionStatus = "open"
	ActionInProgress ActionStatus = "in_progress"
	ActionDone       ActionStatus = "done"
	ActionDropped    ActionStatus = "dropped"
)

// ActionItem is one step of a site's action plan after a review, linked to
// the items it should improve.
type ActionItem struct {
	ID        string
	ReviewID  string
	SiteID    string
	ItemIDs   []string
	Title     string
	Owner     string
	Due       *time.Time
	Status    ActionStatus
	Note      string
	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int
}
