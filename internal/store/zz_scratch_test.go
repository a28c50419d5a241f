package store_test

import (
	"io"
	"os"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/service"

	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

func BenchmarkZZScratchSeed(b *testing.B) {
	s := storetest.Open(b, os.Getenv("SCRATCH_URL"))
	must(b, s.Migrate(ctxT(b), "up", io.Discard))
	seedReports(b, s)
}

func BenchmarkZZScratchLatest(b *testing.B) {
	s := storetest.Open(b, os.Getenv("SCRATCH_URL"))
	for b.Loop() {
		got, err := s.LatestScores(ctxT(b), service.LatestFilter{ScaleID: "se-fidelity"})
		if err != nil || len(got) != 1000 {
			b.Fatal(err, len(got))
		}
	}
}

func BenchmarkZZScratchStream(b *testing.B) {
	s := storetest.Open(b, os.Getenv("SCRATCH_URL"))
	for b.Loop() {
		n := 0
		err := s.StreamRatings(ctxT(b), service.ReviewFilter{}, func(service.ExportRating) error { n++; return nil })
		if err != nil || n != 750000 {
			b.Fatal(err, n)
		}
	}
}
