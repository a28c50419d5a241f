package service_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// correctionNote is evidence typed into a correction after finalisation.
const correctionNote = "Per Olsen (job seeker) confirmed the employer contact"

// Purging a review's evidence on request also blanks the notes inside the
// review's earlier audit events (each rater's saves, the consensus, the
// correction): afterwards no event of that review holds the text, each
// changed event says when it was redacted and is otherwise as written,
// the purge event holds no text, scores and the report stay, and another
// review's events are untouched.
func TestEvidencePurgeRedactsTheAuditLog(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newReportWorld(t, st, day(2026, 10, 2))
		review, other := w.plan(t, w.teamA), w.plan(t, w.teamA)
		w.finaliseWithEvidence(t, review, 2)
		w.finaliseWithEvidence(t, other, 2)
		correction := w.correctWithNote(t, review)
		w.finalReport(t, review)
		total := consensusTotal(t, w.svc, review)

		before := allAudit(t, st)
		if n := countHolding(before, personalNote); n == 0 || countHolding(before, correctionNote) == 0 {
			t.Fatalf("the scenario needs notes in the audit log before the purge (%d events)", n)
		}
		*w.today = day(2026, 10, 21)
		res, err := w.svc.PurgeEvidence(as(fidelity.RoleLead, "", w.regionA), review)
		if err != nil {
			t.Fatal(err)
		}
		checkRedacted(t, before, allAudit(t, st), review, other, correction, res.At)
		if got := consensusTotal(t, w.svc, review); got != total {
			t.Errorf("the purge changed the total: %v → %v", total, got)
		}
		if rep, err := w.svc.Report(as(fidelity.RoleLead, "", w.regionA), review); err != nil || rep.Narrative.Summary == "" {
			t.Errorf("the report must survive the purge: %+v %v", rep.Narrative, err)
		}
	})
}

// The retention sweep redacts the audit log as the purge on request does.
func TestRetentionSweepRedactsTheAuditLog(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newReportWorld(t, st, day(2026, 10, 2))
		review, other := w.plan(t, w.teamA), w.plan(t, w.teamA)
		w.finaliseWithEvidence(t, review, 2)
		w.finaliseWithEvidence(t, other, 2)
		correction := w.correctWithNote(t, review)
		w.finalReport(t, review)
		before := allAudit(t, st)
		*w.today = day(2026, 10, 24)
		if n, err := w.svc.PurgeExpiredEvidence(context.Background()); err != nil || n != 1 {
			t.Fatalf("purged %d after the retention period (%v)", n, err)
		}
		checkRedacted(t, before, allAudit(t, st), review, other, correction, day(2026, 10, 24))
	})
}

// correctWithNote corrects the first item of the finalised review with a
// new evidence note and returns the correction's id.
func (w reportWorld) correctWithNote(t *testing.T, review string) string {
	t.Helper()
	cons, err := w.svc.GetConsensus(context.Background(), review)
	if err != nil {
		t.Fatal(err)
	}
	item := cons.Inputs[0]
	item.Evidence = correctionNote
	c, err := w.svc.Correct(context.Background(), review, service.AnyVersion, item, "the note was incomplete")
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// finalReport writes, issues (on 6 October) and finalises the report.
func (w reportWorld) finalReport(t *testing.T, review string) {
	t.Helper()
	raterA := as(fidelity.RoleRater, w.raterA)
	if _, err := w.svc.SaveNarrative(raterA, review, service.AnyVersion, service.NarrativeInput{
		Summary: "Good fidelity.", Items: recommendations(belowFive(t, w.svc, review), "Keep")}); err != nil {
		t.Fatal(err)
	}
	*w.today = day(2026, 10, 6)
	if _, err := w.svc.IssueReport(raterA, review, service.IssueInput{To: "Leder"}); err != nil {
		t.Fatal(err)
	}
	*w.today = day(2026, 10, 10)
	if _, err := w.svc.FinaliseReport(raterA, review, time.Time{}); err != nil {
		t.Fatal(err)
	}
}

func consensusTotal(t *testing.T, svc *service.Service, review string) float64 {
	t.Helper()
	rs, err := svc.GetConsensus(context.Background(), review)
	if err != nil || rs.Scorecard.Total == nil {
		t.Fatalf("consensus: %+v %v", rs.Scorecard, err)
	}
	return float64(*rs.Scorecard.Total)
}

// allAudit reads every audit event as stored (the raw before/after
// columns), newest first.
func allAudit(t *testing.T, st *store.Store) []fidelity.AuditEvent {
	t.Helper()
	var out []fidelity.AuditEvent
	f := service.AuditFilter{Page: service.Page{Limit: 500}}
	for {
		page, err := st.ListAudit(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, page...)
		if len(page) < 500 {
			return out
		}
		f.After = page[len(page)-1].ID
	}
}

func countHolding(events []fidelity.AuditEvent, text string) int {
	n := 0
	for _, e := range events {
		if strings.Contains(e.Before+e.After, text) {
			n++
		}
	}
	return n
}

// checkRedacted compares the audit log before and after the purge of
// review: its events hold no note, the changed ones carry redacted_at and
// equal the original with the notes blanked; every other event (the other
// review's included) is byte for byte as before; the purge event is new
// and holds no text.
func checkRedacted(t *testing.T, before, after []fidelity.AuditEvent, review, other, correction string, at time.Time) {
	t.Helper()
	was := map[string]fidelity.AuditEvent{}
	for _, e := range before {
		was[e.ID] = e
	}
	ofReview := func(e fidelity.AuditEvent) bool {
		return e.ResourceID == review || strings.HasPrefix(e.ResourceID, review+"/") || e.ResourceID == correction
	}
	redacted, purges := 0, 0
	for _, e := range after {
		old, existed := was[e.ID]
		if !existed {
			if e.Action != "report.evidence_purge" || e.ResourceID != review {
				t.Errorf("unexpected new event %s %s", e.Action, e.ResourceID)
			}
			purges++
		}
		if ofReview(e) && (strings.Contains(e.Before+e.After, personalNote) || strings.Contains(e.Before+e.After, correctionNote)) {
			t.Errorf("%s of the purged review still holds the note: %s %s", e.Action, e.Before, e.After)
		}
		if !existed {
			continue
		}
		if e.RedactedAt == nil {
			if e.Before != old.Before || e.After != old.After {
				t.Errorf("%s %s changed without being marked redacted", e.Action, e.ResourceID)
			}
			if ofReview(e) && strings.Contains(old.Before+old.After, "Nordmann") {
				t.Errorf("%s held a note but is not marked redacted", e.Action)
			}
			continue
		}
		redacted++
		if !ofReview(e) || !e.RedactedAt.Equal(at) {
			t.Errorf("%s %s redacted at %v (review %s, purge at %v)", e.Action, e.ResourceID, e.RedactedAt, review, at)
		}
		if !sameButNotes(t, old.Before, e.Before) || !sameButNotes(t, old.After, e.After) {
			t.Errorf("%s %s: the redaction changed more than the notes:\n%s\n%s", e.Action, e.ResourceID, old.After, e.After)
		}
	}
	if purges != 1 {
		t.Errorf("%d purge events, want 1", purges)
	}
	// Each rater's submit, the consensus save and the correction at least.
	if redacted < 4 {
		t.Errorf("%d events redacted, want at least 4", redacted)
	}
	untouched := 0
	for _, e := range after {
		if strings.HasPrefix(e.ResourceID, other+"/") && strings.Contains(e.After, personalNote) {
			untouched++
		}
	}
	if untouched < 3 {
		t.Errorf("the other review's events lost their notes: %d of its events still hold them, want 3", untouched)
	}
}

// sameButNotes says whether the redacted document equals the original
// with every "evidence" string blanked (key order may differ).
func sameButNotes(t *testing.T, original, redacted string) bool {
	t.Helper()
	if original == "" || redacted == "" {
		return original == redacted
	}
	var a, b any
	if err := json.Unmarshal([]byte(original), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(redacted), &b); err != nil {
		t.Fatal(err)
	}
	blankNotes(a)
	return reflect.DeepEqual(a, b)
}

func blankNotes(v any) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if _, ok := val.(string); ok && k == "evidence" {
				x[k] = ""
			} else {
				blankNotes(val)
			}
		}
	case []any:
		for _, val := range x {
			blankNotes(val)
		}
	}
}
