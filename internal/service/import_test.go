package service_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/demo"
	"github.com/ipsfidelity/fidelity/internal/export"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/importer"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

func newImportService(tb testing.TB, st *store.Store) *service.Service {
	tb.Helper()
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		tb.Fatal(err)
	}
	svc := service.New(st, cat, service.DefaultConfig())
	if err := svc.SyncScales(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return svc
}

// seededSource is a database with a small demo history: two offices'
// teams, reviews in every state, two or three raters each.
func seededSource(t *testing.T, d storetest.Dialect) *service.Service {
	t.Helper()
	svc := newImportService(t, d.New(t))
	o := demo.DefaultOptions(time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC))
	o.Offices, o.Reviews, o.Plans = 2, 3, false
	if _, err := demo.Seed(context.Background(), svc, o); err != nil {
		t.Fatal(err)
	}
	return svc
}

func exportLong(tb testing.TB, svc *service.Service) []byte {
	tb.Helper()
	var b bytes.Buffer
	ctx := context.Background()
	err := export.WriteLongCSV(&b, export.Sources{Catalog: svc.Scales(),
		Ratings: func(fn func(service.ExportRating) error) error {
			return svc.ExportRatings(ctx, service.ReportQuery{}, nil, fn)
		}})
	if err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func exportXLSX(t *testing.T, svc *service.Service) []byte {
	t.Helper()
	var b bytes.Buffer
	ctx := context.Background()
	sc, _ := svc.Scales().Get("se-fidelity", "2008")
	err := export.WriteXLSX(&b, sc, export.Sources{Catalog: svc.Scales(),
		Ratings: func(fn func(service.ExportRating) error) error {
			return svc.ExportRatings(ctx, service.ReportQuery{}, nil, fn)
		},
		Reviews: func(fn func(fidelity.ReviewScores) error) error {
			return svc.ExportReviews(ctx, service.ReportQuery{}, nil, fn)
		}})
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// masked is a long export with the generated ids replaced: review and site
// ids by their order of appearance, rater ids by the rater's name. Within
// a review the raters' blocks are put in name order, since the export
// orders them by rater id, which the importing database generates anew.
func masked(t *testing.T, data []byte) string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	ordinal := func(prefix, id string) string {
		if _, ok := ids[id]; !ok {
			ids[id] = fmt.Sprintf("%s%d", prefix, len(ids))
		}
		return ids[id]
	}
	for _, r := range recs[1:] {
		r[0], r[1] = ordinal("review", r[0]), ordinal("site", r[1])
		if r[10] != fidelity.ConsensusKey {
			r[10] = "rater:" + r[11]
		}
	}
	body := recs[1:]
	slices.SortStableFunc(body, func(a, b []string) int {
		if a[0] != b[0] {
			return 0
		}
		return strings.Compare(a[10], b[10])
	})
	var b strings.Builder
	for _, r := range recs {
		b.WriteString(strings.Join(r, ",") + "\n")
	}
	return b.String()
}

func importFile(t *testing.T, svc *service.Service, ctx context.Context, data []byte, opts service.ImportOptions) service.ImportReport {
	t.Helper()
	rep, err := svc.Import(ctx, bytes.NewReader(data), opts)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return rep
}

// The long export of one database, imported into an empty one, exports
// again the same, apart from generated ids; a second import of the same
// file creates nothing and says so.
func TestImportRoundTripOfTheLongExport(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d.Name, func(t *testing.T) {
			src := seededSource(t, d)
			file := exportLong(t, src)
			dst := newImportService(t, d.New(t))
			ctx := context.Background()

			dry := importFile(t, dst, ctx, file, service.ImportOptions{CreateSites: true})
			if len(dry.Errors) > 0 || dry.Committed {
				t.Fatalf("dry run: %+v", dry.Errors[:min(5, len(dry.Errors))])
			}
			if got := exportLong(t, dst); bytes.Count(got, []byte("\n")) != 1 {
				t.Fatalf("the dry run wrote: %s", got)
			}
			rep := importFile(t, dst, ctx, file, service.ImportOptions{CreateSites: true, Commit: true})
			if !rep.Committed || rep.Summary != dry.Summary {
				t.Fatalf("commit %+v differs from its dry run %+v", rep.Summary, dry.Summary)
			}
			s := rep.Summary
			if s.ReviewsCreated == 0 || s.RatersCreated == 0 || s.SitesCreated == 0 || s.ItemRatings != bytes.Count(file, []byte("\n"))-1 {
				t.Fatalf("summary %+v for %d rows", s, rep.Rows)
			}
			if want, got := masked(t, file), masked(t, exportLong(t, dst)); want != got {
				t.Fatalf("round trip differs:\n%s", firstDiff(want, got))
			}

			again := importFile(t, dst, ctx, file, service.ImportOptions{CreateSites: true, Commit: true})
			a := again.Summary
			if len(again.Errors) > 0 || a.ReviewsCreated+a.SitesCreated+a.RatersCreated+a.RatingSetsCreated != 0 ||
				a.ReviewsMatched != s.ReviewsCreated || a.RatingSetsMatched != s.RatingSetsCreated {
				t.Fatalf("re-import: %+v, errors %v", a, again.Errors)
			}
		})
	}
}

// The export workbook (long, wide and codebook sheets) imports from its
// long sheet and exports the same.
func TestImportRoundTripOfTheWorkbook(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		d := storetest.Dialect{Name: "sqlite", New: storetest.SQLite}
		src := seededSource(t, d)
		dst := newImportService(t, st)
		rep := importFile(t, dst, context.Background(), exportXLSX(t, src), service.ImportOptions{CreateSites: true, Commit: true})
		if !rep.Committed || len(rep.Errors) > 0 {
			t.Fatalf("%+v", rep.Errors)
		}
		if want, got := masked(t, exportLong(t, src)), masked(t, exportLong(t, dst)); want != got {
			t.Fatalf("round trip differs:\n%s", firstDiff(want, got))
		}
	})
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n  want %s\n  got  %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d", len(la), len(lb))
}

const wideHeader = "site_path,site_name,scale,review_type,review_status,visit_start,visit_end,total,"

// allFours is a complete consensus row of se-fidelity@2008 with every
// item at 4 (total 100), items scored directly as historic forms record.
func wideRow(sc *scale.Scale, lead string, score func(item string) string) (string, string) {
	var cols, vals []string
	for _, it := range sc.Items {
		cols = append(cols, it.ID)
		vals = append(vals, score(it.ID))
	}
	return wideHeader + strings.Join(cols, ","), lead + strings.Join(vals, ",")
}

// The dry run reports every problem of the file as a table of sheet, row,
// column, value and reason, and writes nothing even when asked to commit.
func TestImportDryRunErrorTable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := newImportService(t, st)
		sc, _ := svc.Scales().Get("se-fidelity", "2008")
		four := func(string) string { return "4" }
		header, good := wideRow(sc, "R01/4601/4601-1,Team Bergenhus,se-fidelity@2008,external,finalised,2024-03-18,2024-03-19,100,", four)
		_, badTotal := wideRow(sc, "R01/4601/4601-2,Team Årstad,se-fidelity@2008,external,finalised,2024-03-18,2024-03-19,99,", four)
		_, badScore := wideRow(sc, "R01/4601/4601-3,Team Fana,se-fidelity@2008,remote,finalised,18.03.2024,19.03.2024,,", func(id string) string {
			if id == "O6" {
				return "7"
			}
			return "4"
		})
		_, badHead := wideRow(sc, "R01/4601/4601-4,Team Laksevåg,se-fidelity@1999,visit,done,2024-03-19,2024-03-18,,", four)
		_, missing := wideRow(sc, "R01/4601/4601-5,Team Sandviken,se-fidelity@2008,external,finalised,2024-03-18,2024-03-18,,", func(id string) string {
			if strings.HasPrefix(id, "S") {
				return ""
			}
			return "4"
		})
		file := strings.Join([]string{header, good, badTotal, badScore, badHead, missing, good}, "\n") + "\n"
		rep := importFile(t, svc, context.Background(), []byte(file), service.ImportOptions{CreateSites: true, Commit: true})
		type cell struct {
			row    int
			column string
			value  string
		}
		var got []cell
		for _, e := range rep.Errors {
			got = append(got, cell{e.Row, e.Column, e.Value})
		}
		want := []cell{
			{3, "total", "99"},
			{4, "O6", "7"},
			{5, "scale", "se-fidelity@1999"},
			{5, "review_type", "visit"},
			{5, "review_status", "done"},
			{5, "visit_end", "2024-03-18"},
			{6, "review_status", "finalised"},
			{7, "", ""},
		}
		if !slices.Equal(got, want) {
			for _, e := range rep.Errors {
				t.Logf("%d %s %q: %s", e.Row, e.Column, e.Value, e.Reason)
			}
			t.Fatalf("errors %v\nwant   %v", got, want)
		}
		if rep.Committed || rep.Summary.ReviewsCreated != 1 {
			t.Fatalf("committed %v, summary %+v", rep.Committed, rep.Summary)
		}
		if nb := fidelity.Translate("nb", rep.Errors[0].Reason); nb == rep.Errors[0].Reason || !strings.Contains(nb, "totalskåren") {
			t.Errorf("no Norwegian reason: %s", nb)
		}
		if sites, _, _ := svc.ListSites(context.Background(), service.SiteFilter{}); len(sites) != 0 {
			t.Fatalf("a failed import wrote %d sites", len(sites))
		}
	})
}

// storedWideReview imports one finalised review of Team Bergenhus with
// every item at 4 and returns the wide file's header and row, and a
// function making the same review's row with other scores.
func storedWideReview(t *testing.T, svc *service.Service, ctx context.Context) (string, string, func(func(string) string) string) {
	t.Helper()
	sc, _ := svc.Scales().Get("se-fidelity", "2008")
	lead := "R01/4601/4601-1,Team Bergenhus,se-fidelity@2008,external,finalised,2024-03-18,2024-03-19,,"
	header, row := wideRow(sc, lead, func(string) string { return "4" })
	if rep := importFile(t, svc, ctx, []byte(header+"\n"+row+"\n"), service.ImportOptions{CreateSites: true, Commit: true}); !rep.Committed {
		t.Fatalf("%+v", rep.Errors)
	}
	return header, row, func(score func(string) string) string {
		_, r := wideRow(sc, lead, score)
		return r
	}
}

// A re-import with a changed score is a conflict, reported and not
// written; the stored review keeps its value.
func TestImportReportsAChangedValueAsAConflict(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := newImportService(t, st)
		ctx := context.Background()
		header, _, changedRow := storedWideReview(t, svc, ctx)
		changed := changedRow(func(id string) string {
			if id == "O6" {
				return "2"
			}
			return "4"
		})
		rep := importFile(t, svc, ctx, []byte(header+"\n"+changed+"\n"), service.ImportOptions{CreateSites: true, Commit: true})
		if rep.Committed || len(rep.Errors) != 1 || rep.Errors[0].Column != "O6" || rep.Errors[0].Value != "2" ||
			!strings.Contains(rep.Errors[0].Reason, "where item O6 is 4") {
			t.Fatalf("conflict: %+v", rep.Errors)
		}
		reviews, _, _ := svc.ListReviews(ctx, service.ReviewFilter{})
		if len(reviews) != 1 || *reviews[0].Total != 100 {
			t.Fatalf("stored %+v", reviews)
		}
	})
}

// Historic shapes: consensus-only reviews with measured items given as
// scores, reviews under ips-15, raters by e-mail in the long layout.
func TestImportHistoricShapes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := newImportService(t, st)
		ctx := context.Background()
		ips15, err := svc.Scales().Get("ips-15", "1996")
		if err != nil {
			t.Fatal(err)
		}
		header, row := wideRow(ips15, "R01/4601/4601-1,Team Bergenhus,ips-15@1996,external,finalised,2003-05-01,2003-05-02,,", func(string) string { return "5" })
		rep := importFile(t, svc, ctx, []byte(header+"\n"+row+"\n"), service.ImportOptions{CreateSites: true, Commit: true})
		if !rep.Committed || rep.Summary.SitesCreated != 3 {
			t.Fatalf("ips-15: %+v %+v", rep.Summary, rep.Errors)
		}
		long := "site_path,scale,review_type,review_status,visit_start,visit_end,rater,rater_name,item,score\n"
		sc, _ := svc.Scales().Get("se-fidelity", "2008")
		for _, who := range []string{"ada@example.no", "bo@example.no", "consensus"} {
			for _, it := range sc.Items {
				long += fmt.Sprintf("R01/4601/4601-1,se-fidelity@2008,external,finalised,2024-03-18,2024-03-19,%s,%s,%s,3\n", who, strings.ToUpper(who[:1]), it.ID)
			}
		}
		rep = importFile(t, svc, ctx, []byte(long), service.ImportOptions{Commit: true})
		if !rep.Committed || rep.Summary.RatersCreated != 2 || rep.Summary.RatingSetsCreated != 3 || rep.Summary.SitesMatched != 1 {
			t.Fatalf("long: %+v %+v", rep.Summary, rep.Errors)
		}
		reviews, _, _ := svc.ListReviews(ctx, service.ReviewFilter{ScaleID: "se-fidelity"})
		if len(reviews) != 1 || *reviews[0].Total != 75 || reviews[0].Status != fidelity.StatusFinalised || len(reviews[0].RaterIDs) != 2 {
			t.Fatalf("review %+v", reviews)
		}
	})
}

// A lead imports only into their own subtree: another region's sites, and
// new sites at the top of the tree, are row errors.
func TestImportKeepsALeadInTheirSubtree(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		lead := as(fidelity.RoleLead, "", w.regionA)
		header, row := wideRow(w.sc, "Nord/Bodø/Team Bodø,,se-fidelity@2008,external,finalised,2024-03-18,2024-03-19,,", func(string) string { return "4" })
		_, ownRow := wideRow(w.sc, "Vest/Bergen/Team Bergen,,se-fidelity@2008,external,finalised,2024-03-18,2024-03-19,,", func(string) string { return "4" })
		_, newRoot := wideRow(w.sc, "Sør/1,,se-fidelity@2008,external,finalised,2024-03-18,2024-03-19,,", func(string) string { return "4" })
		rep := importFile(t, w.svc, lead, []byte(header+"\n"+row+"\n"+ownRow+"\n"+newRoot+"\n"), service.ImportOptions{CreateSites: true, Commit: true})
		if len(rep.Errors) != 2 || rep.Errors[0].Row != 2 || rep.Errors[1].Row != 4 || rep.Summary.ReviewsCreated != 1 || rep.Committed {
			t.Fatalf("%+v %+v", rep.Summary, rep.Errors)
		}
		if _, err := w.svc.Import(as(fidelity.RoleRater, w.raterA), strings.NewReader(header), service.ImportOptions{}); fidelity.KindOf(err) != fidelity.KindForbidden {
			t.Fatalf("a rater imported: %v", err)
		}
	})
}

// A file that is not a table at all is one invalid-input error, naming the
// file; a hostile one never writes.
func TestImportRefusesFilesThatAreNotTables(t *testing.T) {
	svc := newImportService(t, storetest.SQLite(t))
	_, err := svc.Import(context.Background(), strings.NewReader("PK\x03\x04 not a zip"), service.ImportOptions{Commit: true})
	if fidelity.KindOf(err) != fidelity.KindInvalid || fidelity.FieldsOf(err)[0].Field != "file" {
		t.Fatalf("%v", err)
	}
	lim := importer.DefaultLimits()
	lim.MaxRows = 1
	_, err = svc.Import(context.Background(), strings.NewReader("site_code,scale,review_type,visit_start,visit_end,O6\nA,x,y,2024-01-01,2024-01-01,1\nB,x,y,2024-01-01,2024-01-01,1\n"),
		service.ImportOptions{Commit: true, Limits: lim})
	if fidelity.KindOf(err) != fidelity.KindInvalid {
		t.Fatalf("%v", err)
	}
}

// More errors than the report lists: the report stops at 1,000 and says
// so, and the rows after them are still checked (a good review after
// many bad ones once went unchecked into an empty write).
func TestImportWithMoreErrorsThanReported(t *testing.T) {
	svc := newImportService(t, storetest.SQLite(t))
	sc, _ := svc.Scales().Get("se-fidelity", "2008")
	var rows []string
	header, _ := wideRow(sc, "", func(string) string { return "4" })
	rows = append(rows, header)
	for i := range service.MaxReportedErrors + 5 {
		_, bad := wideRow(sc, fmt.Sprintf("R01/%d,,se-fidelity@2008,external,finalised,2024-03-18,2024-03-19,,", i), func(id string) string {
			if id == "O6" {
				return "9"
			}
			return "4"
		})
		rows = append(rows, bad)
	}
	_, good := wideRow(sc, "R02/1,,se-fidelity@2008,external,finalised,2024-03-18,2024-03-19,,", func(string) string { return "4" })
	rows = append(rows, good)
	rep := importFile(t, svc, context.Background(), []byte(strings.Join(rows, "\n")+"\n"), service.ImportOptions{CreateSites: true, Commit: true})
	if rep.Committed || !rep.Truncated || len(rep.Errors) != service.MaxReportedErrors || rep.Summary.ReviewsCreated != 1 {
		t.Fatalf("committed %v truncated %v errors %d summary %+v", rep.Committed, rep.Truncated, len(rep.Errors), rep.Summary)
	}
	if sites, _, _ := svc.ListSites(context.Background(), service.SiteFilter{}); len(sites) != 0 {
		t.Fatalf("wrote %d sites", len(sites))
	}
}

// The wide export (consensus only, finalised reviews), imported into the
// database it came from, matches every review — totals checked, raters
// not named — and creates nothing.
func TestImportOfTheWideExportMatchesItsReviews(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		d := storetest.Dialect{Name: "sqlite", New: func(testing.TB) *store.Store { return st }}
		svc := seededSource(t, d)
		ctx := context.Background()
		sc, _ := svc.Scales().Get("se-fidelity", "2008")
		var b bytes.Buffer
		err := export.WriteWideCSV(&b, sc, export.Sources{Catalog: svc.Scales(),
			Reviews: func(fn func(fidelity.ReviewScores) error) error {
				return svc.ExportReviews(ctx, service.ReportQuery{}, []fidelity.ReviewStatus{fidelity.StatusFinalised}, fn)
			}})
		if err != nil {
			t.Fatal(err)
		}
		rows := bytes.Count(b.Bytes(), []byte("\n")) - 1
		rep := importFile(t, svc, ctx, b.Bytes(), service.ImportOptions{Commit: true})
		s := rep.Summary
		if len(rep.Errors) > 0 || rows == 0 || s.ReviewsMatched != rows || s.ReviewsCreated+s.SitesCreated+s.RatersCreated != 0 {
			t.Fatalf("%d rows: %+v %v", rows, s, rep.Errors[:min(3, len(rep.Errors))])
		}
	})
}
