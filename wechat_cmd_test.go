package main

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestWeChatConfig(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	if c, err := LoadConfig(env()); err != nil || c.WeChat.On() {
		t.Fatalf("none: %+v %v", c.WeChat, err)
	}
	if _, err := LoadConfig(env("WECHAT_APP_ID", "wx1")); err == nil || !strings.Contains(err.Error(), "WECHAT_APP_SECRET") {
		t.Fatalf("partial: %v", err)
	}
	if _, err := LoadConfig(env("WECHAT_APP_ID", "wx1", "WECHAT_APP_SECRET", "s", "WECHAT_TOKEN", "tok", "WECHAT_AES_KEY", "short")); err == nil || !strings.Contains(err.Error(), "WECHAT_AES_KEY") {
		t.Fatalf("bad AES key: %v", err)
	}
	c, err := LoadConfig(env("WECHAT_APP_ID", "wx1", "WECHAT_APP_SECRET", "s", "WECHAT_TOKEN", "tok",
		"WECHAT_AES_KEY", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "WECHAT_API_URL", "http://127.0.0.1:9"))
	if err != nil || !c.WeChat.On() || c.WeChat.APIURL != "http://127.0.0.1:9" {
		t.Fatalf("full: %+v %v", c.WeChat, err)
	}
}

// gongyou wechat menu creates the shipped menu through the API.
func TestWeChatMenuCommand(t *testing.T) {
	var mu sync.Mutex
	var menu string
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/cgi-bin/token":
			fmt.Fprint(w, `{"access_token":"T","expires_in":7200}`)
		case "/cgi-bin/menu/create":
			b, _ := io.ReadAll(r.Body)
			mu.Lock()
			menu = string(b)
			mu.Unlock()
			fmt.Fprint(w, `{"errcode":0,"errmsg":"ok"}`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer api.Close()
	env := map[string]string{"GONGYOU_DB": "sqlite:" + filepath.Join(t.TempDir(), "g.db"), "WECHAT_APP_ID": "wx1",
		"WECHAT_APP_SECRET": "s", "WECHAT_TOKEN": "tok", "WECHAT_API_URL": api.URL}
	var out, errOut strings.Builder
	if code := run(context.Background(), []string{"wechat", "menu"}, func(k string) string { return env[k] },
		strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	mu.Lock()
	defer mu.Unlock()
	for _, want := range []string{"找工作", "查招聘", "社保权益", `"/jobs"`} {
		if !strings.Contains(menu, want) {
			t.Fatalf("menu lacks %s: %s", want, menu)
		}
	}
}

// serve with only WECHAT_* set answers a signed callback even while the
// WeChat API is unreachable: a passive reply needs no access_token.
func TestServeWeChatOnly(t *testing.T) {
	addr := freeAddr(t)
	env := map[string]string{"GONGYOU_DB": "sqlite:" + filepath.Join(t.TempDir(), "g.db"), "GONGYOU_HTTP_ADDR": addr, "GONGYOU_ADMIN_ADDR": addr,
		"GONGYOU_LOG_LEVEL": "warn", "WECHAT_APP_ID": "wx1", "WECHAT_APP_SECRET": "s", "WECHAT_TOKEN": "tok",
		"WECHAT_API_URL": "http://127.0.0.1:1"}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, io.Discard)
	}()
	defer func() { cancel(); <-done }()
	waitFor(t, 10*time.Second, func() bool {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	parts := []string{"tok", ts, "n1"}
	sort.Strings(parts)
	sum := sha1.Sum([]byte(strings.Join(parts, "")))
	body := `<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>` + ts +
		`</CreateTime><MsgType>text</MsgType><Content>/help</Content><MsgId>1</MsgId></xml>`
	resp, err := http.Post("http://"+addr+"/wechat?timestamp="+ts+"&nonce=n1&signature="+hex.EncodeToString(sum[:]), "text/xml", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "<MsgType><![CDATA[text]]></MsgType>") {
		t.Fatalf("callback: %d %s", resp.StatusCode, b)
	}
	resp, err = http.Post("http://"+addr+"/wechat?timestamp="+ts+"&nonce=n1&signature=bad", "text/xml", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Fatalf("forged: %d", resp.StatusCode)
	}
}
