package store

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"gorm.io/gorm/logger"
)

// gormLogger bridges gorm to slog. Failed statements are not logged: the
// error goes back to the caller, which decides whether it is worth a log
// line (a unique violation usually is not). Slow statements are logged at
// warn, without their parameters, which may hold personal data.
type gormLogger struct {
	log        *slog.Logger
	slow       time.Duration
	statements *atomic.Int64 // every statement run, for Store.Statements
}

func newGormLogger(log *slog.Logger, slow time.Duration, statements *atomic.Int64) *gormLogger {
	return &gormLogger{log: log, slow: slow, statements: statements}
}

func (l *gormLogger) LogMode(logger.LogLevel) logger.Interface { return l }

func (l *gormLogger) Info(ctx context.Context, msg string, args ...any) {
	l.log.DebugContext(ctx, "gorm: "+fmt.Sprintf(msg, args...))
}

func (l *gormLogger) Warn(ctx context.Context, msg string, args ...any) {
	l.log.WarnContext(ctx, "gorm: "+fmt.Sprintf(msg, args...))
}

func (l *gormLogger) Error(ctx context.Context, msg string, args ...any) {
	l.log.WarnContext(ctx, "gorm: "+fmt.Sprintf(msg, args...))
}

func (l *gormLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), _ error) {
	l.statements.Add(1)
	if l.slow <= 0 {
		return
	}
	if elapsed := time.Since(begin); elapsed > l.slow {
		sql, rows := fc()
		l.log.WarnContext(ctx, "slow query", "elapsed", elapsed, "sql", sql, "rows", rows)
	}
}

// ParamsFilter keeps parameter values out of the SQL text gorm hands to
// Trace.
func (l *gormLogger) ParamsFilter(_ context.Context, sql string, _ ...any) (string, []any) {
	return sql, nil
}
