package report

import (
	"math"
	"strconv"
	"time"

	"github.com/ipsfidelity/fidelity/internal/report/stats"
)

// CSV formatting helpers shared by the Table methods: numbers with
// strconv's shortest representation ('f', -1), dates as YYYY-MM-DD, and the
// empty string for anything undefined.

func fmtFloat(x float64) string {
	if !finite(x) {
		return ""
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

func fmtFloatPtr(p *float64) string {
	if p == nil {
		return ""
	}
	return fmtFloat(*p)
}

func fmtInt(n int) string { return strconv.Itoa(n) }

func fmtIntPtr(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

func fmtResult(r stats.Result) string { return fmtFloatPtr(r.Value) }

func fmtDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func fmtDatePtr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return fmtDate(*t)
}

func fmtBool(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// ptr returns a pointer to a finite x, nil otherwise.
func ptr(x float64) *float64 {
	if !finite(x) {
		return nil
	}
	if x == 0 {
		x = 0 // normalise −0
	}
	return &x
}

func intPtr(n int) *int { return &n }

func timePtr(t time.Time) *time.Time { return &t }
