// Package storetest gives tests of any package a real, migrated, empty
// store.Store on SQLite and on PostgreSQL, so that no test needs a mock of
// the database.
//
// Isolation: every call returns a store of its own. SQLite gets a new file
// in t.TempDir(). PostgreSQL gets a new schema (a search_path) in one
// database created per test process; creating a schema and migrating it
// takes ~40 ms where creating a database takes ~130 ms and dropping one up
// to 400 ms, and schemas also let tests run in parallel. Schemas are dropped
// when the test ends, the database when the process ends through Main; a
// database left behind by a killed process is dropped by the next run on
// the same host.
//
// PostgreSQL is found at FIDELITY_TEST_POSTGRES_URL, by default
// postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable (an admin
// URL: the helper creates databases there). When it is unreachable the
// PostgreSQL tests are skipped, except with CI=true, where they fail.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/store"
)

// Dialect names a database kind and how to get a fresh store on it.
type Dialect struct {
	Name string
	New  func(t testing.TB) *store.Store
}

// Dialects lists SQLite and PostgreSQL, for tests that loop themselves.
func Dialects() []Dialect {
	return []Dialect{{Name: "sqlite", New: SQLite}, {Name: "postgres", New: Postgres}}
}

// Each runs fn as one subtest per dialect ("sqlite", "postgres"), each with
// a fresh store.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, d := range Dialects() {
		t.Run(d.Name, func(t *testing.T) { fn(t, d.New(t)) })
	}
}

// SQLite returns a migrated store on a new database file, closed when the
// test ends.
func SQLite(t testing.TB) *store.Store {
	t.Helper()
	return openMigrated(t, SQLiteURL(t))
}

// SQLiteURL returns the URL of a new, empty (unmigrated) SQLite database.
func SQLiteURL(t testing.TB) string {
	t.Helper()
	return "sqlite:" + filepath.Join(t.TempDir(), "fidelity.db")
}

// Postgres returns a migrated store on a new, empty schema, closed and
// dropped when the test ends. It skips the test when PostgreSQL is
// unreachable (fails under CI=true).
func Postgres(t testing.TB) *store.Store {
	t.Helper()
	return openMigrated(t, PostgresURL(t))
}

// Open opens a store on url (from SQLiteURL or PostgresURL) without
// migrating, and closes it when the test ends.
func Open(t testing.TB, url string) *store.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := store.Open(ctx, store.Config{URL: url, MaxOpenConns: 8})
	if err != nil {
		t.Fatalf("storetest: open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func openMigrated(t testing.TB, url string) *store.Store {
	t.Helper()
	s := Open(t, url)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := s.Migrate(ctx, "up", io.Discard); err != nil {
		t.Fatalf("storetest: migrate: %v", err)
	}
	return s
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
