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
	Type     []fidelity.ReviewType
	// Measure names the outcome measure shown beside fidelity.
	Measure string
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

func (s *Service) dueRule() report.DueRule {
	return report.DueRule{MonthsBelowGood: s.cfg.DueMonthsBelowGood, MonthsGood: s.cfg.DueMonthsGood, GoodBands: s.cfg.GoodBands}
}

// reviewScores collects the reviews matching f, in the caller's scope.
func (s *Service) reviewScores(ctx context.Context, f ReviewFilter, withRaters bool) ([]fidelity.ReviewScores, error) {
	f.Subtrees = caller(ctx).Scope
	var out []fidelity.ReviewScores
	err := s.store.ListReviewScores(ctx, f, withRaters, func(r fidelity.ReviewScores) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

// Trend is a site's (or subtree's) finalised reviews over time.
func (s *Service) Trend(ctx context.Context, siteID string, q ReportQuery) (report.TrendReport, error) {
	site, err := visibleSite(ctx, s.store, siteID)
	if err != nil {
		return report.TrendReport{}, err
	}
	sc, err := s.reportScale(q.Scale)
	if err != nil {
		return report.TrendReport{}, err
	}
	f := ReviewFilter{ScaleID: sc.ID, Status: []fidelity.ReviewStatus{fidelity.StatusFinalised}, From: q.From, To: q.To, Type: q.Type}
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
	return report.Trend(sc, report.NewSiteRef(site), reviews, s.today(), s.dueRule(), opts), nil
}

// latest returns each site's latest finalised review under the query.
func (s *Service) latest(ctx context.Context, sc *scale.Scale, q ReportQuery) ([]fidelity.ReviewScores, error) {
	return s.store.LatestScores(ctx, LatestFilter{
		Subtree: q.Subtree, Subtrees: caller(ctx).Scope, ScaleID: sc.ID, ScaleVersion: sc.Version,
		Type: q.Type, From: q.From, To: q.To,
	})
}

// Comparison is the league table of a cohort at a point in time, with
// outcomes beside fidelity when a measure is named.
func (s *Service) Comparison(ctx context.Context, q ReportQuery) (report.ComparisonReport, error) {
	sc, err := s.reportScale(q.Scale)
	if err != nil {
		return report.ComparisonReport{}, err
	}
	sites, err := s.reportSites(ctx, q.Subtree)
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
	return report.Compare(sc, sites, reviews, period(q.From, q.To), outcomes, q.Measure), nil
}

// Transitions is the band-to-band matrix between two periods.
func (s *Service) Transitions(ctx context.Context, q ReportQuery, a, b report.PeriodSpec) (report.TransitionMatrix, error) {
	sc, err := s.reportScale(q.Scale)
	if err != nil {
		return report.TransitionMatrix{}, err
	}
	sites, err := s.reportSites(ctx, q.Subtree)
	if err != nil {
		return report.TransitionMatrix{}, err
	}
	reviews, err := s.reviewScores(ctx, ReviewFilter{
		Subtree: q.Subtree, ScaleID: sc.ID, ScaleVersion: sc.Version, Type: q.Type,
		Status: []fidelity.ReviewStatus{fidelity.StatusFinalised},
	}, false)
	if err != nil {
		return report.TransitionMatrix{}, err
	}
	return report.Transitions(sc, sites, reviews, a, b), nil
}

// Heatmap is the latest consensus score per item per site.
func (s *Service) Heatmap(ctx context.Context, q ReportQuery) (report.HeatmapReport, error) {
	sc, err := s.reportScale(q.Scale)
	if err != nil {
		return report.HeatmapReport{}, err
	}
	sites, err := s.reportSites(ctx, q.Subtree)
	if err != nil {
		return report.HeatmapReport{}, err
	}
	reviews, err := s.latest(ctx, sc, q)
	if err != nil {
		return report.HeatmapReport{}, err
	}
	return report.Heatmap(sc, sites, reviews), nil
}

// Agreement is the inter-rater reliability of the selected reviews.
func (s *Service) Agreement(ctx context.Context, q ReportQuery, opts report.AgreementOptions) (report.AgreementReport, error) {
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
	return report.Agreement(sc, reviews, opts), nil
}

// ActionsReport lists open actions and low items without one.
func (s *Service) ActionsReport(ctx context.Context, q ReportQuery, opts report.ActionsOptions) (report.ActionsReport, error) {
	sc, err := s.reportScale(q.Scale)
	if err != nil {
		return report.ActionsReport{}, err
	}
	sites, err := s.reportSites(ctx, q.Subtree)
	if err != nil {
		return report.ActionsReport{}, err
	}
	reviews, err := s.latest(ctx, sc, ReportQuery{Subtree: q.Subtree})
	if err != nil {
		return report.ActionsReport{}, err
	}
	actions, err := s.store.ListActions(ctx, ActionFilter{Subtree: q.Subtree, Subtrees: caller(ctx).Scope})
	if err != nil {
		return report.ActionsReport{}, err
	}
	return report.Actions(sc, sites, reviews, actions, s.today(), opts), nil
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
