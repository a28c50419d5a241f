// Package config reads the service's settings from flags and environment
// variables (flags win), validates them once at start, and hands typed
// values to cmd/fidelity. No globals: every value travels in Config.
package config

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is the whole configuration of `fidelity serve`.
type Config struct {
	Addr            string        // FIDELITY_ADDR, --addr
	DatabaseURL     string        // DATABASE_URL, --database; "" = ./fidelity.db (SQLite)
	MigrateOnStart  bool          // FIDELITY_MIGRATE, --migrate
	Demo            bool          // FIDELITY_DEMO, --demo
	ScaleDirs       []string      // FIDELITY_SCALES_DIRS (comma separated), --scales-dir (repeatable)
	LogFormat       string        // FIDELITY_LOG_FORMAT: text | json
	LogLevel        string        // FIDELITY_LOG_LEVEL: debug | info | warn | error
	BlindRatings    bool          // FIDELITY_BLIND_RATINGS
	DueMonthsBelow  int           // FIDELITY_DUE_MONTHS_BELOW_GOOD
	DueMonthsGood   int           // FIDELITY_DUE_MONTHS_GOOD
	ReadTimeout     time.Duration // FIDELITY_READ_TIMEOUT
	WriteTimeout    time.Duration // FIDELITY_WRITE_TIMEOUT
	IdleTimeout     time.Duration // FIDELITY_IDLE_TIMEOUT
	ShutdownTimeout time.Duration // FIDELITY_SHUTDOWN_TIMEOUT
	MaxBodyBytes    int64         // FIDELITY_MAX_BODY_BYTES
	RatePerSecond   float64       // FIDELITY_RATE_PER_SECOND (per API key; 0 = no limit)
	RateBurst       int           // FIDELITY_RATE_BURST
	RequestTimeout  time.Duration // FIDELITY_REQUEST_TIMEOUT
	ExportTimeout   time.Duration // FIDELITY_EXPORT_TIMEOUT
	RequireIfMatch  bool          // FIDELITY_REQUIRE_IF_MATCH
	SessionKey      string        // FIDELITY_SESSION_KEY (web sessions; shared by replicas)
	DBMaxConns      int           // FIDELITY_DB_MAX_CONNS (PostgreSQL pool size)
	ReportCache     int           // FIDELITY_REPORT_CACHE (cached reports per process; 0 = off)

	// Written report timeline (UK default; docs/written-report.md).
	ReportDays       int // FIDELITY_REPORT_DAYS: report issued, days after the visit (28)
	CommentDays      int // FIDELITY_REPORT_COMMENT_DAYS: site comments, days after issue (7)
	EvidenceDays     int // FIDELITY_EVIDENCE_PURGE_DAYS: evidence purged, days after the final report (14)
	ActionPlanDays   int // FIDELITY_ACTION_PLAN_DAYS: action plan agreed, days after issue (42)
	SupportMonths    int // FIDELITY_SUPPORT_MONTHS: technical support, months after the visit (5)
	ActionBelowScore int // FIDELITY_ACTION_BELOW_SCORE: items scored below this become proposed actions (4)
}

// Defaults are what `fidelity serve` uses with no configuration.
func Defaults() Config {
	return Config{
		Addr:            "127.0.0.1:8080",
		DatabaseURL:     "",
		MigrateOnStart:  true,
		LogFormat:       "text",
		LogLevel:        "info",
		BlindRatings:    true,
		DueMonthsBelow:  6,
		DueMonthsGood:   12,
		ReadTimeout:     15 * time.Second,
		WriteTimeout:    60 * time.Second,
		IdleTimeout:     120 * time.Second,
		ShutdownTimeout: 20 * time.Second,
		MaxBodyBytes:    1 << 20,
		RatePerSecond:   50,
		RateBurst:       100,
		RequestTimeout:  10 * time.Second,
		ExportTimeout:   30 * time.Minute,
		RequireIfMatch:  true,
		DBMaxConns:      20,
		ReportCache:     256,

		// Written report timeline (UK, docs/written-report.md).
		ReportDays:       28,
		CommentDays:      7,
		EvidenceDays:     14,
		ActionPlanDays:   42,
		SupportMonths:    5,
		ActionBelowScore: 4,
	}
}

// DefaultSQLitePath is the embedded database file used without DATABASE_URL.
const DefaultSQLitePath = "fidelity.db"

// Parse reads environment variables (via getenv) and then the flags in args.
func Parse(args []string, getenv func(string) string) (Config, error) {
	c := Defaults()
	var errs []error
	env := func(name string, apply func(string) error) {
		if v := getenv(name); v != "" {
			if err := apply(v); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", name, err))
			}
		}
	}
	env("FIDELITY_ADDR", func(v string) error { c.Addr = v; return nil })
	env("DATABASE_URL", func(v string) error { c.DatabaseURL = v; return nil })
	env("FIDELITY_MIGRATE", boolInto(&c.MigrateOnStart))
	env("FIDELITY_DEMO", boolInto(&c.Demo))
	env("FIDELITY_SCALES_DIRS", func(v string) error { c.ScaleDirs = splitList(v); return nil })
	env("FIDELITY_LOG_FORMAT", func(v string) error { c.LogFormat = v; return nil })
	env("FIDELITY_LOG_LEVEL", func(v string) error { c.LogLevel = v; return nil })
	env("FIDELITY_BLIND_RATINGS", boolInto(&c.BlindRatings))
	env("FIDELITY_DUE_MONTHS_BELOW_GOOD", intInto(&c.DueMonthsBelow))
	env("FIDELITY_DUE_MONTHS_GOOD", intInto(&c.DueMonthsGood))
	env("FIDELITY_READ_TIMEOUT", durInto(&c.ReadTimeout))
	env("FIDELITY_WRITE_TIMEOUT", durInto(&c.WriteTimeout))
	env("FIDELITY_IDLE_TIMEOUT", durInto(&c.IdleTimeout))
	env("FIDELITY_SHUTDOWN_TIMEOUT", durInto(&c.ShutdownTimeout))
	env("FIDELITY_RATE_PER_SECOND", func(v string) error {
		f, err := strconv.ParseFloat(v, 64)
		c.RatePerSecond = f
		return err
	})
	env("FIDELITY_RATE_BURST", intInto(&c.RateBurst))
	env("FIDELITY_REQUEST_TIMEOUT", durInto(&c.RequestTimeout))
	env("FIDELITY_EXPORT_TIMEOUT", durInto(&c.ExportTimeout))
	env("FIDELITY_REQUIRE_IF_MATCH", boolInto(&c.RequireIfMatch))
	env("FIDELITY_DB_MAX_CONNS", intInto(&c.DBMaxConns))
	env("FIDELITY_REPORT_CACHE", intInto(&c.ReportCache))
	env("FIDELITY_REPORT_DAYS", intInto(&c.ReportDays))
	env("FIDELITY_REPORT_COMMENT_DAYS", intInto(&c.CommentDays))
	env("FIDELITY_EVIDENCE_PURGE_DAYS", intInto(&c.EvidenceDays))
	env("FIDELITY_ACTION_PLAN_DAYS", intInto(&c.ActionPlanDays))
	env("FIDELITY_SUPPORT_MONTHS", intInto(&c.SupportMonths))
	env("FIDELITY_ACTION_BELOW_SCORE", intInto(&c.ActionBelowScore))
	env("FIDELITY_SESSION_KEY", func(v string) error { c.SessionKey = v; return nil })
	env("FIDELITY_MAX_BODY_BYTES", func(v string) error {
		n, err := strconv.ParseInt(v, 10, 64)
		c.MaxBodyBytes = n
		return err
	})

	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen address (host:port)")
	fs.StringVar(&c.DatabaseURL, "database", c.DatabaseURL, "postgres://… URL, or a SQLite file path (default ./fidelity.db)")
	fs.BoolVar(&c.MigrateOnStart, "migrate", c.MigrateOnStart, "apply database migrations at start")
	fs.BoolVar(&c.Demo, "demo", c.Demo, "seed demo data into an empty database")
	fs.Func("scales-dir", "extra directory of scale YAML files (repeatable)", func(v string) error {
		c.ScaleDirs = append(c.ScaleDirs, v)
		return nil
	})
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "text or json")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		errs = append(errs, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " ")))
	}
	errs = append(errs, c.validate()...)
	return c, errors.Join(errs...)
}

func (c Config) validate() []error {
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("addr %q: want host:port (%v)", c.Addr, err))
	}
	if IsPostgres(c.DatabaseURL) {
		u, err := url.Parse(c.DatabaseURL)
		if err != nil || u.Host == "" {
			errs = append(errs, fmt.Errorf("DATABASE_URL is not a valid postgres:// URL (want postgres://user@host:5432/db)"))
		}
	}
	for _, d := range c.ScaleDirs {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			errs = append(errs, fmt.Errorf("scales directory %q is not a readable directory", d))
		}
	}
	switch c.LogFormat {
	case "text", "json":
	default:
		errs = append(errs, fmt.Errorf("log format %q: want text or json", c.LogFormat))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("log level %q: want debug, info, warn or error", c.LogLevel))
	}
	if c.DueMonthsBelow < 1 || c.DueMonthsGood < 1 {
		errs = append(errs, fmt.Errorf("due months must be at least 1"))
	}
	if c.DBMaxConns < 1 || c.DBMaxConns > 1000 {
		errs = append(errs, fmt.Errorf("FIDELITY_DB_MAX_CONNS must be 1–1000"))
	}
	if c.ReportCache < 0 || c.ReportCache > 100000 {
		errs = append(errs, fmt.Errorf("FIDELITY_REPORT_CACHE must be 0–100000 (0 turns the report cache off)"))
	}
	for _, d := range []struct {
		name      string
		v, lo, hi int
	}{
		{"FIDELITY_REPORT_DAYS", c.ReportDays, 1, 365}, {"FIDELITY_REPORT_COMMENT_DAYS", c.CommentDays, 1, 365},
		{"FIDELITY_EVIDENCE_PURGE_DAYS", c.EvidenceDays, 0, 3650}, {"FIDELITY_ACTION_PLAN_DAYS", c.ActionPlanDays, 1, 365},
		{"FIDELITY_SUPPORT_MONTHS", c.SupportMonths, 1, 60}, {"FIDELITY_ACTION_BELOW_SCORE", c.ActionBelowScore, 1, 6},
	} {
		if d.v < d.lo || d.v > d.hi {
			errs = append(errs, fmt.Errorf("%s must be %d–%d", d.name, d.lo, d.hi))
		}
	}
	if c.RatePerSecond < 0 || c.RateBurst < 0 {
		errs = append(errs, fmt.Errorf("rate limits must not be negative"))
	}
	if c.SessionKey != "" && len(c.SessionKey) < 32 {
		errs = append(errs, fmt.Errorf("FIDELITY_SESSION_KEY must be at least 32 characters"))
	}
	if c.MaxBodyBytes < 1024 {
		errs = append(errs, fmt.Errorf("max body bytes must be at least 1024"))
	}
	return errs
}

// IsPostgres reports whether a database URL selects PostgreSQL.
func IsPostgres(u string) bool {
	return strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://")
}

// IsLoopback reports whether addr listens on the loopback interface only.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func boolInto(dst *bool) func(string) error {
	return func(v string) error {
		b, err := strconv.ParseBool(v)
		*dst = b
		return err
	}
}

func intInto(dst *int) func(string) error {
	return func(v string) error {
		n, err := strconv.Atoi(v)
		*dst = n
		return err
	}
}

func durInto(dst *time.Duration) func(string) error {
	return func(v string) error {
		d, err := time.ParseDuration(v)
		*dst = d
		return err
	}
}
