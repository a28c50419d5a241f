package httpapi_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/demo"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/httpapi"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// BenchmarkHotReads measures the service's own cost of the two hot reads of
// scripts/bench, GET a review's score and GET a page of reviews, through the
// real router (every middleware, contract validation, authentication, JSON
// encoding) on a real database. Run with -benchmem: allocations per request
// do not depend on the machine's load, wall time does.
//
//	CI=true go test ./internal/httpapi -run '^$' -bench HotReads -benchmem
//
// "open" is the service without API keys (as scripts/bench runs it), "key"
// with a Bearer key, as production runs it.
func BenchmarkHotReads(b *testing.B) {
	for _, d := range storetest.Dialects() {
		b.Run(d.Name, func(b *testing.B) {
			st := d.New(b)
			svc, ctx := benchService(b, st)
			o := demo.DefaultOptions(time.Now().UTC().AddDate(0, 0, -14))
			o.Offices, o.Reviews, o.OlderScaleTeams = 3, 3, 0
			if _, err := demo.Seed(ctx, svc, o); err != nil {
				b.Fatal(err)
			}
			h := httpapi.New(httpapi.Options{Service: svc, MaxBodyBytes: 256 << 10, Version: "bench"})
			list, _, err := svc.ListReviews(ctx, service.ReviewFilter{Status: []fidelity.ReviewStatus{fidelity.StatusFinalised}, Page: service.Page{Limit: 1}})
			if err != nil || len(list) == 0 {
				b.Fatalf("no finalised review: %v", err)
			}
			review := list[0].ID

			run := func(b *testing.B, path, auth string) {
				b.Helper()
				req := httptest.NewRequest(http.MethodGet, path, nil)
				req.RemoteAddr = "127.0.0.1:40000"
				if auth != "" {
					req.Header.Set("Authorization", "Bearer "+auth)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
				}
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, req)
					if rec.Code != http.StatusOK {
						b.Fatalf("%s: %d", path, rec.Code)
					}
				}
			}
			score, page := "/v1/reviews/"+review+"/score", "/v1/reviews?limit=50"
			b.Run("open/score", func(b *testing.B) { run(b, score, "") })
			b.Run("open/list", func(b *testing.B) { run(b, page, "") })
			b.Run("open/site", func(b *testing.B) { run(b, "/v1/sites/"+list[0].SiteID, "") })

			_, secret, err := svc.CreateKey(ctx, service.KeyInput{Name: "bench", Role: fidelity.RoleLead, AllSites: true})
			if err != nil {
				b.Fatal(err)
			}
			b.Run("key/score", func(b *testing.B) { run(b, score, secret) })
			b.Run("key/list", func(b *testing.B) { run(b, page, secret) })
		})
	}
}

// benchService is a service with the shipped scales on st, and a context
// acting as the system.
func benchService(b *testing.B, st *store.Store) (*service.Service, context.Context) {
	b.Helper()
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		b.Fatal(err)
	}
	svc := service.New(st, cat, service.DefaultConfig())
	ctx := fidelity.WithPrincipal(context.Background(), fidelity.System)
	if err := svc.SyncScales(ctx); err != nil {
		b.Fatal(err)
	}
	return svc, ctx
}

// BenchmarkRatingAutosave measures a rater's autosave, PUT of a complete
// 25-item rating set (internal/scoring/testdata/complete-review.json, the
// body scripts/bench sends) on an in-progress review, through the real
// router on a real database: decoding, contract validation, scoring, the
// transaction and the audit event. Allocations per save and statements per
// save are the figures to compare; wall time includes the commit's flush.
//
//	CI=true go test ./internal/httpapi -run '^$' -bench RatingAutosave -benchmem
func BenchmarkRatingAutosave(b *testing.B) {
	items, err := os.ReadFile("../scoring/testdata/complete-review.json")
	if err != nil {
		b.Fatal(err)
	}
	body := append(append([]byte(`{"items":`), items...), '}')
	for _, d := range storetest.Dialects() {
		b.Run(d.Name, func(b *testing.B) {
			st := d.New(b)
			svc, ctx := benchService(b, st)
			site, err := svc.CreateSite(ctx, service.SiteInput{Kind: "team", Code: "T1", Name: "Team Bergen"})
			if err != nil {
				b.Fatal(err)
			}
			var raters []string
			for _, name := range []string{"One", "Two"} {
				r, err := svc.CreateRater(ctx, service.RaterInput{Name: name, Email: name + "@example.no"})
				if err != nil {
					b.Fatal(err)
				}
				raters = append(raters, r.ID)
			}
			day := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
			rv, err := svc.PlanReview(ctx, service.ReviewInput{SiteID: site.ID, Scale: "se-fidelity@2008",
				Type: fidelity.ReviewExternal, VisitStart: day, VisitEnd: day, RaterIDs: raters})
			if err != nil {
				b.Fatal(err)
			}
			h := httpapi.New(httpapi.Options{Service: svc, MaxBodyBytes: 256 << 10, Version: "bench"})
			path := "/v1/reviews/" + rv.ID + "/ratings/" + raters[0]
			save := func() {
				req := httptest.NewRequest(http.MethodPut, path, bytes.NewReader(body))
				req.RemoteAddr = "127.0.0.1:40000"
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("If-Match", "*")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("PUT %s: %d %s", path, rec.Code, rec.Body)
				}
			}
			save() // the first save moves the review to in_progress
			before := st.Statements()
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				save()
			}
			b.ReportMetric(float64(st.Statements()-before)/float64(b.N), "statements/op")
		})
	}
}
