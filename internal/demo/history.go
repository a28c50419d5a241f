package demo

import (
	"math"
	"slices"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// trajectories give each team its starting mean item level and its change
// per external review. Most teams start fair and improve, as the
// Norwegian pilot did; one starts far from the model, one is
// exemplary, one slips after staff turnover and one stands still, so
// every band and the common trajectories show.
var trajectories = []struct{ start, gain float64 }{
	{3.8, 0.12}, {3.55, 0.15}, {4.1, 0.10}, {3.6, 0.03}, {2.7, 0.15}, {4.25, 0.10},
	{3.4, 0.14}, {4.1, -0.08}, {3.7, 0.13}, {5.0, 0.00}, {3.45, 0.12}, {3.9, 0.08},
	{3.1, 0.15}, {3.8, 0.00}, {3.6, 0.12}, {4.15, 0.06},
}

// Workflow roles of a team's latest review (with Options.Unfinished):
// stage 4 is finalised with the next review planned, 1 is being rated,
// 2 has every rater's ratings, 3 has its consensus entered, 0 is a planned
// review whose visit days passed without it starting. The team at
// overdueTeam has nothing planned and is overdue.
var stages = []int{4, 1, 3, 4, 2, 4, 0}

const overdueTeam = 3

// itemBias shifts typical item levels the way published studies report
// them: vocational generalists, caseload size and rapid search are the
// best implemented, time-unlimited support, executive support and
// community-based services the weakest (Kim et al. 2015; Malmberg-Heimonen
// et al. 2025).
var itemBias = map[string]float64{
	"S1": 0.5, "S3": 0.6, "Sv4": 0.5, "Sv12": -0.7, "O8": -0.6, "Sv13": -0.5, "O1": -0.3, "Sv1": -0.2,
}

// external is one finalised fidelity review in a team's history.
type external struct {
	view  fidelity.Review
	truth []int
}

// history runs a team's reviews over the years: an external review every
// six months until the team reaches good fidelity, then yearly; the
// team lead's self-assessment a few weeks before every second one; an
// action plan after each; then its current review and outcomes.
func (s *seeder) history(tm *team) error {
	tr := trajectories[tm.k%len(trajectories)]
	// A team's own strengths and weaknesses persist from review to review.
	persist := make([]float64, len(s.sc.Items))
	for i, it := range s.sc.Items {
		persist[i] = itemBias[it.ID] + s.rng.NormFloat64()*0.4
	}
	stage, overdue := 4, false
	if s.o.Unfinished {
		stage, overdue = stages[tm.k%len(stages)], tm.k%len(stages) == overdueTeam
	}
	until := s.o.End
	switch {
	case overdue:
		until = s.o.End.AddDate(0, 0, -240)
	case stage != 4:
		until = s.o.End.AddDate(0, 0, -120)
	}
	date := workday(s.o.End.AddDate(-s.o.Years, 0, (tm.k*23)%90))
	if err := s.olderHistory(tm); err != nil {
		return err
	}
	var done []external
	level := tr.start
	for r := 0; r < s.o.Reviews && !date.After(until); r++ {
		level = math.Max(1.6, math.Min(5, tr.start+tr.gain*float64(r)+(s.rng.Float64()-0.5)*0.1))
		truth := s.itemScores(level, persist)
		if r%2 == 1 && tm.k%3 != 2 {
			before := selfDay(date.AddDate(0, 0, -14-s.rng.IntN(15)), date)
			if _, err := s.review(tm, fidelity.ReviewSelf, before, 0, []string{tm.lead}, s.selfView(truth), 4, 0); err != nil {
				return err
			}
		}
		raters := s.pair(tm.k + r)
		if tm.k == 0 && r == 1 {
			// A reviewer in training joins two experienced ones.
			raters = append(raters, s.reviewers[(tm.k+r+2)%len(s.reviewers)])
		}
		rv, err := s.review(tm, fidelity.ReviewExternal, date, 1, raters, truth, 4, 0.15)
		if err != nil {
			return err
		}
		done = append(done, external{view: rv, truth: truth})
		months := 6
		if slices.Contains(s.svc.GoodBands(), rv.Band) {
			months = 12
		}
		date = workday(rv.VisitStart.AddDate(0, months, -7+s.rng.IntN(21)))
	}
	if err := s.current(tm, stage, overdue, date, level+tr.gain, persist); err != nil {
		return err
	}
	reported, err := s.writtenReports(tm, done)
	if err != nil {
		return err
	}
	if s.o.Plans {
		if err := s.actionPlans(tm, done, reported); err != nil {
			return err
		}
	}
	return s.outcomes(tm, done)
}

// current adds the team's review after its history: one being rated, a
// planned one whose visit passed, or the next review planned at its due
// date when that is near; the overdue team gets none.
func (s *seeder) current(tm *team, stage int, overdue bool, due time.Time, level float64, persist []float64) error {
	today := s.o.End.AddDate(0, 0, 14)
	raters := s.pair(tm.k + 7)
	switch {
	case overdue:
		return nil
	case stage != 4:
		visit := workday(s.o.End.AddDate(0, 0, -2-s.rng.IntN(18)))
		_, err := s.review(tm, fidelity.ReviewExternal, visit, 1, raters, s.itemScores(math.Min(5, level), persist), stage, 0.15)
		return err
	case due.After(today.AddDate(0, 5, 0)):
		return nil // not planned this far ahead
	}
	if !due.After(today) {
		due = today.AddDate(0, 0, 21+s.rng.IntN(21))
	}
	_, err := s.review(tm, fidelity.ReviewExternal, workday(due), 1, raters, nil, 0, 0)
	return err
}

// pair is the two external reviewers of a visit; pairs rotate, so every
// reviewer works with several others.
func (s *seeder) pair(i int) []string {
	n := len(s.reviewers)
	return []string{s.reviewers[i%n], s.reviewers[(i+1)%n]}
}

// itemScores draws the consensus score of every item for a team at a mean
// item level.
func (s *seeder) itemScores(level float64, persist []float64) []int {
	out := make([]int, len(s.sc.Items))
	for i := range s.sc.Items {
		v := level + persist[i] + s.rng.NormFloat64()*0.35
		out[i] = clamp(int(math.Round(v)), s.sc.Levels.Min, s.sc.Levels.Max)
	}
	return out
}

// selfView is how a team lead rates the team a few weeks before the
// external review: the same team, judged a step lower or higher on about
// a quarter of the items, somewhat more often lower (self-assessed totals
// run close to or a little under external ones: Margolies et al. 2017,
// Yamaguchi et al. 2024).
func (s *seeder) selfView(truth []int) []int {
	out := slices.Clone(truth)
	for i := range out {
		if s.rng.Float64() < 0.25 {
			step := 1
			if s.rng.Float64() < 0.6 {
				step = -1
			}
			out[i] = clamp(out[i]+step, s.sc.Levels.Min, s.sc.Levels.Max)
		}
	}
	return out
}

// workday moves a visit off weekends, the July holidays and Christmas.
func workday(d time.Time) time.Time {
	switch {
	case d.Month() == time.July:
		d = time.Date(d.Year(), time.August, 12+d.Day()%10, 0, 0, 0, 0, time.UTC)
	case d.Month() == time.December && d.Day() > 18:
		d = time.Date(d.Year()+1, time.January, 6+d.Day()%10, 0, 0, 0, 0, time.UTC)
	}
	d = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	// Two-day visits start Monday to Thursday.
	switch d.Weekday() {
	case time.Friday:
		d = d.AddDate(0, 0, -1)
	case time.Saturday:
		d = d.AddDate(0, 0, 3)
	case time.Sunday:
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// book finds the visit start nearest to want (Monday to Thursday) on
// which every rater is free for the whole visit, and books them: no
// reviewer is at two teams on one day.
func (s *seeder) book(raters []string, want time.Time, days int) time.Time {
	for step := 0; ; step++ {
		d := want.AddDate(0, 0, (step+1)/2*[]int{1, -1}[step%2])
		if wd := d.Weekday(); wd == time.Friday || wd == time.Saturday || wd == time.Sunday || holiday(d) || holiday(d.AddDate(0, 0, days)) {
			continue
		}
		if s.free(raters, d, days) {
			for _, r := range raters {
				for i := 0; i <= days; i++ {
					s.busy[busyKey{r, d.AddDate(0, 0, i)}] = true
				}
			}
			return d
		}
	}
}

// holiday reports days no review visit is planned on: the July holidays,
// Christmas to New Year, 1 and 17 May.
func holiday(d time.Time) bool {
	m, day := d.Month(), d.Day()
	return m == time.July || (m == time.December && day >= 20) || (m == time.January && day == 1) ||
		(m == time.May && (day == 1 || day == 17))
}

func (s *seeder) free(raters []string, d time.Time, days int) bool {
	for _, r := range raters {
		for i := 0; i <= days; i++ {
			if s.busy[busyKey{r, d.AddDate(0, 0, i)}] {
				return false
			}
		}
	}
	return true
}

// busyKey is a rater's day.
type busyKey struct {
	rater string
	day   time.Time
}

// selfDay moves a self-assessment off weekends and out of the July
// holidays, so it still comes weeks before the external review it
// prepares.
func selfDay(d, external time.Time) time.Time {
	if d.Month() == time.July {
		// Right after the holidays if the review is late enough in
		// August, else before them.
		if d = external.AddDate(0, 0, -8); d.Month() != time.August || d.Day() < 5 {
			d = time.Date(d.Year(), time.June, 24, 0, 0, 0, 0, time.UTC)
		}
	}
	// Earlier, never later: it must stay before the external review.
	for wd := d.Weekday(); wd == time.Friday || wd == time.Saturday || wd == time.Sunday || holiday(d); wd = d.Weekday() {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }
