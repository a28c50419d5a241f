package service

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// DueState says where a site stands in its review cycle.
type DueState string

const (
	// DueGrouping: the site only groups others (a region, an office with
	// teams and no review of its own); it has no cycle of its own.
	DueGrouping DueState = "grouping"
	// DueNoReview: no finalised fidelity review yet and none planned.
	DueNoReview DueState = "no_review"
	// DueScheduled: the next review is due on Date, which has not passed.
	DueScheduled DueState = "scheduled"
	// DueOverdue: Date has passed and no review is planned.
	DueOverdue DueState = "overdue"
	// DuePlanned: a review is planned or under way (Planned).
	DuePlanned DueState = "review_planned"
	// DuePlanLapsed: the planned review's visit dates have passed and it
	// was never started; someone should re-plan or start it.
	DuePlanLapsed DueState = "planned_visit_passed"
)

// Due is when a site's next review falls due and why.
type Due struct {
	State DueState
	Date  *time.Time
	// Overdue is true only in state DueOverdue: a site with a review
	// planned or under way is not overdue, however late the plan is.
	Overdue bool
	// DaysOverdue is how many days Date lies behind today (0 unless
	// Overdue, or a lapsed plan whose due date has also passed).
	DaysOverdue int
	// Planned is the earliest open review (planned, in progress or in
	// consensus) of the site; nil when there is none.
	Planned *fidelity.Review
	Reason  string
}

// policyFor is the review policy of a scale version: the scale file's
// review_policy, or, for a scale without one, the deployment's cycle with
// the fidelity review types resetting the clock.
func (s *Service) policyFor(scaleID, version string) scale.ReviewPolicy {
	if sc, err := s.scales.Get(scaleID, version); err == nil && sc.ReviewPolicy != nil {
		return *sc.ReviewPolicy
	}
	return scale.ReviewPolicy{
		MonthsBelowGood: s.cfg.DueMonthsBelowGood, MonthsAtGood: s.cfg.DueMonthsGood,
		GoodBands: s.cfg.GoodBands, ResetTypes: fidelity.FidelityReviewTypes(),
	}
}

// clockRule is which finalised reviews reset the review clock: those whose
// type their own scale's policy resets it on. The latest of them is what
// the next review is due from. (Taking the latest review of any type some
// scale counts and then asking its own scale would lose a team's external
// review behind a later self-assessment as soon as one scale counted
// self-assessments.)
func (s *Service) clockRule() ClockRule {
	def := fidelity.ReviewTypesOr(s.policyFor("", "").ResetTypes)
	r := ClockRule{Types: def}
	uniform := true
	for _, sc := range s.scales.List() {
		types := fidelity.ReviewTypesOr(s.policyFor(sc.ID, sc.Version).ResetTypes)
		uniform = uniform && slices.Equal(types, def)
		r.Known = append(r.Known, sc.Ref())
		for _, t := range types {
			r.Resetting = append(r.Resetting, sc.Ref()+"/"+string(t))
		}
	}
	if uniform {
		return ClockRule{Types: def}
	}
	return r
}

// dueAfter applies the review policy of the last finalised review's scale:
// MonthsBelowGood after a review below good fidelity, MonthsAtGood after
// one in a good band. An open review makes the site "review planned"
// instead of overdue; a planned review whose visit has passed without a
// start is flagged.
func (s *Service) dueAfter(last *fidelity.Review, open []fidelity.Review) Due {
	today := s.today()
	var due Due
	if last == nil {
		due = Due{State: DueNoReview, Reason: "no finalised review yet"}
	} else {
		p := s.policyFor(last.ScaleID, last.ScaleVersion)
		months, why := p.MonthsBelowGood, "below good fidelity"
		if slices.Contains(p.GoodBands, last.Band) {
			months, why = p.MonthsAtGood, "good fidelity or better"
		}
		d := addMonths(last.VisitEnd, months)
		due = Due{State: DueScheduled, Date: &d,
			Reason: plural(months, "month") + " after the " + string(last.Type) + " review of " + last.VisitEnd.Format(time.DateOnly) + " (" + why + ")"}
		if today.After(d) {
			due.State, due.Overdue = DueOverdue, true
			due.DaysOverdue = int(today.Sub(d) / (24 * time.Hour))
		}
	}
	if len(open) == 0 {
		return due
	}
	pl := open[0]
	due.Planned, due.Overdue = &pl, false
	due.State = DuePlanned
	due.Reason += "; a review is " + string(pl.Status) + " for " + pl.VisitStart.Format(time.DateOnly)
	if pl.Status == fidelity.StatusPlanned && today.After(pl.VisitEnd) {
		due.State = DuePlanLapsed
		due.Reason += ", but its visit ended on " + pl.VisitEnd.Format(time.DateOnly) + " and it was never started"
	}
	return due
}

// addMonths adds n calendar months, clamping the day of month (31 August
// + 6 months is the end of February, not 3 March).
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(d, last), 0, 0, 0, 0, time.UTC)
}

// withDue attaches the last finalised review of types (the fidelity types
// when empty) and the due date to sites, with a fixed number of queries
// for the whole page.
func (s *Service) withDue(ctx context.Context, sites []fidelity.Site, types []fidelity.ReviewType) ([]SiteView, error) {
	ids := make([]string, len(sites))
	for i, site := range sites {
		ids[i] = site.ID
	}
	types = fidelity.ReviewTypesOr(types)
	facts, err := s.store.DueFacts(ctx, ids, types, s.clockRule())
	if err != nil {
		return nil, err
	}
	shown, clock, open, groupings := facts.Shown, facts.Clock, facts.Open, facts.Groupings
	views := make([]SiteView, len(sites))
	for i, site := range sites {
		views[i] = SiteView{Site: site, LastReviewTypes: types, latestRows: facts.Latest[site.ID]}
		if r, ok := shown[site.ID]; ok {
			views[i].LastReview = &r
		}
		if groupings[site.ID] {
			views[i].Due = Due{State: DueGrouping, Reason: "groups the sites below it; reviewed through them"}
			continue
		}
		var last *fidelity.Review
		if r, ok := clock[site.ID]; ok && slices.Contains(s.policyFor(r.ScaleID, r.ScaleVersion).ResetTypes, r.Type) {
			last = &r
		}
		views[i].Due = s.dueAfter(last, open[site.ID])
	}
	return views, nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// DueList returns the sites that need a review planned: overdue ones, most
// overdue first, then those whose planned visit passed without a start
// (longest ago first). Sites with a review planned or under way, and
// groupings, are not in it. It reads every site in the caller's scope
// (below subtree when given), page by page.
func (s *Service) DueList(ctx context.Context, subtree string) ([]SiteView, error) {
	if subtree != "" {
		if _, err := visibleSite(ctx, s.store, subtree); err != nil {
			return nil, err
		}
	}
	today := s.today()
	f := SiteFilter{Subtree: subtree, Subtrees: caller(ctx).Scope, ActiveOn: &today, Page: Page{Limit: maxLimit}}
	var out []SiteView
	for {
		sites, err := s.store.ListSites(ctx, f)
		if err != nil {
			return nil, err
		}
		views, err := s.withDue(ctx, sites, nil)
		if err != nil {
			return nil, err
		}
		for _, v := range views {
			if v.Due.State == DueOverdue || v.Due.State == DuePlanLapsed {
				out = append(out, v)
			}
		}
		if len(sites) < f.Limit {
			break
		}
		f.After = sites[len(sites)-1].ID
	}
	slices.SortStableFunc(out, func(a, b SiteView) int {
		if (a.Due.State == DueOverdue) != (b.Due.State == DueOverdue) {
			if a.Due.State == DueOverdue {
				return -1
			}
			return 1
		}
		if a.Due.State == DuePlanLapsed {
			return a.Due.Planned.VisitEnd.Compare(b.Due.Planned.VisitEnd)
		}
		if a.Due.DaysOverdue != b.Due.DaysOverdue {
			return b.Due.DaysOverdue - a.Due.DaysOverdue
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out, nil
}

// Today is the service's current day (UTC midnight), the day due dates
// are measured against.
func (s *Service) Today() time.Time { return s.today() }
