// Package migrations holds the goose SQL migrations of the service. One set
// serves both PostgreSQL and SQLite, so every statement sticks to the common
// subset of the two dialects (see 00001_initial.sql for the conventions).
package migrations

import "embed"

// FS holds the migration files, in version order by name.
//
//go:embed *.sql
var FS embed.FS
