package service_test

import (
	"reflect"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// Every write of the written report answers the view a read right after
// shows: the current and the issued text, the version count, the report's
// version, the comments, the actions and the steps.
func TestReportWritesAnswerWhatAReadShows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newReportWorld(t, st, day(2026, 10, 2))
		review := w.plan(t, w.teamA)
		raterA := as(fidelity.RoleRater, w.raterA)
		leadA := as(fidelity.RoleLead, "", w.regionA)
		w.finaliseWithEvidence(t, review, 2)
		text := recommendations(belowFive(t, w.svc, review), "Recommend")
		*w.today = day(2026, 10, 20)

		same := func(step string, got service.ReportView, err error) {
			t.Helper()
			if err != nil {
				t.Fatalf("%s: %v", step, err)
			}
			read, err := w.svc.Report(raterA, review)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, read) {
				t.Fatalf("%s answered\n %+v\nand a read shows\n %+v", step, got, read)
			}
		}
		save := func(summary, reason string) (service.ReportView, error) {
			return w.svc.SaveNarrative(raterA, review, service.AnyVersion,
				service.NarrativeInput{Summary: summary, Items: text, Reason: reason})
		}
		v, err := save("first", "")
		same("first save", v, err)
		v, err = save("second", "")
		same("second save", v, err)
		v, err = w.svc.IssueReport(raterA, review, service.IssueInput{To: "Leder Team Bergen"})
		same("issue", v, err)
		v, err = save("corrected", "a typo")
		same("first correction", v, err)
		if v.Issued == nil || v.Issued.Summary != "second" {
			t.Fatalf("issued text after a correction: %+v", v.Issued)
		}
		v, err = save("corrected again", "another typo")
		same("second correction", v, err)
		v, err = w.svc.CommentReport(leadA, review, service.CommentInput{Text: "Agreed."})
		same("comment", v, err)
		v, err = w.svc.FinaliseReport(raterA, review, day(2026, 10, 20))
		same("finalise", v, err)
	})
}
