package chart

import (
	"math"
	"sort"
	"strconv"
	"time"
)

// size applies defaults and sane limits to a requested chart size.
func size(w, h, defW, defH int) (int, int) {
	if w <= 0 {
		w = defW
	}
	if h <= 0 {
		h = defH
	}
	return min(max(w, 320), 4000), min(max(h, 200), 4000)
}

func accessibleName(title, fallback string) string {
	if title != "" {
		return title
	}
	return fallback
}

// cleanBands drops bands with non-finite edges, orders each band's edges
// and sorts the bands from low to high.
func cleanBands(in []Band) []Band {
	var out []Band
	for _, b := range in {
		if !finite(b.From) || !finite(b.To) {
			continue
		}
		if b.From > b.To {
			b.From, b.To = b.To, b.From
		}
		out = append(out, b)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].From < out[j].From })
	return out
}

type zone struct {
	band     Band
	rank     int
	from, to float64
}

// bandZones turns sorted bands into contiguous drawing zones clipped to
// [lo, hi]. The gap between integer bands (73 | 74) is given to the lower
// band, so that the boundary is drawn at the next band's lower edge, which
// is the threshold a site has to reach.
func bandZones(bands []Band, lo, hi float64) []zone {
	var out []zone
	for i, b := range bands {
		from, to := b.From, b.To
		if i+1 < len(bands) && bands[i+1].From >= to {
			to = bands[i+1].From
		}
		if i == 0 && from-lo <= 1 && from > lo {
			from = lo
		}
		from, to = math.Max(from, lo), math.Min(to, hi)
		if to <= from {
			continue
		}
		out = append(out, zone{band: b, rank: i, from: from, to: to})
	}
	return out
}

func thresholdText(b Band, l lang) string {
	return b.Label + " (≥ " + formatValue(b.From, l) + ")"
}

func containsTick(ticks []float64, v float64) bool {
	for _, t := range ticks {
		if math.Abs(t-v) < 1e-9*math.Max(1, math.Abs(v)) {
			return true
		}
	}
	return false
}

// unixf is t as seconds since 1970, as a float.
func unixf(t time.Time) float64 { return float64(t.Unix()) }

// fromUnixf is the inverse of unixf, clamped to int64 seconds.
func fromUnixf(s float64) time.Time {
	s = clamp(s, -9e18, 9e18)
	return time.Unix(int64(s), 0).UTC()
}

// longDate formats a date for text alternatives: "14 Mar 2024" or
// "14. mar. 2024".
func longDate(t time.Time, l lang) string {
	y, m, d := t.Date()
	if l.code == "nb" {
		return strconv.Itoa(d) + ". " + l.months[m-1] + " " + strconv.Itoa(y)
	}
	return strconv.Itoa(d) + " " + l.months[m-1] + " " + strconv.Itoa(y)
}

type dateTick struct {
	at           float64 // unix seconds
	line1, line2 string
}

// dateTicks chooses calendar-aligned ticks between d0 and d1 (unix
// seconds): days, weeks, months, quarters, half-years or years, whichever
// is the finest step giving at most maxTicks ticks. Labels are a month
// name with the year on a second line where the year starts or changes.
func dateTicks(d0, d1 float64, maxTicks int, l lang) []dateTick {
	if !finite(d0) || !finite(d1) || d1 <= d0 {
		return nil
	}
	maxTicks = max(maxTicks, 2)
	const day = 86400.0
	spanDays := (d1 - d0) / day
	var out []dateTick
	lastYear := math.MinInt
	add := func(t time.Time, line1 string, showYear bool) {
		tk := dateTick{at: unixf(t), line1: line1}
		if showYear && t.Year() != lastYear {
			tk.line2 = strconv.Itoa(t.Year())
		}
		lastYear = t.Year()
		out = append(out, tk)
	}
	start := fromUnixf(d0)

	// Days and weeks.
	for _, step := range []int{1, 2, 7, 14} {
		if spanDays/float64(step) > float64(maxTicks-1) {
			continue
		}
		t := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)
		for i := 0; i < 60 && unixf(t) <= d1; i++ {
			if unixf(t) >= d0 {
				sep := " "
				if l.code == "nb" {
					sep = ". "
				}
				add(t, strconv.Itoa(t.Day())+sep+l.months[t.Month()-1], true)
			}
			t = t.AddDate(0, 0, step)
		}
		return out
	}

	// Months, quarters, half-years.
	spanMonths := spanDays / 30.44
	for _, step := range []int{1, 2, 3, 6} {
		if spanMonths/float64(step) > float64(maxTicks-1) {
			continue
		}
		m := (int(start.Month())-1)/step*step + 1
		t := time.Date(start.Year(), time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		for i := 0; i < 60 && unixf(t) <= d1; i++ {
			if unixf(t) >= d0 {
				add(t, l.months[t.Month()-1], true)
			}
			t = time.Date(t.Year(), t.Month()+time.Month(step), 1, 0, 0, 0, 0, time.UTC)
		}
		return out
	}

	// Years: a round step of 1, 2 or 5 × 10^k years.
	years := spanMonths / 12 / float64(maxTicks)
	step := 1.0
	for step < years && step < 1e15 {
		switch s := step / math.Pow(10, math.Floor(math.Log10(step))); {
		case s < 2:
			step *= 2
		case s < 5:
			step *= 2.5
		default:
			step *= 2
		}
	}
	st := int(step)
	y := start.Year()
	y = (y / st) * st
	for i := 0; i < 60; i++ {
		t := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		if unixf(t) > d1 {
			break
		}
		if unixf(t) >= d0 {
			add(t, strconv.Itoa(y), false)
		}
		y += st
	}
	return out
}

// box is an axis-aligned rectangle used for label collision tests.
type box struct{ x0, y0, x1, y1 float64 }

func (b box) hits(o box) bool {
	return b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1
}

func (b box) hitsAny(bs []box) bool {
	for _, o := range bs {
		if b.hits(o) {
			return true
		}
	}
	return false
}

func (b box) inside(o box) bool {
	return b.x0 >= o.x0 && b.x1 <= o.x1 && b.y0 >= o.y0 && b.y1 <= o.y1
}

// marker draws a data point in one of four shapes with a white outline.
func marker(w *svgWriter, shape string, x, y float64, col string) {
	a := attrs{"fill", col, "stroke", "#ffffff", "stroke-width", "1.5"}
	switch shape {
	case "square":
		w.rect(x-5, y-5, 10, 10, a)
	case "diamond":
		w.empty("polygon", append(attrs{"points", points([]float64{x, x + 6.5, x, x - 6.5}, []float64{y - 6.5, y, y + 6.5, y})}, a...))
	case "triangle":
		w.empty("polygon", append(attrs{"points", points([]float64{x, x + 6.5, x - 6.5}, []float64{y - 6.5, y + 5, y + 5})}, a...))
	default:
		w.empty("circle", append(attrs{"cx", num(x), "cy", num(y), "r", "5.5"}, a...))
	}
}
