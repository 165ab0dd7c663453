package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/store"
)

func keyboardOf(t *testing.T, c apiCall) [][]models.InlineKeyboardButton {
	t.Helper()
	rm := c.Fields["reply_markup"]
	if rm == "" {
		return nil
	}
	var kb models.InlineKeyboardMarkup
	if err := json.Unmarshal([]byte(rm), &kb); err != nil {
		t.Fatalf("reply_markup: %v", err)
	}
	return kb.InlineKeyboard
}

func TestStartAndButtonPress(t *testing.T) {
	const user = 1001
	h := newHarness(t, func(_ context.Context, ev dialog.Event) ([]dialog.Reply, error) {
		switch {
		case ev.Text == "/start":
			return []dialog.Reply{{Text: "欢迎使用工友！请选择语言。", Buttons: [][]dialog.Button{{
				{Label: "中文", Data: "lang:zh"}, {Label: "English", Data: "lang:en"},
			}}}}, nil
		case ev.Callback == "lang:zh":
			return []dialog.Reply{{Text: "好的，以后用中文。"}}, nil
		}
		return nil, nil
	})
	h.start()

	h.api.push(privateMsg(1, user, "/start"))
	eventually(t, "the /start reply", func() bool { return len(h.api.callsOf("sendMessage")) == 1 })
	sent := h.api.callsOf("sendMessage")[0]
	if sent.Fields["chat_id"] != strconv.Itoa(user) || sent.Fields["text"] != "欢迎使用工友！请选择语言。" {
		t.Fatalf("sendMessage fields = %v", sent.Fields)
	}
	if pm := sent.Fields["parse_mode"]; pm != "" {
		t.Errorf("parse_mode = %q, want none (plain text)", pm)
	}
	kb := keyboardOf(t, sent)
	if len(kb) != 1 || len(kb[0]) != 2 || kb[0][0].CallbackData != "lang:zh" || kb[0][1].Text != "English" {
		t.Fatalf("keyboard = %+v", kb)
	}

	h.api.push(callback(2, user, "lang:zh"))
	eventually(t, "the button reply", func() bool { return len(h.api.callsOf("sendMessage")) == 2 })
	answers := h.api.callsOf("answerCallbackQuery")
	if len(answers) != 1 || answers[0].Fields["callback_query_id"] != "cq-2" {
		t.Fatalf("answerCallbackQuery calls = %+v", answers)
	}
	reply := h.api.callsOf("sendMessage")[1]
	if reply.Fields["text"] != "好的，以后用中文。" {
		t.Errorf("reply text = %q", reply.Fields["text"])
	}
	if answers[0].At.After(reply.At) {
		t.Error("the callback was answered after the reply; it must be answered first")
	}

	evs := h.handler.seen()
	want := []dialog.Event{
		{UserID: user, ChatID: user, Lang: "zh-hans", Name: "阿明", Text: "/start"},
		{UserID: user, ChatID: user, Lang: "zh-hans", Name: "阿明", Callback: "lang:zh"},
	}
	if !slices.Equal(evs, want) {
		t.Errorf("events = %+v\nwant %+v", evs, want)
	}
	if got := value(t, h.tg.m.updates.WithLabelValues(kindCallback)); got != 1 {
		t.Errorf("callback updates = %v, want 1", got)
	}
}

// usersOnDifferentQueues returns two user ids served by different workers.
func usersOnDifferentQueues(n int) (int64, int64) {
	a := int64(2001)
	for b := a + 1; ; b++ {
		if shardOf(a, n) != shardOf(b, n) {
			return a, b
		}
	}
}

func TestOneUserInOrderOthersConcurrently(t *testing.T) {
	a, b := usersOnDifferentQueues(4)
	bServed := make(chan struct{})
	var once sync.Once
	h := newHarness(t, func(ctx context.Context, ev dialog.Event) ([]dialog.Reply, error) {
		n, _ := strconv.Atoi(ev.Text)
		switch {
		case ev.UserID == a && n == 1:
			// User a's first turn waits until user b has been served: this
			// only finishes if different users run concurrently.
			select {
			case <-bServed:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		case ev.UserID == a && n%3 == 0:
			time.Sleep(3 * time.Millisecond) // provoke reordering, were there any
		case ev.UserID == b:
			once.Do(func() { close(bServed) })
		}
		return []dialog.Reply{{Text: fmt.Sprintf("ok %d", n)}}, nil
	})
	h.start()

	var ups []any
	id := int64(0)
	for i := 1; i <= 20; i++ {
		id++
		ups = append(ups, privateMsg(id, a, strconv.Itoa(i)))
		if i <= 5 {
			id++
			ups = append(ups, privateMsg(id, b, strconv.Itoa(i)))
		}
	}
	h.api.push(ups...)
	eventually(t, "all replies", func() bool { return len(h.api.textsTo(a)) == 20 && len(h.api.textsTo(b)) == 5 })

	var want []string
	for i := 1; i <= 20; i++ {
		want = append(want, strconv.Itoa(i))
	}
	if got := h.handler.textsOf(a); !slices.Equal(got, want) {
		t.Errorf("user a handled in order %v, want %v", got, want)
	}
	if got := h.handler.textsOf(b); !slices.Equal(got, want[:5]) {
		t.Errorf("user b handled in order %v", got)
	}
	for i, text := range h.api.textsTo(a) {
		if text != fmt.Sprintf("ok %d", i+1) {
			t.Fatalf("replies to a out of order: %v", h.api.textsTo(a))
		}
	}
}

func TestReplayedUpdateHandledOnce(t *testing.T) {
	eachStore(t, func(t *testing.T, st *store.Store) {
		const user = 3001
		api := newFakeAPI(t)
		h := newHarness(t, nil, withStore(st), withAPI(api))
		h.start()

		// The same update twice in one batch, then a marker behind it.
		api.push(privateMsg(7, user, "找工作"), privateMsg(7, user, "找工作"), privateMsg(8, user, "marker"))
		eventually(t, "the marker", func() bool { return len(h.handler.textsOf(user)) == 2 })
		if got := h.handler.textsOf(user); !slices.Equal(got, []string{"找工作", "marker"}) {
			t.Fatalf("handled %v", got)
		}
		if got := value(t, h.tg.m.duplicates); got != 1 {
			t.Errorf("duplicates = %v, want 1", got)
		}
		if err := h.stop(); err != nil {
			t.Fatal(err)
		}

		// A restart that gets update 8 again (not confirmed before the crash)
		// on the same store: no second effect.
		api2 := newFakeAPI(t)
		h2 := newHarness(t, nil, withStore(st), withAPI(api2))
		h2.start()
		api2.push(privateMsg(8, user, "marker"), privateMsg(9, user, "next"))
		eventually(t, "the next update", func() bool { return len(h2.handler.seen()) >= 1 })
		if got := h2.handler.textsOf(user); !slices.Equal(got, []string{"next"}) {
			t.Fatalf("after restart handled %v, want only [next]", got)
		}
		if n := len(api2.textsTo(user)); n > 1 {
			t.Errorf("after restart %d replies, want 1", n)
		}
	})
}

func TestLongChineseReplyIsSplit(t *testing.T) {
	han := []rune("工友招聘培训社保权益咨询请注意防骗")
	var lines strings.Builder
	for i := range 5000 {
		lines.WriteRune(han[i%len(han)])
		if i%40 == 39 {
			lines.WriteString("\n")
		}
	}
	var oneLine strings.Builder
	for i := range 10000 {
		oneLine.WriteRune(han[i%len(han)])
		if i%500 == 0 {
			oneLine.WriteString("😀") // surrogate pairs near every cut
		}
	}
	cases := map[string]string{"lines": lines.String(), "one line": oneLine.String()}

	for name, long := range cases {
		t.Run(name, func(t *testing.T) {
			const user = 4001
			h := newHarness(t, func(context.Context, dialog.Event) ([]dialog.Reply, error) {
				return []dialog.Reply{{Text: long, Buttons: [][]dialog.Button{{{Label: "返回菜单", Data: "menu"}}}}}, nil
			})
			h.start()
			h.api.push(privateMsg(1, user, "/faq"))
			want := (UTF16Len(long) + MaxMessageUnits - 1) / MaxMessageUnits
			eventually(t, "the parts", func() bool {
				n := len(h.api.callsOf("sendMessage"))
				return n >= want && n >= 2 && strings.Join(h.api.textsTo(user), "") == long
			})
			calls := h.api.callsOf("sendMessage")
			for i, c := range calls {
				text := c.Fields["text"]
				if n := UTF16Len(text); n > MaxMessageUnits {
					t.Errorf("part %d has %d UTF-16 units", i, n)
				}
				if !utf8.ValidString(text) {
					t.Errorf("part %d is not valid UTF-8", i)
				}
				if hasKB := c.Fields["reply_markup"] != ""; hasKB != (i == len(calls)-1) {
					t.Errorf("part %d of %d: keyboard %v; want it on the last part only", i, len(calls), hasKB)
				}
			}
		})
	}
}

func TestPanicAndErrorGetNotice(t *testing.T) {
	const user = 5001
	h := newHarness(t, func(_ context.Context, ev dialog.Event) ([]dialog.Reply, error) {
		switch ev.Text {
		case "boom":
			var m map[string]int
			m["x"]++ // nil map write: a real panic
		case "fail":
			return nil, errors.New("database is locked")
		}
		return []dialog.Reply{{Text: "好的：" + ev.Text}}, nil
	})
	h.start()
	h.api.push(privateMsg(1, user, "boom"), privateMsg(2, user, "你好"), privateMsg(3, user, "fail"), privateMsg(4, user, "再见"))
	eventually(t, "four replies", func() bool { return len(h.api.textsTo(user)) == 4 })
	notice := dialog.NoticeText("zh-hans", dialog.NoticeError)
	want := []string{notice, "好的：你好", notice, "好的：再见"}
	if got := h.api.textsTo(user); !slices.Equal(got, want) {
		t.Errorf("replies = %q\nwant %q", got, want)
	}
	if got := value(t, h.tg.m.panics); got != 1 {
		t.Errorf("panics = %v, want 1", got)
	}
	if got := value(t, h.tg.m.updateErrors.WithLabelValues(stageHandler)); got != 1 {
		t.Errorf("handler errors = %v, want 1", got)
	}
}

// testClock is a settable clock for the flood limiter.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestFloodOneNoticeThenDrop(t *testing.T) {
	const user = 6001
	clock := &testClock{now: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)}
	h := newHarness(t, nil, withConfig(func(c *TelegramConfig) { c.FloodPerMinute = 20 }))
	h.tg.now = clock.Now
	h.start()

	var burst []any
	for i := 1; i <= 30; i++ {
		burst = append(burst, privateMsg(int64(i), user, strconv.Itoa(i)))
	}
	burst = append(burst, callback(31, user, "menu")) // button presses count too
	h.api.push(burst...)
	eventually(t, "the burst to be processed", func() bool { return value(t, h.tg.m.floodDropped) == 11 })
	eventually(t, "the callback answer", func() bool { return len(h.api.callsOf("answerCallbackQuery")) == 1 })

	if n := len(h.handler.seen()); n != 20 {
		t.Errorf("handler saw %d updates, want 20 (the burst)", n)
	}
	slow := dialog.NoticeText("zh-hans", dialog.NoticeSlowDown)
	count := func() int {
		n := 0
		for _, s := range h.api.textsTo(user) {
			if s == slow {
				n++
			}
		}
		return n
	}
	if n := count(); n != 1 {
		t.Errorf("%d slow-down notices, want exactly 1", n)
	}

	// A minute later the rate has recovered: served again, and a new flood
	// would get a new notice.
	clock.Add(time.Minute)
	h.api.push(privateMsg(40, user, "again"))
	eventually(t, "the message after the pause", func() bool { return slices.Contains(h.handler.textsOf(user), "again") })
	if n := count(); n != 1 {
		t.Errorf("%d slow-down notices after recovery, want 1", n)
	}
}

func TestGroupOnlyCommandsForThisBot(t *testing.T) {
	const user, group = 7001, -1007001
	h := newHarness(t, nil)
	h.start()
	h.api.push(
		groupMsg(1, user, group, "大家好，有人知道东莞的厂吗"),
		groupMsg(2, user, group, "/menu@TestBot"),
		groupMsg(3, user, group, "/menu@OtherBot"),
		groupMsg(4, user, group, "/jobs@testbot 东莞"),
		groupMsg(5, user, group, "/help"),
		privateMsg(6, user, "/check@TestBot 交押金"),
		privateMsg(7, user, "marker"),
	)
	eventually(t, "the marker", func() bool { return slices.Contains(h.handler.textsOf(user), "marker") })
	want := []string{"/menu", "/jobs 东莞", "/help", "/check 交押金", "marker"}
	if got := h.handler.textsOf(user); !slices.Equal(got, want) {
		t.Errorf("handled %q\nwant %q", got, want)
	}
	if got := h.handler.seen()[0].ChatID; got != group {
		t.Errorf("group command chat = %d, want %d", got, group)
	}
}

func newWebhookHarness(t *testing.T, fn func(context.Context, dialog.Event) ([]dialog.Reply, error), opts ...harnessOpt) (*harness, *httptest.Server) {
	t.Helper()
	opts = append([]harnessOpt{withConfig(func(c *TelegramConfig) {
		c.WebhookURL = "https://gongyou.example/tg/hook"
		c.WebhookSecret = "s3cret_Token-1"
	})}, opts...)
	h := newHarness(t, fn, opts...)
	srv := httptest.NewServer(NewHTTPServer("127.0.0.1:0", nil, h.metrics, "/tg/hook", h.tg.WebhookHandler()).Handler)
	t.Cleanup(srv.Close)
	return h, srv
}

func postUpdate(t *testing.T, url, secret string, body []byte) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	return resp
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestWebhook(t *testing.T) {
	const user = 8001
	h, srv := newWebhookHarness(t, nil)
	h.start()
	eventually(t, "setWebhook", func() bool { return len(h.api.callsOf("setWebhook")) == 1 })
	sw := h.api.callsOf("setWebhook")[0]
	if sw.Fields["url"] != "https://gongyou.example/tg/hook" || sw.Fields["secret_token"] != "s3cret_Token-1" ||
		sw.Fields["allowed_updates"] != `["message","callback_query","my_chat_member"]` {
		t.Errorf("setWebhook fields = %v", sw.Fields)
	}
	if n := len(h.api.callsOf("deleteWebhook")); n != 0 {
		t.Errorf("deleteWebhook called %d times in webhook mode", n)
	}
	hook := srv.URL + "/tg/hook"
	secret := "s3cret_Token-1"

	for name, c := range map[string]struct {
		secret string
		body   []byte
		want   int
	}{
		"wrong secret":   {"s3cret_Token-2", mustJSON(t, privateMsg(1, user, "forged")), http.StatusUnauthorized},
		"missing secret": {"", mustJSON(t, privateMsg(2, user, "forged")), http.StatusUnauthorized},
		"bad json":       {secret, []byte(`{"update_id": 3, "message": {`), http.StatusBadRequest},
		"no update id":   {secret, []byte(`{"message": {"text": "x"}}`), http.StatusBadRequest},
		"too large": {secret, mustJSON(t, privateMsg(4, user, strings.Repeat("长", 400_000))),
			http.StatusRequestEntityTooLarge},
	} {
		if resp := postUpdate(t, hook, c.secret, c.body); resp.StatusCode != c.want {
			t.Errorf("%s: status %d, want %d", name, resp.StatusCode, c.want)
		}
	}
	if resp, err := http.Get(hook); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET webhook: %v %v", resp.StatusCode, err)
	}

	ok := mustJSON(t, privateMsg(10, user, "你好"))
	for range 2 { // Telegram retries: the second delivery has no effect
		if resp := postUpdate(t, hook, secret, ok); resp.StatusCode != http.StatusOK {
			t.Fatalf("good update: status %d", resp.StatusCode)
		}
	}
	if resp := postUpdate(t, hook, secret, mustJSON(t, privateMsg(11, user, "marker"))); resp.StatusCode != http.StatusOK {
		t.Fatalf("marker: status %d", resp.StatusCode)
	}
	eventually(t, "the marker", func() bool { return slices.Contains(h.handler.textsOf(user), "marker") })
	if got := h.handler.textsOf(user); !slices.Equal(got, []string{"你好", "marker"}) {
		t.Errorf("handled %q; forged, broken or repeated updates must not reach the handler", got)
	}

	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	resp := postUpdate(t, hook, secret, mustJSON(t, privateMsg(12, user, "late")))
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") != "5" {
		t.Errorf("after shutdown: status %d Retry-After %q, want 503 and 5", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}

func TestWebhookFullQueueAnswers503(t *testing.T) {
	const user = 8101
	release := make(chan struct{})
	h, srv := newWebhookHarness(t, func(ctx context.Context, ev dialog.Event) ([]dialog.Reply, error) {
		if ev.Text == "first" {
			<-release
		}
		return []dialog.Reply{{Text: "ok"}}, nil
	}, withConfig(func(c *TelegramConfig) { c.Workers = 1; c.QueueSize = 1 }))
	h.start()
	eventually(t, "setWebhook", func() bool { return len(h.api.callsOf("setWebhook")) == 1 })
	hook, secret := srv.URL+"/tg/hook", "s3cret_Token-1"

	postUpdate(t, hook, secret, mustJSON(t, privateMsg(1, user, "first")))
	eventually(t, "the first turn to start", func() bool { return len(h.handler.seen()) == 1 })
	if resp := postUpdate(t, hook, secret, mustJSON(t, privateMsg(2, user, "second"))); resp.StatusCode != http.StatusOK {
		t.Fatalf("second: %d, want 200 (fits the queue)", resp.StatusCode)
	}
	resp := postUpdate(t, hook, secret, mustJSON(t, privateMsg(3, user, "third")))
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") != "5" {
		t.Errorf("third: status %d Retry-After %q, want 503 and 5", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	close(release)
	eventually(t, "the second turn", func() bool { return len(h.handler.seen()) == 2 })
	// Telegram redelivers the refused update; it was not marked as seen.
	if resp := postUpdate(t, hook, secret, mustJSON(t, privateMsg(3, user, "third"))); resp.StatusCode != http.StatusOK {
		t.Fatalf("redelivered third: %d", resp.StatusCode)
	}
	eventually(t, "the third turn", func() bool { return len(h.handler.seen()) == 3 })
}

func TestGracefulShutdownFinishesQueuedWork(t *testing.T) {
	const user = 9001
	started := make(chan struct{})
	release := make(chan struct{})
	var ctxErr atomic.Value
	h := newHarness(t, func(ctx context.Context, ev dialog.Event) ([]dialog.Reply, error) {
		if ev.Text == "slow" {
			close(started)
			<-release
			ctxErr.Store(fmt.Sprint(ctx.Err()))
		}
		return []dialog.Reply{{Text: "done " + ev.Text}}, nil
	})
	h.start()
	h.api.push(privateMsg(1, user, "slow"), privateMsg(2, user, "queued"))
	<-started
	eventually(t, "the batch to be confirmed", func() bool { return h.api.confirmed(2) })

	stopped := make(chan error, 1)
	go func() { stopped <- h.stop() }()
	// Polling stops first; the turn in flight is still running.
	eventually(t, "polling to stop", func() bool {
		h.tg.queues.mu.RLock()
		defer h.tg.queues.mu.RUnlock()
		return h.tg.queues.closed
	})
	close(release)
	if err := <-stopped; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if got := h.api.textsTo(user); !slices.Equal(got, []string{"done slow", "done queued"}) {
		t.Errorf("replies = %q; in-flight and queued updates must finish within the grace period", got)
	}
	if got := ctxErr.Load(); got != "<nil>" {
		t.Errorf("turn context during grace: %v, want not cancelled", got)
	}
}

func TestShutdownGraceRunsOut(t *testing.T) {
	const user = 9101
	h := newHarness(t, func(ctx context.Context, ev dialog.Event) ([]dialog.Reply, error) {
		<-ctx.Done() // a turn that never finishes on its own
		return nil, ctx.Err()
	}, withConfig(func(c *TelegramConfig) { c.ShutdownGrace = 50 * time.Millisecond }))
	h.start()
	h.api.push(privateMsg(1, user, "hang"), privateMsg(2, user, "queued"))
	eventually(t, "the turn", func() bool { return len(h.handler.seen()) == 1 })
	eventually(t, "the batch to be confirmed", func() bool { return h.api.confirmed(2) })
	if err := h.stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if n := len(h.handler.seen()); n != 1 {
		t.Errorf("handler saw %d updates; the queued one must be dropped once the grace ran out", n)
	}
	if got := value(t, h.tg.m.updateErrors.WithLabelValues(stageShutdown)); got != 1 {
		t.Errorf("shutdown drops = %v, want 1", got)
	}
}

func TestSendErrors(t *testing.T) {
	const user = 9201
	h := newHarness(t, nil)
	h.start()

	h.api.failNext("sendMessage", apiFailure{Code: 429, Description: "Too Many Requests: retry after 1", RetryAfter: 1})
	h.api.push(privateMsg(1, user, "a"))
	eventually(t, "the retried send", func() bool { return len(h.api.callsOf("sendMessage")) == 2 })
	calls := h.api.callsOf("sendMessage")
	if gap := calls[1].At.Sub(calls[0].At); gap < time.Second {
		t.Errorf("retried after %v, want ≥ retry_after (1s)", gap)
	}
	eventually(t, "the ok count", func() bool { return value(t, h.tg.m.sends.WithLabelValues(outcomeOK)) == 1 })
	if got := value(t, h.tg.m.sends.WithLabelValues(outcomeRetry)); got != 1 {
		t.Errorf("retry sends = %v, want 1", got)
	}

	h.api.failNext("sendMessage", apiFailure{Code: 403, Description: "Forbidden: bot was blocked by the user"})
	h.api.push(privateMsg(2, user, "b"))
	eventually(t, "the forbidden count", func() bool {
		return value(t, h.tg.m.sends.WithLabelValues(outcomeForbidden)) == 1
	})
	h.api.push(privateMsg(3, user, "marker"))
	eventually(t, "the marker", func() bool { return len(h.api.callsOf("sendMessage")) == 4 })
	if got := h.api.textsTo(user); !slices.Equal(got, []string{"echo: a", "echo: a", "echo: b", "echo: marker"}) {
		t.Errorf("sends = %q; a 403 must not be retried", got)
	}
}

func TestBadInputThroughTheChannel(t *testing.T) {
	const user = 9301
	h := newHarness(t, func(_ context.Context, ev dialog.Event) ([]dialog.Reply, error) {
		if ev.Text == "" && ev.Callback == "" {
			return []dialog.Reply{{Text: "请发文字，或点按钮。"}}, nil
		}
		row := make([]dialog.Button, 20) // more than 8 in a row
		for i := range row {
			row[i] = dialog.Button{Label: fmt.Sprint(i), Data: fmt.Sprint("b", i)}
		}
		return []dialog.Reply{
			{Text: "echo: " + ev.Text + ev.Callback, Buttons: [][]dialog.Button{
				{{Label: ev.Text, Data: ev.Text}}, // user text as label and data: data too long → dropped
				row,
				{{Label: "", Data: "x"}, {Label: "ok", Data: ""}},
			}},
			{Text: "   \n", Buttons: [][]dialog.Button{{{Label: "孤儿", Data: "orphan"}}}}, // blank: dropped
			{Text: "bad \xff\xfe bytes"},
		}, nil
	})
	h.start()

	sticker := map[string]any{"update_id": 5, "message": map[string]any{
		"message_id": 5, "date": 1700000000,
		"chat":    map[string]any{"id": user, "type": "private"},
		"from":    map[string]any{"id": user, "is_bot": false, "first_name": "阿明"},
		"sticker": map[string]any{"file_id": "f", "file_unique_id": "u", "type": "regular", "width": 512, "height": 512, "is_animated": false, "is_video": false},
	}}
	inaccessible := map[string]any{"update_id": 8, "callback_query": map[string]any{
		"id": "cq-8", "chat_instance": "ci", "data": "menu",
		"from":    map[string]any{"id": user, "is_bot": false, "first_name": "阿明"},
		"message": map[string]any{"message_id": 1, "date": 0, "chat": map[string]any{"id": user, "type": "private"}},
	}}
	inline := map[string]any{"update_id": 9, "callback_query": map[string]any{
		"id": "cq-9", "chat_instance": "ci", "data": "menu", "inline_message_id": "im",
		"from": map[string]any{"id": user, "is_bot": false, "first_name": "阿明"},
	}}
	h.api.push(
		privateMsg(1, user, ""),
		privateMsg(2, user, strings.Repeat("骗", 1<<20/3)+"\n"+strings.Repeat("a", 1000)), // ~1 MB
		json.RawMessage(fmt.Sprintf(`{"update_id":3,"message":{"message_id":3,"date":1,"text":"bad `+"\xff\xfe"+` utf8 \ud800","chat":{"id":%d,"type":"private"},"from":{"id":%d,"is_bot":false,"first_name":"`+"\xc3"+`"}}}`, user, user)),
		privateMsg(4, user, "/start@"+strings.Repeat("x", 300)), // command to another "bot"
		sticker,
		callback(6, user, strings.Repeat("d", 65)),
		callback(7, user, strings.Repeat("数", 30)), // 90 bytes
		inaccessible,
		inline,
		map[string]any{"update_id": 10, "edited_message": map[string]any{"message_id": 1, "date": 1, "text": "x", "chat": map[string]any{"id": user, "type": "private"}}},
		map[string]any{"update_id": 11, "message": map[string]any{"message_id": 11, "date": 1, "text": "no sender", "chat": map[string]any{"id": user, "type": "private"}}},
		map[string]any{"update_id": 12, "my_chat_member": map[string]any{
			"chat": map[string]any{"id": user, "type": "private"}, "from": map[string]any{"id": user, "is_bot": false, "first_name": "阿明"}, "date": 1,
			"old_chat_member": map[string]any{"status": "member", "user": map[string]any{"id": 1, "is_bot": true, "first_name": "b"}},
			"new_chat_member": map[string]any{"status": "kicked", "user": map[string]any{"id": 1, "is_bot": true, "first_name": "b"}, "until_date": 0},
		}},
		privateMsg(13, user, "marker"),
	)
	eventually(t, "the marker", func() bool { return slices.Contains(h.handler.textsOf(user), "marker") })
	eventually(t, "the marker's replies", func() bool {
		texts := h.api.textsTo(user)
		return len(texts) > 0 && strings.Contains(strings.Join(texts, "|"), "echo: marker")
	})

	evs := h.handler.seen()
	// Handled: empty text, 1 MB, bad UTF-8, /start@other (private: passed on), sticker, inaccessible, inline, marker.
	if len(evs) != 8 {
		t.Fatalf("handler saw %d events: %+v", len(evs), evs)
	}
	if evs[0].Text != "" || evs[4].Text != "" {
		t.Errorf("empty message / sticker text = %q / %q, want empty", evs[0].Text, evs[4].Text)
	}
	if n := UTF16Len(evs[1].Text); n > MaxMessageUnits {
		t.Errorf("1 MB message reached the engine with %d UTF-16 units", n)
	}
	for i, ev := range evs {
		if !utf8.ValidString(ev.Text) || !utf8.ValidString(ev.Name) || len(ev.Callback) > dialog.MaxCallbackData {
			t.Errorf("event %d not clean: %+v", i, ev)
		}
	}
	if evs[5].Callback != "menu" || evs[5].ChatID != user || evs[6].ChatID != user {
		t.Errorf("callbacks without an accessible message: %+v %+v", evs[5], evs[6])
	}
	// Every callback answered, usable data or not.
	var answered []string
	for _, c := range h.api.callsOf("answerCallbackQuery") {
		answered = append(answered, c.Fields["callback_query_id"])
	}
	if want := []string{"cq-6", "cq-7", "cq-8", "cq-9"}; !slices.Equal(answered, want) {
		t.Errorf("answered %v, want %v", answered, want)
	}
	// A full keyboard: the 20-button row wrapped at 8; the bad buttons gone.
	for _, c := range h.api.callsOf("sendMessage") {
		if kb := keyboardOf(t, c); kb != nil && strings.HasPrefix(c.Fields["text"], "echo: marker") {
			var sizes []int
			for _, row := range kb {
				sizes = append(sizes, len(row))
			}
			if !slices.Equal(sizes, []int{1, 8, 8, 4}) {
				t.Errorf("keyboard rows %v, want [1 8 8 4]", sizes)
			}
		}
	}
	// The fake checks every request (text, UTF-8, length, callback_data) and
	// fails the test on a violation at cleanup.
}

func TestHealthAndMetrics(t *testing.T) {
	var healthy atomic.Bool
	healthy.Store(true)
	m := NewMetrics()
	m.forChannel(telegramName).updates.WithLabelValues(kindMessage).Inc()
	srv := httptest.NewServer(NewHTTPServer("127.0.0.1:0", func(ctx context.Context) error {
		if _, ok := ctx.Deadline(); !ok {
			return errors.New("health check without a deadline")
		}
		if !healthy.Load() {
			return errors.New("store: ping sqlite: database is closed")
		}
		return nil
	}, m, "/tg", nil).Handler)
	defer srv.Close()

	get := func(path string) (int, string) {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/healthz"); code != 200 || strings.TrimSpace(body) != "ok" {
		t.Errorf("healthy: %d %q", code, body)
	}
	if code, body := get("/readyz"); code != 200 || strings.TrimSpace(body) != "ok" {
		t.Errorf("ready: %d %q", code, body)
	}
	healthy.Store(false)
	if code, body := get("/readyz"); code != 503 || strings.TrimSpace(body) != "not ready" {
		t.Errorf("not ready: %d %q (the error is logged, never shown)", code, body)
	}
	if code, _ := get("/healthz"); code != 200 {
		t.Errorf("alive while the store is not: %d", code)
	}
	code, body := get("/metrics")
	if code != 200 || !strings.Contains(body, `gongyou_updates_total{channel="telegram",kind="message"} 1`) ||
		!strings.Contains(body, "gongyou_turn_seconds_bucket") || !strings.Contains(body, "go_goroutines") {
		t.Errorf("metrics: %d\n%s", code, body)
	}
	// No webhook handler given: no webhook route.
	resp, err := http.Post(srv.URL+"/tg", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		t.Error("webhook route served without a webhook handler")
	}
}

func TestNewTelegramValidatesConfig(t *testing.T) {
	st := openStore(t)
	h := &fakeHandler{}
	for name, cfg := range map[string]TelegramConfig{
		"no token":          {},
		"webhook no secret": {Token: fakeToken, WebhookURL: "https://x.example/hook"},
		"bad secret":        {Token: fakeToken, WebhookURL: "https://x.example/hook", WebhookSecret: "has space"},
		"bad webhook url":   {Token: fakeToken, WebhookURL: "x.example/hook", WebhookSecret: "ok"},
	} {
		if _, err := NewTelegram(cfg, h, st, nil, nil); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	tg, err := NewTelegram(TelegramConfig{Token: fakeToken}, h, st, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if tg.cfg.Workers != 8 || tg.cfg.FloodPerMinute != 20 || tg.cfg.ShutdownGrace != 10*time.Second {
		t.Errorf("defaults = %+v", tg.cfg)
	}
}
