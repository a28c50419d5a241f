// Package demo seeds realistic demonstration and benchmark data through the
// service layer, so every demo score is computed by the same write paths a
// real review takes.
//
// The default data set is what a Norwegian programme lead should believe:
// IPS teams under Nav offices that sit in their real counties (2024
// structure) with their real municipality numbers; three years of reviews
// on the review rules' cycle (every six months until good fidelity, then
// yearly), each visit rated by two external reviewers who record the same
// measured facts and differ only in judgement; self-assessments by each
// team's own lead; competitive employment per half-year; action plans for
// the weakest items. Totals are mostly fair to good (Norwegian centres
// 97–109, TIPS 99 → 98), with teams in every band and most improving.
// Everything is drawn from one seeded generator, so the data (and the
// screenshots made from it) are the same on every run.
package demo

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// Options shape the seeded data.
type Options struct {
	// Offices is the number of Nav offices (each with one or two IPS teams).
	Offices int
	// Reviews caps the external reviews per team; the review cycle and
	// Years decide how many fit.
	Reviews int
	// Years is the length of the history (0 means three), extended to
	// hold Reviews six-monthly reviews.
	Years int
	// Scale is the scale reference reviews use.
	Scale string
	// Seed makes the data reproducible.
	Seed uint64
	// End is the date of the most recent visits, by convention two weeks
	// before the day the data is looked at.
	End time.Time
	// Unfinished leaves the latest review of some teams in progress or in
	// consensus, plans next reviews, and lets one team fall overdue, so
	// every workflow state has examples.
	Unfinished bool
	// Plans gives each finalised external review an action plan for its
	// weakest items. Fixtures that test the plan forms start without.
	Plans bool
	// Reports gives a few teams' latest finalised review its written
	// report (reports.go); that review's action plan is then the one the
	// team lead agreed from the report. Fixtures that test the report
	// forms start without.
	Reports bool
	// OlderScale is the scale version that Scale superseded (an item map
	// leads from it); the first OlderScaleTeams teams get yearly reviews
	// under it before their history under Scale, re-scored under Scale.
	OlderScale      string
	OlderScaleTeams int
	// Progress, when set, receives a line per office.
	Progress io.Writer
}

// DefaultOptions is the data set `fidelity serve --demo` seeds.
func DefaultOptions(end time.Time) Options {
	return Options{Offices: 12, Reviews: 6, Years: 3, Scale: "se-fidelity@2008", Seed: 2008, End: end, Unfinished: true, Plans: true,
		Reports: true, OlderScale: "ips-15@1996", OlderScaleTeams: 3}
}

// Summary counts what was seeded.
type Summary struct {
	Sites, Raters, Reviews, Finalised int
}

// Outcome measure the demo records per half-year.
const (
	MeasureEmployment = "competitive_employment_rate"
	// goodLevel is the mean item level of a total at the good band (100/25).
	goodLevel = 4.0
)

// seeder carries what every step of the seeding needs.
type seeder struct {
	ctx       context.Context
	svc       *service.Service
	sc        *scale.Scale
	older     *scale.Scale // Options.OlderScale, nil when none
	o         Options
	rng       *rand.Rand
	reviewers []string
	names     map[string]string // rater id → name, of the reviewers
	busy      map[busyKey]bool  // the raters' booked days
	sum       Summary
}

// Seed creates counties, offices, teams, raters, reviews, action plans and
// outcomes. It refuses to run on a database that already has sites, so a
// restart never doubles the demo.
func Seed(ctx context.Context, svc *service.Service, o Options) (Summary, error) {
	existing, _, err := svc.ListSites(ctx, service.SiteFilter{Page: service.Page{Limit: 1}})
	if err != nil {
		return Summary{}, err
	}
	if len(existing) > 0 {
		return Summary{}, fidelity.Errorf(fidelity.KindConflict, "the database already has sites; demo data is only seeded into an empty database")
	}
	sc, err := svc.GetScale(o.Scale)
	if err != nil {
		return Summary{}, err
	}
	if o.Years <= 0 {
		o.Years = 3
	}
	o.Years = max(o.Years, (o.Reviews+1)/2)
	s := &seeder{ctx: ctx, svc: svc, sc: sc, o: o, busy: map[busyKey]bool{}, names: map[string]string{}, rng: rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))}
	if err := s.seedReviewers(); err != nil {
		return s.sum, err
	}
	if o.OlderScale != "" && o.OlderScaleTeams > 0 {
		if s.older, err = svc.GetScale(o.OlderScale); err != nil {
			return s.sum, err
		}
	}
	if err := s.seedSites(); err != nil {
		return s.sum, err
	}
	return s.sum, s.rescoreOlder()
}

// seedReviewers creates the external reviewers: the six of the table, and
// for large (benchmark) data sets one more per six teams, so their
// calendars still hold every visit near its due date.
func (s *seeder) seedReviewers() error {
	teams := s.o.Offices + (s.o.Offices+2)/4
	for i := range max(len(reviewers), teams/6) {
		r := reviewers[i%len(reviewers)]
		if n := i / len(reviewers); n > 0 {
			r.name += " " + itoa(n+1)
		}
		got, err := s.svc.CreateRater(s.ctx, service.RaterInput{Name: r.name, Organisation: r.org, Email: email(r.name)})
		if err != nil {
			return err
		}
		s.reviewers = append(s.reviewers, got.ID)
		s.names[got.ID] = got.Name
		s.sum.Raters++
	}
	return nil
}

// seedSites creates each office under its county and one or two teams
// under each office, then runs the teams' histories.
func (s *seeder) seedSites() error {
	counties := map[string]string{}
	k := 0
	// Site codes are unique among a county's offices, but Oslo, Bergen and
	// Trondheim have one municipality number for all their district
	// offices: the second office of a municipality is coded 4601-2, and
	// so on.
	codes := map[string]int{}
	for i := range s.o.Offices {
		of := officeAt(i)
		codes[of.Municipality]++
		code := of.Municipality
		if n := codes[of.Municipality]; n > 1 {
			code += "-" + itoa(n)
		}
		if _, ok := counties[of.County.Number]; !ok {
			reg, err := s.svc.CreateSite(s.ctx, service.SiteInput{Kind: fidelity.SiteKindRegion, Code: of.County.Number, Name: of.County.Name})
			if err != nil {
				return err
			}
			counties[of.County.Number] = reg.ID
			s.sum.Sites++
		}
		office, err := s.svc.CreateSite(s.ctx, service.SiteInput{
			ParentID: counties[of.County.Number], Kind: fidelity.SiteKindOffice, Code: code, Name: of.Name,
		})
		if err != nil {
			return err
		}
		s.sum.Sites++
		teams := 1 + boolInt(i%4 == 1)
		for t := range teams {
			if err := s.seedTeam(office.ID, of.Name, teamName(of.Name, t), k); err != nil {
				return err
			}
			k++
		}
		if s.o.Progress != nil {
			fmt.Fprintf(s.o.Progress, "seeded %s (%d/%d)\n", office.Name, i+1, s.o.Offices)
		}
	}
	return nil
}

// teamName names a team after its office: "IPS-team Bergenhus".
func teamName(office string, t int) string {
	place := office[len("Nav "):]
	if t == 0 {
		return "IPS-team " + place
	}
	return fmt.Sprintf("IPS-team %s %d", place, t+1)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// seedTeam creates the team, its lead (a rater, for self-assessments) and
// its history.
func (s *seeder) seedTeam(officeID, officeName, name string, k int) error {
	site, err := s.svc.CreateSite(s.ctx, service.SiteInput{ParentID: officeID, Kind: fidelity.SiteKindTeam, Name: name})
	if err != nil {
		return err
	}
	s.sum.Sites++
	tm := newTeam(k, s.rng)
	tm.siteID, tm.name = site.ID, name
	tm.leadName = leadName(k)
	lead, err := s.svc.CreateRater(s.ctx, service.RaterInput{
		Name: tm.leadName, Organisation: officeName + ", teamleder", Email: email(tm.leadName),
	})
	if err != nil {
		return err
	}
	tm.lead = lead.ID
	s.sum.Raters++
	return s.history(tm)
}
