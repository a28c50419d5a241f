package scoring

import (
	"fmt"
	"maps"
	"slices"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// RaterInputs is one rater's inputs for a review.
type RaterInputs struct {
	Rater  string               `json:"rater"` // the rater key (a rater id)
	Inputs []fidelity.ItemInput `json:"items"`
}

// RaterValue is what one rater gave for one item.
type RaterValue struct {
	Rater  string   `json:"rater"`
	Score  *int     `json:"score"`
	Value  *float64 `json:"value,omitempty"`
	Method string   `json:"method"`
	Rule   string   `json:"rule,omitempty"`
	// Input is a copy of the rater's input; nil when the rater entered
	// nothing for the item.
	Input *fidelity.ItemInput `json:"input,omitempty"`
}

// ItemDisagreement is one item the raters did not score alike, with every
// rater's value in the order the raters were given.
type ItemDisagreement struct {
	ItemID  string       `json:"item"`
	Section string       `json:"section"`
	Raters  []RaterValue `json:"raters"`
	// Spread is the highest minus the lowest score given.
	Spread int `json:"spread"`
	// OneSided is true when some raters have a score and others none.
	OneSided bool `json:"one_sided,omitempty"`
}

// ConsensusDraft is the starting point of the consensus rating: the items
// every rater scored alike are pre-filled, the rest are listed for the
// raters to discuss.
type ConsensusDraft struct {
	ScaleID      string `json:"scale"`
	ScaleVersion string `json:"scale_version"`
	// Raters are the rater keys in the order given.
	Raters []string `json:"raters"`
	// Inputs are the pre-filled consensus inputs, in scale order: for each
	// agreed item a copy of the first rater's input.
	Inputs []fidelity.ItemInput `json:"items"`
	// Agreed lists the items every rater gave the same score, in scale order.
	Agreed []string `json:"agreed"`
	// Disagreements lists the items with different scores, or a score from
	// some raters only, in scale order.
	Disagreements []ItemDisagreement `json:"disagreements"`
	// Unrated lists the items no rater has scored, in scale order.
	Unrated []string `json:"unrated"`
	// Scorecards are the raters' scorecards, in the order of Raters.
	Scorecards []fidelity.Scorecard `json:"scorecards"`
	// Scorecard scores the pre-filled Inputs.
	Scorecard fidelity.Scorecard `json:"scorecard"`
}

// ProposeConsensus scores every rater's inputs and proposes a consensus
// draft. An item is agreed when every rater has a score and all scores are
// equal; its input is copied (deeply) from the first rater, so the order of
// raters is the caller's. Every other item some rater scored is a
// disagreement listing every rater's value; items nobody scored are
// Unrated. With no raters every item is unrated.
//
// Invalid inputs give a KindInvalid error with fields such as
// "raters[1].items[3].score"; so does a rater key that is empty or
// repeated.
func ProposeConsensus(s *scale.Scale, raters []RaterInputs) (ConsensusDraft, error) {
	if s == nil {
		return ConsensusDraft{}, fidelity.Errorf(fidelity.KindInternal, "scoring: no scale")
	}
	var p problems
	cards := make([]fidelity.Scorecard, len(raters))
	keys := make([]string, len(raters))
	for k, r := range raters {
		prefix := fmt.Sprintf("raters[%d]", k)
		keys[k] = r.Rater
		if r.Rater == "" {
			p.add(prefix+".rater", "is required")
		} else if j := slices.Index(keys[:k], r.Rater); j >= 0 {
			p.add(prefix+".rater", "duplicate of raters[%d] (%q)", j, r.Rater)
		}
		c, err := Score(s, r.Inputs)
		for _, fe := range fidelity.FieldsOf(err) {
			p = append(p, fidelity.FieldError{Field: join(prefix, fe.Field), Reason: fe.Reason})
		}
		cards[k] = c
	}
	if len(p) > 0 {
		return ConsensusDraft{}, fidelity.Invalid(
			fmt.Sprintf("%d %s in the raters' inputs for %s", len(p), plural(len(p), "problem", "problems"), s.Ref()),
			p...)
	}
	d := ConsensusDraft{
		ScaleID: s.ID, ScaleVersion: s.Version, Raters: keys, Scorecards: cards,
		Inputs: []fidelity.ItemInput{}, Agreed: []string{}, Disagreements: []ItemDisagreement{}, Unrated: []string{},
	}
	for k := range s.Items {
		it := &s.Items[k]
		scored, agreed := 0, true
		lo, hi := 0, 0
		for r := range raters {
			sc := cards[r].Items[k].Score
			if sc == nil {
				agreed = false
				continue
			}
			if scored == 0 || *sc < lo {
				lo = *sc
			}
			if scored == 0 || *sc > hi {
				hi = *sc
			}
			scored++
		}
		switch {
		case scored == 0:
			d.Unrated = append(d.Unrated, it.ID)
		case agreed && lo == hi:
			d.Agreed = append(d.Agreed, it.ID)
			if in, ok := findInput(raters[0].Inputs, it.ID); ok {
				d.Inputs = append(d.Inputs, copyInput(in))
			}
		default:
			dis := ItemDisagreement{ItemID: it.ID, Section: it.Section, Spread: hi - lo, OneSided: scored < len(raters)}
			for r := range raters {
				is := cards[r].Items[k]
				rv := RaterValue{Rater: keys[r], Score: copyInt(is.Score), Method: is.Method, Rule: is.Rule}
				if is.Value != nil {
					rv.Value = floatPtr(*is.Value)
				}
				if in, ok := findInput(raters[r].Inputs, it.ID); ok {
					c := copyInput(in)
					rv.Input = &c
				}
				dis.Raters = append(dis.Raters, rv)
			}
			d.Disagreements = append(d.Disagreements, dis)
		}
	}
	c, err := Score(s, d.Inputs)
	if err != nil {
		// The draft holds copies of inputs that were just scored.
		return ConsensusDraft{}, fidelity.Wrap(fidelity.KindInternal, err, "scoring the consensus draft")
	}
	d.Scorecard = c
	return d, nil
}

func findInput(inputs []fidelity.ItemInput, id string) (fidelity.ItemInput, bool) {
	for _, in := range inputs {
		if in.ItemID == id {
			return in, true
		}
	}
	return fidelity.ItemInput{}, false
}

// copyInput returns a deep copy, so the draft never aliases a rater's maps
// or slices.
func copyInput(in fidelity.ItemInput) fidelity.ItemInput {
	out := in
	out.Score = copyInt(in.Score)
	out.Values = maps.Clone(in.Values)
	out.Choices = maps.Clone(in.Choices)
	out.Elements = slices.Clone(in.Elements)
	out.Sources = slices.Clone(in.Sources)
	if in.Specialists != nil {
		out.Specialists = make([]fidelity.SpecialistInput, len(in.Specialists))
		for j, sp := range in.Specialists {
			out.Specialists[j] = fidelity.SpecialistInput{
				Label: sp.Label, Score: copyInt(sp.Score),
				Values: maps.Clone(sp.Values), Choices: maps.Clone(sp.Choices),
			}
		}
	}
	return out
}
