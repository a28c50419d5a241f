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
	// Raters the distinct raters among them.
	Reviews int `json:"reviews"`
	Raters  int `json:"raters"`
	// Rules states, in plain words, which raters and units each part uses.
	Rules        []string           `json:"rules"`
	Items        []ItemAgreement    `json:"items"`
	Totals       TotalsAgreement    `json:"totals"`
	Drift        []RaterDrift       `json:"drift"`
	SelfExternal SelfExternalReport `json:"self_external"`
}

// ItemAgreement is the agreement on one item across reviews.
type ItemAgreement struct {
	ItemID  string `json:"item"`
	Section string `json:"section"`
	// Reviews counts reviews in which at least two raters scored the item;
	// Pairs the rater pairs among them (all pairs within each review).
	Reviews int `json:"reviews"`
	Pairs   int `json:"pairs"`
	// Exact and WithinOne are proportions (0–1) of rater pairs, pooled
	// over reviews, all pairs of raters.
	Exact     stats.Result `json:"exact"`
	WithinOne stats.Result `json:"within_one"`
	// Cohen's kappa for the first two raters of each review (by rater id),
	// on the scale's levels: unweighted, linear and quadratic weights.
	Kappa          stats.Result `json:"kappa"`
	KappaLinear    stats.Result `json:"kappa_linear"`
	KappaQuadratic stats.Result `json:"kappa_quadratic"`
	// AC1 is Gwet's AC1 over all raters of each review.
	AC1 stats.Result `json:"ac1"`
	// AlphaOrdinal is Krippendorff's alpha (ordinal) over all raters.
	AlphaOrdinal stats.Result `json:"alpha_ordinal"`
}

// TotalsAgreement is the agreement on review totals between two raters.
type TotalsAgreement struct {
	// Reviews counts reviews with two complete rater scorecards; Incomplete
	// the reviews with two or more raters but fewer than two complete ones.
	Reviews    int `json:"reviews"`
	Incomplete int `json:"incomplete"`
	// ICC holds the six Shrout & Fleiss forms, in the order ICC(1,1),
	// ICC(2,1), ICC(3,1), ICC(1,k), ICC(2,k), ICC(3,k), with k = 2.
	ICC []stats.Result `json:"icc"`
	// BlandAltman compares the first rater's total with the second's
	// (difference first − second); MeanAbsDiff is the mean absolute
	// difference.
	BlandAltman stats.BlandAltmanResult `json:"bland_altman"`
}

const (
	ruleKappa  = "Cohen's kappa (unweighted, linear, quadratic): the first two raters of each review, raters ordered by rater id; a review where either did not score the item is left out for that item."
	ruleMulti  = "Exact and within-one agreement pool all rater pairs of every review; Gwet's AC1 and Krippendorff's alpha (ordinal) use all raters of every review with two or more raters."
	ruleTotals = "Totals: a rater's total is the sum of the item scores when the rater scored every item (no imputation); ICC and Bland–Altman use the first two raters by id with complete scorecards (difference first − second)."
	ruleDrift  = "Drift: rater score − consensus score on each item both scored, averaged per rater and period of VisitEnd."
	ruleSelf   = "Self vs external: a self-assessment and an external or remote review of the same site with VisitEnd at most the window apart are paired, closest first, each review used once; differences are self − external consensus."
)

// Agreement computes the agreement report over reviews under sc.ID with a
// status in opts.Statuses. Items are sc's items; scores of other ids are
// ignored. Levels are sc's levels (1–5 for the SE Fidelity Scale).
func Agreement(sc *scale.Scale, reviews []fidelity.ReviewScores, opts AgreementOptions) AgreementReport {
	opts = opts.withDefaults()
	rep := AgreementReport{Options: opts, Rules: []string{ruleKappa, ruleMulti, ruleTotals, ruleDrift, ruleSelf},
		Items: []ItemAgreement{}, Drift: []RaterDrift{}}
	if sc == nil {
		rep.Totals = totalsAgreement(nil, nil)
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
	all := layout(sc, sel)
	multi := make([]scoredReview, 0, len(all))
	raters := map[string]bool{}
	for _, m := range all {
		if len(m.raters) < 2 {
			continue
		}
		multi = append(multi, m)
		for _, id := range m.raters {
			raters[id] = true
		}
	}
	rep.Reviews, rep.Raters = len(multi), len(raters)
	rep.Items = itemAgreements(sc, multi)
	rep.Totals = totalsAgreement(sc, multi)
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

// itemAgreements computes the per-item statistics, reusing one matrix.
func itemAgreements(sc *scale.Scale, multi []scoredReview) []ItemAgreement {
	levels := stats.LevelRange(sc.Levels.Min, sc.Levels.Max)
	cells := 0
	for _, m := range multi {
		cells += len(m.raters)
	}
	flat := make([]float64, cells)
	rows := make([][]float64, len(multi))
	a := make([]float64, len(multi))
	b := make([]float64, len(multi))
	out := make([]ItemAgreement, len(sc.Items))
	for i, it := range sc.Items {
		ia := ItemAgreement{ItemID: it.ID, Section: it.Section}
		off := 0
		for u, m := range multi {
			row := flat[off : off+len(m.raters) : off+len(m.raters)]
			off += len(m.raters)
			n := 0
			for j := range m.raters {
				if v := m.scores[j][i]; v != noScore {
					row[j] = float64(v)
					n++
				} else {
					row[j] = math.NaN()
				}
			}
			rows[u] = row
			a[u], b[u] = row[0], row[1]
			if n >= 2 {
				ia.Reviews++
				ia.Pairs += n * (n - 1) / 2
			}
		}
		ia.Exact = stats.Agreement(rows, 0)
		ia.WithinOne = stats.Agreement(rows, 1)
		ia.Kappa = firstTwo(stats.CohenKappa(a, b, levels, stats.Unweighted))
		ia.KappaLinear = firstTwo(stats.CohenKappa(a, b, levels, stats.Linear))
		ia.KappaQuadratic = firstTwo(stats.CohenKappa(a, b, levels, stats.Quadratic))
		ia.AC1 = stats.GwetAC(rows, levels, stats.Unweighted)
		ia.AlphaOrdinal = stats.KrippendorffAlpha(rows, stats.MetricOrdinal)
		out[i] = ia
	}
	return out
}

// firstTwo notes the rater rule on a kappa result.
func firstTwo(r stats.Result) stats.Result {
	const note = "first two raters of each review by rater id"
	if r.Note == "" {
		r.Note = note
	} else {
		r.Note += "; " + note
	}
	return r
}

// rowTotal is the total of a complete row (every item scored, no
// imputation) under sc's aggregation; ok is false for an incomplete row.
func rowTotal(sc *scale.Scale, row []int32) (float64, bool) {
	if len(row) == 0 {
		return 0, false
	}
	sum := 0
	for _, v := range row {
		if v == noScore {
			return 0, false
		}
		sum += int(v)
	}
	t := float64(sum)
	if sc.Aggregation == scale.AggregateMean {
		t /= float64(len(row))
	}
	return t, true
}

// totalsAgreement computes ICC and Bland–Altman on the totals of the first
// two raters with complete scorecards.
func totalsAgreement(sc *scale.Scale, multi []scoredReview) TotalsAgreement {
	var x, y []float64
	t := TotalsAgreement{}
	for _, m := range multi {
		got := make([]float64, 0, 2)
		for j := range m.raters {
			if v, ok := rowTotal(sc, m.scores[j]); ok {
				got = append(got, v)
				if len(got) == 2 {
					break
				}
			}
		}
		if len(got) < 2 {
			t.Incomplete++
			continue
		}
		x = append(x, got[0])
		y = append(y, got[1])
	}
	t.Reviews = len(x)
	data := make([][]float64, len(x))
	for i := range x {
		data[i] = []float64{x[i], y[i]}
	}
	if len(data) == 0 {
		t.ICC = make([]stats.Result, 6)
		for f := range t.ICC {
			t.ICC[f] = stats.Result{Name: stats.ICCForm(f).String(), Reason: "no review has two complete rater scorecards"}
		}
	} else {
		t.ICC = stats.ICCAll(data)
	}
	t.BlandAltman = stats.BlandAltman(x, y)
	return t
}

// Table renders the per-item statistics, one row per item in scale order.
func (a AgreementReport) Table() ([]string, [][]string) {
	header := []string{"item", "section", "reviews", "pairs", "exact", "within_one", "kappa", "kappa_n",
		"kappa_linear", "kappa_quadratic", "ac1", "ac1_n", "alpha_ordinal", "alpha_n"}
	rows := make([][]string, 0, len(a.Items))
	for _, it := range a.Items {
		rows = append(rows, []string{it.ItemID, it.Section, fmtInt(it.Reviews), fmtInt(it.Pairs),
			fmtResult(it.Exact), fmtResult(it.WithinOne), fmtResult(it.Kappa), fmtInt(it.Kappa.N),
			fmtResult(it.KappaLinear), fmtResult(it.KappaQuadratic), fmtResult(it.AC1), fmtInt(it.AC1.N),
			fmtResult(it.AlphaOrdinal), fmtInt(it.AlphaOrdinal.N)})
	}
	return header, rows
}

// TotalsTable renders the statistics on totals as statistic rows: the six
// ICC forms and the Bland–Altman parts, with value, 95 % CI, n and reason.
func (a AgreementReport) TotalsTable() ([]string, [][]string) {
	header := []string{"statistic", "value", "ci_lower", "ci_upper", "n", "reason"}
	var rows [][]string
	add := func(r stats.Result) {
		lo, hi := "", ""
		if r.CI != nil {
			lo, hi = fmtFloat(r.CI.Lower), fmtFloat(r.CI.Upper)
		}
		rows = append(rows, []string{r.Name, fmtResult(r), lo, hi, fmtInt(r.N), r.Reason})
	}
	for _, r := range a.Totals.ICC {
		add(r)
	}
	ba := a.Totals.BlandAltman
	for _, r := range []stats.Result{ba.Bias, ba.SD, ba.Lower, ba.Upper, ba.MeanAbsDiff} {
		add(r)
	}
	return header, rows
}
