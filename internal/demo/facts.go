package demo

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/scoring"
)

// team is what stays the same about an IPS team from visit to visit: its
// lead and its employment specialists.
type team struct {
	k           int
	siteID      string
	name        string
	lead        string // rater id of the team lead
	leadName    string
	specialists []string
	fte         float64 // the specialists' full-time equivalents together
}

// newTeam draws a team of two to four employment specialists; some work
// part time, as in most Norwegian IPS teams.
func newTeam(k int, rng *rand.Rand) *team {
	n := 2 + rng.IntN(3)
	t := &team{k: k}
	first := rng.IntN(len(specialistNames))
	for i := range n {
		t.specialists = append(t.specialists, specialistNames[(first+i*7)%len(specialistNames)])
		t.fte++
	}
	if rng.IntN(3) == 0 {
		t.fte -= []float64{0.2, 0.5}[rng.IntN(2)]
	}
	return t
}

// isFact reports whether an item records measured facts (counts, hours,
// FTEs, days) rather than a judgement: measured items and per-specialist
// items whose specialists get values, not scores. Raters at one visit
// read the same records, so they enter the same facts.
func isFact(it *scale.Item) bool {
	switch it.Type {
	case scale.TypeMeasured:
		return true
	case scale.TypePerSpecialist:
		return it.Rule != nil && it.Specialist != "score"
	}
	return false
}

// visit is one review visit: the facts every rater there records.
type visit struct {
	sc     *scale.Scale
	team   *team
	rng    *rand.Rand
	shared map[string]float64 // values already counted at this visit, by input id
}

func newVisit(sc *scale.Scale, tm *team, rng *rand.Rand) *visit {
	return &visit{sc: sc, team: tm, rng: rng, shared: map[string]float64{}}
}

// base is the count an input takes at this visit when the team's records
// fix it: the specialists' FTEs and scheduled hours, the caseload counted
// for S1, the jobs participants hold. ok is false for inputs left free.
func (v *visit) base(id string) (float64, bool) {
	if x, ok := v.shared[id]; ok {
		return x, true
	}
	clients, counted := v.shared["active_clients"]
	var x float64
	switch id {
	case "specialist_fte":
		x = v.team.fte
	case "scheduled_hours":
		x = math.Round(v.team.fte * 37.5) // a Norwegian full-time week
	case "caseload_clients":
		if !counted {
			return 0, false
		}
		x = clients
	case "jobs":
		// Jobs held in the period the review looks back on.
		if !counted {
			return 0, false
		}
		x = math.Max(12, math.Round(clients*(0.35+0.15*v.rng.Float64())))
	case "current_jobs":
		// Of those, the jobs still held on the day (at least ten, or the
		// scale caps competitive jobs at 1).
		jobs, ok := v.base("jobs")
		if !ok {
			return 0, false
		}
		x = math.Max(10, jobs-float64(v.rng.IntN(4)))
	case "employer_contacts":
		x = math.Round(v.team.fte * float64(8+v.rng.IntN(8)))
	default:
		return 0, false
	}
	v.shared[id] = x
	return x, true
}

// facts records a measured item at the visit: an input scoring target
// whose denominators are the team's own counts, found by trying the
// numerators in turn. When no numerator fits (a cap forbids it), the
// generator's own consistent input stands.
func (v *visit) facts(it *scale.Item, target int) (fidelity.ItemInput, error) {
	in, err := v.inputFor(it, target)
	if err == nil && it.Type == scale.TypePerSpecialist {
		return v.spread(it, in, target), nil
	}
	if err != nil || it.Type != scale.TypeMeasured || it.Rule == nil {
		return in, err
	}
	d := it.Rule.Derive
	if d.Kind != scale.DeriveRatio && d.Kind != scale.DerivePercent {
		return in, nil
	}
	den, ok := v.base(d.Denominator)
	if !ok {
		return in, nil
	}
	hi := int(den)
	if d.Kind == scale.DeriveRatio {
		hi = int(den * 45)
	}
	try := clone(in)
	try.Values[d.Denominator] = den
	var hits []int
	for k := 0; k <= hi; k++ {
		try.Values[d.Numerator] = float64(k)
		if scores(v.sc, it, try, target) {
			hits = append(hits, k)
		}
	}
	if len(hits) == 0 {
		return in, nil
	}
	// A caseload is never near empty: a ratio takes the upper half of
	// the counts that score target (10–20 clients per FTE for a 5).
	if d.Kind == scale.DeriveRatio {
		hits = hits[len(hits)/2:]
	}
	try.Values[d.Numerator] = float64(hits[v.rng.IntN(len(hits))])
	for id, x := range try.Values {
		v.shared[id] = x
	}
	return try, nil
}

// spread lets two specialists of a per-specialist item differ, one a level
// above the item's score and one below, as colleagues do; the item still
// scores target (kept as it was when a cap or rounding says otherwise).
func (v *visit) spread(it *scale.Item, in fidelity.ItemInput, target int) fidelity.ItemInput {
	n := len(in.Specialists)
	if n < 2 || target <= v.sc.Levels.Min || target >= v.sc.Levels.Max {
		return in
	}
	for range 8 {
		up, down := v.rng.IntN(n), v.rng.IntN(n)
		if up == down {
			continue
		}
		hi, err1 := InputFor(v.sc, it, target+1, v.rng)
		lo, err2 := InputFor(v.sc, it, target-1, v.rng)
		if err1 != nil || err2 != nil || len(hi.Specialists) == 0 || len(lo.Specialists) == 0 {
			return in
		}
		try := clone(in)
		try.Specialists[up].Values = cloneMap(hi.Specialists[0].Values)
		try.Specialists[up].Score = hi.Specialists[0].Score
		try.Specialists[down].Values = cloneMap(lo.Specialists[0].Values)
		try.Specialists[down].Score = lo.Specialists[0].Score
		if scores(v.sc, it, try, target) {
			return try
		}
	}
	return in
}

// inputFor is InputFor with the team's specialists in per-specialist items.
func (v *visit) inputFor(it *scale.Item, target int) (fidelity.ItemInput, error) {
	for range 40 {
		in, err := InputFor(v.sc, it, target, v.rng)
		if err != nil {
			return in, err
		}
		if len(in.Specialists) == 0 {
			return in, nil
		}
		if len(in.Specialists) == len(v.team.specialists) {
			for i := range in.Specialists {
				in.Specialists[i].Label = v.team.specialists[i]
			}
			return in, nil
		}
	}
	return InputFor(v.sc, it, target, v.rng)
}

// judged is a rater's judgement of an item one level away from the
// consensus, in direction dir (±1, inside the scale's levels): a checklist with one element more or fewer, an ordinal
// score one step off, or else any input scoring that level.
func (v *visit) judged(it *scale.Item, base fidelity.ItemInput, truth, dir int) (fidelity.ItemInput, error) {
	target := truth + dir
	switch it.Type {
	case scale.TypeOrdinal:
		in := clone(base)
		in.Score = fidelity.IntPtr(target)
		return in, nil
	case scale.TypeChecklist:
		in := clone(base)
		in.Score = nil
		if dir > 0 {
			for _, e := range it.Elements {
				if !slices.Contains(in.Elements, e.ID) {
					in.Elements = append(in.Elements, e.ID)
					break
				}
			}
		} else if len(in.Elements) > 0 {
			in.Elements = in.Elements[:len(in.Elements)-1]
		}
		if scores(v.sc, it, in, target) {
			return in, nil
		}
		in.Score = fidelity.IntPtr(target)
		if scores(v.sc, it, in, target) {
			return in, nil
		}
	}
	return v.inputFor(it, target)
}

// scores reports whether in scores target on the item without problems.
func scores(sc *scale.Scale, it *scale.Item, in fidelity.ItemInput, target int) bool {
	got, problems := scoring.ScoreItem(sc, it, in)
	return len(problems) == 0 && got.Score != nil && *got.Score == target
}

// clone copies an input deeply, so one rater's changes never reach the
// consensus or another rater.
func clone(in fidelity.ItemInput) fidelity.ItemInput {
	out := in
	if in.Score != nil {
		out.Score = fidelity.IntPtr(*in.Score)
	}
	out.Values = cloneMap(in.Values)
	out.Choices = cloneMap(in.Choices)
	if in.Elements != nil {
		out.Elements = slices.Clone(in.Elements)
	}
	out.Sources = slices.Clone(in.Sources)
	if in.Specialists != nil {
		out.Specialists = make([]fidelity.SpecialistInput, len(in.Specialists))
		for i, sp := range in.Specialists {
			out.Specialists[i] = sp
			if sp.Score != nil {
				out.Specialists[i].Score = fidelity.IntPtr(*sp.Score)
			}
			out.Specialists[i].Values = cloneMap(sp.Values)
			out.Specialists[i].Choices = cloneMap(sp.Choices)
		}
	}
	return out
}

func cloneMap[V any](m map[string]V) map[string]V {
	if m == nil {
		return nil
	}
	out := make(map[string]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
