package service_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/demo"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// BenchmarkImportCommitPostgres imports the long export of a demo history
// (20 offices × 6 reviews, as `scripts/bench-import --offices 20 --reviews
// 6`) into an empty PostgreSQL schema, in process: what the import costs
// without the binary's start, the connection and the scale sync. Reports
// item rows per second and the statements of one import.
//
//	CI=true go test ./internal/service -run '^$' -bench ImportCommit -benchmem -cpuprofile cpu.out
func BenchmarkImportCommitPostgres(b *testing.B) {
	ctx := context.Background()
	src := newImportService(b, storetest.Postgres(b))
	o := demo.DefaultOptions(time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC))
	o.Offices, o.Reviews, o.Plans = 20, 6, false
	if _, err := demo.Seed(ctx, src, o); err != nil {
		b.Fatal(err)
	}
	file := exportLong(b, src)
	rows := bytes.Count(file, []byte("\n")) - 1
	sys := fidelity.WithPrincipal(ctx, fidelity.System)
	var statements int64
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		st := storetest.Postgres(b)
		dst := newImportService(b, st)
		before := st.Statements()
		b.StartTimer()
		rep, err := dst.Import(sys, bytes.NewReader(file), service.ImportOptions{Commit: true, CreateSites: true})
		if err != nil || !rep.Committed || rep.Summary.ItemRatings != rows {
			b.Fatalf("import: %v, committed %v, %+v of %d rows", err, rep.Committed, rep.Summary, rows)
		}
		b.StopTimer()
		statements = st.Statements() - before
		b.StartTimer()
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(statements), "statements/import")
}
