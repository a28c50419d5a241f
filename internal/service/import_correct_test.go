package service_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/demo"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// A programme re-imports its spreadsheet after the county's audit found
// two consensus scores of a finalised review entered wrongly. Asked to,
// the import applies them as corrections with the audit as reason: the
// dry run lists them and writes nothing, the commit records each as a
// correction (the stored score kept beside the new one), rescoring the
// review from good (100) to fair (99); importing the same file again
// corrects nothing more.
func TestImportAppliesChangedConsensusScoresAsCorrectionsWhenAsked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := newImportService(t, st)
		ctx := context.Background()
		header, row, changedRow := storedWideReview(t, svc, ctx)
		changed := changedRow(func(id string) string {
			switch id {
			case "O6":
				return "2"
			case "S1":
				return "5"
			}
			return "4"
		})
		file := []byte(header + "\n" + changed + "\n")
		const reason = "Fylkets revisjon 2025: O6 og S1 var ført feil"

		dry := importFile(t, svc, ctx, file, service.ImportOptions{CorrectionReason: reason})
		if len(dry.Errors) != 0 || dry.Committed || dry.Summary.ItemsCorrected != 2 || dry.Summary.ReviewsCorrected != 1 ||
			dry.Summary.ReviewsMatched != 1 || len(dry.Corrections) != 2 {
			t.Fatalf("dry run: %+v", dry)
		}
		byItem := map[string]service.ImportCorrection{}
		for _, c := range dry.Corrections {
			byItem[c.Item] = c
		}
		if c := byItem["O6"]; c.Before == nil || *c.Before != 4 || c.After != 2 || c.Row != 2 {
			t.Fatalf("O6: %+v", c)
		}
		reviews, _, _ := svc.ListReviews(ctx, service.ReviewFilter{})
		if len(reviews) != 1 || *reviews[0].Total != 100 {
			t.Fatalf("the dry run changed the review: %+v", reviews)
		}
		id := reviews[0].ID
		if cs, _ := svc.Corrections(ctx, id); len(cs) != 0 {
			t.Fatalf("the dry run recorded corrections: %+v", cs)
		}

		rep := importFile(t, svc, ctx, file, service.ImportOptions{Commit: true, CorrectionReason: reason})
		if !rep.Committed || rep.Summary.ItemsCorrected != 2 || rep.Summary.ReviewsCreated != 0 {
			t.Fatalf("commit: %+v", rep)
		}
		got, err := svc.GetReview(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if *got.Total != 99 || got.Band != "fair" {
			t.Fatalf("after the corrections: total %v band %s", *got.Total, got.Band)
		}
		cs, err := svc.Corrections(ctx, id)
		if err != nil || len(cs) != 2 {
			t.Fatalf("corrections %+v %v", cs, err)
		}
		for _, c := range cs {
			if c.Reason != reason || c.By != fidelity.System.Name || c.Before.Score == nil || *c.Before.Score != 4 {
				t.Fatalf("correction %+v", c)
			}
		}
		events, _, err := svc.AuditLog(ctx, service.AuditFilter{ResourceType: "correction"})
		if err != nil || len(events) != 2 || events[0].Action != "review.correct" {
			t.Fatalf("audit %d %v", len(events), err)
		}

		again := importFile(t, svc, ctx, file, service.ImportOptions{Commit: true, CorrectionReason: reason})
		if !again.Committed || again.Summary.ItemsCorrected != 0 || again.Summary.ReviewsMatched != 1 {
			t.Fatalf("second import: %+v", again)
		}
		if cs, _ := svc.Corrections(ctx, id); len(cs) != 2 {
			t.Fatalf("the second import corrected again: %d", len(cs))
		}
		// Without a reason the original file now conflicts with the
		// corrected review, as any changed value does.
		back := importFile(t, svc, ctx, []byte(header+"\n"+row+"\n"), service.ImportOptions{Commit: true})
		if back.Committed || len(back.Errors) != 2 || !strings.Contains(back.Errors[0].Reason, "import with a correction reason") {
			t.Fatalf("without a reason: %+v", back.Errors)
		}
	})
}

// Corrections change the consensus of finalised reviews only: a rater's
// own ratings stay as rated, and so do reviews still being rated.
func TestImportNeverCorrectsRatersOwnRatings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := newImportService(t, st)
		ctx := context.Background()
		o := demo.DefaultOptions(time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC))
		o.Offices, o.Reviews, o.Plans = 2, 3, false
		if _, err := demo.Seed(ctx, svc, o); err != nil {
			t.Fatal(err)
		}
		data := exportLong(t, svc)
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := map[string]int{}
		for i, h := range recs[0] {
			col[h] = i
		}
		changed := -1
		for i, r := range recs[1:] {
			if r[col["rater"]] != fidelity.ConsensusKey && r[col["review_status"]] == "finalised" && r[col["score"]] == "3" {
				r[col["score"]], changed = "5", i+2
				break
			}
		}
		if changed < 0 {
			t.Fatal("no rater's score 3 in a finalised review")
		}
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		_ = w.WriteAll(recs)
		rep := importFile(t, svc, ctx, b.Bytes(), service.ImportOptions{Commit: true, CorrectionReason: "retting"})
		if rep.Committed || len(rep.Errors) != 1 || rep.Errors[0].Row != changed ||
			!strings.Contains(rep.Errors[0].Reason, "independent ratings are kept as rated") {
			t.Fatalf("%+v", rep.Errors)
		}
	})
}
