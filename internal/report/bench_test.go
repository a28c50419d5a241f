package report

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// benchData builds nSites sites × perSite finalised reviews on sc, half a
// year apart, with consensus scores and two raters' scores on every item.
func benchData(sc *scale.Scale, nSites, perSite int) ([]SiteRef, []fidelity.ReviewScores) {
	rng := rand.New(rand.NewPCG(1, 2))
	sites := make([]SiteRef, nSites)
	reviews := make([]fidelity.ReviewScores, 0, nSites*perSite)
	start := date("2015-01-15")
	for s := range sites {
		id := "site-" + strconv.Itoa(s)
		sites[s] = SiteRef{ID: id, Name: "Site " + strconv.Itoa(s), Path: "/root/" + id + "/"}
		for k := range perSite {
			cons := make(map[string]int, len(sc.Items))
			r1 := make(map[string]int, len(sc.Items))
			r2 := make(map[string]int, len(sc.Items))
			for _, it := range sc.Items {
				v := 2 + rng.IntN(4)
				cons[it.ID] = v
				r1[it.ID] = clamp(v + rng.IntN(3) - 1)
				r2[it.ID] = clamp(v + rng.IntN(3) - 1)
			}
			end := start.AddDate(0, 6*k, rng.IntN(30))
			typ := fidelity.ReviewExternal
			if k%3 == 2 {
				typ = fidelity.ReviewSelf
			}
			reviews = append(reviews, fidelity.ReviewScores{
				ReviewID: id + "-r" + strconv.Itoa(k), SiteID: id, ScaleID: sc.ID, ScaleVersion: sc.Version,
				Type: typ, Status: fidelity.StatusFinalised, VisitStart: end.AddDate(0, 0, -1), VisitEnd: end,
				Consensus: cons, Raters: map[string]map[string]int{"rater-" + strconv.Itoa(s%7): r1, "rater-" + strconv.Itoa(s%7+7): r2},
			})
		}
	}
	return sites, reviews
}

func clamp(v int) int { return max(1, min(5, v)) }

func BenchmarkHeatmap(b *testing.B) {
	sc := seScale(b)
	sites, reviews := benchData(sc, 1000, 10)
	b.ReportAllocs()
	for b.Loop() {
		Heatmap(sc, sites, reviews)
	}
}

func BenchmarkCompare(b *testing.B) {
	sc := seScale(b)
	sites, reviews := benchData(sc, 1000, 10)
	outcomes := make([]fidelity.Outcome, 0, len(sites))
	for i, s := range sites {
		outcomes = append(outcomes, fidelity.Outcome{ID: "o" + s.ID, SiteID: s.ID, Measure: "rate",
			PeriodStart: date("2019-01-01"), PeriodEnd: date("2019-12-31"), Value: float64(i%50) / 100})
	}
	at := PeriodSpec{To: date("2019-12-31")}
	b.ReportAllocs()
	for b.Loop() {
		Compare(sc, sites, reviews, at, outcomes, "rate")
	}
}

func BenchmarkTrend(b *testing.B) {
	sc := seScale(b)
	sites, reviews := benchData(sc, 1, 10)
	today := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		Trend(sc, sites[0], reviews, today, DefaultDueRule(), TrendOptions{})
	}
}

func BenchmarkAgreement(b *testing.B) {
	sc := seScale(b)
	_, reviews := benchData(sc, 1000, 10) // 10,000 reviews
	b.ReportAllocs()
	for b.Loop() {
		Agreement(sc, reviews, AgreementOptions{})
	}
}

func BenchmarkTransitions(b *testing.B) {
	sc := seScale(b)
	sites, reviews := benchData(sc, 1000, 10)
	pa := PeriodSpec{From: date("2017-01-01"), To: date("2017-12-31")}
	pb := PeriodSpec{From: date("2018-01-01"), To: date("2018-12-31")}
	b.ReportAllocs()
	for b.Loop() {
		Transitions(sc, sites, reviews, pa, pb)
	}
}
