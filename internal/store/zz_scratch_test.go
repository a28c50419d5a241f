package store_test

import (
	"io"
	"os"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

func BenchmarkZZScratchSeed(b *testing.B) {
	s := storetest.Open(b, os.Getenv("SCRATCH_URL"))
	must(b, s.Migrate(ctxT(b), "up", io.Discard))
	seedReports(b, s)
}
