// Package scoring turns one rater's item inputs into a scorecard under one
// exact scale version: item scores, section and grouping subtotals, the
// total, its band and whether the total is valid. It also compares two
// scorecards and proposes a consensus draft from several raters' inputs.
//
// The package is pure and deterministic: no I/O, no clock, no package state,
// and every list it returns follows the order of the scale (or of the
// arguments), never the order of a map.
//
// # Item types
//
//   - ordinal: the rater's Score (one of the scale's levels) is the score
//     (Method "direct").
//   - measured: the rule's inputs give a value (derive "value": the input
//     itself; "ratio": numerator ÷ denominator; "percent": 100 × numerator ÷
//     denominator), the interval containing the value gives the score
//     (Method "rule"). A zero denominator and a percentage above 100 (more
//     distinct employers than jobs) are invalid input, never infinity. A
//     ratio or percentage is rounded to nine decimals before the lookup, so
//     floating point cannot move it across a threshold (10.2 hours of 17 is
//     60 %, not 59.99999999999999 %).
//   - checklist: the number of distinct elements marked present is the value
//     (an empty, non-nil Elements list means "none present"; a nil list means
//     "not rated yet"). Method "checklist".
//   - per_specialist: every employment specialist is scored, directly
//     (Item.Specialist "score") or by the rule on that specialist's inputs
//     ("measure"); the item score is the mean of the specialist scores
//     rounded to the nearest level, ties going up: 2.5 → 3, 3.49 → 3,
//     3.5 → 4. The rounding is done in integer arithmetic, so a mean that is
//     exactly x.5 always rounds up. Value is the unrounded mean; Detail lists
//     every specialist's score and states the tie rule. Every listed
//     specialist counts: until each one can be scored the item is
//     incomplete, and Problem names the specialists still lacking input.
//
// For per_specialist "measure" items the rule inputs may be given per
// specialist (SpecialistInput.Values/Choices) or once for the whole item
// (ItemInput.Values/Choices, e.g. whether the supervisor reviews the
// contact-tracking form). A specialist's own entry wins; otherwise the
// item-level entry is used. Caps are applied to each specialist's score
// before averaging, so the item score never exceeds the cap either.
//
// # Intervals, judge intervals and caps
//
// The rule's intervals cover its domain without gap or overlap (the scale
// loader checks this); the first interval containing the value fires. When
// the fired interval is a judge interval (the number alone cannot decide,
// e.g. no phase delivered is 1 or 2 depending on referral practice), the
// rater's Score must be one of the judge scores (Method "judged"); until it
// is given the item is incomplete, not invalid. A Score on a measured,
// checklist or per-specialist item is otherwise an error: the score follows
// from the inputs.
//
// A cap lowers the score to at most its MaxScore when its condition holds
// (a choice among the listed options, or a number below LT); several caps
// that hold give the lowest of them. A cap whose input is optional and was
// not given does not apply; a required input that was not given leaves the
// item incomplete. Rule names every cap that lowered the score, with the
// scale's printed text for it, e.g. "x ≥ 6 → 5 (printed: ≥6 per week);
// cap: No tracking reviewed by the supervisor → at most 2".
//
// Rule renders the interval that fired with its printed range, e.g.
// "20 < x ≤ 25 → 4 (printed: 21–25)"; judge intervals read
// "x = 0 → judged 1 or 2, rated 2 (printed: 0 phases)".
//
// # Incomplete input and validation
//
// Partial saves are allowed: an item whose inputs are valid but not yet
// sufficient (clients without FTE, a judge interval without a score) gets
// Score nil, Method "missing" and a Problem saying what is still needed.
// Invalid input (unknown ids, duplicates, NaN or infinite numbers, values
// outside an input's range, scores outside the levels, unknown options,
// wrong shapes) makes Score return a *fidelity.Error of KindInvalid that
// lists every problem as a FieldError, with fields such as
// "items[3].values.specialist_fte". ScoreItem reports the same problems
// relative to the item ("values.specialist_fte").
//
// # Totals and missing data
//
// Section and group subtotals count rated items only: Percent is Sum ÷
// (levels.max × rated items) × 100 and Mean is the mean of the rated items;
// Max is levels.max × the number of items.
//
// The total is the sum or the mean of the item scores (Scale.Aggregation).
// It is valid only when at most Scale.Missing.MaxMissing items lack a
// score. With sum aggregation and the "person_mean" policy, each missing
// item takes the mean of the rated items, so the total is
// sum × items ÷ rated (Imputed is set); with "none" the rated items are
// summed as they are. With mean aggregation the mean of the rated items is
// the total. An invalid total is nil, with InvalidReason in plain words.
//
// The band is the one whose bounds contain the total. Printed bands of a sum
// are integer ranges (74–99, 100–114), so for sum aggregation the band is
// looked up with the total rounded half up to an integer (99.5 → 100); this
// only matters for imputed totals, and Total itself keeps the exact value.
// Mean totals are looked up as they are.
package scoring
