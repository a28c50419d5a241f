package service_test

import (
	"context"
	"slices"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// The site_latest rows an import writes with its one refresh of the
// sites it touched equal the ones RebuildSiteLatest computes for all
// sites from the same reviews.
func TestImportedSiteLatestEqualsRebuilt(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d.Name, func(t *testing.T) {
			file := exportLong(t, seededSource(t, d))
			st := d.New(t)
			dst := newImportService(t, st)
			ctx := context.Background()
			rep := importFile(t, dst, ctx, file, service.ImportOptions{CreateSites: true, Commit: true})
			if !rep.Committed || rep.Summary.ReviewsCreated == 0 {
				t.Fatalf("import: %+v %v", rep.Summary, rep.Errors)
			}
			imported, err := st.SiteLatestRows(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := st.RebuildSiteLatest(ctx); err != nil {
				t.Fatal(err)
			}
			rebuilt, err := st.SiteLatestRows(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(imported) < 2 || !slices.Equal(imported, rebuilt) {
				t.Fatalf("imported ≠ rebuilt:\nimported %v\nrebuilt  %v", imported, rebuilt)
			}
		})
	}
}

// An import's statements grow with its batches, not with its reviews,
// sites or raters: one batch writes up to 100 reviews with the sites and
// raters created for them in at most nine statements, a site created by
// the import is not searched for stored reviews, site_latest is refreshed
// in two for all sites, and the data version moves once. Measured with
// Store.Statements on both dialects.
func TestImportStatementBudget(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d.Name, func(t *testing.T) {
			file := exportLong(t, seededSource(t, d))
			st := d.New(t)
			dst := newImportService(t, st)
			ctx := context.Background()
			before := st.Statements()
			rep := importFile(t, dst, ctx, file, service.ImportOptions{CreateSites: true, Commit: true})
			n := st.Statements() - before
			s := rep.Summary
			if !rep.Committed || s.ReviewsCreated == 0 || s.SitesCreated == 0 {
				t.Fatalf("import: %+v %v", s, rep.Errors)
			}
			batches := (s.ReviewsCreated + 99) / 100
			// per batch: sites, site_changes, raters, home sites; reviews,
			// review raters, sets, items, audit events; then site_latest
			// (2), the data version (1), the import.commit event (1), the
			// directory loads (2).
			budget := int64(9*batches + 6)
			t.Logf("%d statements for %+v (budget %d)", n, s, budget)
			if n > budget {
				t.Fatalf("%d statements, budget %d for %+v", n, budget, s)
			}
		})
	}
}
