// Package stats computes the agreement, reliability and descriptive
// statistics used by the fidelity-review reports: percent agreement, Cohen's
// (weighted) kappa, Light's kappa and pairwise kappas for k raters, Gwet's
// AC1/AC2, Fleiss' kappa, Krippendorff's alpha, the
// six Shrout & Fleiss intraclass correlations, Bland–Altman limits of
// agreement, and descriptives for league tables.
//
// The package uses the standard library only. Every statistic is returned as
// a [Result] (or a struct of Results) that either carries a finite value or
// says, in plain words, why the value is not defined; NaN and ±Inf never
// appear in a Result, so every Result can be serialised to JSON as is.
//
// # Input conventions
//
// Ratings are float64 values. A missing rating is NaN on input (use
// [Missing] or [MatrixFromInts] to convert the domain's *int scores). A
// reliability matrix is [][]float64 with one row per unit (review, subject)
// and one column per rater: ratings[unit][rater]. Rows may be of different
// lengths; absent cells count as missing.
//
// Categorical statistics (percent agreement aside) take the scale's fixed
// levels, e.g. [LevelRange](1, 5) for a fidelity item. Ratings must be one
// of those levels; a rating outside the levels makes the Result undefined
// with a Reason rather than being dropped silently. Weights for weighted
// coefficients are computed on the positions of the levels (equally spaced
// categories); for a contiguous integer scale such as 1–5 that is the same
// as using the numeric scores. Passing [ObservedLevels] instead of the
// scale's levels reproduces the convention of R's irr package (weights from
// the observed categories only, taken as equally spaced ranks).
//
// Continuous statistics (ICC, Bland–Altman, descriptives, Krippendorff's
// interval and ratio metrics) use the numeric values directly.
//
// Percent agreement is returned as a proportion (0–1); percentile ranks are
// on 0–100.
//
// # Reading a Result
//
// Value is nil (JSON null) exactly when Reason is set. SE and CI appear only
// with a value; a value whose interval cannot be given carries a Note
// instead. Name states the variant (weights, levels, ICC form), N the units
// used, Dropped the units left out, Extra by-products such as "pa", "pe",
// "F", "df1", "df2", "p". Confidence intervals are 95 % intervals
// (Interval.Level = 0.95). Reasons shared by several statistics are the
// Reason* constants.
package stats
