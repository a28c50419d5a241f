package fidelity

import "time"

// ReportStatus is where a review's written report stands: written as a
// draft, issued to the site, commented on by the site, final.
type ReportStatus string

const (
	ReportDraft     ReportStatus = "draft"
	ReportIssued    ReportStatus = "issued"
	ReportCommented ReportStatus = "commented"
	ReportFinal     ReportStatus = "final"
)

// WrittenReport is the lifecycle of a review's written report. The texts
// live in versions (ReportNarrative), the site's answers in ReportComment
// and the proposed actions in ReportAction.
type WrittenReport struct {
	ReviewID         string
	Status           ReportStatus
	IssuedOn         *time.Time // a date
	IssuedTo         string
	FinalOn          *time.Time // a date
	EvidencePurgedAt *time.Time // when the evidence notes were purged
	CreatedAt        time.Time
	UpdatedAt        time.Time
	Version          int
}

// ItemNarrative is what the reviewers write about one item.
type ItemNarrative struct {
	Strength       string `json:"strength,omitempty"`
	Recommendation string `json:"recommendation,omitempty"`
}

// ReportNarrative is one saved version of the reviewers' texts. Every save
// adds a version; versions saved after the report was issued are
// corrections with a reason, and the issued text stays on record.
type ReportNarrative struct {
	ReviewID   string
	Seq        int // 1, 2, … in save order
	Summary    string
	Strengths  string
	Items      map[string]ItemNarrative // by item id
	Correction bool                     // saved after the report was issued
	Reason     string                   // why a correction was made
	Author     string
	CreatedAt  time.Time
}

// ReportComment is the site's response to the issued report.
type ReportComment struct {
	ID         string
	ReviewID   string
	Author     string
	Text       string
	ReceivedOn time.Time // a date
	CreatedAt  time.Time
}

// ReportActionStatus is the team lead's decision on a proposed action.
type ReportActionStatus string

const (
	ReportActionProposed  ReportActionStatus = "proposed"
	ReportActionAccepted  ReportActionStatus = "accepted"
	ReportActionDismissed ReportActionStatus = "dismissed"
)

// ReportAction is an action the issued report proposes for a low item,
// linked to the item and its recommendation. The team's lead accepts it
// (possibly edited; it then becomes an action item of the review's plan,
// ActionID) or dismisses it with a reason.
type ReportAction struct {
	ID             string
	ReviewID       string
	SiteID         string
	ItemID         string
	Score          int // the consensus score that made it a proposal
	Recommendation string
	Text           string
	Owner          string
	Due            *time.Time // a date
	Status         ReportActionStatus
	Reason         string
	ActionID       string // the action item created on acceptance
	DecidedBy      string
	DecidedAt      *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
	Version        int
}

// ReportTimeline sets the report's deadlines, each counted from its own
// anchor date (see docs/written-report.md). The default is the UK
// timeline of the domain notes.
type ReportTimeline struct {
	ReportDays       int // report issued, from the visit's last day (UK: 4 weeks)
	CommentDays      int // site comments, from the issue date (UK: 1 week)
	EvidenceDays     int // personal data deleted, from the final report (UK: 2 weeks)
	ActionPlanDays   int // action plan agreed, from the issue date (UK: 6 weeks)
	SupportMonths    int // technical support, from the visit's last day (UK: 5 months)
	ActionBelowScore int // items scored below this are proposed as actions (default 4)
}

// UKTimeline is the report timeline of the domain notes ("Review rules").
func UKTimeline() ReportTimeline {
	return ReportTimeline{ReportDays: 28, CommentDays: 7, EvidenceDays: 14, ActionPlanDays: 42, SupportMonths: 5, ActionBelowScore: 4}
}

// NeedsRecommendation reports whether an item scored score needs a
// recommendation before the written report can be issued: every item
// below 5, the scale's top level. The issue check, the report form and
// the demo's texts ask this one rule.
func NeedsRecommendation(score int) bool { return score < 5 }

// Report timeline steps.
const (
	StepReport     = "report"
	StepComments   = "comments"
	StepEvidence   = "evidence"
	StepActionPlan = "action_plan"
	StepSupport    = "support"
)

// ReportStep is one deadline of a review's report timeline.
type ReportStep struct {
	Step    string
	Due     time.Time
	Done    *time.Time
	Overdue bool
}

// Steps computes the timeline of a review whose visit ended on visitEnd.
// rep is nil while nothing is written; commentedOn is the first comment's
// date, planDoneOn the day the last proposed action was decided (nil while
// one is open). A step is overdue when it is not done and its due date
// has passed. Technical support is shown for planning only: the service
// does not record it, so it is never overdue.
func (tl ReportTimeline) Steps(visitEnd time.Time, rep *WrittenReport, commentedOn, planDoneOn *time.Time, today time.Time) []ReportStep {
	step := func(name string, due time.Time, done *time.Time) ReportStep {
		return ReportStep{Step: name, Due: due, Done: done, Overdue: done == nil && today.After(due)}
	}
	out := []ReportStep{}
	var issued, final, purged *time.Time
	if rep != nil {
		issued, final, purged = rep.IssuedOn, rep.FinalOn, rep.EvidencePurgedAt
	}
	out = append(out, step(StepReport, visitEnd.AddDate(0, 0, tl.ReportDays), issued))
	if issued != nil {
		done := commentedOn
		if done == nil {
			done = final // a report made final without comments closes the step
		}
		out = append(out, step(StepComments, issued.AddDate(0, 0, tl.CommentDays), done))
		out = append(out, step(StepActionPlan, issued.AddDate(0, 0, tl.ActionPlanDays), planDoneOn))
	}
	if final != nil {
		out = append(out, step(StepEvidence, final.AddDate(0, 0, tl.EvidenceDays), purged))
	}
	out = append(out, ReportStep{Step: StepSupport, Due: visitEnd.AddDate(0, tl.SupportMonths, 0)})
	return out
}
