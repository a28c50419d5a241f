package report

import (
	"math"
	"strconv"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// PeriodSpec selects reviews by VisitEnd: on or before To and, when From is
// set, on or after From. Dates are compared as calendar days; a zero bound
// is open.
type PeriodSpec struct {
	From time.Time `json:"from,omitzero"`
	To   time.Time `json:"to,omitzero"`
}

// Contains reports whether the calendar day of t lies in the period.
func (p PeriodSpec) Contains(t time.Time) bool {
	d := day(t)
	if !p.From.IsZero() && d.Before(day(p.From)) {
		return false
	}
	return p.To.IsZero() || !d.After(day(p.To))
}

// keys returns the period's bounds as day keys (open bounds as extremes).
func (p PeriodSpec) keys() (lo, hi int32) {
	lo, hi = math.MinInt32, math.MaxInt32
	if !p.From.IsZero() {
		lo = dayKey(p.From)
	}
	if !p.To.IsZero() {
		hi = dayKey(p.To)
	}
	return lo, hi
}

// dayKey encodes the calendar day of t as an integer that sorts like the
// dates.
func dayKey(t time.Time) int32 {
	y, m, d := t.Date()
	return int32(y)<<9 | int32(m)<<5 | int32(d)
}

// day returns the calendar day of t (in t's own location) as midnight UTC.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// daysBetween returns the number of calendar days from a to b.
func daysBetween(a, b time.Time) int {
	return int(day(b).Sub(day(a)) / (24 * time.Hour))
}

// addMonths adds n calendar months to the day of t, clamping the day of
// month to the last day of the target month (31 August + 6 months is 28 or
// 29 February, not 3 March).
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(d, last), 0, 0, 0, 0, time.UTC)
}

// monthsBetween returns the whole calendar months from a to b (b ≥ a): a
// month counts once the day of month is reached, with month ends clamped.
func monthsBetween(a, b time.Time) int {
	a, b = day(a), day(b)
	n := (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
	for n > 0 && addMonths(a, n).After(b) {
		n--
	}
	return max(n, 0)
}

// bucket names the period of t for drift tables: "2024-H1" (half_year,
// the default), "2024-Q3" (quarter), "2024-03" (month) or "2024" (year).
// The names sort chronologically within one kind.
func bucket(t time.Time, kind string) string {
	y := strconv.Itoa(t.Year())
	m := int(t.Month())
	switch kind {
	case BucketYear:
		return y
	case BucketQuarter:
		return y + "-Q" + strconv.Itoa((m-1)/3+1)
	case BucketMonth:
		if m < 10 {
			return y + "-0" + strconv.Itoa(m)
		}
		return y + "-" + strconv.Itoa(m)
	default:
		return y + "-H" + strconv.Itoa((m-1)/6+1)
	}
}

// Period bucket kinds for rater drift.
const (
	BucketHalfYear = "half_year"
	BucketQuarter  = "quarter"
	BucketYear     = "year"
	BucketMonth    = "month"
)

// finalisedUnder reports whether r is a finalised review under scale id
// sc.ID (any version).
func finalisedUnder(sc *scale.Scale, r *fidelity.ReviewScores) bool {
	return r.Status == fidelity.StatusFinalised && r.ScaleID == sc.ID
}

// later reports whether a comes after b: later VisitEnd, then later
// VisitStart, then the greater review id (a deterministic tie-break).
func later(a, b *fidelity.ReviewScores) bool {
	if !day(a.VisitEnd).Equal(day(b.VisitEnd)) {
		return day(a.VisitEnd).After(day(b.VisitEnd))
	}
	if !day(a.VisitStart).Equal(day(b.VisitStart)) {
		return day(a.VisitStart).After(day(b.VisitStart))
	}
	return a.ReviewID > b.ReviewID
}

// picked is the review chosen for a site, with its total and band.
type picked struct {
	r     *fidelity.ReviewScores
	total *float64
	band  string
}

// latestPerSite returns, aligned with sites.list, the latest finalised
// review under sc.ID whose VisitEnd lies in p. With needTotal the totals
// are computed and the latest review that has a total is taken (a
// finalised review without a valid total is passed over); without it,
// total and band are left empty. Sites without a review get a zero picked.
func latestPerSite(sc *scale.Scale, sites siteSet, reviews []fidelity.ReviewScores, p PeriodSpec, needTotal bool) []picked {
	out := make([]picked, len(sites.list))
	ends := make([]int32, len(sites.list))
	lo, hi := p.keys()
	for i := range reviews {
		r := &reviews[i]
		if !finalisedUnder(sc, r) {
			continue
		}
		k, ok := sites.index(r.SiteID)
		if !ok {
			continue
		}
		e := dayKey(r.VisitEnd)
		if e < lo || e > hi {
			continue
		}
		if cur := out[k].r; cur == nil || e > ends[k] || (e == ends[k] && later(r, cur)) {
			out[k].r, ends[k] = r, e
		}
	}
	if !needTotal {
		return out
	}
	var retry []int
	for k := range out {
		if out[k].r == nil {
			continue
		}
		out[k].total, out[k].band = reviewTotal(sc, out[k].r)
		if out[k].total == nil {
			retry = append(retry, k)
		}
	}
	for _, k := range retry {
		out[k] = latestWithTotal(sc, sites.list[k].ID, reviews, p)
	}
	return out
}

// latestWithTotal is the slow path of latestPerSite for a site whose latest
// review has no total.
func latestWithTotal(sc *scale.Scale, siteID string, reviews []fidelity.ReviewScores, p PeriodSpec) picked {
	var best picked
	for i := range reviews {
		r := &reviews[i]
		if r.SiteID != siteID || !finalisedUnder(sc, r) || !p.Contains(r.VisitEnd) {
			continue
		}
		if best.r != nil && !later(r, best.r) {
			continue
		}
		if t, b := reviewTotal(sc, r); t != nil {
			best = picked{r: r, total: t, band: b}
		}
	}
	return best
}

// reviewTotal is the total and band of a review as the comparison reports
// use them: derived from the consensus item scores under sc when the review
// is under sc's version (or names none) and has consensus scores; otherwise
// the stored total and band, which scoring computed under the review's own
// version.
func reviewTotal(sc *scale.Scale, r *fidelity.ReviewScores) (*float64, string) {
	if (r.ScaleVersion == sc.Version || r.ScaleVersion == "") && len(r.Consensus) > 0 {
		t, b, _ := totalOf(sc, r.Consensus)
		return t, b
	}
	if r.Total == nil {
		return nil, ""
	}
	t := *r.Total
	if !finite(t) {
		return nil, ""
	}
	return &t, r.Band
}
