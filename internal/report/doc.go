// Package report turns scored fidelity reviews into the reports the service
// shows: site trends, cohort comparisons and band transitions, the items ×
// sites heatmap, inter-rater agreement (with rater drift and self vs
// external reviews) and action-plan follow-up.
//
// Everything here is a pure computation over values the caller fetched:
// [fidelity.ReviewScores], sites as [SiteRef], [fidelity.Outcome] and
// [fidelity.ActionItem]. There is no I/O and no clock ("today" is a
// parameter), output order is deterministic, and every report is a
// JSON-ready struct (snake_case tags; an undefined number is a nil pointer
// or a [stats.Result] with a Reason, never NaN or ±Inf) with a Table
// method giving the CSV form: a fixed column order, numbers in strconv's
// shortest form, dates as YYYY-MM-DD, "" for undefined values. Reports
// with several parts have further XxxTable methods.
//
// # Common rules
//
//   - Only finalised reviews under the report scale's id count for trends,
//     comparisons, heatmaps and actions; agreement uses the statuses in
//     [AgreementOptions] (consensus and finalised by default).
//   - Dates are compared as calendar days (the date in the value's own
//     location). A review's date is its VisitEnd.
//   - A site's review "at" a period is its latest finalised review with
//     VisitEnd in the [PeriodSpec] (latest VisitEnd, then VisitStart, then
//     the greater review id). Comparisons and transitions need a total and
//     pass over a finalised review without one.
//   - Totals, bands and subtotals are derived from the consensus item scores
//     and the scale, as the scoring package does ([ScoreItems]). Where only
//     the reference scale is at hand (Compare, Transitions, Heatmap,
//     Actions), a review under another version of the same scale, or one
//     without consensus scores, uses its stored total and band instead.
//   - Sites are listed by name, then id, unless a report says otherwise.
//
// # Trend
//
// [Trend] lists a site's finalised reviews in VisitEnd order with total,
// band, section and grouping subtotals (IPS principles, EUSE stages) and
// the item scores, each under the review's own scale version (older
// versions via [TrendOptions].Versions; a review under a version not
// supplied is skipped with a reason). For a subtree ([TrendOptions].Subtree)
// every review is listed with its site — no averaging across sites — and
// changes, time to good fidelity and due dates are per site.
//
// Each review after a site's first carries a [ReviewChange] against the
// site's previous review: per item improved / unchanged / regressed with
// the delta, over the item ids present in both scale versions (the others
// are listed as Excluded; items unscored in either review as Unscored).
// The total delta is given only under the same scale version.
//
// Good fidelity starts at the lowest lower bound among [DueRule].GoodBands
// (default good and exemplary: ≥ 100 on the SE Fidelity Scale). Time to
// good fidelity is from the site's first review to its first review at or
// above that, in days and whole calendar months (0 when the first review
// was already good), or "not_yet". The next review is due MonthsBelowGood
// (6) months after the latest review when that review is below good (or
// has no total), MonthsGood (12) months after when it is good; month ends
// clamp (31 August + 6 months = end of February). Overdue means today is
// after the due date.
//
// # Comparison and transitions
//
// [Compare] ranks the cohort's sites by total at a period: competition
// ranking with ties sharing the best rank ("1224"), the mid-rank percentile
// (% below plus half of ties), and z = (total − mean) / SD with the sample
// SD (undefined, with a reason, for fewer than two sites or equal totals).
// The cohort is described by [stats.Describe] (type 7 quartiles); band
// counts list every band of the scale in scale order. Outcome linkage takes,
// for each ranked site, the outcome of the measure whose period overlaps
// the review's visit (preferring the period containing VisitEnd, then the
// latest-ending; see [MatchOutcome]) and correlates total and outcome
// (Pearson and Spearman, undefined for fewer than 3 pairs or no variance).
//
// [Transitions] cross-tabulates each site's band in period A (rows) against
// period B (columns), with the sites present in only one period counted per
// band, and up / same / down by band order (lower bounds).
//
// # Heatmap
//
// [Heatmap] shows each site's latest finalised consensus scores by item (nil
// where missing; sites without a review keep an empty row), the item means
// across sites and the site means and totals. The weakest items are sorted
// by mean ascending, with the share of sites scoring ≤ 3
// ([HeatmapLowScore]) — the items that hold sites back.
//
// # Agreement
//
// [Agreement] uses reviews with at least two raters' scores and every rater
// of them; raters are ordered by name (then id), so pairs read "A − B".
// Per item: exact and within-one agreement over all rater pairs; Fleiss'
// kappa, Gwet's AC1/AC2 and Krippendorff's alpha over all raters; Light's
// kappa (mean of the named pairs' Cohen's kappas, unweighted, linear and
// quadratic) and each pair's kappa. Pooled: the same over all review × item
// units, and the spread of the item kappas. On totals (a rater's total
// exists only when the rater scored every item): the six Shrout & Fleiss
// ICC forms with 95 % CIs on n reviews × k raters, k the most common number
// of complete scorecards, the other reviews listed as left out; Bland–Altman
// per named pair and per rater against the consensus. Rater drift
// ([Drift]) is rater − consensus per item, averaged per rater and half-year
// (or quarter, year, month) of VisitEnd. Self vs external
// ([SelfVsExternal]) pairs a self-assessment with an external or remote
// review of the same site within a window of VisitEnd dates (120 days by
// default), closest first, each review once, and reports the paired total
// differences (self − external) with Bland–Altman and per-item mean
// differences. Every statistic is a [stats.Result] naming its form and n.
//
// # Actions
//
// [Actions] lists open and in-progress actions with an overdue flag (due
// date before today), counts actions per site for the site itself and its
// subtree (by path), and lists the uncovered low items: items scoring at
// most [ActionsOptions].LowScore (default 2, the two lowest anchors) in the
// site's latest finalised review that no open, in-progress or done action
// linked to that review names. Dropped actions do not cover an item.
package report
