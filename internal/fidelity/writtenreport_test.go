package fidelity_test

import (
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// The UK timeline: report 4 weeks after the visit, comments 1 week and
// action plan 6 weeks after issue, personal data 2 weeks after the final
// report, support 5 months after the visit; a step is overdue from the
// day after its due date until it is done.
func TestReportTimelineSteps(t *testing.T) {
	d := func(m time.Month, day int) time.Time { return time.Date(2026, m, day, 0, 0, 0, 0, time.UTC) }
	ptr := func(t time.Time) *time.Time { return &t }
	visit := d(10, 1)
	tl := fidelity.UKTimeline()
	cases := []struct {
		name      string
		rep       *fidelity.WrittenReport
		commented *time.Time
		planDone  *time.Time
		today     time.Time
		want      map[string]string // step → due, with "!" when overdue
	}{
		{"nothing written, on the due day", nil, nil, nil, d(10, 29),
			map[string]string{"report": "2026-10-29", "support": "2027-03-01"}},
		{"nothing written, the day after", nil, nil, nil, d(10, 30),
			map[string]string{"report": "2026-10-29!", "support": "2027-03-01"}},
		{"issued late, comments and plan pending", &fidelity.WrittenReport{IssuedOn: ptr(d(11, 2))}, nil, nil, d(11, 10),
			map[string]string{"report": "2026-10-29", "comments": "2026-11-09!", "action_plan": "2026-12-14", "support": "2027-03-01"}},
		{"final without comments, evidence kept too long", &fidelity.WrittenReport{IssuedOn: ptr(d(10, 20)), FinalOn: ptr(d(10, 25))}, nil, ptr(d(10, 22)), d(11, 9),
			map[string]string{"report": "2026-10-29", "comments": "2026-10-27", "action_plan": "2026-12-01", "evidence": "2026-11-08!", "support": "2027-03-01"}},
		{"everything done", &fidelity.WrittenReport{IssuedOn: ptr(d(10, 20)), FinalOn: ptr(d(10, 25)), EvidencePurgedAt: ptr(d(10, 26))}, ptr(d(10, 24)), ptr(d(10, 22)), d(12, 31),
			map[string]string{"report": "2026-10-29", "comments": "2026-10-27", "action_plan": "2026-12-01", "evidence": "2026-11-08", "support": "2027-03-01"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := map[string]string{}
			for _, s := range tl.Steps(visit, c.rep, c.commented, c.planDone, c.today) {
				v := s.Due.Format(time.DateOnly)
				if s.Overdue {
					v += "!"
				}
				got[s.Step] = v
			}
			if len(got) != len(c.want) {
				t.Fatalf("steps %v, want %v", got, c.want)
			}
			for k, v := range c.want {
				if got[k] != v {
					t.Errorf("%s: %s, want %s (all: %v)", k, got[k], v, got)
				}
			}
		})
	}
}
