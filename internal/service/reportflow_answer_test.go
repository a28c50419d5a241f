package service_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// reportWriteBudget is the number of SQL statements each write of the
// written report may cost (transaction begin and commit not counted). The
// writes answer with the view they produced instead of reading the whole
// report again, which cost four more statements each (report, texts,
// comments, actions).
var reportWriteBudget = map[string]int64{
	"narrative": 9, "issue": 34, "correction": 8, "comment": 9, "decision": 9, "final": 8,
}

// Every write of the written report answers exactly what a read right
// after it returns — instants with a clock finer than the store keeps,
// dates given with an hour and another zone — and within its statement
// budget.
func TestReportWritesAnswerWhatTheNextReadReturns(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newReportWorld(t, st, day(2026, 10, 2))
		review := w.plan(t, w.teamA) // visit on 1 October 2026
		w.finaliseWithEvidence(t, review, 2)
		raterA := as(fidelity.RoleRater, w.raterA)
		leadA := as(fidelity.RoleLead, "", w.regionA)
		// Nanoseconds the store does not keep.
		*w.today = day(2026, 10, 20).Add(9*time.Hour + 123456789*time.Nanosecond)
		oslo := time.FixedZone("CEST", 2*3600)

		same := func(what string, got service.ReportView, ctx context.Context, statements int64) {
			t.Helper()
			n := st.Statements() - statements
			t.Logf("%s: %d statements", what, n)
			if n > reportWriteBudget[what] {
				t.Errorf("%s cost %d statements, budget %d", what, n, reportWriteBudget[what])
			}
			read, err := w.svc.Report(ctx, review)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, read) {
				t.Fatalf("%s answered\n%+v\nthe next read returns\n%+v", what, got, read)
			}
		}
		low := belowFive(t, w.svc, review)
		text := service.NarrativeInput{Summary: " Clear progress. ", Strengths: "Strong leadership.", Items: recommendations(low, "Recommend")}

		before := st.Statements()
		v, err := w.svc.SaveNarrative(raterA, review, service.AnyVersion, text)
		if err != nil {
			t.Fatal(err)
		}
		same("narrative", v, raterA, before)

		before = st.Statements()
		v, err = w.svc.IssueReport(raterA, review, service.IssueInput{On: time.Date(2026, 10, 20, 8, 30, 0, 0, oslo), To: " Leder "})
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Actions) == 0 {
			t.Fatal("the scenario needs proposed actions")
		}
		same("issue", v, raterA, before)

		text.Reason = "the summary understated the progress"
		text.Summary = "Clear and steady progress."
		before = st.Statements()
		if v, err = w.svc.SaveNarrative(raterA, review, service.AnyVersion, text); err != nil {
			t.Fatal(err)
		}
		if v.Issued == nil {
			t.Fatal("the correction lost the issued text")
		}
		same("correction", v, raterA, before)

		before = st.Statements()
		if v, err = w.svc.CommentReport(leadA, review, service.CommentInput{Text: "Agreed.", On: time.Date(2026, 10, 20, 23, 0, 0, 0, oslo)}); err != nil {
			t.Fatal(err)
		}
		same("comment", v, leadA, before)

		due := time.Date(2026, 12, 15, 12, 0, 0, 0, oslo)
		owner := "Kari"
		before = st.Statements()
		a, err := w.svc.DecideReportAction(leadA, review, v.Actions[0].ID, service.AnyVersion,
			service.ActionDecision{Accept: true, Owner: &owner, Due: &due, Reason: "a named owner"})
		if err != nil {
			t.Fatal(err)
		}
		if n := st.Statements() - before; n > reportWriteBudget["decision"] {
			t.Errorf("decision cost %d statements, budget %d", n, reportWriteBudget["decision"])
		}
		read, err := w.svc.ReportActions(leadA, review)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, read[0]) {
			t.Fatalf("the decision answered\n%+v\nthe next read returns\n%+v", a, read[0])
		}

		before = st.Statements()
		if v, err = w.svc.FinaliseReport(raterA, review, time.Time{}); err != nil {
			t.Fatal(err)
		}
		same("final", v, raterA, before)
	})
}
