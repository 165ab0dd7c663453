// Package storetest opens real stores for tests: SQLite always, PostgreSQL
// when GONGYOU_TEST_POSTGRES holds a DSN. Each store gets its own fresh
// database file or schema, so tests never see what another run left.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/lib/pq" // PostgreSQL driver for schema setup

	"github.com/gongyou/gongyou/store"
)

// EnvPostgres names the variable holding the PostgreSQL test DSN.
const EnvPostgres = "GONGYOU_TEST_POSTGRES"

// Backend is one database a behaviour test runs against.
type Backend struct {
	Name string
	Open func(t testing.TB, opts ...store.Option) *store.Store
}

// Backends lists SQLite and, when configured, PostgreSQL.
func Backends() []Backend {
	bs := []Backend{{Name: "sqlite", Open: SQLite}}
	if os.Getenv(EnvPostgres) != "" {
		bs = append(bs, Backend{Name: "postgres", Open: Postgres})
	}
	return bs
}

// Each runs fn as a subtest on every backend, each with a fresh store.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, b := range Backends() {
		t.Run(b.Name, func(t *testing.T) { fn(t, b.Open(t)) })
	}
}

// Replicas gives two stores on one fresh database, as two replicas of the
// service see it: on PostgreSQL two connections to a new schema, on
// SQLite (one writer per file) the same store twice.
func Replicas(t testing.TB, b Backend) (a, other *store.Store) {
	t.Helper()
	if b.Name != "postgres" {
		st := b.Open(t)
		return st, st
	}
	dsn := PostgresSchemaDSN(t)
	return open(t, dsn), open(t, dsn)
}

// SQLite opens a store on a new file in t.TempDir().
func SQLite(t testing.TB, opts ...store.Option) *store.Store {
	t.Helper()
	return open(t, "sqlite:"+filepath.Join(t.TempDir(), "gongyou.db"), opts...)
}

// Postgres opens a store in a new schema of the GONGYOU_TEST_POSTGRES
// database (skipping the test when it is unset); the schema is dropped at
// the end of the test.
func Postgres(t testing.TB, opts ...store.Option) *store.Store {
	t.Helper()
	dsn := PostgresSchemaDSN(t)
	return open(t, dsn, opts...)
}

// PostgresSchemaDSN creates a fresh schema and returns a DSN that uses it,
// for tests that open several stores (replicas) on one database.
func PostgresSchemaDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		t.Skip(EnvPostgres + " is not set")
	}
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	schema := "gongyou_test_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
		admin.Close()
		t.Fatalf("postgres: create schema: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Logf("postgres: drop schema %s: %v", schema, err)
		}
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("postgres: bad %s: %v", EnvPostgres, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func open(t testing.TB, dsn string, opts ...store.Option) *store.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := store.Open(ctx, dsn, opts...)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
