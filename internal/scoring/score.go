package scoring

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// ImputePersonMean is the missing-data policy that gives each missing item
// the mean of the rated items (sum aggregation).
const ImputePersonMean = "person_mean"

// Score scores one set of item inputs (one rater's, or the consensus)
// under the scale. Items without an input are missing. Invalid input gives
// a *fidelity.Error of KindInvalid listing every problem, with fields such
// as "items[2].values.specialist_fte"; incomplete input is not an error.
func Score(s *scale.Scale, inputs []fidelity.ItemInput) (fidelity.Scorecard, error) {
	if s == nil {
		return fidelity.Scorecard{}, fidelity.Errorf(fidelity.KindInternal, "scoring: no scale")
	}
	items := make([]fidelity.ItemScore, len(s.Items))
	seen := make([]int, len(s.Items)) // input index + 1 per scale item
	var p problems
	for i, in := range inputs {
		prefix := func() string { return "items[" + strconv.Itoa(i) + "]" }
		if in.ItemID == "" {
			p.add(prefix()+".item", "is required")
			continue
		}
		k := itemIndex(s, in.ItemID)
		if k < 0 {
			p.add(prefix()+".item", "unknown item %q in %s", in.ItemID, s.Ref())
			continue
		}
		if seen[k] > 0 {
			p.add(prefix()+".item", "duplicate of items[%d] (item %s)", seen[k]-1, in.ItemID)
			continue
		}
		seen[k] = i + 1
		sc, errs := ScoreItem(s, &s.Items[k], in)
		for _, fe := range errs {
			p = append(p, fidelity.FieldError{Field: join(prefix(), fe.Field), Reason: fe.Reason})
		}
		items[k] = sc
	}
	if len(p) > 0 {
		return fidelity.Scorecard{}, fidelity.Invalid(
			fmt.Sprintf("%d %s in the ratings for %s", len(p), plural(len(p), "problem", "problems"), s.Ref()),
			p...)
	}
	for k := range s.Items {
		if seen[k] == 0 {
			items[k] = missingItem(&s.Items[k])
		}
	}
	return card(s, items), nil
}

// card builds the scorecard from item scores in scale order.
func card(s *scale.Scale, items []fidelity.ItemScore) fidelity.Scorecard {
	c := fidelity.Scorecard{
		ScaleID:      s.ID,
		ScaleVersion: s.Version,
		Items:        items,
		Sections:     sectionSubtotals(s, items),
		Groupings:    groupingScores(s, items),
		ItemCount:    len(items),
		Missing:      []string{},
	}
	c.Min, c.Max = s.TotalRange()
	sum := 0
	for _, it := range items {
		if it.Score == nil {
			c.Missing = append(c.Missing, it.ItemID)
			continue
		}
		c.Rated++
		sum += *it.Score
	}
	c.Complete = len(c.Missing) == 0
	total(s, &c, sum)
	return c
}

// total sets Total, Valid, Imputed, InvalidReason and Band.
func total(s *scale.Scale, c *fidelity.Scorecard, sum int) {
	missing := len(c.Missing)
	switch {
	case c.Rated == 0:
		c.InvalidReason = "no item has a score yet"
		return
	case missing > s.Missing.MaxMissing:
		c.InvalidReason = invalidReason(s, c.Missing, len(c.Items))
		return
	}
	var t float64
	bandAt := 0.0
	switch {
	case s.Aggregation == scale.AggregateMean:
		t = float64(sum) / float64(c.Rated)
		bandAt = t
	case missing > 0 && s.Missing.Impute == ImputePersonMean:
		// sum + missing × sum/rated = sum × items / rated, in one division.
		n := len(c.Items)
		t = float64(sum*n) / float64(c.Rated)
		bandAt = float64(roundMean(sum*n, c.Rated))
		c.Imputed = true
	default:
		t = float64(sum)
		bandAt = t
	}
	c.Total = &t
	c.Valid = true
	c.Band = band(s, bandAt)
}

// band returns the id of the first band containing x, "" if none does.
func band(s *scale.Scale, x float64) string {
	for _, b := range s.Bands {
		if b.Contains(x) {
			return b.ID
		}
	}
	return ""
}

func invalidReason(s *scale.Scale, missing []string, n int) string {
	name := s.Title.EN
	if name == "" {
		name = s.ID
	}
	var need string
	if s.Missing.MaxMissing == 0 {
		need = "the " + name + " needs all items for a total"
	} else {
		need = fmt.Sprintf("the %s allows at most %d %s without a score", name, s.Missing.MaxMissing,
			plural(s.Missing.MaxMissing, "item", "items"))
	}
	return fmt.Sprintf("%d of %d items %s no score (%s); %s",
		len(missing), n, plural(len(missing), "has", "have"), strings.Join(missing, ", "), need)
}
