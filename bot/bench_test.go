package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/knowledge/scam"
	"github.com/gongyou/gongyou/store"
)

// echoHandler is the trivial dialog engine of the benchmark: one short reply
// with a button.
type echoHandler struct{}

func (echoHandler) Handle(_ context.Context, ev dialog.Event) ([]dialog.Reply, error) {
	return []dialog.Reply{{Text: "收到：" + ev.Text, Buttons: [][]dialog.Button{{{Label: "菜单", Data: "menu"}}}}}, nil
}

// benchTexts is what the simulated workers send, in turn.
var benchTexts = []string{"/menu", "找工作 东莞", "/help", "先交300元押金包住宿，日结500", "/jobs"}

// newEcho builds the trivial handler. To measure the real engine, pass a
// func that builds a dialog.Engine on st (the channel's SQLite store).
func newEcho(testing.TB, *store.Store) Handler { return echoHandler{} }

// BenchmarkTelegramThroughput pushes b.N updates from many users through the
// real channel in webhook mode: HTTP POSTs with the secret into the webhook
// handler, dedupe on a real SQLite store, per-user queues, the handler,
// sendMessage over HTTP to the fake Bot API. Latency is from the arrival of
// the update (the webhook POST) to the end of its turn (replies sent).
//
//   - rate=1000: open loop, 1,000 users send 1,000 updates/s in all; the
//     latency a user sees at the target load.
//
//   - max/users=N: closed loop, N users each send the next message when
//     the previous turn is done; the most the machine does, where latency
//     is about N / throughput.
//
//     go test -run '^$' -bench TelegramThroughput -benchtime 10000x ./bot/
func BenchmarkTelegramThroughput(b *testing.B) {
	b.Run("rate=1000", func(b *testing.B) { benchThroughput(b, benchLoad{users: 1000, rate: 1000}, newEcho) })
	for _, users := range []int{8, 64} {
		b.Run(fmt.Sprintf("max/users=%d", users), func(b *testing.B) {
			benchThroughput(b, benchLoad{users: users}, newEcho)
		})
	}
}

// benchLoad shapes the load: users distinct users; rate updates/s in all
// (open loop), or 0 for a closed loop with one message in flight per user.
type benchLoad struct {
	users int
	rate  float64
}

// benchThroughput runs the benchmark with the handler newHandler builds; st
// is the SQLite store the channel dedupes on, so a real dialog.Engine can be
// built on the same database.
func benchThroughput(b *testing.B, load benchLoad, newHandler func(tb testing.TB, st *store.Store) Handler) {
	api := newFakeAPI(b)
	api.mu.Lock()
	api.record = false
	api.mu.Unlock()
	st := openStore(b)
	const secret = "bench_secret"
	tg, err := NewTelegram(TelegramConfig{
		Token: fakeToken, APIURL: api.URL(),
		WebhookURL: "https://gongyou.example/hook", WebhookSecret: secret,
		FloodPerMinute: 1 << 30, // the load is many messages per user
		QueueSize:      1024,
	}, newHandler(b, st), st, NewMetrics(), testLogger(b))
	if err != nil {
		b.Fatal(err)
	}

	// Update i (0-based) has update_id i+1 and belongs to user i % users.
	n, users := b.N, load.users
	arrived := make([]time.Time, n)
	finished := make([]time.Time, n)
	var turns sync.WaitGroup
	turns.Add(n)
	turnDone := make([]chan struct{}, users) // closed loop: wakes the user
	for u := range turnDone {
		turnDone[u] = make(chan struct{}, 1)
	}
	var warm sync.WaitGroup
	tg.done = func(id int64) {
		i := int(id - 1)
		if i >= n { // warm-up update
			warm.Done()
			return
		}
		finished[i] = time.Now()
		if load.rate == 0 {
			turnDone[i%users] <- struct{}{}
		}
		turns.Done()
	}
	srv := httptest.NewServer(NewHTTPServer("127.0.0.1:0", nil, tg.m, "/hook", tg.WebhookHandler()).Handler)
	defer srv.Close()

	ctx, cancel := context.WithCancel(context.Background())
	runErr := make(chan error, 1)
	go func() { runErr <- tg.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-runErr; err != nil {
			b.Error(err)
		}
	}()
	eventually(b, "setWebhook", func() bool { return api.count("setWebhook") == 1 })

	bodies := make([][]byte, n) // built before the clock starts
	for i := range bodies {
		user := int64(1_000_000 + i%users)
		bodies[i], _ = json.Marshal(privateMsg(int64(i+1), user, benchTexts[(i/users)%len(benchTexts)]))
	}
	posters := min(users, 64)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: posters}}
	defer client.CloseIdleConnections()
	post := func(i int) bool {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/hook", bytes.NewReader(bodies[i]))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		resp, err := client.Do(req)
		if err != nil {
			b.Error(err)
			return false
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Errorf("webhook answered %d", resp.StatusCode)
			return false
		}
		return true
	}

	// Warm up: open the keep-alive connections both ways and touch every
	// queue, so the measurement sees the steady state.
	var warmers sync.WaitGroup
	warm.Add(4 * posters)
	for p := range posters {
		warmers.Go(func() {
			for k := range 4 {
				id := int64(n + 1 + p*4 + k)
				body, _ := json.Marshal(privateMsg(id, 2_000_000+id, "/menu"))
				req, _ := http.NewRequest(http.MethodPost, srv.URL+"/hook", bytes.NewReader(body))
				req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
				if resp, err := client.Do(req); err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					_ = resp.Body.Close()
				}
			}
		})
	}
	warmers.Wait()
	warm.Wait()

	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	if load.rate > 0 {
		// Open loop: update i arrives at start + i/rate, whether or not
		// earlier ones are done; latency counts from that arrival time.
		next := make(chan int, posters)
		for range posters {
			wg.Go(func() {
				for i := range next {
					if !post(i) {
						turns.Done()
					}
				}
			})
		}
		interval := time.Duration(float64(time.Second) / load.rate)
		for i := range n {
			arrived[i] = start.Add(time.Duration(i) * interval)
			time.Sleep(time.Until(arrived[i]))
			next <- i
		}
		close(next)
	} else {
		for u := range users {
			wg.Go(func() {
				for i := u; i < n; i += users {
					arrived[i] = time.Now()
					if !post(i) {
						for ; i < n; i += users {
							turns.Done()
						}
						return
					}
					select {
					case <-turnDone[u]:
					case <-time.After(waitTimeout):
						b.Errorf("update %d: no turn after %v", i+1, waitTimeout)
						return
					}
				}
			})
		}
	}
	wg.Wait()
	all := make(chan struct{})
	go func() { turns.Wait(); close(all) }()
	select {
	case <-all:
	case <-time.After(waitTimeout):
		b.Fatalf("turns still running %v after the last update", waitTimeout)
	}
	elapsed := time.Since(start)
	b.StopTimer()

	latency := make([]time.Duration, n)
	for i := range n {
		latency[i] = finished[i].Sub(arrived[i])
	}
	slices.Sort(latency)
	pct := func(p float64) float64 { return float64(latency[int(p*float64(n-1))].Microseconds()) / 1000 }
	b.ReportMetric(float64(n)/elapsed.Seconds(), "updates/s")
	b.ReportMetric(pct(0.50), "p50_ms")
	b.ReportMetric(pct(0.99), "p99_ms")
	// Some turns answer with more than one message (a job search saves the
	// city, then lists postings); every update must get at least one.
	if sent := value(b, tg.m.sends.WithLabelValues(outcomeOK)); int(sent) < n+4*posters {
		b.Errorf("%v replies sent for %d updates", sent, n)
	}
}

// newEngine builds the real dialog engine with the scam checker on the
// channel's SQLite store.
func newEngine(tb testing.TB, st *store.Store) Handler {
	base, err := scam.NewBase(context.Background(), st, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return dialog.New(st, dialog.WithKnowledge(base))
}

// BenchmarkTelegramEngine is BenchmarkTelegramThroughput with the real
// dialog engine and scam checker on SQLite instead of the echo handler.
//
//	go test -run '^$' -bench TelegramEngine -benchtime 10000x ./bot/
func BenchmarkTelegramEngine(b *testing.B) {
	b.Run("rate=1000", func(b *testing.B) { benchThroughput(b, benchLoad{users: 1000, rate: 1000}, newEngine) })
	b.Run("max/users=8", func(b *testing.B) { benchThroughput(b, benchLoad{users: 8}, newEngine) })
}
