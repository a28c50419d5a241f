package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/scoring"
)

// InputFor builds a plausible input that scores target on the item, the
// way a rater would record it: measured items get counts and FTEs,
// checklist items a subset of elements, per-specialist items one value per
// specialist. Every candidate is checked with the scoring engine, so demo
// data can never disagree with the rules.
func InputFor(sc *scale.Scale, it *scale.Item, target int, rng *rand.Rand) (fidelity.ItemInput, error) {
	for attempt := 0; attempt < 64; attempt++ {
		in := candidate(sc, it, target, rng)
		in.ItemID = it.ID
		got, problems := scoring.ScoreItem(sc, it, in)
		if len(problems) == 0 && got.Score != nil && *got.Score == target {
			in.Sources = pickSources(it, rng)
			return in, nil
		}
	}
	return fidelity.ItemInput{}, fmt.Errorf("demo: no input found that scores %d on %s %s", target, sc.Ref(), it.ID)
}

func candidate(sc *scale.Scale, it *scale.Item, target int, rng *rand.Rand) fidelity.ItemInput {
	switch it.Type {
	case scale.TypeChecklist:
		return checklist(it, target, rng)
	case scale.TypeMeasured:
		return measured(it.Rule, target, rng)
	case scale.TypePerSpecialist:
		n := 2 + rng.IntN(3)
		in := fidelity.ItemInput{}
		for i := range n {
			sp := fidelity.SpecialistInput{Label: fmt.Sprintf("ES%d", i+1)}
			if it.Specialist == "score" || it.Rule == nil {
				sp.Score = fidelity.IntPtr(target)
			} else {
				m := measured(it.Rule, target, rng)
				sp.Values = m.Values
				in.Choices = m.Choices
				if in.Values == nil {
					in.Values = map[string]float64{}
				}
				for k, v := range m.Values {
					if !perSpecialistInput(it.Rule, k) {
						in.Values[k] = v
					}
				}
			}
			in.Specialists = append(in.Specialists, sp)
		}
		if len(in.Values) == 0 {
			in.Values = nil
		}
		return in
	}
	return fidelity.ItemInput{Score: fidelity.IntPtr(target)}
}

// perSpecialistInput reports whether an input feeds the derived value (and
// so is recorded per specialist) rather than only a cap.
func perSpecialistInput(r *scale.Rule, id string) bool {
	d := r.Derive
	return id == d.Of || id == d.Numerator || id == d.Denominator
}

func checklist(it *scale.Item, target int, rng *rand.Rand) fidelity.ItemInput {
	var counts []int
	judged := map[int]bool{}
	for k := 0; k <= len(it.Elements); k++ {
		iv := interval(it.Rule, float64(k))
		switch {
		case iv == nil:
		case iv.Score == target:
			counts = append(counts, k)
		case slices.Contains(iv.Judge, target):
			counts = append(counts, k)
			judged[k] = true
		}
	}
	in := fidelity.ItemInput{Elements: []string{}}
	if len(counts) == 0 {
		return in
	}
	k := counts[rng.IntN(len(counts))]
	if judged[k] {
		in.Score = fidelity.IntPtr(target)
	}
	for _, i := range rng.Perm(len(it.Elements))[:k] {
		in.Elements = append(in.Elements, it.Elements[i].ID)
	}
	return in
}

func interval(r *scale.Rule, x float64) *scale.Interval {
	for i := range r.Intervals {
		if r.Intervals[i].Contains(x) {
			return &r.Intervals[i]
		}
	}
	return nil
}

// measured picks a value inside an interval scoring target and records it
// as the rule's inputs; caps get values that do not lower the score.
func measured(r *scale.Rule, target int, rng *rand.Rand) fidelity.ItemInput {
	in := fidelity.ItemInput{Values: map[string]float64{}, Choices: map[string]string{}}
	var pick *scale.Interval
	for i := range r.Intervals {
		iv := &r.Intervals[i]
		if iv.Score == target || slices.Contains(iv.Judge, target) {
			if pick == nil || rng.IntN(2) == 0 {
				pick = iv
			}
		}
	}
	// Levels no interval gives are reached through a cap (O1: a separate
	// vocational programme scores 1 whatever the percentage).
	var viaCap *scale.Cap
	if pick == nil {
		for i := range r.Caps {
			if r.Caps[i].MaxScore == target {
				viaCap = &r.Caps[i]
			}
		}
		if viaCap == nil {
			return in
		}
		for i := range r.Intervals {
			if r.Intervals[i].Score > target {
				pick = &r.Intervals[i]
			}
		}
		if pick == nil {
			return in
		}
		if len(viaCap.In) > 0 {
			in.Choices[viaCap.Input] = viaCap.In[rng.IntN(len(viaCap.In))]
		} else if viaCap.LT != nil {
			in.Values[viaCap.Input] = math.Floor(*viaCap.LT * rng.Float64())
		}
	}
	if len(pick.Judge) > 0 {
		in.Score = fidelity.IntPtr(target)
	}
	x := valueIn(pick.Bounds, r.Domain, rng)
	switch r.Derive.Kind {
	case scale.DeriveValue:
		in.Values[r.Derive.Of] = x
	case scale.DeriveRatio:
		fte := []float64{1, 1.5, 2, 2.5, 3, 4}[rng.IntN(6)]
		in.Values[r.Derive.Denominator] = fte
		in.Values[r.Derive.Numerator] = math.Round(x * fte)
	case scale.DerivePercent:
		whole := float64(10 + rng.IntN(40))
		in.Values[r.Derive.Denominator] = whole
		in.Values[r.Derive.Numerator] = math.Round(x / 100 * whole)
	}
	for _, inp := range r.Inputs {
		_, doneV := in.Values[inp.ID]
		_, doneC := in.Choices[inp.ID]
		if doneV || doneC {
			continue
		}
		switch inp.Kind {
		case "choice":
			if ok := allowedOptions(r, &inp, target); len(ok) > 0 {
				in.Choices[inp.ID] = ok[rng.IntN(len(ok))]
			}
		default:
			if v, capped := uncappedValue(r, inp.ID, target); capped {
				in.Values[inp.ID] = v + float64(rng.IntN(20))
			}
		}
	}
	if len(in.Choices) == 0 {
		in.Choices = nil
	}
	return in
}

// valueIn draws a value inside the bounds and the domain, preferring
// whole numbers (what raters count) when the interval holds one.
func valueIn(b scale.Bounds, d scale.Domain, rng *rand.Rand) float64 {
	lo, hi := d.Min, d.Min+200
	if d.Max != nil {
		hi = *d.Max
	}
	if b.GT != nil {
		lo = math.Max(lo, *b.GT)
	}
	if b.GE != nil {
		lo = math.Max(lo, *b.GE)
	}
	if b.LT != nil {
		hi = math.Min(hi, *b.LT)
	}
	if b.LE != nil {
		hi = math.Min(hi, *b.LE)
	}
	if b.LT == nil && b.LE == nil && d.Max == nil {
		hi = lo + math.Max(10, lo*0.5)
	}
	for range 16 {
		x := math.Round(lo + rng.Float64()*(hi-lo))
		if b.Contains(x) && x >= d.Min && (d.Max == nil || x <= *d.Max) {
			return x
		}
	}
	return lo + (hi-lo)/2
}

func findInput(r *scale.Rule, id string) *scale.Input {
	for i := range r.Inputs {
		if r.Inputs[i].ID == id {
			return &r.Inputs[i]
		}
	}
	return nil
}

func pickSources(it *scale.Item, rng *rand.Rand) []string {
	var out []string
	for _, s := range it.DataSources {
		if rng.IntN(3) > 0 {
			out = append(out, s)
		}
	}
	if len(out) == 0 && len(it.DataSources) > 0 {
		out = append(out, it.DataSources[0])
	}
	return out
}

// allowedOptions lists the options of a choice input that trigger no cap
// below target.
func allowedOptions(r *scale.Rule, inp *scale.Input, target int) []string {
	var ok []string
	for _, o := range inp.Options {
		allowed := true
		for _, c := range r.Caps {
			if c.Input == inp.ID && c.MaxScore < target && slices.Contains(c.In, o.ID) {
				allowed = false
			}
		}
		if allowed {
			ok = append(ok, o.ID)
		}
	}
	return ok
}

// uncappedValue is the smallest value of a number input that triggers no
// cap below target; capped is false when no cap names the input.
func uncappedValue(r *scale.Rule, id string, target int) (v float64, capped bool) {
	for _, c := range r.Caps {
		if c.Input == id && c.LT != nil {
			capped = true
			if c.MaxScore < target {
				v = math.Max(v, *c.LT)
			}
		}
	}
	return v, capped
}
