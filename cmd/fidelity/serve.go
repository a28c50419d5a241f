package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	neturl "net/url"
	"runtime/debug"
	"time"

	"github.com/ipsfidelity/fidelity/internal/config"
	"github.com/ipsfidelity/fidelity/internal/demo"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/httpapi"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/webui"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	clock := newStartupClock()
	// The API contract's parse is the largest single piece of start-up
	// CPU; it runs while the database is opened and migrated.
	httpapi.Preload()
	cfg, err := config.Parse(args, getenv)
	if err != nil {
		return usageError{"invalid configuration:\n" + err.Error()}
	}
	log := newLogger(stderr, cfg)
	clock.lap("config")
	app, err := openTimed(ctx, cfg, log, clock)
	if err != nil {
		return err
	}
	defer app.close()

	keyed, err := app.svc.KeysConfigured(ctx)
	if err != nil {
		return err
	}
	clock.lap("keys")
	if !keyed && !config.IsLoopback(cfg.Addr) {
		return fmt.Errorf("refusing to listen on %s: no API keys exist, so the service would run open; "+
			"create one with `fidelity keys create --name admin --role admin`, or bind to a loopback address (127.0.0.1, ::1, localhost)", cfg.Addr)
	}
	if cfg.Demo {
		if err := seedDemo(ctx, app.svc, log); err != nil {
			return err
		}
		clock.lap("demo")
	}

	handler := httpapi.New(httpapi.Options{
		Service: app.svc, Logger: log, MaxBodyBytes: cfg.MaxBodyBytes, Version: version,
		DB: app.store.SQLDB, RatePerSecond: cfg.RatePerSecond, RateBurst: cfg.RateBurst,
		RequestTimeout: cfg.RequestTimeout, ExportTimeout: cfg.ExportTimeout, IfMatchOptional: !cfg.RequireIfMatch,
		Mount: webui.Mounter(webui.Options{Service: app.svc, Logger: log, SessionKey: []byte(cfg.SessionKey)}),
	})
	clock.lap("router")
	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           handler,
		ReadTimeout:       cfg.ReadTimeout,
		ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		// Headers between httpapi.MaxHeaderBytes and this hard cap get a
		// problem+json 431 from the API; only beyond it does net/http
		// answer with its own text/plain 431.
		MaxHeaderBytes: 16 * httpapi.MaxHeaderBytes,
		ErrorLog:       slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	// Start-up (migrations, scale validation, demo seeding) churns through
	// several times the heap the service keeps; hand those pages back now
	// rather than when the runtime's scavenger gets to them minutes later,
	// so an idle replica's resident size is what it needs. Done beside
	// serving instead (go …), it left 5–6 MB more of the binary's pages
	// resident (the collection then meets the server's goroutines and
	// touches their code and tables), and costs only a few ms here.
	debug.FreeOSMemory()
	clock.lap("free_memory")
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	clock.lap("listen")
	log.Info("ready", clock.attrs()...)
	url := "http://" + ln.Addr().String()
	if !keyed {
		log.Warn("RUNNING OPEN: no API keys exist, so every request acts as the administrator; "+
			"listening on loopback only. Create a key with `fidelity keys create` to require keys.", "addr", ln.Addr().String())
	}
	fmt.Fprintf(stdout, "fidelity %s serving on %s  (web %s/, API %s/v1, docs %s/docs)\n", version, url, url, url, url)

	go sweepEvidence(ctx, app.svc, log, time.Hour)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down; draining in-flight requests", "timeout", cfg.ShutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func newLogger(w io.Writer, cfg config.Config) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// app is the wired service with what must be closed at exit.
type app struct {
	svc   *service.Service
	store *store.Store
}

func (a *app) close() { _ = a.store.Close() }

// open connects the database, migrates it when configured, loads the
// scales and records them in the database.
func open(ctx context.Context, cfg config.Config, log *slog.Logger) (*app, error) {
	return openTimed(ctx, cfg, log, nil)
}

// openTimed is open recording its phases on clock (nil: not recorded).
func openTimed(ctx context.Context, cfg config.Config, log *slog.Logger, clock *startupClock) (*app, error) {
	// Decoding the scale files is CPU work, opening the database mostly
	// waiting for it: they overlap.
	type loaded struct {
		cat *scale.Catalog
		err error
	}
	catalog := make(chan loaded, 1)
	go func() {
		cat, err := loadCatalog(cfg.ScaleDirs)
		catalog <- loaded{cat, err}
	}()
	url := cfg.DatabaseURL
	if url == "" {
		url = config.DefaultSQLitePath
	}
	st, err := store.Open(ctx, store.Config{URL: url, Logger: log, MaxOpenConns: cfg.DBMaxConns})
	if err != nil {
		return nil, err
	}
	clock.lap("db_open")
	// Invalid scale files stop the start before any migration, as before.
	l := <-catalog
	if l.err != nil {
		_ = st.Close()
		return nil, l.err
	}
	cat := l.cat
	clock.lap("scale_files_wait")
	if cfg.MigrateOnStart {
		if err := st.Migrate(ctx, "up", io.Discard); err != nil {
			_ = st.Close()
			return nil, err
		}
		clock.lap("migrate")
	}
	svc := service.New(st, cat, service.Config{
		BlindRatings:       cfg.BlindRatings,
		DueMonthsBelowGood: cfg.DueMonthsBelow,
		DueMonthsGood:      cfg.DueMonthsGood,
		GoodBands:          service.DefaultConfig().GoodBands,
		ReportCacheEntries: cfg.ReportCache,
		ReportTimeline: fidelity.ReportTimeline{
			ReportDays: cfg.ReportDays, CommentDays: cfg.CommentDays, EvidenceDays: cfg.EvidenceDays,
			ActionPlanDays: cfg.ActionPlanDays, SupportMonths: cfg.SupportMonths, ActionBelowScore: cfg.ActionBelowScore,
		},
	}, service.WithLogger(log))
	if err := svc.SyncScales(ctx); err != nil {
		_ = st.Close()
		return nil, err
	}
	clock.lap("scale_sync")
	log.Info("database ready", "database", redact(url), "scales", len(cat.List()))
	return &app{svc: svc, store: st}, nil
}

// seedDemo fills an empty database with the demo data set; a database that
// already has data is left alone.
func seedDemo(ctx context.Context, svc *service.Service, log *slog.Logger) error {
	ctx = fidelity.WithPrincipal(ctx, fidelity.System)
	start := time.Now()
	sum, err := demo.Seed(ctx, svc, demo.DefaultOptions(time.Now().UTC().AddDate(0, 0, -14)))
	if fidelity.KindOf(err) == fidelity.KindConflict {
		log.Info("demo data not seeded: the database already has data")
		return nil
	}
	if err != nil {
		return fmt.Errorf("seeding demo data: %w", err)
	}
	log.Info("demo data seeded", "sites", sum.Sites, "raters", sum.Raters, "reviews", sum.Reviews,
		"finalised", sum.Finalised, "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// redact hides a password in a database URL for logs.
func redact(u string) string {
	if !config.IsPostgres(u) {
		return u
	}
	parsed, err := neturl.Parse(u)
	if err != nil {
		return "postgres://(unparseable URL)"
	}
	return parsed.Redacted()
}

// sweepEvidence purges the evidence notes whose retention period after the
// final report has ended: once at start, then every interval until ctx
// ends. Every replica may run it; a review purged twice is skipped, as the
// second purge finds it marked.
func sweepEvidence(ctx context.Context, svc *service.Service, log *slog.Logger, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := svc.PurgeExpiredEvidence(ctx); err != nil {
			log.Warn("evidence retention sweep failed; retrying at the next interval", "err", err)
		} else if n > 0 {
			log.Info("evidence notes purged after the retention period", "reviews", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
