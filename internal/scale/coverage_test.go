package scale

import (
	"fmt"
	"math"
	"testing"
)

func f(v float64) *float64 { return &v }

func TestSweep(t *testing.T) {
	inf := cut{v: math.Inf(1)}
	closed := func(lo, hi float64) (cut, cut) { return cut{v: lo}, cut{v: hi, after: true} }
	lo0, hi100 := closed(0, 100)
	cases := []struct {
		name   string
		bounds []Bounds
		lo, hi cut
		want   string
	}{
		{"caseload half-open", []Bounds{{LE: f(20)}, {GT: f(20), LE: f(25)}, {GT: f(25)}}, cut{v: 0}, inf, "[]"},
		{"order does not matter", []Bounds{{GT: f(25)}, {LE: f(20)}, {GT: f(20), LE: f(25)}}, cut{v: 0}, inf, "[]"},
		{"closed integer ranges leave gaps", []Bounds{{LE: f(20)}, {GE: f(21)}}, cut{v: 0}, inf, "[gap@1 20 < x < 21]"},
		{"shared endpoint overlaps", []Bounds{{LE: f(20)}, {GE: f(20)}}, cut{v: 0}, inf, "[overlap@1/0 x = 20]"},
		{"lt meets ge", []Bounds{{LT: f(64)}, {GE: f(64)}}, lo0, hi100, "[]"},
		{"open top reaches beyond a closed domain", []Bounds{{LT: f(96)}, {GE: f(96)}}, lo0, hi100, "[]"},
		{"missing top", []Bounds{{LT: f(96)}}, lo0, hi100, "[gap@-1 96 ≤ x ≤ 100]"},
		{"missing point at top", []Bounds{{LT: f(100)}}, lo0, hi100, "[gap@-1 x = 100]"},
		{"missing bottom", []Bounds{{GT: f(0)}}, lo0, hi100, "[gap@0 x = 0]"},
		{"unbounded domain needs open top", []Bounds{{LE: f(40)}}, cut{v: 0}, inf, "[gap@-1 40 < x]"},
		{"interval below domain", []Bounds{{LT: f(-1)}, {GE: f(0)}}, cut{v: 0}, inf, "[outside@0]"},
		{"empty interval", []Bounds{{GT: f(3), LT: f(3)}, {GE: f(0)}}, cut{v: 0}, inf, "[empty@0]"},
		{"contained interval overlaps", []Bounds{{LE: f(10)}, {GE: f(2), LE: f(3)}, {GT: f(10)}}, cut{v: 0}, inf, "[overlap@1/0 2 ≤ x ≤ 3]"},
		{"no intervals", nil, lo0, hi100, "[gap@-1 0 ≤ x ≤ 100]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := map[int]Bounds{}
			for i, b := range tc.bounds {
				m[i] = b
			}
			var got []string
			for _, is := range sweep(m, tc.lo, tc.hi) {
				switch is.kind {
				case issueGap:
					got = append(got, fmt.Sprintf("gap@%d %s", is.index, is.values))
				case issueOverlap:
					got = append(got, fmt.Sprintf("overlap@%d/%d %s", is.index, is.other, is.values))
				case issueOutside:
					got = append(got, fmt.Sprintf("outside@%d", is.index))
				case issueEmpty:
					got = append(got, fmt.Sprintf("empty@%d", is.index))
				}
			}
			if s := fmt.Sprintf("%v", got); s != tc.want && !(tc.want == "[]" && len(got) == 0) {
				t.Errorf("got %s, want %s", s, tc.want)
			}
		})
	}
}
