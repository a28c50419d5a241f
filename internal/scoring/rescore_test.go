package scoring

import (
	"reflect"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// An IPS-15 review with 44 clients on 2 FTE (22 per specialist: a 5 on the
// old form, which gives 5 up to 25) is a 4 on the SE Fidelity Scale, which
// gives 5 only up to 20. Zero exclusion carries its 3 to O6; everything
// else is reported as not carried, with the map's reason.
func TestRescoreIPS15Review(t *testing.T) {
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	ips, _ := cat.Get("ips-15", "1996")
	se, _ := cat.Get("se-fidelity", "2008")
	m := cat.MapBetween(scale.ScaleRef{ID: "ips-15", Version: "1996"}, scale.ScaleRef{ID: "se-fidelity", Version: "2008"})

	var consensus []fidelity.ItemInput
	for _, it := range ips.Items {
		in := fidelity.ItemInput{ItemID: it.ID, Score: fidelity.IntPtr(3), Evidence: "noted"}
		if it.ID == "S1" {
			in = fidelity.ItemInput{ItemID: "S1", Values: map[string]float64{"active_clients": 44, "specialist_fte": 2}}
		}
		consensus = append(consensus, in)
	}
	old, err := Score(ips, consensus)
	if err != nil || old.Items[0].Score == nil || *old.Items[0].Score != 5 {
		t.Fatalf("IPS-15 S1 = %+v, %v; want 5", old.Items[0], err)
	}
	before := clone(t, consensus)

	card, carried, notCarried, err := Rescore(m, ips, se, consensus)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(consensus, before) {
		t.Fatal("the review's inputs were modified")
	}
	want := []fidelity.CarriedItem{{From: "S1", To: "S1", How: "rescore"}, {From: "O3", To: "O6", How: "equal"}}
	if !reflect.DeepEqual(carried, want) {
		t.Fatalf("carried %+v", carried)
	}
	if got, ok := card.Score("S1"); !ok || got != 4 {
		t.Errorf("S1 under se-fidelity = %d, %v; want 4 (22 clients per FTE)", got, ok)
	}
	if got, ok := card.Score("O6"); !ok || got != 3 {
		t.Errorf("O6 = %d, %v; want 3", got, ok)
	}
	if card.ScaleID != "se-fidelity" || card.Rated != 2 || card.Total != nil || card.Valid {
		t.Errorf("scorecard %s rated %d total %v valid %v; want 2 items, no total", card.ScaleID, card.Rated, card.Total, card.Valid)
	}
	if len(notCarried) != len(m.Items)-2 {
		t.Errorf("%d not carried, want %d", len(notCarried), len(m.Items)-2)
	}
	for _, n := range notCarried {
		if n.Reason == "" {
			t.Errorf("no reason for %v → %v", n.From, n.To)
		}
	}

	// Without a consensus input for O3, and with an S1 the new rule
	// refuses, nothing is carried and each says why.
	consensus[0].Values["specialist_fte"] = 0
	consensus = consensus[:5]
	card, carried, notCarried, err = Rescore(m, ips, se, consensus)
	if err != nil {
		t.Fatal(err)
	}
	if len(carried) != 0 || card.Rated != 0 {
		t.Fatalf("carried %+v", carried)
	}
	reasons := map[string]string{}
	for _, n := range notCarried {
		reasons[strings.Join(n.From, ",")] = n.Reason
	}
	if !strings.Contains(reasons["S1"], "do not fit the new rule") || reasons["O3"] != "the consensus has no input for O3" {
		t.Errorf("reasons S1 %q, O3 %q", reasons["S1"], reasons["O3"])
	}
}

func clone(t *testing.T, in []fidelity.ItemInput) []fidelity.ItemInput {
	t.Helper()
	out := make([]fidelity.ItemInput, len(in))
	for i, v := range in {
		out[i] = v
		if v.Values != nil {
			out[i].Values = map[string]float64{}
			for k, x := range v.Values {
				out[i].Values[k] = x
			}
		}
		if v.Score != nil {
			out[i].Score = fidelity.IntPtr(*v.Score)
		}
	}
	return out
}
