package importer

import (
	"fmt"
	"io"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// longRows streams a long-layout CSV of n item rows without holding it.
type longRows struct {
	n, i int
	buf  []byte
}

func (l *longRows) Read(p []byte) (int, error) {
	for len(l.buf) < len(p) && l.i <= l.n {
		if l.i == 0 {
			l.buf = append(l.buf, "review_id,site_path,scale,review_type,review_status,visit_start,visit_end,rater,item,score\n"...)
		} else {
			r := l.i / 25
			l.buf = fmt.Appendf(l.buf, "rv%d,R01/%04d/%04d-1,se-fidelity@2008,external,finalised,2024-03-18,2024-03-19,consensus,O%d,%d\n",
				r, r%1000, r%1000, l.i%25+1, 1+l.i%5)
		}
		l.i++
	}
	if len(l.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, l.buf)
	l.buf = l.buf[n:]
	return n, nil
}

// BenchmarkReadLong500k reads 500,000 item rows and reports the peak heap
// in use while reading: it must not grow with the file (flat memory).
func BenchmarkReadLong500k(b *testing.B) {
	for b.Loop() {
		var peak atomic.Uint64
		stop := make(chan struct{})
		go func() {
			var m runtime.MemStats
			for {
				select {
				case <-stop:
					return
				case <-time.After(20 * time.Millisecond):
					runtime.ReadMemStats(&m)
					if m.HeapInuse > peak.Load() {
						peak.Store(m.HeapInuse)
					}
				}
			}
		}()
		rows := 0
		err := Read(&longRows{n: 500_000}, DefaultLimits(), Handler{
			Row:   func(Row) error { rows++; return nil },
			Error: func(e RowError) error { return e },
		})
		close(stop)
		if err != nil || rows != 500_000 {
			b.Fatalf("%d rows, %v", rows, err)
		}
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
	}
	b.ReportMetric(float64(b.N)*500_000/b.Elapsed().Seconds(), "rows/s")
}
