// Package demo seeds realistic demonstration and benchmark data through the
// service layer, so every demo score is computed by the same write paths a
// real review takes.
//
// The default data set is shaped on the Norwegian figures in the domain
// notes: IPS teams under Nav offices in a few regions, reviewed every six
// to twelve months over three years by two raters who agree on most items,
// totals mostly fair to good (Norwegian centres 97–109, TIPS 99 → 98) with
// a few teams in each of the outer bands.
package demo

import (
	"context"
	"fmt"
	"io"
	"math"
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
	// Reviews is the number of reviews per team (the last may be unfinished).
	Reviews int
	// Scale is the scale reference reviews use.
	Scale string
	// Seed makes the data reproducible.
	Seed uint64
	// End is the date of the most recent visits.
	End time.Time
	// Unfinished leaves the latest review of some teams planned, in
	// progress or in consensus, so every workflow state has examples.
	Unfinished bool
	// Progress, when set, receives a line per office.
	Progress io.Writer
}

// DefaultOptions is the data set `fidelity serve --demo` seeds.
func DefaultOptions(end time.Time) Options {
	return Options{Offices: 12, Reviews: 4, Scale: "se-fidelity@2008", Seed: 2008, End: end, Unfinished: true}
}

// Summary counts what was seeded.
type Summary struct {
	Sites, Raters, Reviews, Finalised int
}

var regions = []string{"Nav Vestland", "Nav Oslo", "Nav Nordland", "Nav Rogaland", "Nav Innlandet", "Nav Trøndelag"}

var offices = []string{
	"Nav Bergenhus", "Nav Åsane", "Nav Voss", "Nav Grünerløkka", "Nav Frogner", "Nav Alna",
	"Nav Bodø", "Nav Rana", "Nav Stavanger", "Nav Sandnes", "Nav Hamar", "Nav Lillehammer",
	"Nav Gjøvik", "Nav Trondheim Heimdal", "Nav Steinkjer", "Nav Levanger",
}

var raterNames = []struct{ name, org string }{
	{"Ingrid Solberg", "IPS-kompetansesenteret"}, {"Magnus Berg", "IPS-kompetansesenteret"},
	{"Sara Haugen", "Nav Arbeid og ytelser"}, {"Jonas Lie", "Helse Vest IPS"},
	{"Kari Nilsen", "Helse Nord IPS"}, {"Ola Dahl", "OsloMet"},
}

// Seed creates regions, offices, teams, raters and reviews. It refuses to
// run on a database that already has sites, so a restart never doubles
// the demo.
func Seed(ctx context.Context, svc *service.Service, o Options) (Summary, error) {
	var sum Summary
	existing, _, err := svc.ListSites(ctx, service.SiteFilter{Page: service.Page{Limit: 1}})
	if err != nil {
		return sum, err
	}
	if len(existing) > 0 {
		return sum, fidelity.Errorf(fidelity.KindConflict, "the database already has sites; demo data is only seeded into an empty database")
	}
	sc, err := svc.GetScale(o.Scale)
	if err != nil {
		return sum, err
	}
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	raters, err := seedRaters(ctx, svc)
	if err != nil {
		return sum, err
	}
	sum.Raters = len(raters)
	regionIDs := map[int]string{}
	for i := range o.Offices {
		ri := i % min(len(regions), max(1, (o.Offices+2)/3))
		if _, ok := regionIDs[ri]; !ok {
			reg, err := svc.CreateSite(ctx, service.SiteInput{Kind: fidelity.SiteKindRegion, Code: fmt.Sprintf("R%02d", ri+1), Name: regions[ri]})
			if err != nil {
				return sum, err
			}
			regionIDs[ri] = reg.ID
			sum.Sites++
		}
		office, err := svc.CreateSite(ctx, service.SiteInput{
			ParentID: regionIDs[ri], Kind: fidelity.SiteKindOffice,
			Code: fmt.Sprintf("%04d", 1000+i*17), Name: officeName(i),
		})
		if err != nil {
			return sum, err
		}
		sum.Sites++
		teams := 1 + boolInt(i%4 == 1)
		for t := range teams {
			team, err := svc.CreateSite(ctx, service.SiteInput{
				ParentID: office.ID, Kind: fidelity.SiteKindTeam,
				Code: fmt.Sprintf("%04d-%d", 1000+i*17, t+1), Name: teamName(officeName(i), t),
			})
			if err != nil {
				return sum, err
			}
			sum.Sites++
			n, fin, err := seedTeam(ctx, svc, sc, team.ID, raters, i*3+t, o, rng)
			if err != nil {
				return sum, err
			}
			sum.Reviews += n
			sum.Finalised += fin
		}
		if o.Progress != nil {
			fmt.Fprintf(o.Progress, "seeded %s (%d/%d)\n", office.Name, i+1, o.Offices)
		}
	}
	return sum, nil
}

func officeName(i int) string {
	if i < len(offices) {
		return offices[i]
	}
	return fmt.Sprintf("Nav kontor %d", i+1)
}

func teamName(office string, t int) string {
	if t == 0 {
		return "IPS-team " + office[4:]
	}
	return fmt.Sprintf("IPS-team %s %d", office[4:], t+1)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func seedRaters(ctx context.Context, svc *service.Service) ([]string, error) {
	var ids []string
	for i, r := range raterNames {
		got, err := svc.CreateRater(ctx, service.RaterInput{
			Name: r.name, Organisation: r.org, Email: fmt.Sprintf("rater%d@ips.example.no", i+1),
		})
		if err != nil {
			return nil, err
		}
		ids = append(ids, got.ID)
	}
	return ids, nil
}

// seedTeam runs a team's reviews through the whole workflow. Its fidelity
// starts at a team-specific level and improves by a few points a review.
func seedTeam(ctx context.Context, svc *service.Service, sc *scale.Scale, siteID string, raters []string, k int, o Options, rng *rand.Rand) (reviews, finalised int, err error) {
	// Starting mean item level: most teams fair, some already good, one
	// far from the model and one near-exemplary, so every band shows.
	start := []float64{3.2, 3.6, 3.9, 2.6, 3.4, 4.1, 3.7, 4.9, 3.0, 3.8}[k%10] + rng.Float64()*0.2
	gain := 0.08 + rng.Float64()*0.18
	n := max(1, o.Reviews-rng.IntN(2))
	for r := range n {
		visit := o.End.AddDate(0, -6*(n-1-r)-rng.IntN(2), -rng.IntN(20))
		level := math.Min(4.9, start+gain*float64(r))
		a, b := raters[(k+r)%len(raters)], raters[(k+r+1)%len(raters)]
		typ := fidelity.ReviewExternal
		if r%3 == 2 {
			typ = fidelity.ReviewSelf
		}
		rv, err := svc.PlanReview(ctx, service.ReviewInput{
			SiteID: siteID, Scale: sc.Ref(), Type: typ, VisitStart: visit.AddDate(0, 0, -1), VisitEnd: visit,
			RaterIDs: []string{a, b},
		})
		if err != nil {
			return reviews, finalised, err
		}
		reviews++
		stage := 4
		if o.Unfinished && r == n-1 {
			stage = k % 5 // 0 planned, 1 rating, 2 consensus, 3 consensus entered, 4 finalised
		}
		if err := runReview(ctx, svc, sc, rv.ID, []string{a, b}, level, stage, rng); err != nil {
			return reviews, finalised, err
		}
		if stage == 4 {
			finalised++
		}
	}
	return reviews, finalised, nil
}

// itemBias shifts typical item levels the way published studies report
// them: vocational generalists, caseload size and rapid search are the
// best implemented, time-unlimited support, executive support and
// community-based services the weakest (Kim et al. 2015; Malmberg-Heimonen
// et al. 2025).
var itemBias = map[string]float64{
	"S1": 0.5, "S3": 0.6, "Sv4": 0.5, "Sv12": -0.7, "O8": -0.6, "Sv13": -0.5, "O1": -0.3, "Sv1": -0.2,
}

func runReview(ctx context.Context, svc *service.Service, sc *scale.Scale, reviewID string, raters []string, level float64, stage int, rng *rand.Rand) error {
	if stage == 0 {
		return nil
	}
	truth := map[string]int{}
	for _, it := range sc.Items {
		v := level + itemBias[it.ID] + rng.NormFloat64()*0.6
		truth[it.ID] = clamp(int(math.Round(v)), sc.Levels.Min, sc.Levels.Max)
	}
	for ri, rater := range raters {
		var items []fidelity.ItemInput
		for i := range sc.Items {
			it := &sc.Items[i]
			score := truth[it.ID]
			if rng.Float64() < 0.15 { // raters agree on about 85 % of items
				score = clamp(score+[]int{-1, 1}[rng.IntN(2)], sc.Levels.Min, sc.Levels.Max)
			}
			in, err := InputFor(sc, it, score, rng)
			if err != nil {
				return err
			}
			if ri == 0 && rng.IntN(4) == 0 {
				in.Evidence = "Based on interviews with the team leader and two employment specialists."
			}
			items = append(items, in)
		}
		submit := stage >= 2 || ri == 0
		if _, err := svc.SaveRatings(ctx, reviewID, rater, service.AnyVersion, items, submit); err != nil {
			return err
		}
	}
	if stage < 3 {
		return nil
	}
	var cons []fidelity.ItemInput
	for i := range sc.Items {
		in, err := InputFor(sc, &sc.Items[i], truth[sc.Items[i].ID], rng)
		if err != nil {
			return err
		}
		cons = append(cons, in)
	}
	if _, err := svc.SaveConsensus(ctx, reviewID, service.AnyVersion, cons); err != nil {
		return err
	}
	if stage < 4 {
		return nil
	}
	_, err := svc.Finalize(ctx, reviewID, service.AnyVersion)
	return err
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }
