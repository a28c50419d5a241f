// Package service holds the use cases of the fidelity service: planning and
// carrying out reviews, scoring them on every write, and reading them back.
// Adapters (REST, web UI, CLI) call it; it calls the Store it declares, the
// scale catalog and the pure scoring engine. Every write that touches more
// than one row runs in one transaction.
package service

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// Config holds the workflow rules that deployments may change.
type Config struct {
	// BlindRatings hides a rater's ratings from the other raters of the
	// review until every assigned rater has submitted (independent rating).
	BlindRatings bool
	// DueMonthsBelowGood and DueMonthsGood set the review cycle: six months
	// after a review below good fidelity, twelve after one at or above it
	// (SE Fidelity Scale manual; Wisconsin, THL).
	DueMonthsBelowGood int
	DueMonthsGood      int
	// GoodBands are the band ids that count as good fidelity for the cycle.
	GoodBands []string
	// ReportCacheEntries bounds the report cache (see reportCache); 0
	// turns it off, and with it the answers kept by version (keptAnswers).
	ReportCacheEntries int
	// ReportTimeline sets the written report's deadlines, the score below
	// which an item becomes a proposed action, and (EvidenceDays) how long
	// after the report is final the evidence notes are purged.
	ReportTimeline fidelity.ReportTimeline
}

// DefaultConfig is the rule of the domain notes.
func DefaultConfig() Config {
	return Config{
		BlindRatings:       true,
		DueMonthsBelowGood: 6,
		DueMonthsGood:      12,
		GoodBands:          []string{"good", "exemplary"},
		ReportCacheEntries: 256,
		ReportTimeline:     fidelity.UKTimeline(),
	}
}

// Service implements the use cases.
type Service struct {
	store  Store
	scales *scale.Catalog
	cfg    Config
	now    func() time.Time
	newID  func() string

	reports *reportCache  // nil when caching is off
	answers *answerStores // nil when caching is off

	lastPurge   atomic.Pointer[time.Time] // of idempotency records
	keyed       atomic.Bool               // an API key exists
	keysChecked atomic.Pointer[time.Time] // when "no key" was last confirmed
	authFailed  authThrottle              // failed authentications per client address
	keyCache    keyCache                  // keys read in the last keyCacheTTL (keycache.go)
	jobs        importJobs                // bulk imports over HTTP (import_jobs.go)
	log         *slog.Logger              // background work's failures (import jobs)
}

// Option adjusts a Service at construction (tests pin the clock).
type Option func(*Service)

// WithClock replaces the wall clock.
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// WithIDs replaces the id generator; ids must be unique and, for keyset
// pagination, increase in creation order (tests compare two runs).
func WithIDs(newID func() string) Option { return func(s *Service) { s.newID = newID } }

// WithLogger sets where background work (import jobs) reports failures
// that no request is waiting for; the default discards them.
func WithLogger(l *slog.Logger) Option { return func(s *Service) { s.log = l } }

// New wires a Service.
func New(store Store, scales *scale.Catalog, cfg Config, opts ...Option) *Service {
	s := &Service{
		store:  store,
		scales: scales,
		cfg:    cfg,
		now:    func() time.Time { return time.Now().UTC() },
		newID:  newUUIDv7,
		log:    slog.New(slog.DiscardHandler),
	}
	// The process's name in import_jobs.runner (not from newID: tests
	// that pin ids count on every id going to a resource).
	s.jobs.runner = newUUIDv7()
	s.reports = newReportCache(cfg.ReportCacheEntries)
	if cfg.ReportCacheEntries > 0 {
		s.answers = newAnswerStores()
	}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Scales returns the catalog the service scores with.
func (s *Service) Scales() *scale.Catalog { return s.scales }

// Ready reports whether the database answers.
func (s *Service) Ready(ctx context.Context) error { return s.store.Ping(ctx) }

// newUUIDv7 gives time-ordered ids, so keyset pagination by id is
// pagination by creation time on both databases.
func newUUIDv7() string {
	id, err := uuid.NewV7()
	if err != nil {
		// NewV7 fails only when the system's random source fails; a random
		// v4 is then still a unique id.
		return uuid.NewString()
	}
	return id.String()
}

func (s *Service) today() time.Time {
	t := s.now().UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// caller returns the principal of the request; contexts without one are
// the system (CLI and tests); the adapters always set one.
func caller(ctx context.Context) fidelity.Principal {
	if p, ok := fidelity.PrincipalFrom(ctx); ok {
		return p
	}
	return fidelity.System
}
