package service_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
	"github.com/ipsfidelity/fidelity/internal/writtenreport"
)

// reportWorld is world with a clock the test moves.
type reportWorld struct {
	world
	today *time.Time
}

func newReportWorld(t *testing.T, st *store.Store, start time.Time) reportWorld {
	t.Helper()
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	now := start
	svc := service.New(st, cat, service.DefaultConfig(), service.WithClock(func() time.Time { return now }))
	w := newWorldOn(t, svc, cat)
	return reportWorld{world: w, today: &now}
}

const personalNote = "Kari Nordmann (client) said she lost her job in May"

// finaliseWithEvidence is finalise with an evidence note on every input.
func (w reportWorld) finaliseWithEvidence(t *testing.T, review string, level int) {
	t.Helper()
	ctx := context.Background()
	noted := func(seed uint64) []fidelity.ItemInput {
		in := w.complete(t, level, seed)
		for i := range in {
			in[i].Evidence = personalNote
		}
		return in
	}
	for i, r := range []string{w.raterA, w.raterB} {
		if _, err := w.svc.SaveRatings(ctx, review, r, service.AnyVersion, noted(uint64(i+1)), true); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.svc.SaveConsensus(ctx, review, service.AnyVersion, noted(7)); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.Finalize(ctx, review, service.AnyVersion); err != nil {
		t.Fatal(err)
	}
}

// belowFive returns the consensus scores of the items scored below 5.
func belowFive(t *testing.T, svc *service.Service, review string) map[string]int {
	t.Helper()
	rs, err := svc.GetConsensus(context.Background(), review)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, it := range rs.Scorecard.Items {
		if it.Score != nil && *it.Score < 5 {
			out[it.ItemID] = *it.Score
		}
	}
	return out
}

func recommendations(low map[string]int, prefix string) map[string]fidelity.ItemNarrative {
	out := map[string]fidelity.ItemNarrative{}
	for id := range low {
		out[id] = fidelity.ItemNarrative{Strength: "Good intentions on " + id, Recommendation: prefix + " " + id}
	}
	return out
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func wantKind(t *testing.T, err error, kind fidelity.Kind, field ...string) {
	t.Helper()
	if fidelity.KindOf(err) != kind {
		t.Fatalf("got %v, want kind %s", err, kind)
	}
	for _, f := range field {
		var fe *fidelity.Error
		found := false
		if e, ok := err.(*fidelity.Error); ok {
			fe = e
			for _, x := range fe.Fields {
				found = found || x.Field == f
			}
		}
		if !found {
			t.Fatalf("%v does not name field %s", err, f)
		}
	}
}

// The written report from finalised consensus to an agreed action plan:
// a reviewer writes a recommendation for every item below 5 and issues
// the report on 20 October, the site comments, the lead accepts two
// proposed actions (one edited) and dismisses one with a reason, a
// correction after issue keeps the issued text, deadlines and overdue
// steps follow the UK timeline, and purging the evidence keeps scores
// and report while the audit log records the purge without the text.
func TestWrittenReportWorkflow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newReportWorld(t, st, day(2026, 10, 2))
		review := w.plan(t, w.teamA) // visit on 1 October 2026
		raterA := as(fidelity.RoleRater, w.raterA)
		leadA := as(fidelity.RoleLead, "", w.regionA)
		leadB := as(fidelity.RoleLead, "", w.regionB)
		reader := as(fidelity.RoleReader, "", w.regionA)

		// Nothing can be written before the consensus has started.
		_, err := w.svc.SaveNarrative(raterA, review, service.AnyVersion, service.NarrativeInput{Summary: "early"})
		wantKind(t, err, fidelity.KindConflict)

		w.finaliseWithEvidence(t, review, 2)
		low := belowFive(t, w.svc, review)
		if len(low) < 3 {
			t.Fatalf("the scenario needs at least three items below 4, got %v", low)
		}
		var lowIDs []string
		for id, score := range low {
			if score < 4 {
				lowIDs = append(lowIDs, id)
			}
		}

		// Only the review's raters write; a lead may not.
		_, err = w.svc.SaveNarrative(leadA, review, service.AnyVersion, service.NarrativeInput{Summary: "lead"})
		wantKind(t, err, fidelity.KindForbidden)
		// An item of another scale is refused by name.
		_, err = w.svc.SaveNarrative(raterA, review, service.AnyVersion, service.NarrativeInput{
			Items: map[string]fidelity.ItemNarrative{"X99": {Recommendation: "x"}}})
		wantKind(t, err, fidelity.KindInvalid, "items.X99")

		// A first draft misses one recommendation: the report cannot be issued.
		*w.today = day(2026, 10, 20)
		partial := recommendations(low, "Recommend")
		missing := lowIDs[0]
		delete(partial, missing)
		v, err := w.svc.SaveNarrative(raterA, review, service.AnyVersion, service.NarrativeInput{
			Summary: "The team has made progress since the last review.", Strengths: "Strong leadership.", Items: partial})
		if err != nil || v.Versions != 1 || v.Report.Status != fidelity.ReportDraft {
			t.Fatalf("first draft: %+v %v", v, err)
		}
		// A reader in scope may not read the draft.
		_, err = w.svc.Report(reader, review)
		wantKind(t, err, fidelity.KindForbidden)
		_, err = w.svc.IssueReport(raterA, review, service.IssueInput{To: "Leder Team Bergen"})
		wantKind(t, err, fidelity.KindInvalid, "items."+missing+".recommendation")

		// A stale version is refused; the complete text is saved as version 2.
		_, err = w.svc.SaveNarrative(raterA, review, 0, service.NarrativeInput{Summary: "stale"})
		wantKind(t, err, fidelity.KindPreconditionFailed)
		issuedText := recommendations(low, "Recommend")
		if _, err = w.svc.SaveNarrative(raterA, review, 1, service.NarrativeInput{
			Summary: "The team has made progress since the last review.", Strengths: "Strong leadership.", Items: issuedText}); err != nil {
			t.Fatal(err)
		}
		v, err = w.svc.IssueReport(raterA, review, service.IssueInput{On: day(2026, 10, 20), To: "Leder Team Bergen"})
		if err != nil {
			t.Fatal(err)
		}
		if v.Report.Status != fidelity.ReportIssued || !v.Report.IssuedOn.Equal(day(2026, 10, 20)) || len(v.Actions) != len(lowIDs) {
			t.Fatalf("issued: %+v, %d actions for %d items below 4", v.Report, len(v.Actions), len(lowIDs))
		}
		for _, a := range v.Actions {
			if a.Status != fidelity.ReportActionProposed || !a.Due.Equal(day(2026, 12, 1)) || a.Recommendation != "Recommend "+a.ItemID || a.Score >= 4 {
				t.Errorf("proposal %+v: want proposed, due 6 weeks after issue (2026-12-01), linked to its recommendation", a)
			}
		}
		// Issuing twice is refused.
		_, err = w.svc.IssueReport(raterA, review, service.IssueInput{To: "x"})
		wantKind(t, err, fidelity.KindConflict)

		// A correction after issue needs a reason and keeps the issued text.
		_, err = w.svc.SaveNarrative(raterA, review, service.AnyVersion, service.NarrativeInput{Summary: "corrected", Items: issuedText})
		wantKind(t, err, fidelity.KindInvalid, "reason")
		v, err = w.svc.SaveNarrative(raterA, review, service.AnyVersion, service.NarrativeInput{
			Summary: "The team has made clear progress since the last review.", Strengths: "Strong leadership.", Items: issuedText,
			Reason: "the summary understated the progress"})
		if err != nil {
			t.Fatal(err)
		}
		if v.Issued == nil || v.Issued.Summary != "The team has made progress since the last review." || !v.Narrative.Correction ||
			v.Narrative.Summary != "The team has made clear progress since the last review." {
			t.Fatalf("correction after issue lost the issued text: issued %+v, current %+v", v.Issued, v.Narrative)
		}
		// Now the reader in scope reads it; a lead of another region cannot see it.
		if _, err := w.svc.Report(reader, review); err != nil {
			t.Fatal(err)
		}
		_, err = w.svc.Report(leadB, review)
		wantKind(t, err, fidelity.KindNotFound)

		// The site comments on 24 October: only its lead.
		_, err = w.svc.CommentReport(raterA, review, service.CommentInput{Text: "x"})
		wantKind(t, err, fidelity.KindForbidden)
		_, err = w.svc.CommentReport(leadA, review, service.CommentInput{Text: " "})
		wantKind(t, err, fidelity.KindInvalid, "text")
		*w.today = day(2026, 10, 24)
		v, err = w.svc.CommentReport(leadA, review, service.CommentInput{Text: "We agree, but item S1 was measured in a holiday week.", Author: "Ola Leder"})
		if err != nil || v.Report.Status != fidelity.ReportCommented || len(v.Comments) != 1 || !v.Comments[0].ReceivedOn.Equal(day(2026, 10, 24)) {
			t.Fatalf("comment: %+v %v", v, err)
		}

		// The lead decides: dismissing needs a reason; accept one as
		// proposed, accept one edited (with a reason), dismiss one.
		acts := v.Actions
		_, err = w.svc.DecideReportAction(leadA, review, acts[0].ID, service.AnyVersion, service.ActionDecision{Accept: false})
		wantKind(t, err, fidelity.KindInvalid, "reason")
		_, err = w.svc.DecideReportAction(raterA, review, acts[0].ID, service.AnyVersion, service.ActionDecision{Accept: true})
		wantKind(t, err, fidelity.KindForbidden)
		edited := "Weekly meeting with the NAV counsellor"
		_, err = w.svc.DecideReportAction(leadA, review, acts[1].ID, service.AnyVersion, service.ActionDecision{Accept: true, Text: &edited})
		wantKind(t, err, fidelity.KindInvalid, "reason")
		a0, err := w.svc.DecideReportAction(leadA, review, acts[0].ID, 1, service.ActionDecision{Accept: true})
		if err != nil || a0.Status != fidelity.ReportActionAccepted || a0.ActionID == "" {
			t.Fatalf("accept: %+v %v", a0, err)
		}
		a1, err := w.svc.DecideReportAction(leadA, review, acts[1].ID, service.AnyVersion, service.ActionDecision{
			Accept: true, Text: &edited, Reason: "the counsellor prefers a fixed weekly slot"})
		if err != nil || a1.Text != edited || a1.Recommendation != acts[1].Recommendation {
			t.Fatalf("edit: %+v %v", a1, err)
		}
		a2, err := w.svc.DecideReportAction(leadA, review, acts[2].ID, service.AnyVersion, service.ActionDecision{Reason: "already covered by the county plan"})
		if err != nil || a2.Status != fidelity.ReportActionDismissed || a2.ActionID != "" {
			t.Fatalf("dismiss: %+v %v", a2, err)
		}
		_, err = w.svc.DecideReportAction(leadA, review, acts[2].ID, service.AnyVersion, service.ActionDecision{Accept: true})
		wantKind(t, err, fidelity.KindConflict)
		plan, err := w.svc.Actions(leadA, review)
		if err != nil || len(plan) != 2 {
			t.Fatalf("the two accepted actions should be on the plan: %+v %v", plan, err)
		}
		for _, p := range plan {
			if len(p.ItemIDs) != 1 || (p.ItemIDs[0] != acts[0].ItemID && p.ItemIDs[0] != acts[1].ItemID) || p.Status != fidelity.ActionOpen {
				t.Errorf("plan action not linked to its item: %+v", p)
			}
		}

		// Deadlines on 10 December: the report, comments were on time; the
		// action plan is overdue only while a proposal is undecided.
		*w.today = day(2026, 12, 10)
		other := w.plan(t, w.teamB) // visited 1 October, rating started, nothing written: report overdue
		if _, err := w.svc.StartReview(context.Background(), other, service.AnyVersion); err != nil {
			t.Fatal(err)
		}
		steps := func(ctx context.Context) map[string]string {
			over, err := w.svc.OverdueReportSteps(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]string{}
			for _, o := range over {
				out[o.ReviewID+"/"+o.Step] = o.Due.Format(time.DateOnly)
			}
			return out
		}
		all := steps(context.Background())
		if undecided := len(lowIDs) > 3; undecided != (all[review+"/action_plan"] == "2026-12-01") {
			t.Errorf("action plan overdue must mean undecided proposals (%d proposed, 3 decided): %v", len(lowIDs), all)
		}
		if all[other+"/report"] != "2026-10-29" || all[review+"/report"] != "" || all[review+"/comments"] != "" {
			t.Errorf("overdue steps: %v", all)
		}
		if a := steps(leadA); a[other+"/report"] != "" {
			t.Errorf("a lead of region Vest sees Nord's overdue report: %v", a)
		}
		v, err = w.svc.Report(leadA, review)
		if err != nil {
			t.Fatal(err)
		}
		due := map[string]string{}
		for _, s := range v.Steps {
			due[s.Step] = s.Due.Format(time.DateOnly)
		}
		if due["report"] != "2026-10-29" || due["comments"] != "2026-10-27" || due["action_plan"] != "2026-12-01" || due["support"] != "2027-03-01" {
			t.Errorf("deadlines from the UK timeline: %v", due)
		}

		// Purge is refused before the report is final, then done on request.
		_, err = w.svc.PurgeEvidence(leadA, review)
		wantKind(t, err, fidelity.KindConflict)
		_, err = w.svc.FinaliseReport(leadA, review, time.Time{})
		wantKind(t, err, fidelity.KindForbidden)
		if v, err = w.svc.FinaliseReport(raterA, review, time.Time{}); err != nil || v.Report.Status != fidelity.ReportFinal {
			t.Fatalf("final: %+v %v", v.Report, err)
		}
		before, err := w.svc.GetConsensus(context.Background(), review)
		if err != nil {
			t.Fatal(err)
		}
		res, err := w.svc.PurgeEvidence(leadA, review)
		if err != nil || res.Purged < 3*len(w.sc.Items) {
			t.Fatalf("purge: %+v %v", res, err)
		}
		after, err := w.svc.GetConsensus(context.Background(), review)
		if err != nil {
			t.Fatal(err)
		}
		if *after.Scorecard.Total != *before.Scorecard.Total {
			t.Errorf("purge changed the total: %v → %v", *before.Scorecard.Total, *after.Scorecard.Total)
		}
		for _, rater := range []string{w.raterA, w.raterB, fidelity.ConsensusKey} {
			rs, err := st.GetRatingSet(context.Background(), review, rater)
			if err != nil {
				t.Fatal(err)
			}
			for _, in := range rs.Inputs {
				if in.Evidence != "" {
					t.Fatalf("%s's evidence on %s survived the purge", rater, in.ItemID)
				}
			}
		}
		v, err = w.svc.Report(leadA, review)
		if err != nil || v.Narrative.Summary == "" || len(v.Narrative.Items) != len(low) || v.Report.EvidencePurgedAt == nil {
			t.Fatalf("the report must survive the purge: %+v %v", v, err)
		}
		events, _, err := w.svc.AuditLog(context.Background(), service.AuditFilter{ResourceType: "written_report", ResourceID: review})
		if err != nil {
			t.Fatal(err)
		}
		purged := false
		for _, e := range events {
			if e.Action == "report.evidence_purge" {
				purged = true
				if strings.Contains(e.Before+e.After, "Kari") {
					t.Errorf("the purge event holds the purged text: %s", e.After)
				}
			}
		}
		if !purged {
			t.Error("the purge is not in the audit log")
		}

		// The written report reaches the document.
		doc := writtenreport.Document{Lang: "nb", Items: []writtenreport.Item{{ID: lowIDs[0], Title: "Punkt"}}}
		if err := w.svc.AddReportNarrative(context.Background(), fidelity.Principal{Name: "lead", Role: fidelity.RoleLead, Scope: []string{w.regionA}}, review, &doc); err != nil {
			t.Fatal(err)
		}
		if doc.Summary != v.Narrative.Summary || doc.Items[0].Recommendation != "Recommend "+lowIDs[0] || len(doc.Comments) != 1 ||
			doc.Lifecycle.Status != "endelig" || len(doc.Actions) != len(lowIDs) || len(doc.Lifecycle.Deadlines) != 5 {
			t.Errorf("document: %+v", doc)
		}
	})
}

// The retention sweep purges evidence EvidenceDays (UK: 14) after the
// report became final, not before.
func TestEvidencePurgedAfterRetention(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newReportWorld(t, st, day(2026, 10, 2))
		review := w.plan(t, w.teamA)
		w.finaliseWithEvidence(t, review, 4)
		raterA := as(fidelity.RoleRater, w.raterA)
		if _, err := w.svc.SaveNarrative(raterA, review, service.AnyVersion, service.NarrativeInput{
			Summary: "Good fidelity.", Items: recommendations(belowFive(t, w.svc, review), "Keep")}); err != nil {
			t.Fatal(err)
		}
		*w.today = day(2026, 10, 10)
		if _, err := w.svc.IssueReport(raterA, review, service.IssueInput{To: "Leder"}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.FinaliseReport(raterA, review, time.Time{}); err != nil {
			t.Fatal(err)
		}
		*w.today = day(2026, 10, 23)
		if n, err := w.svc.PurgeExpiredEvidence(context.Background()); err != nil || n != 0 {
			t.Fatalf("purged %d before the retention period ended (%v)", n, err)
		}
		*w.today = day(2026, 10, 24)
		if n, err := w.svc.PurgeExpiredEvidence(context.Background()); err != nil || n != 1 {
			t.Fatalf("purged %d after the retention period (%v)", n, err)
		}
		if n, err := w.svc.PurgeExpiredEvidence(context.Background()); err != nil || n != 0 {
			t.Fatalf("a purged review is purged again: %d (%v)", n, err)
		}
		rs, err := st.GetRatingSet(context.Background(), review, fidelity.ConsensusKey)
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range rs.Inputs {
			if in.Evidence != "" {
				t.Fatal("evidence survived the sweep")
			}
		}
	})
}
