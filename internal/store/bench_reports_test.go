package store_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// Volume of the report benchmarks: the national picture the design sizes
// for (1,000 teams × 10 reviews × 2 raters + consensus × 25 items = 750k
// item ratings).
const (
	benchRegions        = 10
	benchTeamsPerRegion = 100
	benchReviewsPerTeam = 10
	benchItems          = 25
	benchRaters         = 20
)

// BenchmarkReports seeds the volume once per dialect and measures the
// report reads on it. With -v it also logs the query plans the index
// choices of migrations/00002 rest on.
func BenchmarkReports(b *testing.B) {
	for _, d := range storetest.Dialects() {
		b.Run(d.Name, func(b *testing.B) {
			s := d.New(b)
			start := time.Now()
			region := seedReports(b, s)
			b.Logf("%s: seeded %d ratings in %v", d.Name,
				benchRegions*benchTeamsPerRegion*benchReviewsPerTeam*3*benchItems, time.Since(start).Round(time.Millisecond))
			if testing.Verbose() {
				explainReports(b, s, region)
			}
			b.Run("LatestScores", func(b *testing.B) {
				f := service.LatestFilter{ScaleID: "se-fidelity"}
				b.ReportAllocs()
				for b.Loop() {
					got, err := s.LatestScores(ctxT(b), f)
					if err != nil {
						b.Fatal(err)
					}
					if len(got) != benchRegions*benchTeamsPerRegion || len(got[0].Consensus) == 0 {
						b.Fatalf("%d sites", len(got))
					}
				}
			})
			b.Run("LatestScoresRegion", func(b *testing.B) {
				f := service.LatestFilter{Subtree: region, ScaleID: "se-fidelity"}
				for b.Loop() {
					got, err := s.LatestScores(ctxT(b), f)
					if err != nil {
						b.Fatal(err)
					}
					if len(got) != benchTeamsPerRegion {
						b.Fatalf("%d sites", len(got))
					}
				}
			})
			b.Run("ListReviewScoresWithRaters", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					n := 0
					err := s.ListReviewScores(ctxT(b), service.ReviewFilter{}, true, func(fidelity.ReviewScores) error {
						n++
						return nil
					})
					if err != nil || n != benchRegions*benchTeamsPerRegion*benchReviewsPerTeam {
						b.Fatalf("%d reviews, %v", n, err)
					}
				}
			})
			b.Run("StreamRatings", func(b *testing.B) {
				b.ReportAllocs()
				var rows int
				var peak uint64
				var ms runtime.MemStats
				for b.Loop() {
					rows = 0
					err := s.StreamRatings(ctxT(b), service.ReviewFilter{}, func(service.ExportRating) error {
						// Sampled, as ReadMemStats stops the world.
						if rows++; rows%100_000 == 0 {
							runtime.ReadMemStats(&ms)
							peak = max(peak, ms.HeapAlloc)
						}
						return nil
					})
					if err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
				b.ReportMetric(float64(rows), "rows")
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			})
		})
	}
}

// seedReports writes the benchmark volume with multi-row INSERTs and
// INSERT … SELECT, minutes faster than the Store API, and returns the id
// of the first region.
func seedReports(b *testing.B, s *store.Store) string {
	ctx := ctxT(b)
	at := time.Now().UTC().Format("2006-01-02T15:04:05.000000Z")
	raters := make([]string, benchRaters)
	var raterRows [][]any
	for i := range raters {
		raters[i] = newID(b)
		name := fmt.Sprintf("Rater %02d", i)
		raterRows = append(raterRows, []any{raters[i], name, strings.ToLower(name), at, at, 1})
	}
	insertRows(b, s, "raters", "id, name, name_fold, created_at, updated_at, version", raterRows)

	var sites, reviews, reviewRaters [][]any
	var firstRegion string
	for g := range benchRegions {
		reg := newID(b)
		if g == 0 {
			firstRegion = reg
		}
		siteRow := func(id string, parent any, path, kind, name string) []any {
			return []any{id, parent, path, kind, name, strings.ToLower(name), "", at, at, 1}
		}
		sites = append(sites, siteRow(reg, nil, "/"+reg+"/", fidelity.SiteKindRegion, fmt.Sprintf("Region %d", g)))
		for t := range benchTeamsPerRegion {
			team := newID(b)
			sites = append(sites, siteRow(team, reg, "/"+reg+"/"+team+"/", fidelity.SiteKindTeam, fmt.Sprintf("Team %d.%d", g, t)))
			for i := range benchReviewsPerTeam {
				id := newID(b)
				// Yearly reviews; the last two years' are not finalised yet.
				status, fin := fidelity.StatusFinalised, any(at)
				switch i {
				case benchReviewsPerTeam - 2:
					status, fin = fidelity.StatusConsensus, nil
				case benchReviewsPerTeam - 1:
					status, fin = fidelity.StatusPlanned, nil
				}
				typ := fidelity.ReviewExternal
				if i%4 == 3 {
					typ = fidelity.ReviewSelf
				}
				end := time.Date(2016+i, time.Month(1+t%12), 1+g, 0, 0, 0, 0, time.UTC)
				reviews = append(reviews, []any{id, team, "se-fidelity", "2008", string(typ), string(status),
					end.AddDate(0, 0, -1).Format("2006-01-02"), end.Format("2006-01-02"),
					75.0 + float64(i), "good", true, true, fin, at, at, 1})
				k := len(reviews)
				reviewRaters = append(reviewRaters,
					[]any{id, raters[k%benchRaters], 0}, []any{id, raters[(k+1)%benchRaters], 1})
			}
		}
	}
	insertRows(b, s, "sites", "id, parent_id, path, kind, name, name_fold, code_fold, created_at, updated_at, version", sites)
	insertRows(b, s, "reviews", "id, site_id, scale_id, scale_version, type, status, visit_start, visit_end, "+
		"total, band, valid, complete, finalised_at, created_at, updated_at, version", reviews)
	insertRows(b, s, "review_raters", "review_id, rater_id, seq", reviewRaters)

	must(b, store.ExecRaw(ctx, s, `INSERT INTO rating_sets (review_id, rater_key, scorecard, submitted, updated_at, version)
		SELECT review_id, rater_id, '{}', TRUE, ?, 1 FROM review_raters
		UNION ALL SELECT id, 'consensus', '{}', TRUE, ?, 1 FROM reviews`, at, at))
	items := make([]string, benchItems)
	for i := range items {
		items[i] = fmt.Sprintf("SELECT 'Sv%d' AS item_id, %d AS seq", i+1, i)
	}
	// Every 13th item unscored; inputs of a realistic size.
	must(b, store.ExecRaw(ctx, s, `INSERT INTO ratings (review_id, rater_key, item_id, seq, score, input)
		SELECT rs.review_id, rs.rater_key, it.item_id, it.seq,
			CASE WHEN (it.seq + LENGTH(rs.rater_key)) % 13 = 0 THEN NULL
			ELSE 1 + (it.seq + LENGTH(rs.rater_key)) % 5 END, ?
		FROM rating_sets rs CROSS JOIN (`+strings.Join(items, " UNION ALL ")+`) it`,
		`{"item":"Sv1","score":3,"elements":null,"evidence":"seen in 12 of 20 records; supervisor confirms"}`))
	// Statistics, as autovacuum (PostgreSQL) and PRAGMA optimize at Open
	// (SQLite) keep them in a running system.
	must(b, store.ExecRaw(ctx, s, "ANALYZE"))
	return firstRegion
}

// insertRows inserts rows with as many rows per statement as the
// parameter limits of both dialects comfortably allow.
func insertRows(b *testing.B, s *store.Store, table, cols string, rows [][]any) {
	b.Helper()
	if len(rows) == 0 {
		return
	}
	width := len(rows[0])
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + ")"
	per := 8000 / width
	for len(rows) > 0 {
		n := min(per, len(rows))
		args := make([]any, 0, n*width)
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		sql := "INSERT INTO " + table + " (" + cols + ") VALUES " + strings.TrimSuffix(strings.Repeat(tuple+", ", n), ", ")
		must(b, store.ExecRaw(ctxT(b), s, sql, args...))
		rows = rows[n:]
	}
}

// explainReports logs the plans of the statements behind the reports, in
// the shape the store generates them.
func explainReports(b *testing.B, s *store.Store, region string) {
	ctx := ctxT(b)
	var path string
	site, err := s.GetSite(ctx, region)
	must(b, err)
	path = site.Path
	for _, q := range []struct {
		name string
		sql  string
		args []any
	}{
		{"latest per site", `SELECT l.id FROM (SELECT r.id, r.site_id,
				ROW_NUMBER() OVER (PARTITION BY r.site_id ORDER BY r.visit_end DESC, r.id DESC) AS rn
				FROM reviews AS r WHERE r.scale_id = ? AND r.status IN (?)) AS l WHERE l.rn = 1`,
			[]any{"se-fidelity", "finalised"}},
		{"subtree by LIKE", `SELECT id FROM sites WHERE path LIKE ? ESCAPE '\'`, []any{path + "%"}},
		{"subtree by range", `SELECT id FROM sites WHERE path >= ? AND path < ?`,
			[]any{path, strings.TrimSuffix(path, "/") + "0"}},
		{"consensus scores", `SELECT rt.review_id, rt.item_id, rt.score FROM ratings rt
				WHERE rt.review_id IN (SELECT id FROM reviews WHERE site_id IN (SELECT id FROM sites WHERE parent_id = ?))
				AND rt.score IS NOT NULL AND rt.rater_key = ?`, []any{region, fidelity.ConsensusKey}},
		{"export", `SELECT r.id, s.code, rt.rater_key, COALESCE(ra.name, ''), rt.item_id, rt.seq, rt.score
				FROM ratings AS rt JOIN reviews r ON r.id = rt.review_id JOIN sites s ON s.id = r.site_id
				LEFT JOIN raters ra ON ra.id = rt.rater_key ORDER BY rt.review_id, rt.rater_key, rt.seq`, nil},
	} {
		plan, err := store.Explain(ctx, s, q.sql, q.args...)
		must(b, err)
		b.Logf("%s (%s):\n  %s", q.name, s.Dialect(), strings.Join(plan, "\n  "))
	}
}
