package report

import (
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/report/stats"
)

// OutcomeLinkage sets a cohort's fidelity totals beside an outcome measure
// and correlates the two.
type OutcomeLinkage struct {
	Measure string `json:"measure"`
	// Linked counts league rows with an outcome value, Unlinked those
	// without one.
	Linked   int `json:"linked"`
	Unlinked int `json:"unlinked"`
	// Pearson and Spearman correlate total and outcome over the linked
	// rows (N = Linked); undefined with a reason for fewer than 3 pairs or
	// no variance.
	Pearson  stats.Result `json:"pearson"`
	Spearman stats.Result `json:"spearman"`

	byReview map[string]*OutcomeValue
}

// OutcomeValue is the outcome linked to one review.
type OutcomeValue struct {
	OutcomeID   string    `json:"outcome_id"`
	Value       float64   `json:"value"`
	N           int       `json:"n"` // participants behind the value, 0 = unknown
	PeriodStart time.Time `json:"period_start"`
	PeriodEnd   time.Time `json:"period_end"`
}

// linkOutcomes links each row's review to an outcome of measure for the
// row's site (see MatchOutcome) and correlates totals with the values.
func linkOutcomes(rows []LeagueRow, outcomes []fidelity.Outcome, measure string) OutcomeLinkage {
	l := OutcomeLinkage{Measure: measure, byReview: map[string]*OutcomeValue{}}
	if measure == "" {
		const reason = "no outcome measure selected"
		l.Pearson = stats.Result{Name: "Pearson correlation", Reason: reason}
		l.Spearman = stats.Result{Name: "Spearman rank correlation", Reason: reason}
		l.Unlinked = len(rows)
		return l
	}
	bySite := map[string][]fidelity.Outcome{}
	for _, o := range outcomes {
		if o.Measure == measure && finite(o.Value) {
			bySite[o.SiteID] = append(bySite[o.SiteID], o)
		}
	}
	var x, y []float64
	for _, r := range rows {
		v := MatchOutcome(bySite[r.SiteID], r.SiteID, measure, r.VisitStart, r.VisitEnd)
		if v == nil {
			l.Unlinked++
			continue
		}
		l.Linked++
		l.byReview[r.ReviewID] = v
		x = append(x, r.Total)
		y = append(y, v.Value)
	}
	l.Pearson = stats.Pearson(x, y)
	l.Spearman = stats.Spearman(x, y)
	return l
}

// MatchOutcome returns the outcome of measure for siteID linked to a review
// visited from visitStart to visitEnd: among the outcomes whose period
// (PeriodStart–PeriodEnd, days inclusive) overlaps the visit, the one whose
// period contains VisitEnd, else the one ending last; ties go to the later
// PeriodStart, then the smaller id. Nil when none overlaps. A zero
// visitStart, or one after visitEnd, means the visit is the day visitEnd.
func MatchOutcome(outcomes []fidelity.Outcome, siteID, measure string, visitStart, visitEnd time.Time) *OutcomeValue {
	vs, ve := day(visitStart), day(visitEnd)
	if visitStart.IsZero() || vs.After(ve) {
		vs = ve
	}
	var best *fidelity.Outcome
	bestContains := false
	for i := range outcomes {
		o := &outcomes[i]
		if o.SiteID != siteID || o.Measure != measure || !finite(o.Value) {
			continue
		}
		ps, pe := day(o.PeriodStart), day(o.PeriodEnd)
		if pe.Before(vs) || ps.After(ve) {
			continue
		}
		contains := !ve.Before(ps) && !ve.After(pe)
		if best == nil || betterOutcome(o, contains, best, bestContains) {
			best, bestContains = o, contains
		}
	}
	if best == nil {
		return nil
	}
	return &OutcomeValue{OutcomeID: best.ID, Value: best.Value, N: best.N,
		PeriodStart: best.PeriodStart, PeriodEnd: best.PeriodEnd}
}

func betterOutcome(o *fidelity.Outcome, oc bool, b *fidelity.Outcome, bc bool) bool {
	if oc != bc {
		return oc
	}
	if e1, e2 := day(o.PeriodEnd), day(b.PeriodEnd); !e1.Equal(e2) {
		return e1.After(e2)
	}
	if s1, s2 := day(o.PeriodStart), day(b.PeriodStart); !s1.Equal(s2) {
		return s1.After(s2)
	}
	return o.ID < b.ID
}
