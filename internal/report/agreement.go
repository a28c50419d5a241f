package report

import (
	"math"
	"sort"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/report/stats"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// AgreementOptions tune the agreement report; zero values take defaults.
type AgreementOptions struct {
	// Statuses selects the reviews by status (default: consensus and
	// finalised, the stages at which the raters' own scores are final).
	Statuses []fidelity.ReviewStatus `json:"statuses"`
	// Bucket is the drift period: BucketHalfYear (default), BucketQuarter,
	// BucketYear or BucketMonth.
	Bucket string `json:"bucket"`
	// WindowDays is the largest gap, in days between VisitEnd dates, for a
	// self-assessment and an external review of the same site to be paired
	// (default 120).
	WindowDays int `json:"window_days"`
	// RaterNames maps rater ids to the names the report labels pairs and
	// differences with (the id where absent); the service fills it.
	RaterNames map[string]string `json:"-"`
}

// DefaultWindowDays is the default self/external pairing window.
const DefaultWindowDays = 120

func (o AgreementOptions) withDefaults() AgreementOptions {
	if len(o.Statuses) == 0 {
		o.Statuses = []fidelity.ReviewStatus{fidelity.StatusConsensus, fidelity.StatusFinalised}
	}
	switch o.Bucket {
	case BucketHalfYear, BucketQuarter, BucketYear, BucketMonth:
	default:
		o.Bucket = BucketHalfYear
	}
	if o.WindowDays <= 0 {
		o.WindowDays = DefaultWindowDays
	}
	return o
}

// AgreementReport holds the inter-rater agreement of a set of reviews.
type AgreementReport struct {
	Scale   string           `json:"scale"`
	Options AgreementOptions `json:"options"`
	// Reviews counts the selected reviews with at least two raters' scores;
	// Raters the distinct raters among them, RaterNames their names by id.
	Reviews    int               `json:"reviews"`
	Raters     int               `json:"raters"`
	RaterNames map[string]string `json:"rater_names"`
	// Rules states, in plain words, which raters and units each part uses.
	Rules []string        `json:"rules"`
	Items []ItemAgreement `json:"items"`
	// Pooled holds the statistics over all item ratings together.
	Pooled PooledAgreement `json:"pooled"`
	// Pairs compares every two named raters who scored a review together.
	Pairs        []RaterPair        `json:"pairs"`
	Totals       TotalsAgreement    `json:"totals"`
	Drift        []RaterDrift       `json:"drift"`
	SelfExternal SelfExternalReport `json:"self_external"`
}

const (
	ruleItems  = "Per item, every rater of every review with two or more raters counts: exact and within-one agreement pool all rater pairs; Fleiss' kappa, Gwet's AC1/AC2 and Krippendorff's alpha take each review's raters as they are (they do not assume the same raters in every review)."
	ruleLight  = "Light's kappa is the mean of Cohen's kappa over the pairs of named raters who scored at least two reviews together (unweighted, linear or quadratic weights on the scale levels); a pair with too few shared reviews or no variation has no kappa and is left out of the mean. Each pair's own kappa is listed with its n."
	rulePool   = "Pooled: every rating of every item of every review is one unit (review × item); exact and within-one agreement, Fleiss' kappa, Light's kappa (per pair pooled over all items) and Krippendorff's alpha are computed on those units, and the item kappas (Light's, unweighted) are summarised by mean, median and range."
	ruleTotals = "Totals: a rater's total is the sum of the item scores when the rater scored every item (no imputation). The ICC uses the reviews with the most common number k of complete scorecards (n reviews × k raters, raters ordered by name); the other reviews are listed as left out with the reason."
	ruleBA     = "Bland–Altman: per pair of named raters, difference first − second rater (named in the label), over the reviews both scored completely; per rater against the consensus, rater − consensus total. The pooled line takes every pair in every review, each difference in name order."
	ruleDrift  = "Drift: rater score − consensus score on each item both scored, averaged per rater and period of VisitEnd."
	ruleSelf   = "Self vs external: a self-assessment and an external or remote review of the same site with VisitEnd at most the window apart are paired, closest first, each review used once; differences are self − external consensus."
)

// Agreement computes the agreement report over reviews under sc.ID with a
// status in opts.Statuses. Items are sc's items; scores of other ids are
// ignored. Levels are sc's levels (1–5 for the SE Fidelity Scale).
func Agreement(sc *scale.Scale, reviews []fidelity.ReviewScores, opts AgreementOptions) AgreementReport {
	opts = opts.withDefaults()
	rep := AgreementReport{Options: opts, Rules: []string{ruleItems, ruleLight, rulePool, ruleTotals, ruleBA, ruleDrift, ruleSelf},
		Items: []ItemAgreement{}, Pairs: []RaterPair{}, Drift: []RaterDrift{}, RaterNames: map[string]string{}}
	if sc == nil {
		rep.Pooled = pooledAgreement(nil, nil, nil)
		rep.Totals = totalsAgreement(nil, nil, panel{})
		rep.SelfExternal = selfExternal(nil, nil, opts.WindowDays)
		return rep
	}
	rep.Scale = sc.Ref()
	var sel []*fidelity.ReviewScores
	for i := range reviews {
		r := &reviews[i]
		if r.ScaleID == sc.ID && hasStatus(opts.Statuses, r.Status) {
			sel = append(sel, r)
		}
	}
	// A fixed order of reviews makes every sum, and the left-out list,
	// independent of the order the store returned them in.
	sort.SliceStable(sel, func(i, j int) bool { return sel[i].ReviewID < sel[j].ReviewID })
	all := layout(sc, sel)
	multi := make([]scoredReview, 0, len(all))
	for _, m := range all {
		if len(m.raters) >= 2 {
			multi = append(multi, m)
		}
	}
	p := newPanel(multi, opts.RaterNames)
	rep.Reviews, rep.Raters = len(multi), len(p.ids)
	for _, id := range p.ids {
		rep.RaterNames[id] = p.name(id)
	}
	grid := newItemGrid(sc, multi, p)
	rep.Items = itemAgreements(sc, multi, grid, p)
	rep.Pooled = pooledAgreement(stats.LevelRange(sc.Levels.Min, sc.Levels.Max), rep.Items, grid)
	rep.Totals = totalsAgreement(sc, multi, p)
	rep.Pairs = raterPairs(sc, multi, grid, p)
	rep.Drift = drift(all, opts.Bucket)
	rep.SelfExternal = selfExternal(sc, all, opts.WindowDays)
	return rep
}

func hasStatus(list []fidelity.ReviewStatus, s fidelity.ReviewStatus) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// noScore marks a missing score in an item-aligned row.
const noScore = math.MinInt32

// scoredReview is a review's scores laid out in the order of sc's items,
// so the statistics read slices instead of maps.
type scoredReview struct {
	r *fidelity.ReviewScores
	// cons holds the consensus scores, noScore where missing.
	cons []int32
	// raters are the raters with at least one score on sc's items, sorted
	// by id; scores[j] is rater j's row.
	raters []string
	scores [][]int32
}

// layout lays out the reviews' scores on sc's items.
func layout(sc *scale.Scale, reviews []*fidelity.ReviewScores) []scoredReview {
	n := len(sc.Items)
	out := make([]scoredReview, 0, len(reviews))
	for _, r := range reviews {
		ids := make([]string, 0, len(r.Raters))
		for id, scores := range r.Raters {
			if id != fidelity.ConsensusKey && len(scores) > 0 {
				ids = append(ids, id)
			}
		}
		sort.Strings(ids)
		flat := make([]int32, n*(1+len(ids)))
		m := scoredReview{r: r, cons: fill(sc, r.Consensus, flat[:n:n])}
		for j, id := range ids {
			row := fill(sc, r.Raters[id], flat[n*(j+1):n*(j+2):n*(j+2)])
			if row == nil {
				continue
			}
			m.raters = append(m.raters, id)
			m.scores = append(m.scores, row)
		}
		out = append(out, m)
	}
	return out
}

// fill writes scores into row in sc's item order and returns row, or nil
// when none of sc's items has a score.
func fill(sc *scale.Scale, scores map[string]int, row []int32) []int32 {
	scored := false
	for i, it := range sc.Items {
		if v, ok := scores[it.ID]; ok {
			row[i] = int32(v)
			scored = true
		} else {
			row[i] = noScore
		}
	}
	if !scored {
		return nil
	}
	return row
}
