// Package chart renders the fidelity-review charts as SVG and PNG (the SVG
// rasterised with the embedded Go fonts through golang.org/x/image; see
// raster.go):
//
//   - [TrendChart]: a site's total score over review dates, with the
//     scale's bands shaded behind the line and the target threshold drawn
//     as an emphasised line; several series (e.g. external review and
//     self-assessment) differ in colour, dash and marker.
//   - [ItemProfile]: one review's item scores as horizontal bars grouped
//     by section, with the previous review as a marker and a change column.
//   - [Radar]: the same item scores as a radar, one spoke per item, the
//     previous review as a dashed outline.
//   - [Heatmap]: items × sites, cells coloured by score with the number
//     printed inside, missing cells hatched, row and column means.
//   - [BandDistribution]: number of sites per band, grouped by period or
//     stacked to 100 % per period.
//
// Nothing about a particular scale is built in: ranges and bands come from
// the caller (SE Fidelity Scale totals 25–125, GOI means 1–5, …), and so do
// all labels, already translated. The package only adds its own words
// (legend entries, "Mean", month names, "No data") in English or
// Norwegian Bokmål, chosen by Lang ("nb", also "no"/"nn"/"nb-NO"; anything
// else is English). Norwegian output also uses the decimal comma.
//
// Every chart has SVG() []byte, WriteSVG(io.Writer), PNG(), WritePNG()
// and Description() string (the text alternative, also written as the
// SVG's <desc>). A PNG carries the same text as the SVG.
//
// Guarantees: output is deterministic (same input, same bytes); every
// user string is HTML-escaped and stripped of characters XML forbids; no
// NaN or Inf is ever written (non-finite inputs are skipped or treated as
// missing, coordinates are clamped); empty input gives a "No data" chart,
// never a panic. Each SVG has role="img", aria-label, <title> and <desc>.
// Text is at least 11 px. Colours: see palette.go and docs/charts/README.md.
package chart
