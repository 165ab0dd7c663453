package dialog

// The one builder of a store plus an engine for dialog tests (internal and
// external: dialog_test uses these exported test-only names). A test says
// what it needs (the scam checker, the FAQ, seeded jobs or courses, engine
// options, a clock) and on which database; ForEachBackend runs it on SQLite
// and, when GONGYOU_TEST_POSTGRES is set, on PostgreSQL in a fresh schema.

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/gongyou/gongyou/knowledge/faq"
	"github.com/gongyou/gongyou/knowledge/listings"
	"github.com/gongyou/gongyou/knowledge/scam"
	"github.com/gongyou/gongyou/store"
	"github.com/gongyou/gongyou/store/storetest"
)

// Env is one test's store and engine.
type Env struct {
	Store  *store.Store
	Engine *Engine
	Cases  *scam.Base   // with EnvKnowledge
	FAQ    *faq.FAQBase // with EnvFAQ

	tb  testing.TB
	dsn string
	cfg envConfig
}

// EnvOption configures NewEnv.
type EnvOption func(*envConfig)

type envConfig struct {
	backend       string
	now           func() time.Time
	storeOpts     []store.Option
	engineOpts    []Option
	knowledge     bool
	faq           bool
	faqWriter     faq.FAQWriter
	seedJobs      bool
	seedTrainings bool
	poll          time.Duration
}

// EnvBackend picks the database: "sqlite" (the default) or "postgres"
// (skipped unless GONGYOU_TEST_POSTGRES is set).
func EnvBackend(name string) EnvOption { return func(c *envConfig) { c.backend = name } }

// EnvClock sets the clock of both the store and the engine.
func EnvClock(now func() time.Time) EnvOption { return func(c *envConfig) { c.now = now } }

// EnvStore adds store options (store.WithRefs, ...).
func EnvStore(opts ...store.Option) EnvOption {
	return func(c *envConfig) { c.storeOpts = append(c.storeOpts, opts...) }
}

// EnvEngine adds engine options (WithStaff, WithNotifier, ...).
func EnvEngine(opts ...Option) EnvOption {
	return func(c *envConfig) { c.engineOpts = append(c.engineOpts, opts...) }
}

// EnvKnowledge connects the scam checker over the store's case base.
func EnvKnowledge() EnvOption { return func(c *envConfig) { c.knowledge = true } }

// EnvFAQ connects the FAQ answerer (with w as its LLM writer when not nil)
// and the store as the feedback store.
func EnvFAQ(w faq.FAQWriter) EnvOption {
	return func(c *envConfig) { c.faq, c.faqWriter = true, w }
}

// EnvPoll sets how often the case base asks the store for changes made on
// other replicas. Tests default to 0 (every check asks: a replica sees a
// change at its next check); production uses scam.DefaultPoll.
func EnvPoll(d time.Duration) EnvOption { return func(c *envConfig) { c.poll = d } }

// EnvSeedJobs seeds the sample postings and stations.
func EnvSeedJobs() EnvOption { return func(c *envConfig) { c.seedJobs = true } }

// EnvSeedTrainings seeds the sample courses.
func EnvSeedTrainings() EnvOption { return func(c *envConfig) { c.seedTrainings = true } }

// Backends names the databases tests run on: sqlite always, postgres when
// GONGYOU_TEST_POSTGRES is set.
func Backends() []string {
	var names []string
	for _, b := range storetest.Backends() {
		names = append(names, b.Name)
	}
	return names
}

// ForEachBackend runs fn as a subtest per backend; pass the option on to
// NewEnv.
func ForEachBackend(t *testing.T, fn func(t *testing.T, backend EnvOption)) {
	t.Helper()
	for _, name := range Backends() {
		t.Run(name, func(t *testing.T) { fn(t, EnvBackend(name)) })
	}
}

// NewEnv builds a fresh store (its own file or schema) and an engine on it.
// Everything is closed when the test ends.
func NewEnv(tb testing.TB, opts ...EnvOption) *Env {
	tb.Helper()
	e := &Env{tb: tb}
	for _, o := range opts {
		o(&e.cfg)
	}
	switch e.cfg.backend {
	case "", "sqlite":
		e.dsn = "sqlite:" + filepath.Join(tb.TempDir(), "gongyou.db")
	case "postgres":
		e.dsn = storetest.PostgresSchemaDSN(tb)
	default:
		tb.Fatalf("unknown test backend %q", e.cfg.backend)
	}
	e.open()
	tb.Cleanup(func() { e.Store.Close() })
	return e
}

// Restart closes the store and engine and opens them again on the same
// database, as after a restart of the process.
func (e *Env) Restart() {
	e.tb.Helper()
	e.Store.Close()
	e.open()
}

// Replica opens a second store and engine on the same database, as
// another replica of the bot would.
func (e *Env) Replica() *Env {
	e.tb.Helper()
	r := &Env{tb: e.tb, dsn: e.dsn, cfg: e.cfg}
	r.open()
	e.tb.Cleanup(func() { r.Store.Close() })
	return r
}

// open opens the store and builds the engine; seeding runs on every open,
// as the bot seeds at every start.
func (e *Env) open() {
	tb, cfg := e.tb, e.cfg
	tb.Helper()
	ctx := context.Background()
	now := cfg.now
	if now == nil {
		now = time.Now
	}
	sopts := cfg.storeOpts
	if cfg.now != nil {
		sopts = append([]store.Option{store.WithClock(cfg.now)}, sopts...)
	}
	st, err := store.Open(ctx, e.dsn, sopts...)
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	e.Store = st
	var eopts []Option
	if cfg.now != nil {
		eopts = append(eopts, WithClock(cfg.now))
	}
	if cfg.knowledge {
		if e.Cases, err = scam.NewBase(ctx, st, nil); err != nil {
			tb.Fatal(err)
		}
		e.Cases.SetPoll(cfg.poll)
		eopts = append(eopts, WithKnowledge(e.Cases))
	}
	if cfg.faq {
		if e.FAQ, err = faq.NewFAQBase(ctx, st, nil); err != nil {
			tb.Fatal(err)
		}
		if cfg.faqWriter != nil {
			e.FAQ.SetWriter(cfg.faqWriter)
		}
		eopts = append(eopts, WithFAQ(e.FAQ, st))
	}
	if cfg.seedTrainings {
		if _, err := listings.SeedTrainings(ctx, st, now()); err != nil {
			tb.Fatal(err)
		}
	}
	if cfg.seedJobs {
		if _, _, err := listings.SeedJobStore(ctx, st, now()); err != nil {
			tb.Fatal(err)
		}
	}
	e.Engine = New(st, append(eopts, cfg.engineOpts...)...)
}
