package scoring

import "github.com/ipsfidelity/fidelity/internal/fidelity"

// Compare lists the items on which two scorecards disagree: both have a
// score and the scores differ (Size = |A−B|), or exactly one has a score
// (OneSided, Size 0). Items follow the order of a; items only b has come
// after them, in b's order. Items neither scored are not disagreements.
func Compare(a, b fidelity.Scorecard) []fidelity.Disagreement {
	var out []fidelity.Disagreement
	for i, ia := range a.Items {
		var sb *int
		if i < len(b.Items) && b.Items[i].ItemID == ia.ItemID {
			sb = b.Items[i].Score // same scale: same position
		} else if ib, ok := findItem(b.Items, ia.ItemID); ok {
			sb = ib.Score
		}
		if d, ok := disagreement(ia.ItemID, ia.Score, sb); ok {
			out = append(out, d)
		}
	}
	for i, ib := range b.Items {
		if i < len(a.Items) && a.Items[i].ItemID == ib.ItemID {
			continue
		}
		if _, ok := findItem(a.Items, ib.ItemID); ok {
			continue
		}
		if d, ok := disagreement(ib.ItemID, nil, ib.Score); ok {
			out = append(out, d)
		}
	}
	return out
}

func findItem(items []fidelity.ItemScore, id string) (fidelity.ItemScore, bool) {
	for _, it := range items {
		if it.ItemID == id {
			return it, true
		}
	}
	return fidelity.ItemScore{}, false
}

func disagreement(id string, a, b *int) (fidelity.Disagreement, bool) {
	switch {
	case a == nil && b == nil:
		return fidelity.Disagreement{}, false
	case a == nil || b == nil:
		return fidelity.Disagreement{ItemID: id, A: copyInt(a), B: copyInt(b), OneSided: true}, true
	case *a == *b:
		return fidelity.Disagreement{}, false
	}
	size := *a - *b
	if size < 0 {
		size = -size
	}
	return fidelity.Disagreement{ItemID: id, A: copyInt(a), B: copyInt(b), Size: size}, true
}

func copyInt(p *int) *int {
	if p == nil {
		return nil
	}
	return intPtr(*p)
}
