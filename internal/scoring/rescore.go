package scoring

import (
	"fmt"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// Rescore carries a review's consensus inputs under m.Supersedes (from)
// into a scorecard under m.Scale (to): equal items keep their consensus
// score, rescore items have their measured inputs renamed and scored by
// the new rule; everything else is listed as not carried, with the map's
// reason or the reason the carry failed (no consensus score, an input the
// new rule refuses, a value the new rule leaves to judgement). The inputs
// are never modified.
func Rescore(m *scale.ItemMap, from, to *scale.Scale, consensus []fidelity.ItemInput) (fidelity.Scorecard, []fidelity.CarriedItem, []fidelity.NotCarriedItem, error) {
	if m == nil || from == nil || to == nil || m.Supersedes.ID != from.ID || m.Supersedes.Version != from.Version ||
		m.Scale.ID != to.ID || m.Scale.Version != to.Version {
		return fidelity.Scorecard{}, nil, nil, fidelity.Errorf(fidelity.KindInternal, "rescore: the map does not join the two scales")
	}
	byItem := make(map[string]fidelity.ItemInput, len(consensus))
	for _, in := range consensus {
		byItem[in.ItemID] = in
	}
	carried := []fidelity.CarriedItem{}
	notCarried := []fidelity.NotCarriedItem{}
	var inputs []fidelity.ItemInput
	leave := func(it scale.ItemMapping, reason string) {
		notCarried = append(notCarried, fidelity.NotCarriedItem{From: nonNil(it.From), To: nonNil(it.To), Reason: reason})
	}
	for _, it := range m.Items {
		if !it.Comparable() {
			leave(it, it.Note.EN)
			continue
		}
		src, dst := it.From[0], it.To[0]
		in, ok := byItem[src]
		var out fidelity.ItemInput
		switch {
		case !ok || in.IsEmpty():
			leave(it, fmt.Sprintf("the consensus has no input for %s", src))
			continue
		case it.Scores == scale.CarryEqual:
			if in.Score == nil {
				leave(it, fmt.Sprintf("the consensus has no score for %s", src))
				continue
			}
			out = fidelity.ItemInput{ItemID: dst, Score: fidelity.IntPtr(*in.Score)}
		default: // rescore
			out = renamed(in, dst, it.Inputs)
		}
		k := itemIndex(to, dst)
		got, problems := ScoreItem(to, &to.Items[k], out)
		switch {
		case len(problems) > 0:
			reasons := make([]string, len(problems))
			for i, p := range problems {
				reasons[i] = strings.TrimSpace(p.Field + " " + p.Reason)
			}
			leave(it, "the stored inputs do not fit the new rule: "+strings.Join(reasons, "; "))
			continue
		case got.Score == nil:
			reason := "the new rule gives no score for the stored inputs"
			if len(got.Judge) > 0 {
				reason = fmt.Sprintf("the new rule leaves %s to the rater's judgement (%s)", dst, joinInts(got.Judge))
			}
			leave(it, reason)
			continue
		}
		inputs = append(inputs, out)
		carried = append(carried, fidelity.CarriedItem{From: src, To: dst, How: string(it.Scores)})
	}
	card, err := Score(to, inputs)
	if err != nil {
		return fidelity.Scorecard{}, nil, nil, err
	}
	return card, carried, notCarried, nil
}

// renamed copies the measured inputs of in under the new item and input
// ids. Inputs the map does not rename are not carried: the new rule does
// not know them. A direct score is not carried either: it judged a value
// under the old rule's intervals.
func renamed(in fidelity.ItemInput, item string, names map[string]string) fidelity.ItemInput {
	out := fidelity.ItemInput{ItemID: item}
	for k, v := range in.Values {
		if n, ok := names[k]; ok {
			if out.Values == nil {
				out.Values = map[string]float64{}
			}
			out.Values[n] = v
		}
	}
	for k, v := range in.Choices {
		if n, ok := names[k]; ok {
			if out.Choices == nil {
				out.Choices = map[string]string{}
			}
			out.Choices[n] = v
		}
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func joinInts(v []int) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = fmt.Sprint(x)
	}
	return strings.Join(parts, " or ")
}
