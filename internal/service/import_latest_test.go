package service_test

import (
	"context"
	"slices"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// The site_latest rows an import writes with its one set-based refresh
// (the database encodes the item scores) equal the ones RebuildSiteLatest
// computes in Go from the same reviews.
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
