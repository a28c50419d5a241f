package scoring

import (
	"fmt"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// measuredPerSpecialist reports whether each specialist is scored by the
// rule ("measure") rather than by a direct score ("score"). An item that
// does not say is measured when it has a rule.
func measuredPerSpecialist(it *scale.Item) bool {
	switch it.Specialist {
	case "measure":
		return true
	case "score":
		return false
	}
	return it.Rule != nil
}

func specialistLabel(sp fidelity.SpecialistInput, j int) string {
	if sp.Label != "" {
		return sp.Label
	}
	return fmt.Sprintf("specialist %d", j+1)
}

func scoreSpecialists(s *scale.Scale, it *scale.Item, in fidelity.ItemInput, res *fidelity.ItemScore, p *problems) {
	n := len(*p)
	measure := measuredPerSpecialist(it)
	if in.Score != nil {
		p.add("score", "is not used by per-specialist item %s: score each specialist; the item score is their rounded mean", it.ID)
	}
	checkElements(it, in.Elements, p)
	if measure {
		// Item-level inputs are shared by every specialist that does not
		// give its own.
		checkValues(it, in.Values, "", p)
		checkChoices(it, in.Choices, "", p)
	} else {
		if len(in.Values) > 0 {
			p.add("values", "not used: item %s is rated by a score per specialist", it.ID)
		}
		if len(in.Choices) > 0 {
			p.add("choices", "not used: item %s is rated by a score per specialist", it.ID)
		}
	}
	scores := make([]*int, len(in.Specialists))
	for j, sp := range in.Specialists {
		prefix := fmt.Sprintf("specialists[%d]", j)
		if measure {
			checkValues(it, sp.Values, prefix, p)
			checkChoices(it, sp.Choices, prefix, p)
			if checkRuleScore(s, it, sp.Score, prefix+".score", p) {
				scores[j] = sp.Score
			}
			continue
		}
		if len(sp.Values) > 0 {
			p.add(prefix+".values", "not used: item %s takes a score per specialist", it.ID)
		}
		if len(sp.Choices) > 0 {
			p.add(prefix+".choices", "not used: item %s takes a score per specialist", it.ID)
		}
		if sp.Score != nil && checkLevel(s, *sp.Score, prefix+".score", p) {
			scores[j] = sp.Score
		}
	}
	if len(*p) > n || in.IsEmpty() {
		return
	}
	if len(in.Specialists) == 0 {
		res.Problem = "still needed: one entry per employment specialist"
		return
	}
	var (
		sum    int
		need   []string
		detail = make([]string, 0, len(in.Specialists))
	)
	for j, sp := range in.Specialists {
		label := specialistLabel(sp, j)
		if !measure {
			if scores[j] == nil {
				need = append(need, label+": a score")
				continue
			}
			sum += *scores[j]
			detail = append(detail, fmt.Sprintf("%s %d", label, *scores[j]))
			continue
		}
		e := env{
			values: sp.Values, choices: sp.Choices, prefix: fmt.Sprintf("specialists[%d]", j),
			baseValues: in.Values, baseChoices: in.Choices,
		}
		out := evalRule(it, &e, scores[j], e.prefix+".score", p)
		if len(out.need) > 0 {
			need = append(need, label+": "+strings.Join(out.need, "; "))
			continue
		}
		if out.score == 0 {
			continue // a problem was reported
		}
		sum += out.score
		detail = append(detail, fmt.Sprintf("%s %d [x = %s: %s]", label, out.score, fmtNum(out.value), out.rule))
	}
	if len(*p) > n {
		return
	}
	if len(need) > 0 {
		res.Problem = "still needed: " + strings.Join(need, "; ")
		return
	}
	k := len(in.Specialists)
	score := roundMean(sum, k)
	mean := float64(sum) / float64(k)
	res.Score = intPtr(score)
	res.Value = floatPtr(mean)
	res.Method = MethodPerSpecialist
	res.Rule = fmt.Sprintf("mean of %d %s %s → %d", k, plural(k, "specialist", "specialists"), fmtNum(mean), score)
	res.Detail = fmt.Sprintf("per specialist: %s; mean %s rounds to %d (nearest level; a mean exactly halfway between two levels rounds up)",
		strings.Join(detail, "; "), fmtNum(mean), score)
}

// roundMean rounds sum/n (n > 0) to the nearest integer, ties going up,
// in integer arithmetic so that x.5 is never lost to floating point:
// ⌊(2·sum + n) / 2n⌋.
func roundMean(sum, n int) int {
	return floorDiv(2*sum+n, 2*n)
}

// floorDiv is ⌊a / b⌋ for b > 0.
func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}
