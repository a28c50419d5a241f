package main

import (
	"log/slog"
	"time"
)

// startupClock records how long each start-up phase of serve took, so the
// "ready" log line says where a slow start went (config, database, scales,
// router…) without a profiler. Package init, before main, is not included:
// GODEBUG=inittrace=1 reports it.
type startupClock struct {
	start, last time.Time
	phases      []any
}

func newStartupClock() *startupClock {
	now := time.Now()
	return &startupClock{start: now, last: now}
}

// lap ends the current phase under name. A nil clock records nothing.
func (c *startupClock) lap(name string) {
	if c == nil {
		return
	}
	now := time.Now()
	c.phases = append(c.phases, slog.Duration(name, now.Sub(c.last).Round(10*time.Microsecond)))
	c.last = now
}

// attrs are the phases and the total since main's serve began.
func (c *startupClock) attrs() []any {
	return append(c.phases, slog.Duration("total", time.Since(c.start).Round(10*time.Microsecond)))
}
