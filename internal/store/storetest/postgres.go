package storetest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx" for the admin connections
)

// DefaultPostgresURL is the admin URL used when FIDELITY_TEST_POSTGRES_URL
// is not set.
const DefaultPostgresURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

const dbPrefix = "fidelity_test_"

// testDB is the database of this test process, created on first use.
var testDB struct {
	sync.Mutex
	ready bool
	err   error   // why PostgreSQL cannot be used, sticky for the process
	name  string  // database name
	url   string  // URL of the database (no search_path)
	conn  *sql.DB // connection to it, for creating and dropping schemas
}

// PostgresURL returns the URL of a new, empty (unmigrated) schema in this
// process's test database; the schema is dropped when the test ends. It
// skips the test when PostgreSQL is unreachable (fails under CI=true).
func PostgresURL(t testing.TB) string {
	t.Helper()
	dbURL, conn, err := database()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("storetest: PostgreSQL is required when CI=true, but it is not usable: %v "+
				"(set FIDELITY_TEST_POSTGRES_URL to an admin URL)", err)
		}
		t.Skipf("storetest: PostgreSQL not usable, skipping: %v "+
			"(start one or set FIDELITY_TEST_POSTGRES_URL; CI=true makes this a failure)", err)
	}
	schema := "t_" + randomHex(8)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := conn.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("storetest: create schema: %v", err)
	}
	// Registered before the caller opens a store on the schema, so it runs
	// after that store's Close (cleanups run last-in, first-out).
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := conn.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("storetest: drop schema %s: %v", schema, err)
		}
	})
	u, _ := url.Parse(dbURL)
	q := u.Query()
	q.Set("search_path", schema)
	// Tests need no durability; not waiting for the WAL flush on every
	// commit makes migrating a schema several times faster.
	q.Set("synchronous_commit", "off")
	u.RawQuery = q.Encode()
	return u.String()
}

// Main runs the tests of a package and then drops the test database of the
// process. Call it from TestMain:
//
//	func TestMain(m *testing.M) { storetest.Main(m) }
//
// Without it the database stays until the next test run on this host
// drops it.
func Main(m *testing.M, after ...func() int) {
	code := m.Run()
	// after runs once the tests have passed, for package-wide checks such
	// as the HTTP suite's contract coverage; a non-zero result fails the run.
	for _, fn := range after {
		if code == 0 {
			code = fn()
		}
	}
	if err := dropDatabase(); err != nil {
		fmt.Fprintf(os.Stderr, "storetest: %v\n", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

func adminURL() string {
	if v := os.Getenv("FIDELITY_TEST_POSTGRES_URL"); v != "" {
		return v
	}
	return DefaultPostgresURL
}

func database() (string, *sql.DB, error) {
	testDB.Lock()
	defer testDB.Unlock()
	if !testDB.ready {
		testDB.ready = true
		testDB.err = createDatabase()
	}
	return testDB.url, testDB.conn, testDB.err
}

func createDatabase() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := openPG(ctx, adminURL())
	if err != nil {
		return err
	}
	defer admin.Close()
	dropAbandoned(ctx, admin)

	name := fmt.Sprintf("%s%s_%d_%s", dbPrefix, hostTag(), os.Getpid(), randomHex(3))
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return fmt.Errorf("create database %s: %w", name, err)
	}
	u, err := url.Parse(adminURL())
	if err != nil {
		return err
	}
	u.Path = "/" + name
	conn, err := openPG(ctx, u.String())
	if err != nil {
		return err
	}
	testDB.name, testDB.url, testDB.conn = name, u.String(), conn
	return nil
}

func dropDatabase() error {
	testDB.Lock()
	defer testDB.Unlock()
	if testDB.conn == nil {
		return nil
	}
	_ = testDB.conn.Close()
	testDB.conn = nil
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := openPG(ctx, adminURL())
	if err != nil {
		return err
	}
	defer admin.Close()
	return dropNamed(ctx, admin, testDB.name)
}

// dropAbandoned drops the test databases of processes on this host that
// no longer run (killed before Main could clean up).
func dropAbandoned(ctx context.Context, admin *sql.DB) {
	rows, err := admin.QueryContext(ctx,
		`SELECT datname FROM pg_database WHERE datname LIKE 'fidelity\_test\_%'`)
	if err != nil {
		return
	}
	var names []string
	for rows.Next() {
		var n string
		if rows.Scan(&n) == nil {
			names = append(names, n)
		}
	}
	rows.Close()
	for _, n := range names {
		parts := strings.Split(strings.TrimPrefix(n, dbPrefix), "_")
		if len(parts) != 3 || parts[0] != hostTag() {
			continue
		}
		pid, err := strconv.Atoi(parts[1])
		if err != nil || !errors.Is(syscall.Kill(pid, 0), syscall.ESRCH) {
			continue
		}
		_ = dropNamed(ctx, admin, n)
	}
}

func dropNamed(ctx context.Context, admin *sql.DB, name string) error {
	// FORCE (PostgreSQL 13+) ends sessions a leaked store still holds.
	if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		if _, err2 := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name); err2 != nil {
			return fmt.Errorf("drop database %s: %w", name, errors.Join(err, err2))
		}
	}
	return nil
}

func openPG(ctx context.Context, u string) (*sql.DB, error) {
	db, err := sql.Open("pgx", u)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(2)
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot reach PostgreSQL at %s: %w", redact(u), err)
	}
	return db, nil
}

// hostTag tells this host's test databases from those of other hosts
// sharing the server, whose process ids mean nothing here.
func hostTag() string {
	h, _ := os.Hostname()
	f := fnv.New32a()
	f.Write([]byte(h))
	return fmt.Sprintf("%06x", f.Sum32()&0xffffff)
}

func redact(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "(unparsable URL)"
	}
	return p.Redacted()
}
