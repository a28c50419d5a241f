package chart

import (
	"math"
	"strconv"
	"strings"
)

// Advance widths of Arial/Helvetica (and the metric-compatible Liberation
// Sans) in 1/1000 em for printable ASCII, starting at the space (0x20).
// The layout code uses them to estimate text width, so that labels can be
// truncated and margins sized without a font engine.
var asciiWidths = [95]uint16{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space … /
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0–9
	278, 278, 584, 584, 584, 556, 1015, // : … @
	667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A–M
	722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N–Z
	278, 278, 278, 469, 556, 333, // [ … `
	556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a–m
	556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n–z
	334, 260, 334, 584, // { | } ~
}

var otherWidths = map[rune]uint16{
	'æ': 889, 'ø': 611, 'å': 556, 'Æ': 1000, 'Ø': 778, 'Å': 667,
	'é': 556, 'è': 556, 'ü': 556, 'ö': 556, 'ä': 556, 'Ö': 778, 'Ä': 667, 'Ü': 722,
	'–': 556, '—': 1000, '…': 1000, '«': 556, '»': 556, '≥': 549, '≤': 549,
	'−': 584, '’': 222, '‘': 222, '“': 333, '”': 333, '·': 278, '×': 584, '\u00a0': 278,
}

// textWidth estimates the rendered width in px of s at the given size.
func textWidth(s string, size float64, bold bool) float64 {
	var units float64
	for _, r := range s {
		switch {
		case r >= 0x20 && r < 0x7f:
			units += float64(asciiWidths[r-0x20])
		default:
			if w, ok := otherWidths[r]; ok {
				units += float64(w)
			} else {
				units += 700 // unknown glyphs: err on the wide side
			}
		}
	}
	if bold {
		units *= 1.08
	}
	return units * size / 1000
}

// truncate shortens s with an ellipsis so that it fits in max px. It cuts
// at a word boundary when that keeps most of the text.
func truncate(s string, max, size float64, bold bool) string {
	s = strings.TrimSpace(s)
	if textWidth(s, size, bold) <= max {
		return s
	}
	r := []rune(s)
	ell := textWidth("…", size, bold)
	n, acc := 0, 0.0
	for n < len(r) {
		cw := textWidth(string(r[n]), size, bold)
		if acc+cw+ell > max {
			break
		}
		acc += cw
		n++
	}
	if n == 0 {
		return "…"
	}
	cut := strings.TrimRight(string(r[:n]), " ,;:–—-")
	// Prefer a word boundary if it does not throw away more than a third.
	if i := strings.LastIndexAny(cut, " "); i > 0 && float64(len([]rune(cut[:i]))) >= float64(n)*2/3 {
		cut = strings.TrimRight(cut[:i], " ,;:–—-")
	}
	return cut + "…"
}

// wrap breaks s into at most maxLines lines of width max px; the last line
// is truncated with an ellipsis if the text does not fit.
func wrap(s string, max, size float64, bold bool, maxLines int) []string {
	words := strings.Fields(cleanText(s))
	if len(words) == 0 {
		return nil
	}
	var lines []string
	cur, curW := "", 0.0
	space := textWidth(" ", size, bold)
	for i, w := range words {
		ww := textWidth(w, size, bold)
		if cur == "" {
			cur, curW = w, ww
			continue
		}
		if curW+space+ww <= max {
			cur, curW = cur+" "+w, curW+space+ww
			continue
		}
		lines = append(lines, cur)
		cur, curW = w, ww
		if len(lines) == maxLines-1 {
			cur = strings.Join(words[i:], " ")
			break
		}
	}
	lines = append(lines, truncate(cur, max, size, bold))
	for i := range lines {
		lines[i] = truncate(lines[i], max, size, bold)
	}
	return lines
}

// formatValue writes v with up to two decimals, trailing zeros removed,
// using the language's decimal separator. Non-finite values give "–".
func formatValue(v float64, l lang) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	var s string
	if math.Abs(v) >= 1e15 {
		s = strconv.FormatFloat(v, 'g', 4, 64)
	} else {
		s = strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	}
	if s == "-0" {
		s = "0"
	}
	s = strings.Replace(s, "-", "−", 1)
	return strings.Replace(s, ".", l.decimal, 1)
}

// formatFixed writes v with exactly d decimals in the language's style.
func formatFixed(v float64, d int, l lang) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	if math.Abs(v) >= 1e15 {
		return formatValue(v, l)
	}
	s := strconv.FormatFloat(v, 'f', d, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	s = strings.Replace(s, "-", "−", 1)
	return strings.Replace(s, ".", l.decimal, 1)
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func clamp(v, lo, hi float64) float64 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// niceTicks returns between about 3 and 8 round tick values covering
// [lo, hi], preferring a step on which both ends fall.
func niceTicks(lo, hi float64, target int) []float64 {
	if !finite(lo) || !finite(hi) || hi <= lo {
		return []float64{lo}
	}
	span := hi - lo
	best, bestScore := 0.0, math.Inf(1)
	mag := math.Pow(10, math.Floor(math.Log10(span/float64(target))))
	for _, m := range []float64{0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50} {
		step := m * mag
		if step <= 0 || !finite(step) {
			continue
		}
		n := math.Floor(hi/step) - math.Ceil(lo/step) + 1
		if n < 2 || n > 12 {
			continue
		}
		score := math.Abs(n - float64(target))
		if onGrid(lo, step) && onGrid(hi, step) {
			score -= 2
		}
		if score < bestScore {
			best, bestScore = step, score
		}
	}
	if best == 0 {
		return []float64{lo, hi}
	}
	var ticks []float64
	for v := math.Ceil(lo/best) * best; v <= hi+best*1e-9 && len(ticks) < 20; v += best {
		ticks = append(ticks, math.Round(v/best)*best)
	}
	return ticks
}

func onGrid(v, step float64) bool {
	q := v / step
	return math.Abs(q-math.Round(q)) < 1e-9
}
