package bot

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/knowledge/scam"
	"github.com/gongyou/gongyou/store"
	"github.com/gongyou/gongyou/store/storetest"
)

// waitTimeout bounds every wait on a condition in these tests.
const waitTimeout = 15 * time.Second

// eventually waits until cond holds, failing the test after waitTimeout.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// fakeHandler records the events it gets and answers through fn (an echo
// when fn is nil).
type fakeHandler struct {
	mu     sync.Mutex
	events []dialog.Event
	fn     func(context.Context, dialog.Event) ([]dialog.Reply, error)
}

func (h *fakeHandler) Handle(ctx context.Context, ev dialog.Event) ([]dialog.Reply, error) {
	h.mu.Lock()
	h.events = append(h.events, ev)
	fn := h.fn
	h.mu.Unlock()
	if fn != nil {
		return fn(ctx, ev)
	}
	return []dialog.Reply{{Text: "echo: " + ev.Text + ev.Callback}}, nil
}

func (h *fakeHandler) seen() []dialog.Event {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]dialog.Event(nil), h.events...)
}

func (h *fakeHandler) textsOf(user int64) []string {
	var out []string
	for _, ev := range h.seen() {
		if ev.UserID == user {
			out = append(out, ev.Text+ev.Callback)
		}
	}
	return out
}

// Stores and the engine. Tests of the channel's own mechanics dedupe on a
// SQLite store (openStore); tests whose outcome lives in the store run on
// every test database (eachStore: SQLite, and PostgreSQL in a fresh schema
// when GONGYOU_TEST_POSTGRES holds a DSN); tests that need the real dialog
// engine build it with engineOn.

// openStore opens a real SQLite store in a temporary directory.
func openStore(t testing.TB) *store.Store {
	t.Helper()
	return storetest.SQLite(t)
}

// eachStore runs fn as a subtest on every test database, each with a
// fresh store.
func eachStore(t *testing.T, fn func(t *testing.T, st *store.Store)) {
	t.Helper()
	storetest.Each(t, fn)
}

// engineOn is the one place bot tests build the dialog engine on a store:
// the real engine, and with checker the scam checker on the case base
// seeded into st (as serve runs it).
func engineOn(tb testing.TB, st *store.Store, checker bool) *dialog.Engine {
	tb.Helper()
	if !checker {
		return dialog.New(st)
	}
	base, err := scam.NewBase(context.Background(), st, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return dialog.New(st, dialog.WithKnowledge(base))
}

func testLogger(t testing.TB) *slog.Logger {
	if testing.Verbose() {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.DiscardHandler)
}

// harness runs one Telegram channel against a fake Bot API.
type harness struct {
	t       *testing.T
	api     *fakeAPI
	handler *fakeHandler
	store   *store.Store
	metrics *Metrics
	tg      *Telegram

	cancel context.CancelFunc
	done   chan error
}

type harnessOpt func(*harness, *TelegramConfig)

func withStore(st *store.Store) harnessOpt {
	return func(h *harness, _ *TelegramConfig) { h.store = st }
}
func withAPI(api *fakeAPI) harnessOpt { return func(h *harness, _ *TelegramConfig) { h.api = api } }
func withConfig(fn func(*TelegramConfig)) harnessOpt {
	return func(_ *harness, c *TelegramConfig) { fn(c) }
}

func newHarness(t *testing.T, fn func(context.Context, dialog.Event) ([]dialog.Reply, error), opts ...harnessOpt) *harness {
	t.Helper()
	h := &harness{t: t, handler: &fakeHandler{fn: fn}, metrics: NewMetrics()}
	cfg := TelegramConfig{Token: fakeToken, Workers: 4, FloodPerMinute: 1000, ShutdownGrace: 5 * time.Second}
	for _, o := range opts {
		o(h, &cfg)
	}
	if h.api == nil {
		h.api = newFakeAPI(t)
	}
	if h.store == nil {
		h.store = openStore(t)
	}
	cfg.APIURL = h.api.URL()
	tg, err := NewTelegram(cfg, h.handler, h.store, h.metrics, testLogger(t))
	if err != nil {
		t.Fatalf("NewTelegram: %v", err)
	}
	h.tg = tg
	return h
}

// start runs the channel until stop or the end of the test.
func (h *harness) start() {
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	h.done = make(chan error, 1)
	go func() { h.done <- h.tg.Run(ctx) }()
	h.t.Cleanup(func() { _ = h.stop() })
}

// stop cancels Run and waits for it to return.
func (h *harness) stop() error {
	if h.cancel == nil {
		return nil
	}
	h.cancel()
	h.cancel = nil
	select {
	case err := <-h.done:
		return err
	case <-time.After(waitTimeout):
		return errors.New("Run did not return")
	}
}

// value reads a counter or gauge (testutil would need a module go.mod lacks).
func value(t testing.TB, c prometheus.Metric) float64 {
	t.Helper()
	var m dto.Metric
	if err := c.Write(&m); err != nil {
		t.Fatalf("read metric: %v", err)
	}
	switch {
	case m.Counter != nil:
		return m.Counter.GetValue()
	case m.Gauge != nil:
		return m.Gauge.GetValue()
	}
	t.Fatalf("metric %v is not a counter or gauge", c.Desc())
	return 0
}
