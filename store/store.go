// Package store keeps Gongyou's state in SQLite (the embedded default) or
// PostgreSQL, through sqlx. SQL is written once with $n placeholders, which
// both drivers accept; only the DDL differs, in migrations/<dialect>.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Dialect names the database behind a Store.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Sentinel errors callers can test with errors.Is.
var (
	ErrNotFound = errors.New("store: not found")
	ErrConflict = errors.New("store: conflict")
)

//go:embed migrations/*/*.sql
var migrationsFS embed.FS

// Store is the one handle on the database. Methods are grouped by entity in
// the other files of this package.
type Store struct {
	db      *sqlx.DB // writes (and reads inside transactions)
	rdb     *sqlx.DB // plain reads: a pool of readers on SQLite (WAL), the same pool on PostgreSQL
	dialect Dialect
	now     func() time.Time
	logger  *slog.Logger
	refs    func() (string, error) // enrollment reference codes (training.go); nil = random
	commits atomic.Uint64          // write transactions committed (LocalChanges)

	replicaOnce sync.Once // replica: this process's health_probes row (ready.go)
	replica     string
}

// Option changes how Open builds a Store.
type Option func(*Store)

// WithClock replaces the wall clock (tests).
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// WithLogger sets the logger used for migrations.
func WithLogger(l *slog.Logger) Option { return func(s *Store) { s.logger = l } }

// Open connects to dsn, runs the embedded migrations and pings.
//
//	sqlite:PATH            SQLite file (WAL, busy timeout, foreign keys)
//	sqlite::memory:        private in-memory database
//	postgres://… or postgresql://…
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	s := &Store{now: time.Now, logger: slog.New(slog.DiscardHandler)}
	for _, o := range opts {
		o(s)
	}
	var err error
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		s.dialect = SQLite
		s.db, s.rdb, err = openSQLite(strings.TrimPrefix(dsn, "sqlite:"))
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		s.dialect = Postgres
		s.db, err = openPostgres(dsn)
		s.rdb = s.db
	default:
		return nil, fmt.Errorf("store: unsupported DSN %q: want sqlite:PATH or postgres://…", redactDSN(dsn))
	}
	if err != nil {
		return nil, err
	}
	if err := s.Ping(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func openSQLite(path string) (w, r *sqlx.DB, err error) {
	if path == "" {
		return nil, nil, errors.New("store: sqlite: empty path")
	}
	// secure_delete: deleted and overwritten content is zeroed in the file
	// (not merely unlinked), so /delete leaves no readable trace once the
	// WAL is checkpointed (DeleteUser). Cost measured in README.md.
	params := "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=secure_delete(1)&_txlock=immediate&_time_format=sqlite"
	if path == ":memory:" {
		// Every connection to :memory: is its own database: one connection for all.
		w, err = sqlx.Open("sqlite", "file::memory:?"+params)
		if err != nil {
			return nil, nil, fmt.Errorf("store: open sqlite: %w", err)
		}
		w.SetMaxOpenConns(1)
		return w, w, nil
	}
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&" + params
	w, err = sqlx.Open("sqlite", dsn)
	if err != nil {
		return nil, nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	// One writer connection: SQLite has one writer anyway, and this rules out
	// SQLITE_BUSY between our own connections.
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	// Readers: WAL lets them run beside the writer; they see committed data.
	r, err = sqlx.Open("sqlite", dsn+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, nil, fmt.Errorf("store: open sqlite readers: %w", err)
	}
	r.SetMaxOpenConns(4)
	r.SetMaxIdleConns(4)
	return w, r, nil
}

func openPostgres(dsn string) (*sqlx.DB, error) {
	db, err := sqlx.Open("postgres", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(8)
	db.SetConnMaxLifetime(30 * time.Minute)
	return db, nil
}

func (s *Store) migrate(ctx context.Context) error {
	sub, err := fs.Sub(migrationsFS, "migrations/"+string(s.dialect))
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	gd := goose.DialectSQLite3
	var popts []goose.ProviderOption
	if s.dialect == Postgres {
		gd = goose.DialectPostgres
		// Several replicas may start at once: take an advisory lock around migrations.
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return fmt.Errorf("store: migration lock: %w", err)
		}
		popts = append(popts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(gd, s.db.DB, sub, popts...)
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	res, err := p.Up(ctx)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	for _, r := range res {
		s.logger.Info("migration applied", "dialect", s.dialect, "version", r.Source.Version, "took", r.Duration)
	}
	return nil
}

// Dialect reports which database this store talks to.
func (s *Store) Dialect() Dialect { return s.dialect }

// Ping checks the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping %s: %w", s.dialect, err)
	}
	if err := s.rdb.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping %s: %w", s.dialect, err)
	}
	return nil
}

// Close releases the connections.
func (s *Store) Close() error {
	err := s.db.Close()
	if s.rdb != nil && s.rdb != s.db {
		err = errors.Join(err, s.rdb.Close())
	}
	return err
}

// DB exposes the handle for tests and tools in this module.
func (s *Store) DB() *sqlx.DB { return s.db }

func (s *Store) nowUTC() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// inTx runs fn in a transaction, rolling back on error or panic.
func (s *Store) inTx(ctx context.Context, fn func(tx *sqlxTx) error) (err error) {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	s.commits.Add(1)
	return nil
}

// isUniqueViolation maps both drivers' unique-constraint errors.
func isUniqueViolation(err error) bool {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		return pqErr.Code == "23505"
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

// redactDSN hides a password in a DSN for error messages.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxx")
	}
	return u.String()
}

type sqlxTx = sqlx.Tx
