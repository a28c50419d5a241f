package service_test

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// awaitJob polls a job until its run has ended.
func awaitJob(t *testing.T, svc *service.Service, ctx context.Context, id string) service.ImportJob {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		j, err := svc.GetImport(ctx, id)
		if err != nil {
			t.Fatalf("get import: %v", err)
		}
		if j.Status != service.ImportRunning {
			return j
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("import %s still running", id)
	return service.ImportJob{}
}

func oneReviewFile(t *testing.T, svc *service.Service) []byte {
	t.Helper()
	sc, _ := svc.Scales().Get("se-fidelity", "2008")
	header, row := wideRow(sc, "R01/4601/4601-1,Team Bergenhus,se-fidelity@2008,external,finalised,2024-03-18,2024-03-19,,",
		func(string) string { return "4" })
	return []byte(header + "\n" + row + "\n")
}

// Two replicas on one database: the dry run taken by one is read and
// committed on the other, its options travel with it, another caller sees
// nothing of it, and the upload is gone once it is committed.
func TestImportJobIsSharedByReplicas(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		a, b := newImportService(t, st), newImportService(t, st)
		ctx := context.Background()
		job, err := a.StartImport(ctx, bytes.NewReader(oneReviewFile(t, a)),
			service.ImportJobOptions{CreateSites: true, CorrectionReason: "  etterkontroll  "})
		if err != nil {
			t.Fatal(err)
		}
		// The replica running it can wait for its end without polling.
		a.AwaitImport(ctx, job.ID, 30*time.Second)
		if got, err := a.GetImport(ctx, job.ID); err != nil || got.Status != service.ImportDone {
			t.Fatalf("await: %+v %v", got, err)
		}
		onB := awaitJob(t, b, ctx, job.ID)
		if onB.Status != service.ImportDone || onB.Report == nil || onB.Report.Summary.ReviewsCreated != 1 ||
			!onB.CreateSites || onB.CorrectionReason != "etterkontroll" || onB.Commit {
			t.Fatalf("dry run as the other replica sees it: %+v", onB)
		}
		other := fidelity.WithPrincipal(ctx, fidelity.Principal{Name: "lead-2", Role: fidelity.RoleLead, KeyID: "k2"})
		if _, err := b.GetImport(other, job.ID); fidelity.KindOf(err) != fidelity.KindNotFound {
			t.Fatalf("another caller's view: %v", err)
		}
		if _, err := b.CommitImport(other, job.ID); fidelity.KindOf(err) != fidelity.KindNotFound {
			t.Fatalf("another caller's commit: %v", err)
		}
		if _, err := b.CommitImport(ctx, job.ID); err != nil {
			t.Fatal(err)
		}
		done := awaitJob(t, a, ctx, job.ID)
		if !done.Commit || done.Status != service.ImportDone || !done.Report.Committed {
			t.Fatalf("commit as the first replica sees it: %+v", done)
		}
		if _, err := a.CommitImport(ctx, job.ID); fidelity.KindOf(err) != fidelity.KindConflict ||
			!strings.Contains(err.Error(), "committed already") {
			t.Fatalf("second commit: %v", err)
		}
		var up bytes.Buffer
		if err := st.CopyImportUpload(ctx, job.ID, &up); err != nil || up.Len() != 0 {
			t.Fatalf("upload kept after the commit: %d bytes, %v", up.Len(), err)
		}
		if reviews, _, _ := a.ListReviews(ctx, service.ReviewFilter{}); len(reviews) != 1 {
			t.Fatalf("%d reviews", len(reviews))
		}
	})
}

// Both replicas asked to commit the same job at once: one runs it, the
// other is told it is being committed; the reviews are written once.
func TestImportJobIsCommittedOnceWhenTwoReplicasAreAsked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		a, b := newImportService(t, st), newImportService(t, st)
		ctx := context.Background()
		job, err := a.StartImport(ctx, bytes.NewReader(oneReviewFile(t, a)), service.ImportJobOptions{CreateSites: true})
		if err != nil {
			t.Fatal(err)
		}
		awaitJob(t, a, ctx, job.ID)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, svc := range []*service.Service{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = svc.CommitImport(ctx, job.ID)
			}()
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case fidelity.KindOf(err) != fidelity.KindConflict:
				t.Fatalf("commit: %v", err)
			}
		}
		if won != 1 {
			t.Fatalf("%d commits ran: %v", won, errs)
		}
		awaitJob(t, a, ctx, job.ID)
		awaitJob(t, b, ctx, job.ID)
		if reviews, _, _ := a.ListReviews(ctx, service.ReviewFilter{}); len(reviews) != 1 {
			t.Fatalf("%d reviews", len(reviews))
		}
	})
}

// A replica died while it ran a job: its heartbeat stops, the job is
// reported as interrupted, and an interrupted commit can be committed
// again on another replica (an interrupted dry run cannot: it has no
// report to confirm).
func TestImportJobOfADeadReplicaIsReportedAsInterrupted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := newImportService(t, st)
		ctx := context.Background()
		old := time.Now().UTC().Add(-time.Hour)
		job := func(id string, commit bool) service.ImportJobRecord {
			return service.ImportJobRecord{ID: id, Owner: "name:" + fidelity.System.Name, Status: "running",
				Commit: commit, CreateSites: true, Rows: 1, Runner: "a replica that died", HeartbeatAt: old,
				CreatedAt: old, UpdatedAt: old}
		}
		for _, j := range []service.ImportJobRecord{job("01900000-0000-7000-8000-00000000c001", true), job("01900000-0000-7000-8000-00000000d001", false)} {
			if err := st.CreateImportJob(ctx, j, bytes.NewReader(oneReviewFile(t, svc))); err != nil {
				t.Fatal(err)
			}
			got, err := svc.GetImport(ctx, j.ID)
			if err != nil || got.Status != service.ImportFailed || got.Err == nil || !strings.Contains(got.Err.Error(), "interrupted") {
				t.Fatalf("%s: %+v %v", j.ID, got, err)
			}
		}
		if _, err := svc.CommitImport(ctx, "01900000-0000-7000-8000-00000000d001"); fidelity.KindOf(err) != fidelity.KindConflict {
			t.Fatalf("commit of an interrupted dry run: %v", err)
		}
		if _, err := svc.CommitImport(ctx, "01900000-0000-7000-8000-00000000c001"); err != nil {
			t.Fatalf("commit again: %v", err)
		}
		if j := awaitJob(t, svc, ctx, "01900000-0000-7000-8000-00000000c001"); j.Status != service.ImportDone || !j.Report.Committed {
			t.Fatalf("%+v", j)
		}
		// Old jobs go, with their uploads; the committed one is fresh.
		n, err := st.PruneImportJobs(ctx, time.Now().UTC().Add(-time.Minute))
		if err != nil || n != 1 {
			t.Fatalf("pruned %d, %v", n, err)
		}
		if _, err := svc.GetImport(ctx, "01900000-0000-7000-8000-00000000d001"); fidelity.KindOf(err) != fidelity.KindNotFound {
			t.Fatalf("pruned job: %v", err)
		}
		var up bytes.Buffer
		if err := st.CopyImportUpload(ctx, "01900000-0000-7000-8000-00000000d001", &up); err != nil || up.Len() != 0 {
			t.Fatalf("the pruned job's upload: %d bytes, %v", up.Len(), err)
		}
	})
}

// An import of several batches (writePending) writes every review, once,
// on both dialects, and a second import of the file matches them all.
func TestImportOfSeveralBatchesWritesEveryReview(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := newImportService(t, st)
		ctx := context.Background()
		sc, _ := svc.Scales().Get("se-fidelity", "2008")
		var b strings.Builder
		const reviews = 260
		for i := range reviews {
			day := time.Date(2010, 1, 4, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*(i/13)).Format(time.DateOnly)
			lead := fmt.Sprintf("R%02d/%02d00/%02d00-%d,Team %d,se-fidelity@2008,external,finalised,%s,%s,,", i%3, i%13, i%13, i%5, i, day, day)
			header, row := wideRow(sc, lead, func(id string) string { return strconv.Itoa(1 + (i+len(id))%5) })
			if i == 0 {
				b.WriteString(header + "\n")
			}
			b.WriteString(row + "\n")
		}
		rep := importFile(t, svc, ctx, []byte(b.String()), service.ImportOptions{CreateSites: true, Commit: true})
		if !rep.Committed || rep.Summary.ReviewsCreated != reviews {
			t.Fatalf("%+v %v", rep.Summary, rep.Errors)
		}
		list, _, err := svc.ListReviews(ctx, service.ReviewFilter{Page: service.Page{Limit: 500}})
		if err != nil || len(list) != reviews {
			t.Fatalf("%d reviews stored, %v", len(list), err)
		}
		again := importFile(t, svc, ctx, []byte(b.String()), service.ImportOptions{Commit: true})
		if again.Summary.ReviewsMatched != reviews || again.Summary.ReviewsCreated != 0 {
			t.Fatalf("re-import: %+v", again.Summary)
		}
	})
}

// An import that adds reviews to sites already stored reads each site's
// stored reviews while it checks a batch, on the transaction its batches
// are written on: reads and writes must not overlap on the connection
// (they did while batches were written by a goroutine: "conn busy"). Half of the file is imported first,
// then all of it: every review arrives once.
func TestImportIntoStoredSitesWhileABatchIsWritten(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := newImportService(t, st)
		ctx := context.Background()
		sc, _ := svc.Scales().Get("se-fidelity", "2008")
		var header string
		var rows []string
		const reviews = 400
		for i := range reviews {
			day := time.Date(2010, 1, 4, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*(i/7)).Format(time.DateOnly)
			lead := fmt.Sprintf("R%02d/%02d00/%02d00-%d,Team %d,se-fidelity@2008,external,finalised,%s,%s,,", i%2, i%7, i%7, i%3, i, day, day)
			h, row := wideRow(sc, lead, func(id string) string { return strconv.Itoa(1 + (i+len(id))%5) })
			header = h
			rows = append(rows, row)
		}
		file := func(rs []string) []byte { return []byte(header + "\n" + strings.Join(rs, "\n") + "\n") }
		// Every other review first, so each site of the second import holds
		// stored reviews to read.
		var first []string
		for i := 0; i < reviews; i += 2 {
			first = append(first, rows[i])
		}
		if rep := importFile(t, svc, ctx, file(first), service.ImportOptions{CreateSites: true, Commit: true}); !rep.Committed {
			t.Fatalf("first import: %+v %v", rep.Summary, rep.Errors)
		}
		rep := importFile(t, svc, ctx, file(rows), service.ImportOptions{CreateSites: true, Commit: true})
		if !rep.Committed || rep.Summary.ReviewsCreated != reviews/2 || rep.Summary.ReviewsMatched != reviews/2 {
			t.Fatalf("second import: %+v %v", rep.Summary, rep.Errors)
		}
		list, _, err := svc.ListReviews(ctx, service.ReviewFilter{Page: service.Page{Limit: 500}})
		if err != nil || len(list) != reviews {
			t.Fatalf("%d reviews stored, %v", len(list), err)
		}
	})
}
