package service

import (
	"context"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/report"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// ReportQuery selects what a report covers. Zero values take defaults: the
// caller's whole scope, the latest version of the SE Fidelity Scale.
type ReportQuery struct {
	// Subtree (a site id) limits the report to that site and its
	// descendants; "" = everything in the caller's scope.
	Subtree string
	// Scale is "id@version" or "id"; reports compare like with like.
	Scale    string
	From, To *time.Time
	// Type chooses the review types; empty means the fidelity review types
	// (external and remote) for every "latest review" report, and every
	// type for agreement.
	Type []fidelity.ReviewType
	// Measure names the outcome measure shown beside fidelity.
	Measure string
	// Level, when set, makes the comparison one of the sites of this kind
	// (e.g. "office"), each by the mean total of the reviewed sites below
	// it, instead of one of the units of review.
	Level string
}

// DefaultReportScale is the scale reports use when none is named.
const DefaultReportScale = "se-fidelity"

func (s *Service) reportScale(ref string) (*scale.Scale, error) {
	if ref == "" {
		ref = DefaultReportScale
	}
	sc, err := s.scales.Resolve(ref)
	if err != nil {
		return nil, fidelity.Invalid("unknown scale", fidelity.FieldError{Field: "scale", Reason: "no scale " + ref + " is published"})
	}
	return sc, nil
}

// types is the review types a "latest review" report uses.
func (q ReportQuery) types() []fidelity.ReviewType { return fidelity.ReviewTypesOr(q.Type) }

// unitSites lists the sites of the query's subtree that are units of
// review: groupings (regions, offices with teams and no review of their
// own) are left out, so they never show as "no finalised review" rows.
func (s *Service) unitSites(ctx context.Context, subtree string) ([]report.SiteRef, error) {
	sites, err := s.reportSites(ctx, subtree)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(sites))
	for i, site := range sites {
		ids[i] = site.ID
	}
	groupings, err := s.store.Groupings(ctx, ids)
	if err != nil || len(groupings) == 0 {
		return sites, err
	}
	out := sites[:0:0]
	for _, site := range sites {
		if !groupings[site.ID] {
			out = append(out, site)
		}
	}
	return out, nil
}

// reportSites lists every site of the query's subtree in the caller's
// scope, page by page.
func (s *Service) reportSites(ctx context.Context, subtree string) ([]report.SiteRef, error) {
	if subtree != "" {
		if _, err := visibleSite(ctx, s.store, subtree); err != nil {
			return nil, err
		}
	}
	f := SiteFilter{Subtree: subtree, Subtrees: caller(ctx).Scope, Page: Page{Limit: maxLimit}}
	var out []report.SiteRef
	for {
		sites, err := s.store.ListSites(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, site := range sites {
			out = append(out, report.NewSiteRef(site))
		}
		if len(sites) < f.Limit {
			return out, nil
		}
		f.After = sites[len(sites)-1].ID
	}
}

// dueRule is the review cycle of sc's policy.
func (s *Service) dueRule(sc *scale.Scale) report.DueRule {
	p := s.policyFor(sc.ID, sc.Version)
	return report.DueRule{MonthsBelowGood: p.MonthsBelowGood, MonthsGood: p.MonthsAtGood, GoodBands: p.GoodBands}
}

// reviewScores collects the reviews matching f, in the caller's scope.
func (s *Service) reviewScores(ctx context.Context, f ReviewFilter, withRaters bool) ([]fidelity.ReviewScores, error) {
	f.Subtrees = caller(ctx).Scope
	blind := s.blindRuleFor(ctx)
	var out []fidelity.ReviewScores
	err := s.store.ListReviewScores(ctx, f, withRaters, func(r fidelity.ReviewScores) error {
		blind.hideRaters(&r)
		out = append(out, r)
		return nil
	})
	return out, err
}

// Trend is a site's (or subtree's) finalised reviews over time.
func (s *Service) Trend(ctx context.Context, siteID string, q ReportQuery) (report.TrendReport, error) {
	return cachedReport(ctx, s, "trend", struct {
		Site  string
		Query ReportQuery
	}{siteID, q}, func(ctx context.Context) (report.TrendReport, error) {
		return s.trend(ctx, siteID, q)
	})
}

func (s *Service) trend(ctx context.Context, siteID string, q ReportQuery) (report.TrendReport, error) {
	site, err := visibleSite(ctx, s.store, siteID)
	if err != nil {
		return report.TrendReport{}, err
	}
	sc, err := s.reportScale(q.Scale)
	if err != nil {
		return report.TrendReport{}, err
	}
	f := ReviewFilter{ScaleID: sc.ID, Status: []fidelity.ReviewStatus{fidelity.StatusFinalised}, From: q.From, To: q.To, Type: q.types()}
	opts := report.TrendOptions{Versions: map[string]*scale.Scale{}}
	if q.Subtree == siteID {
		f.Subtree = siteID
		if opts.Subtree, err = s.reportSites(ctx, siteID); err != nil {
			return report.TrendReport{}, err
		}
	} else {
		f.SiteID = siteID
	}
	for _, v := range s.scales.Versions(sc.ID) {
		if other, err := s.scales.Get(sc.ID, v); err == nil {
			opts.Versions[v] = other
		}
	}
	reviews, err := s.reviewScores(ctx, f, false)
	if err != nil {
		return report.TrendReport{}, err
	}
	older, err := s.olderReviews(ctx, sc, f, &opts)
	if err != nil {
		return report.TrendReport{}, err
	}
	reviews = append(reviews, older...)
	rep := report.Trend(sc, report.NewSiteRef(site), reviews, s.today(), s.dueRule(sc), opts)
	rep.Types = f.Type
	ids := make([]string, len(rep.Sites))
	for i, p := range rep.Sites {
		ids[i] = p.SiteID
	}
	open, err := s.store.OpenReviews(ctx, ids)
	if err != nil {
		return report.TrendReport{}, err
	}
	for i := range rep.Sites {
		if len(open[rep.Sites[i].SiteID]) > 0 {
			rep.Sites[i].ReviewPlanned, rep.Sites[i].Overdue = true, false
		}
	}
	return rep, nil
}

// latest returns each site's latest finalised review of the query's types
// (see ReportQuery.types): the type filter is the store's, so a maintained
// "latest review per site and type" table can serve it.
func (s *Service) latest(ctx context.Context, sc *scale.Scale, q ReportQuery) ([]fidelity.ReviewScores, error) {
	return s.store.LatestScores(ctx, LatestFilter{
		Subtree: q.Subtree, Subtrees: caller(ctx).Scope, ScaleID: sc.ID, ScaleVersion: sc.Version,
		Type: q.types(), From: q.From, To: q.To,
	})
}

// Comparison is the league table of a cohort at a point in time, with
// outcomes beside fidelity when a measure is named.
func (s *Service) Comparison(ctx context.Context, q ReportQuery) (report.ComparisonReport, error) {
	return cachedReport(ctx, s, "comparison", q, func(ctx context.Context) (report.ComparisonReport, error) {
		return s.comparison(ctx, q)
	})
}

func (s *Service) comparison(ctx context.Context, q ReportQuery) (report.ComparisonReport, error) {
	sc, err := s.reportScale(q.Scale)
	if err != nil {
		return report.ComparisonReport{}, err
	}
	sites, err := s.unitSites(ctx, q.Subtree)
	if err != nil {
		return report.ComparisonReport{}, err
	}
	reviews, err := s.latest(ctx, sc, q)
	if err != nil {
		return report.ComparisonReport{}, err
	}
	var outcomes []fidelity.Outcome
	if q.Measure != "" {
		if outcomes, err = s.store.ListOutcomes(ctx, OutcomeFilter{Subtree: q.Subtree, Subtrees: caller(ctx).Scope, Measure: q.Measure}); err != nil {
			return report.ComparisonReport{}, err
		}
	}
	older, vm, err := s.olderLatest(ctx, sc, q)
	if err != nil {
		return report.ComparisonReport{}, err
	}
	rep := report.CompareAcrossVersions(sc, sites, reviews, older, period(q.From, q.To), outcomes, q.Measure, vm)
	rep.Types = q.types()
	if q.Level == "" {
		return rep, nil
	}
	all, err := s.reportSites(ctx, q.Subtree)
	if err != nil {
		return report.ComparisonReport{}, err
	}
	var groups []report.SiteRef
	for _, site := range all {
		if site.Kind == q.Level {
			groups = append(groups, site)
		}
	}
	return report.CompareAtLevel(sc, q.Level, groups, sites, rep), nil
}

// Transitions is the band-to-band matrix between two periods.
func (s *Service) Transitions(ctx context.Context, q ReportQuery, a, b report.PeriodSpec) (report.TransitionMatrix, error) {
	return cachedReport(ctx, s, "transitions", struct {
		Query ReportQuery
		A, B  report.PeriodSpec
	}{q, a, b}, func(ctx context.Context) (report.TransitionMatrix, error) {
		return s.transitions(ctx, q, a, b)
	})
}

func (s *Service) transitions(ctx context.Context, q ReportQuery, a, b report.PeriodSpec) (report.TransitionMatrix, error) {
	sc, err := s.reportScale(q.Scale)
	if err != nil {
		return report.TransitionMatrix{}, err
	}
	sites, err := s.unitSites(ctx, q.Subtree)
	if err != nil {
		return report.TransitionMatrix{}, err
	}
	reviews, err := s.reviewScores(ctx, ReviewFilter{
		Subtree: q.Subtree, ScaleID: sc.ID, ScaleVersion: sc.Version, Type: q.types(),
		Status: []fidelity.ReviewStatus{fidelity.StatusFinalised},
	}, false)
	if err != nil {
		return report.TransitionMatrix{}, err
	}
	m := report.Transitions(sc, sites, reviews, a, b)
	m.Types = q.types()
	return m, nil
}

// Heatmap is the latest consensus score per item per site.
func (s *Service) Heatmap(ctx context.Context, q ReportQuery) (report.HeatmapReport, error) {
	return cachedReport(ctx, s, "heatmap", q, func(ctx context.Context) (report.HeatmapReport, error) {
		return s.heatmap(ctx, q)
	})
}

func (s *Service) heatmap(ctx context.Context, q ReportQuery) (report.HeatmapReport, error) {
	sc, err := s.reportScale(q.Scale)
	if err != nil {
		return report.HeatmapReport{}, err
	}
	sites, err := s.unitSites(ctx, q.Subtree)
	if err != nil {
		return report.HeatmapReport{}, err
	}
	reviews, err := s.latest(ctx, sc, q)
	if err != nil {
		return report.HeatmapReport{}, err
	}
	rep := report.Heatmap(sc, sites, reviews)
	rep.Types = q.types()
	return rep, nil
}

// Agreement is the inter-rater reliability of the selected reviews.
func (s *Service) Agreement(ctx context.Context, q ReportQuery, opts report.AgreementOptions) (report.AgreementReport, error) {
	return cachedReport(ctx, s, "agreement", struct {
		Query   ReportQuery
		Options report.AgreementOptions
	}{q, opts}, func(ctx context.Context) (report.AgreementReport, error) {
		return s.agreement(ctx, q, opts)
	})
}

func (s *Service) agreement(ctx context.Context, q ReportQuery, opts report.AgreementOptions) (report.AgreementReport, error) {
	sc, err := s.reportScale(q.Scale)
	if err != nil {
		return report.AgreementReport{}, err
	}
	if q.Subtree != "" {
		if _, err := visibleSite(ctx, s.store, q.Subtree); err != nil {
			return report.AgreementReport{}, err
		}
	}
	reviews, err := s.reviewScores(ctx, ReviewFilter{
		Subtree: q.Subtree, ScaleID: sc.ID, ScaleVersion: sc.Version, Type: q.Type, From: q.From, To: q.To,
		Status: opts.Statuses,
	}, true)
	if err != nil {
		return report.AgreementReport{}, err
	}
	if opts.RaterNames, err = s.raterNames(ctx, reviews); err != nil {
		return report.AgreementReport{}, err
	}
	return report.Agreement(sc, reviews, opts), nil
}

// ActionsReport lists open actions and low items without one.
func (s *Service) ActionsReport(ctx context.Context, q ReportQuery, opts report.ActionsOptions) (report.ActionsReport, error) {
	return cachedReport(ctx, s, "actions", struct {
		Query   ReportQuery
		Options report.ActionsOptions
	}{q, opts}, func(ctx context.Context) (report.ActionsReport, error) {
		return s.actionsReport(ctx, q, opts)
	})
}

func (s *Service) actionsReport(ctx context.Context, q ReportQuery, opts report.ActionsOptions) (report.ActionsReport, error) {
	sc, err := s.reportScale(q.Scale)
	if err != nil {
		return report.ActionsReport{}, err
	}
	// Groupings stay: the report counts actions per subtree too.
	sites, err := s.reportSites(ctx, q.Subtree)
	if err != nil {
		return report.ActionsReport{}, err
	}
	reviews, err := s.latest(ctx, sc, ReportQuery{Subtree: q.Subtree, Type: q.Type})
	if err != nil {
		return report.ActionsReport{}, err
	}
	actions, err := s.store.ListActions(ctx, ActionFilter{Subtree: q.Subtree, Subtrees: caller(ctx).Scope})
	if err != nil {
		return report.ActionsReport{}, err
	}
	rep := report.Actions(sc, sites, reviews, actions, s.today(), opts)
	rep.Types = q.types()
	if rep.OverdueReportSteps, err = s.overdueForReport(ctx, q.Subtree); err != nil {
		return report.ActionsReport{}, err
	}
	return rep, nil
}

func period(from, to *time.Time) report.PeriodSpec {
	var p report.PeriodSpec
	if from != nil {
		p.From = *from
	}
	if to != nil {
		p.To = *to
	}
	return p
}

// GoodBands are the band ids that count as good fidelity.
func (s *Service) GoodBands() []string { return s.cfg.GoodBands }

// ReviewProfile is a review's consensus item scores beside the previous
// finalised review of the same site.
type ReviewProfile struct {
	Scale    *scale.Scale
	SiteName string
	Current  map[string]int
	Previous map[string]int
}

// Profile returns the item profile of a review.
func (s *Service) Profile(ctx context.Context, reviewID string) (ReviewProfile, error) {
	r, err := visibleReview(ctx, s.store, reviewID)
	if err != nil {
		return ReviewProfile{}, err
	}
	site, err := s.store.GetSite(ctx, r.SiteID)
	if err != nil {
		return ReviewProfile{}, err
	}
	sc, err := s.resolveScale(r.ScaleID, r.ScaleVersion)
	if err != nil {
		return ReviewProfile{}, err
	}
	reviews, err := s.reviewScores(ctx, ReviewFilter{SiteID: r.SiteID, ScaleID: r.ScaleID}, false)
	if err != nil {
		return ReviewProfile{}, err
	}
	out := ReviewProfile{Scale: sc, SiteName: site.Name}
	var prev *fidelity.ReviewScores
	for i := range reviews {
		rv := &reviews[i]
		if rv.ReviewID == reviewID {
			out.Current = rv.Consensus
			continue
		}
		if rv.Status == fidelity.StatusFinalised && rv.VisitEnd.Before(r.VisitEnd) && (prev == nil || rv.VisitEnd.After(prev.VisitEnd)) {
			prev = rv
		}
	}
	if prev != nil {
		out.Previous = prev.Consensus
	}
	return out, nil
}
