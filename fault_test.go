package main

import (
	"context"
	"crypto/rand"
	"crypto/sha1"
	"database/sql"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gongyou/gongyou/bot"
	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/store"
	"github.com/gongyou/gongyou/store/storetest"
)

// Fault tests (skipped with -short):
//
//	go test . -run 'TestDiskFull|TestReadyPostgresResets|TestServeAdminListener' -v -count 1
//
// TestDiskFull needs root (it mounts a 16 MB tmpfs) and skips with the
// reason otherwise; TestReadyPostgresResets needs GONGYOU_TEST_POSTGRES.

func getStatus(t *testing.T, u string) (int, string) {
	t.Helper()
	return getWith(t, http.DefaultClient, u)
}

func getWith(t *testing.T, c *http.Client, u string) (int, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// A full disk under the SQLite file: /readyz turns red within 5 s, while
// the scam check, an FAQ answer and /help still answer (with the line that
// this step is not remembered); freeing the disk makes it green again.
func TestDiskFull(t *testing.T) {
	if testing.Short() {
		t.Skip("fault test")
	}
	dir := filepath.Join(t.TempDir(), "small")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs (needs root): %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Logf("umount %s: %v %s", dir, err, out)
		}
	})
	ctx := context.Background()
	logger := slog.New(slog.DiscardHandler)
	a := &app{cfg: Config{DB: "sqlite:" + filepath.Join(dir, "g.db")}, logger: logger}
	st, base, err := a.open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	eng := a.engine(st, base)
	admin := httptest.NewServer(bot.NewAdminServer("", st.Ready, nil, logger).Handler)
	defer admin.Close()
	for _, cb := range []string{"lang:zh", "start:ok"} {
		if _, err := eng.Handle(ctx, dialog.Event{UserID: 1, Callback: cb}); err != nil {
			t.Fatal(err)
		}
	}
	if code, _ := getStatus(t, admin.URL+"/readyz"); code != 200 {
		t.Fatalf("/readyz before the disk fills: %d", code)
	}
	// A web chat visitor who came before the disk filled.
	web, err := a.webChannel(eng, st, bot.NewMetrics(), []byte(strings.Repeat("k", 32)))
	if err != nil {
		t.Fatal(err)
	}
	site := httptest.NewServer(web.Handler())
	defer site.Close()
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar, Timeout: 30 * time.Second}
	say := func(text string) (int, string) {
		t.Helper()
		_, page := getWith(t, browser, site.URL+"/")
		m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("no csrf token in the page")
		}
		resp, err := browser.PostForm(site.URL+"/send", url.Values{"csrf": {m[1]}, "text": {text}})
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, _ := say("/start"); code != 200 {
		t.Fatalf("web /start: %d", code)
	}
	// A WeChat follower who wrote before the disk filled (plaintext mode).
	a.cfg.WeChat = WeChatConfig{AppID: "wx1", AppSecret: "s", Token: "tok", APIURL: "http://127.0.0.1:1"}
	wc, err := a.wechatChannel(eng, st, bot.NewMetrics())
	if err != nil {
		t.Fatal(err)
	}
	wsite := httptest.NewServer(wc.Handler())
	defer wsite.Close()
	msgID := 0
	wechat := func(text string) string {
		t.Helper()
		msgID++
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		parts := []string{"tok", ts, "n1"}
		sort.Strings(parts)
		sum := sha1.Sum([]byte(strings.Join(parts, "")))
		body := `<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>` + ts +
			`</CreateTime><MsgType>text</MsgType><Content><![CDATA[` + text + `]]></Content><MsgId>` + strconv.Itoa(msgID) + `</MsgId></xml>`
		resp, err := http.Post(wsite.URL+wc.Path()+"?timestamp="+ts+"&nonce=n1&signature="+hex.EncodeToString(sum[:]), "text/xml", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	if r := wechat("/start"); !strings.Contains(r, "语言") {
		t.Fatalf("wechat /start: %q", r)
	}

	// Empty the WAL so the next write must grow a file, then fill the disk.
	if _, err := st.DB().ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	filler := filepath.Join(dir, "filler")
	f, err := os.Create(filler)
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 64<<10)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	f.Close()
	full := time.Now()
	for {
		code, body := getStatus(t, admin.URL+"/readyz")
		if code == 503 {
			if strings.TrimSpace(body) != "not ready" {
				t.Errorf("/readyz body %q: the error belongs in the log", body)
			}
			break
		}
		if time.Since(full) > 5*time.Second {
			t.Fatal("/readyz still green 5 s after the disk filled")
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("/readyz red %v after the disk filled", time.Since(full).Round(time.Millisecond))
	if code, _ := getStatus(t, admin.URL+"/healthz"); code != 200 {
		t.Errorf("/healthz = %d on a full disk: the process still serves", code)
	}

	const note = "系统暂时记不住这一步"
	for _, c := range []struct{ text, want string }{
		{"入职先交800元押金，身份证统一保管，加微信转账", "高风险"},
		{"工伤怎么认定？", "工伤"},
		{"/help", "我能做这些"},
	} {
		r, err := eng.Handle(ctx, dialog.Event{UserID: 1, Text: c.text})
		if err != nil {
			t.Fatalf("%q on a full disk: %v", c.text, err)
		}
		all := ""
		for _, x := range r {
			all += x.Text + "\n"
		}
		if !strings.Contains(all, c.want) || strings.Count(all, note) > 1 {
			t.Errorf("%q on a full disk: want %q, got\n%s", c.text, c.want, all)
		}
		if c.want == "高风险" && !strings.Contains(all, note) {
			t.Errorf("the verdict was not saved and the worker is not told:\n%s", all)
		}
	}

	// The web chat keeps a transcript: it cannot now, so the answer comes
	// from memory on the page the post returns.
	if code, page := say("入职先交800元押金，身份证统一保管，加微信转账"); code != 200 || !strings.Contains(page, "高风险") || !strings.Contains(page, note) {
		t.Errorf("web chat on a full disk: %d\n%.3000s", code, page)
	}

	if r := wechat("入职先交800元押金，身份证统一保管，加微信转账"); !strings.Contains(r, "高风险") || !strings.Contains(r, note) {
		t.Errorf("WeChat on a full disk: %q", r)
	}

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	freed := time.Now()
	for {
		if code, _ := getStatus(t, admin.URL+"/readyz"); code == 200 {
			break
		}
		if time.Since(freed) > 5*time.Second {
			t.Fatal("/readyz still red 5 s after the disk was freed")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Ten rounds: every connection of the store's pool is killed on the server
// (pg_terminate_backend) between checks, then again while four checks are
// in flight; PostgreSQL stays healthy, so /readyz must stay green every
// time (it retries once; without the retry 1–5 of the 50 checks go red).
func TestReadyPostgresResets(t *testing.T) {
	if testing.Short() {
		t.Skip("fault test")
	}
	dsn := storetest.PostgresSchemaDSN(t) // skips without GONGYOU_TEST_POSTGRES
	var b [6]byte
	_, _ = rand.Read(b[:])
	appName := "gongyou_readyz_" + hex.EncodeToString(b[:])
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("application_name", appName)
	u.RawQuery = q.Encode()
	ctx := context.Background()
	st, err := store.Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	killer, err := sql.Open("postgres", os.Getenv(storetest.EnvPostgres))
	if err != nil {
		t.Fatal(err)
	}
	defer killer.Close()
	admin := httptest.NewServer(bot.NewAdminServer("", st.Ready, nil, slog.New(slog.DiscardHandler)).Handler)
	defer admin.Close()

	reds, killed := 0, 0
	for i := range 10 {
		// Fill the pool with several idle connections, as traffic would.
		var wg sync.WaitGroup
		for range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _ = st.DB().ExecContext(ctx, `SELECT pg_sleep(0.02)`)
			}()
		}
		wg.Wait()
		var n int
		if err := killer.QueryRowContext(ctx,
			`SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1`, appName).Scan(&n); err != nil {
			t.Fatal(err)
		}
		killed += n
		if code, _ := getStatus(t, admin.URL+"/readyz"); code != 200 {
			reds++
			t.Errorf("reset %d (%d connections killed): /readyz = %d on a healthy PostgreSQL", i+1, n, code)
		}
		// And a reset while checks are under way: several probes in
		// flight, the kill in the middle of them.
		var mid sync.WaitGroup
		codes := make(chan int, 4)
		for range 4 {
			mid.Add(1)
			go func() {
				defer mid.Done()
				c, _ := getStatus(t, admin.URL+"/readyz")
				codes <- c
			}()
		}
		time.Sleep(time.Millisecond)
		if err := killer.QueryRowContext(ctx,
			`SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1`, appName).Scan(&n); err != nil {
			t.Fatal(err)
		}
		killed += n
		mid.Wait()
		close(codes)
		for c := range codes {
			if c != 200 {
				reds++
				t.Errorf("reset %d during checks: /readyz = %d on a healthy PostgreSQL", i+1, c)
			}
		}
	}
	t.Logf("10 rounds of two resets (between checks, during checks), %d connections killed, %d false reds in 50 checks", killed, reds)
	if killed < 10 {
		t.Errorf("only %d connections killed: the test did not reset the pool", killed)
	}
}

// serve with GONGYOU_ADMIN_ADDR apart: /healthz, /readyz and /metrics on
// the admin listener, none of them on the public one.
func TestServeAdminListener(t *testing.T) {
	if testing.Short() {
		t.Skip("starts serve")
	}
	pub, adm := freeAddr(t), freeAddr(t)
	env := map[string]string{"GONGYOU_DB": "sqlite:" + filepath.Join(t.TempDir(), "g.db"),
		"GONGYOU_HTTP_ADDR": pub, "GONGYOU_ADMIN_ADDR": adm, "GONGYOU_LOG_LEVEL": "warn",
		"GONGYOU_WEB_SECRET": strings.Repeat("s", 32)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, io.Discard)
	}()
	defer func() { cancel(); <-done }()
	waitFor(t, 10*time.Second, func() bool {
		resp, err := http.Get("http://" + adm + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	for _, p := range []string{"/healthz", "/readyz", "/metrics"} {
		if code, _ := getStatus(t, "http://"+adm+p); code != 200 {
			t.Errorf("admin %s = %d", p, code)
		}
		if code, body := getStatus(t, "http://"+pub+p); code == 200 && (strings.Contains(body, "go_goroutines") || strings.TrimSpace(body) == "ok") {
			t.Errorf("public listener serves %s", p)
		}
	}
	if code := run(ctx, []string{"healthcheck", "--ready"}, func(k string) string { return env[k] }, nil, io.Discard, io.Discard); code != 0 {
		t.Errorf("gongyou healthcheck --ready = %d", code)
	}
}
