package service

import (
	"context"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// blindRule is independent (blind) rating, the one visibility rule for
// raters' item scores, evidence and totals on every read path: single
// ratings, summaries, scores, the consensus draft, reports and exports (and
// therefore the web pages and links built on them). A caller with role
// rater sees another rater's ratings of a review only once the review's
// ratings are closed, i.e. every assigned rater has submitted; its own set
// it always sees. Other roles are not bound: leads run the review, readers
// do not rate. FIDELITY_BLIND_RATINGS=false switches the rule off.
type blindRule struct {
	on    bool   // the caller is bound by the rule
	rater string // the caller's own rater id
}

// blindRuleFor returns the rule as it applies to the caller of ctx.
func (s *Service) blindRuleFor(ctx context.Context) blindRule {
	p := caller(ctx)
	return blindRule{on: s.cfg.BlindRatings && p.Role == fidelity.RoleRater, rater: p.RaterID}
}

// shows reports whether the caller may see the ratings stored under
// raterKey on a review in status st.
func (b blindRule) shows(st fidelity.ReviewStatus, raterKey string) bool {
	return !b.on || raterKey == b.rater || !ratingsOpen(st)
}

// ratingsOpen reports whether a review in status st still collects
// individual ratings, that is, not every assigned rater has submitted. The
// workflow keeps status and submissions in step: the last submission moves
// the review to consensus (advanceAfterRating), and so does removing the
// last rater who had not submitted (UpdateReview); once in consensus the
// raters cannot change. So the status alone decides, which lets streamed
// exports and reports apply the rule row by row.
func ratingsOpen(st fidelity.ReviewStatus) bool {
	return st == fidelity.StatusPlanned || st == fidelity.StatusInProgress
}

// hideRaters removes from r the item scores of raters the caller may not
// see yet (reports that read every rater's scores).
func (b blindRule) hideRaters(r *fidelity.ReviewScores) {
	for id := range r.Raters {
		if !b.shows(r.Status, id) {
			delete(r.Raters, id)
		}
	}
}
