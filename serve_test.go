package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongyou/gongyou/store"
)

// miniBotAPI is the smallest Bot API server `gongyou serve` needs: getMe,
// deleteWebhook, a blocking getUpdates, and sendMessage/answerCallbackQuery
// recorded by chat. (bot/ has the thorough fake; this one drives the binary's
// wiring end to end.)
type miniBotAPI struct {
	mu      sync.Mutex
	updates []json.RawMessage
	nextID  int64
	sent    map[int64][]string
	wake    chan struct{}
}

func newMiniBotAPI() *miniBotAPI {
	return &miniBotAPI{sent: map[int64][]string{}, wake: make(chan struct{}, 1), nextID: 1}
}

func (f *miniBotAPI) push(chatID int64, text string) {
	f.mu.Lock()
	id := f.nextID
	f.nextID++
	u := fmt.Sprintf(`{"update_id":%d,"message":{"message_id":%d,"date":1700000000,"chat":{"id":%d,"type":"private"},"from":{"id":%d,"is_bot":false,"first_name":"W","language_code":"zh-hans"},"text":%q}}`,
		id, id, chatID, chatID, text)
	f.updates = append(f.updates, json.RawMessage(u))
	f.mu.Unlock()
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

func (f *miniBotAPI) sentTo(chatID int64) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.sent[chatID]...)
}

func (f *miniBotAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	method := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		r.ParseMultipartForm(1 << 20)
	}
	reply := func(result string) { fmt.Fprintf(w, `{"ok":true,"result":%s}`, result) }
	switch method {
	case "getMe":
		reply(`{"id":1,"is_bot":true,"first_name":"Gongyou","username":"GongyouTestBot"}`)
	case "deleteWebhook", "answerCallbackQuery", "setMyCommands":
		reply(`true`)
	case "getUpdates":
		offset, _ := strconv.ParseInt(r.FormValue("offset"), 10, 64)
		deadline := time.After(2 * time.Second)
		for {
			f.mu.Lock()
			var out []json.RawMessage
			keep := f.updates[:0]
			for _, u := range f.updates {
				var head struct {
					ID int64 `json:"update_id"`
				}
				json.Unmarshal(u, &head)
				if head.ID >= offset {
					out = append(out, u)
					keep = append(keep, u)
				}
			}
			f.updates = keep
			f.mu.Unlock()
			if len(out) > 0 {
				b, _ := json.Marshal(out)
				reply(string(b))
				return
			}
			select {
			case <-f.wake:
			case <-deadline:
				reply(`[]`)
				return
			case <-r.Context().Done():
				return
			}
		}
	case "sendMessage":
		chatID, _ := strconv.ParseInt(r.FormValue("chat_id"), 10, 64)
		f.mu.Lock()
		f.sent[chatID] = append(f.sent[chatID], r.FormValue("text"))
		f.mu.Unlock()
		reply(fmt.Sprintf(`{"message_id":1,"date":1700000000,"chat":{"id":%d,"type":"private"}}`, chatID))
	default:
		fmt.Fprintf(w, `{"ok":false,"error_code":404,"description":"Not Found: method %s"}`, method)
	}
}

func freeAddr(t testing.TB) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// startServe runs `gongyou serve` in-process against the fake Bot API and
// returns a stop function that cancels it (as SIGTERM does) and waits.
func startServe(t testing.TB, dbPath string, api *miniBotAPI) (httpAddr string, stop func() int) {
	fake := httptest.NewServer(api)
	t.Cleanup(fake.Close)
	httpAddr = freeAddr(t)
	env := map[string]string{
		"GONGYOU_DB":         "sqlite:" + dbPath,
		"TELEGRAM_BOT_TOKEN": "123:TEST",
		"TELEGRAM_API_URL":   fake.URL,
		"GONGYOU_HTTP_ADDR":  httpAddr,
		"GONGYOU_ADMIN_ADDR": httpAddr, // one listener (TestServeAdminListener splits them)
		"GONGYOU_LOG_LEVEL":  "warn",
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, io.Discard)
	}()
	waitFor(t, 10*time.Second, func() bool {
		resp, err := http.Get("http://" + httpAddr + "/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	return httpAddr, func() int { cancel(); return <-done }
}

func waitFor(t testing.TB, d time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in time")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// `gongyou serve` wires store, engine, checker, Telegram channel and HTTP:
// a worker's /start and a pasted scam get answers; /metrics counts them;
// cancelling shuts down cleanly with exit code 0.
func TestServeEndToEnd(t *testing.T) {
	api := newMiniBotAPI()
	addr, stop := startServe(t, filepath.Join(t.TempDir(), "g.db"), api)
	api.push(77, "/start")
	api.push(77, "入职先交800元押金，身份证统一保管，加微信转账")
	waitFor(t, 10*time.Second, func() bool { return len(api.sentTo(77)) >= 2 })
	got := api.sentTo(77)
	if !strings.Contains(got[0], "请选择语言") || !strings.Contains(got[1], "高风险") {
		t.Fatalf("replies = %q", got)
	}
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "gongyou_updates_total") {
		t.Error("/metrics lacks gongyou_updates_total")
	}
	if code := stop(); code != 0 {
		t.Fatalf("serve exit code %d after shutdown", code)
	}
}

// TestServeMemory100kUsers reports the peak memory of `gongyou serve` with
// 100,000 users in the store while it serves 2,000 updates. It is a
// measurement, not a check: run it on purpose.
//
//	GONGYOU_MEASURE=1 go test -run ServeMemory -v .
func TestServeMemory100kUsers(t *testing.T) {
	if os.Getenv("GONGYOU_MEASURE") == "" {
		t.Skip("set GONGYOU_MEASURE=1 to measure")
	}
	db := filepath.Join(t.TempDir(), "g.db")
	st, err := store.Open(context.Background(), "sqlite:"+db)
	if err != nil {
		t.Fatal(err)
	}
	tx := st.DB().MustBegin()
	now := time.Now().UTC()
	for i := int64(1); i <= 100_000; i++ {
		tx.MustExec(`INSERT INTO users (id, chat_id, lang, subscribed, created_at, updated_at) VALUES ($1, $1, 'zh', $2, $3, $3)`, i, i%3 == 0, now)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	st.Close()
	runtime.GC()

	api := newMiniBotAPI()
	_, stop := startServe(t, db, api)
	texts := []string{"/menu", "/help", "日结500，先交99元会员费，加V❤ abc123", "/mydata", "/subscribe"}
	for i := range 2000 {
		api.push(int64(1+i*37%100_000), texts[i%len(texts)])
	}
	waitFor(t, 60*time.Second, func() bool {
		api.mu.Lock()
		defer api.mu.Unlock()
		n := 0
		for _, s := range api.sent {
			n += len(s)
		}
		return n >= 2000
	})
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	stop()
	status, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(l, "VmHWM") || strings.HasPrefix(l, "VmRSS") {
			t.Log(strings.Join(strings.Fields(l), " "))
		}
	}
	t.Logf("Go heap in use %.1f MiB, total from OS %.1f MiB", float64(ms.HeapInuse)/(1<<20), float64(ms.Sys)/(1<<20))
}
