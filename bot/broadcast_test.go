package bot

import (
	"context"

	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/store"
	"github.com/gongyou/gongyou/store/storetest"
)

// bcFake is a Bot API for broadcast tests on 127.0.0.1. It answers
// sendMessage only, counts the messages delivered to each chat (a 200
// answer), and can enforce a global rate (429 with retry_after, as
// Telegram), refuse chats (blocked, deactivated, chat not found), fail a
// chat's first sends with 5xx, or never answer a chat.
type bcFake struct {
	srv *httptest.Server

	mu        sync.Mutex
	limit     int // messages per rolling second before 429; 0 = no limit
	window    []time.Time
	delivered map[int64]int
	requests  map[int64]int
	sentAt    []time.Time // each delivered message
	answered  []time.Time // each request answered other than with 429 (delivered or refused)
	tooMany   int
	refuse    map[int64]apiFailure
	fail      map[int64][]apiFailure // answered in order before the chat succeeds
	html502   map[int64]bool
	hang      map[int64]bool
}

func newBCFake(t testing.TB, limit int) *bcFake {
	f := &bcFake{
		limit: limit, delivered: map[int64]int{}, requests: map[int64]int{},
		refuse: map[int64]apiFailure{}, fail: map[int64][]apiFailure{}, html502: map[int64]bool{}, hang: map[int64]bool{},
	}
	f.srv = httptest.NewServer(f)
	t.Cleanup(f.srv.Close)
	return f
}

var (
	errBlocked     = apiFailure{Code: 403, Description: "Forbidden: bot was blocked by the user"}
	errDeactivated = apiFailure{Code: 403, Description: "Forbidden: user is deactivated"}
	errNoChat      = apiFailure{Code: 400, Description: "Bad Request: chat not found"}
	errInternal    = apiFailure{Code: 500, Description: "Internal Server Error"}
)

func (f *bcFake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.HasSuffix(r.URL.Path, "/sendMessage") {
		writeAPIResult(w, true)
		return
	}
	fields, err := readForm(r)
	if err != nil {
		writeAPIError(w, apiFailure{Code: 400, Description: "Bad Request: " + err.Error()})
		return
	}
	chat, _ := strconv.ParseInt(fields["chat_id"], 10, 64)
	now := time.Now()
	f.mu.Lock()
	f.requests[chat]++
	if p := checkCall("sendMessage", fields); p != "" {
		f.mu.Unlock()
		writeAPIError(w, apiFailure{Code: 400, Description: "Bad Request: " + p})
		return
	}
	if f.hang[chat] {
		f.mu.Unlock()
		<-r.Context().Done()
		return
	}
	if f.limit > 0 {
		cut := 0
		for cut < len(f.window) && now.Sub(f.window[cut]) >= time.Second {
			cut++
		}
		f.window = f.window[cut:]
		if len(f.window) >= f.limit {
			f.tooMany++
			f.mu.Unlock()
			writeAPIError(w, apiFailure{Code: 429, Description: "Too Many Requests: retry after 1", RetryAfter: 1})
			return
		}
		f.window = append(f.window, now)
	}
	if e, ok := f.refuse[chat]; ok {
		f.answered = append(f.answered, now)
		f.mu.Unlock()
		writeAPIError(w, e)
		return
	}
	if f.html502[chat] {
		f.mu.Unlock()
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		fmt.Fprint(w, "<html><body>502 Bad Gateway</body></html>")
		return
	}
	if q := f.fail[chat]; len(q) > 0 {
		f.fail[chat] = q[1:]
		f.mu.Unlock()
		writeAPIError(w, q[0])
		return
	}
	f.delivered[chat]++
	f.sentAt = append(f.sentAt, now)
	f.answered = append(f.answered, now)
	f.mu.Unlock()
	writeAPIResult(w, map[string]any{
		"message_id": 1, "date": now.Unix(), "chat": map[string]any{"id": chat, "type": "private"}, "text": fields["text"],
	})
}

// counts returns copies of the per-chat delivered and request counts.
func (f *bcFake) counts() (delivered, requests map[int64]int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delivered, requests = map[int64]int{}, map[int64]int{}
	for k, v := range f.delivered {
		delivered[k] = v
	}
	for k, v := range f.requests {
		requests[k] = v
	}
	return delivered, requests
}

func (f *bcFake) times() []time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Time(nil), f.sentAt...)
}

// maxPerWindow is the most messages delivered within any window of length w.
func maxPerWindow(ts []time.Time, w time.Duration) int {
	sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
	best, j := 0, 0
	for i := range ts {
		for ts[i].Sub(ts[j]) >= w {
			j++
		}
		best = max(best, i-j+1)
	}
	return best
}

// subscribers creates n subscribed users with ids first..first+n-1 (chat = id).
func subscribers(t testing.TB, st *store.Store, first int64, n int) {
	t.Helper()
	ctx := context.Background()
	for id := first; id < first+int64(n); id++ {
		if _, _, err := st.EnsureUser(ctx, id, id); err != nil {
			t.Fatal(err)
		}
		if err := st.SetLang(ctx, id, "zh"); err != nil {
			t.Fatal(err)
		}
		if err := st.SetSubscribed(ctx, id, true); err != nil {
			t.Fatal(err)
		}
	}
}

// runSender runs a broadcaster until the broadcast has nothing pending or
// in flight, then stops it and returns it.
func runSender(t *testing.T, st *store.Store, cfg BroadcastConfig, bid int64) *Broadcaster {
	t.Helper()
	b, err := NewBroadcaster(cfg, st, nil, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	deadline := time.Now().Add(60 * time.Second)
	for {
		bc, err := st.Broadcast(context.Background(), bid)
		if err != nil {
			t.Fatal(err)
		}
		if !bc.Active() {
			break
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("broadcast still active after 60 s: %+v", bc)
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBroadcastOutcomes(t *testing.T) {
	eachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		subscribers(t, st, 1, 40)
		f := newBCFake(t, 0)
		f.refuse[3] = errBlocked
		f.refuse[4] = errDeactivated
		f.refuse[5] = errNoChat
		f.refuse[6] = apiFailure{Code: 400, Description: "Bad Request: message is too long"}
		f.fail[7] = []apiFailure{errInternal, errInternal}                                                    // then ok
		f.html502[8] = true                                                                                   // always: failed after MaxAttempts
		f.fail[9] = []apiFailure{{Code: 429, Description: "Too Many Requests: retry after 1", RetryAfter: 1}} // then ok
		f.hang[10] = true                                                                                     // no answer: unknown

		bc, err := st.CreateBroadcast(ctx, "东莞市 2026 年技能补贴开始申请。", store.BroadcastFilter{}, 9001)
		if err != nil {
			t.Fatal(err)
		}
		b := runSender(t, st, BroadcastConfig{
			Token: fakeToken, APIURL: f.srv.URL, Rate: 500, Exclusive: true,
			MaxAttempts: 3, MaxBackoff: 20 * time.Millisecond, SendTimeout: 3 * time.Second, Idle: 10 * time.Millisecond,
		}, bc.ID)

		delivered, requests := f.counts()
		for chat := int64(1); chat <= 40; chat++ {
			want, wantReq := 1, 1
			switch chat {
			case 3, 4, 5, 6, 10:
				want = 0 // refused or unanswered: exactly one request, never retried
			case 7:
				wantReq = 3
			case 8:
				want, wantReq = 0, 3
			case 9:
				wantReq = 2
			}
			if delivered[chat] != want || requests[chat] != wantReq {
				t.Errorf("chat %d: delivered %d, requests %d; want %d, %d", chat, delivered[chat], requests[chat], want, wantReq)
			}
		}
		got, _ := st.Broadcast(ctx, bc.ID)
		if got.Sent != 34 || got.Unreachable != 3 || got.Failed != 2 || got.Unknown != 1 || got.Pending+got.Sending != 0 {
			t.Errorf("progress = %+v; want 34 sent, 3 unreachable, 2 failed, 1 unknown", got)
		}
		s := b.Stats()
		if s.Sent != 34 || s.Unreachable != 3 || s.Failed != 2 || s.Unknown != 1 || s.Limited != 1 || s.Retried != 4 {
			t.Errorf("stats = %+v", s)
		}
		for _, id := range []int64{3, 4, 5} {
			u, _ := st.User(ctx, id)
			if un, _ := st.Unreachable(ctx, id); u.Subscribed || !un {
				t.Errorf("user %d: subscribed %v, unreachable %v; want unsubscribed and unreachable", id, u.Subscribed, un)
			}
		}
		if n, _ := st.CountAudience(ctx, store.BroadcastFilter{}); n != 37 {
			t.Errorf("audience after the broadcast = %d; want 37", n)
		}
		// The message is the one the preview shows.
		if want := dialog.BroadcastMessage("zh", "东莞市 2026 年技能补贴开始申请。"); !strings.Contains(want, "补贴") {
			t.Fatalf("BroadcastMessage = %q", want)
		}
	})
}

// TestBroadcast429PausesEverySend checks that after a 429 no worker sends
// anything for retry_after, and the refused item is delivered once after.
func TestBroadcast429PausesEverySend(t *testing.T) {
	eachStore(t, func(t *testing.T, st *store.Store) {
		subscribers(t, st, 1, 30)
		f := newBCFake(t, 0)
		f.fail[10] = []apiFailure{{Code: 429, Description: "Too Many Requests: retry after 1", RetryAfter: 1}}
		bc, err := st.CreateBroadcast(context.Background(), "通知", store.BroadcastFilter{}, 1)
		if err != nil {
			t.Fatal(err)
		}
		runSender(t, st, BroadcastConfig{Token: fakeToken, APIURL: f.srv.URL, Rate: 200, InFlight: 4, Exclusive: true, Idle: 10 * time.Millisecond}, bc.ID)
		delivered, _ := f.counts()
		for chat := int64(1); chat <= 30; chat++ {
			if delivered[chat] != 1 {
				t.Errorf("chat %d got %d messages; want 1", chat, delivered[chat])
			}
		}
		ts := f.times()
		sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
		gap := time.Duration(0)
		for i := 1; i < len(ts); i++ {
			gap = max(gap, ts[i].Sub(ts[i-1]))
		}
		// Up to InFlight-1 sends already under way may land just after the 429;
		// then nothing for a second.
		if gap < 900*time.Millisecond {
			t.Errorf("longest pause between deliveries = %s; want about 1 s after the 429", gap)
		}
	})
}

// TestBroadcastRate checks the token bucket: in no one-second window do
// more than rate+1 messages go out (plus a little network jitter).
func TestBroadcastRate(t *testing.T) {
	eachStore(t, func(t *testing.T, st *store.Store) {
		if testing.Short() {
			t.Skip("paced: takes about 3 s")
		}
		subscribers(t, st, 1, 120)
		f := newBCFake(t, 0)
		bc, err := st.CreateBroadcast(context.Background(), "通知", store.BroadcastFilter{}, 1)
		if err != nil {
			t.Fatal(err)
		}
		const rate = 40
		runSender(t, st, BroadcastConfig{Token: fakeToken, APIURL: f.srv.URL, Rate: rate, InFlight: 3, Exclusive: true, Idle: 10 * time.Millisecond}, bc.ID)
		ts := f.times()
		if len(ts) != 120 {
			t.Fatalf("delivered %d; want 120", len(ts))
		}
		// rate+1 exactly paced; arrival times at the fake jitter by a few ms.
		if m := maxPerWindow(ts, time.Second); m > rate+3 {
			t.Errorf("%d messages within one second; want at most %d", m, rate+3)
		}
	})
}

// TestBroadcastTwoSendersPostgres runs two senders (two stores, as two
// processes) on one PostgreSQL broadcast: every subscriber gets exactly one
// message, both senders work, and together they keep the global rate.
func TestBroadcastTwoSendersPostgres(t *testing.T) {
	dsn := storetest.PostgresSchemaDSN(t)
	var stores []*store.Store
	for range 2 {
		st, err := store.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		stores = append(stores, st)
	}
	const users, rate = 240, 80
	subscribers(t, stores[0], 1, users)
	f := newBCFake(t, 0)
	bc, err := stores[0].CreateBroadcast(context.Background(), "通知", store.BroadcastFilter{}, 1)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	senders := make([]*Broadcaster, 2)
	for i, st := range stores {
		wg.Go(func() {
			senders[i] = runSender(t, st, BroadcastConfig{
				Token: fakeToken, APIURL: f.srv.URL, Rate: rate, Lease: time.Second, Idle: 10 * time.Millisecond,
				SenderID: fmt.Sprintf("sender-%d", i),
			}, bc.ID)
		})
	}
	wg.Wait()
	delivered, _ := f.counts()
	for chat := int64(1); chat <= users; chat++ {
		if delivered[chat] != 1 {
			t.Errorf("chat %d got %d messages; want 1", chat, delivered[chat])
		}
	}
	for i, s := range senders {
		if s.Stats().Sent == 0 {
			t.Errorf("sender %d sent nothing", i)
		}
	}
	// Until both senders have seen each other (one heartbeat, 200 ms) the
	// first may send at the full rate: allow that much above rate.
	if m := maxPerWindow(f.times(), time.Second); m > rate*6/5+2 {
		t.Errorf("%d messages within one second from two senders; want about %d", m, rate)
	}
}

// TestMyChatMember follows block and unblock through the Telegram channel.
func TestMyChatMember(t *testing.T) {
	eachStore(t, func(t *testing.T, st *store.Store) {
		subscribers(t, st, 77, 1)
		h := newHarness(t, nil, withStore(st))
		h.start()
		member := func(id int64, status string) map[string]any {
			return map[string]any{"update_id": id, "my_chat_member": map[string]any{
				"chat":            map[string]any{"id": 77, "type": "private"},
				"from":            map[string]any{"id": 77, "is_bot": false, "first_name": "阿明"},
				"date":            1700000000,
				"old_chat_member": map[string]any{"status": "member", "user": map[string]any{"id": 123456, "is_bot": true, "first_name": "bot"}},
				"new_chat_member": map[string]any{"status": status, "user": map[string]any{"id": 123456, "is_bot": true, "first_name": "bot"}, "until_date": 0},
			}}
		}
		h.api.push(member(1, "kicked"))
		eventually(t, "user 77 marked unreachable", func() bool { un, _ := st.Unreachable(context.Background(), 77); return un })
		if u, _ := st.User(context.Background(), 77); u.Subscribed {
			t.Fatal("a user who blocked the bot is still subscribed")
		}
		h.api.push(member(2, "member"))
		eventually(t, "user 77 reachable again", func() bool { un, _ := st.Unreachable(context.Background(), 77); return !un })
		if u, _ := st.User(context.Background(), 77); u.Subscribed {
			t.Fatal("unblocking subscribed the user again")
		}
		if n := len(h.api.callsOf("sendMessage")); n != 0 {
			t.Fatalf("member updates made the bot send %d messages", n)
		}
	})
}

// TestInteractiveDuringBroadcast: a worker who writes while a broadcast
// runs gets the answer within 2 s (absence of starvation, not speed).
func TestInteractiveDuringBroadcast(t *testing.T) {
	eachStore(t, func(t *testing.T, st *store.Store) {
		subscribers(t, st, 1000, 600)
		h := newHarness(t, nil, withStore(st))
		h.api.record = true
		bc, err := st.CreateBroadcast(context.Background(), "通知", store.BroadcastFilter{}, 1)
		if err != nil {
			t.Fatal(err)
		}
		b, err := NewBroadcaster(BroadcastConfig{Token: fakeToken, APIURL: h.api.URL(), Rate: 25, Exclusive: true}, st, nil, testLogger(t))
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- b.Run(ctx) }()
		defer func() { cancel(); <-done }()
		h.start()
		eventually(t, "the broadcast under way", func() bool { return b.Stats().Sent >= 10 })
		for i := range 3 {
			user := int64(5000 + i)
			start := time.Now()
			h.api.push(privateMsg(int64(100+i), user, "你好"))
			eventually(t, "the reply", func() bool { return len(h.api.textsTo(user)) > 0 })
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("reply to user %d during the broadcast took %s; want ≤ 2 s", user, d)
			}
		}
		if got, _ := st.Broadcast(context.Background(), bc.ID); got.Sent == 0 || !got.Active() {
			t.Fatalf("broadcast not running while the worker chatted: %+v", got)
		}

	})
}

// TestBroadcastUnreachableAPI: when the Bot API cannot be reached (nothing
// was written), the delivery is retried with backoff and ends failed after
// MaxAttempts — never unknown, never sent.
func TestBroadcastUnreachableAPI(t *testing.T) {
	eachStore(t, func(t *testing.T, st *store.Store) {
		subscribers(t, st, 1, 2)
		f := newBCFake(t, 0)
		url := f.srv.URL
		f.srv.Close() // connection refused
		bc, err := st.CreateBroadcast(context.Background(), "通知", store.BroadcastFilter{}, 1)
		if err != nil {
			t.Fatal(err)
		}
		b := runSender(t, st, BroadcastConfig{Token: fakeToken, APIURL: url, Rate: 100, Exclusive: true,
			MaxAttempts: 3, MaxBackoff: 10 * time.Millisecond, Idle: 10 * time.Millisecond}, bc.ID)
		got, _ := st.Broadcast(context.Background(), bc.ID)
		if got.Failed != 2 || got.Unknown != 0 || got.Sent != 0 {
			t.Fatalf("progress = %+v; want 2 failed", got)
		}
		if s := b.Stats(); s.Retried != 4 || s.Failed != 2 {
			t.Fatalf("stats = %+v; want 4 retries then 2 failed", s)
		}
	})
}
