package bot

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/store"
	"github.com/gongyou/gongyou/store/storetest"
)

const (
	wxAppID  = "wx0123456789abcdef"
	wxSecret = "s3cret"
	wxToken  = "gongyoutoken"
	wxAESKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG" // 43 characters
	wxMe     = "gh_gongyou"
)

// fakeWeChatAPI speaks the three WeChat API calls the channel uses.
type fakeWeChatAPI struct {
	*httptest.Server
	mu        sync.Mutex
	fetches   int                 // /cgi-bin/token calls
	token     string              // the valid token
	sent      map[string][]string // openid → customer-service texts
	refuse    map[string]int      // openid → errcode for every send
	staleOnce bool                // answer the next send 40001 (the token was replaced elsewhere)
	menu      string
}

func newFakeWeChatAPI(t testing.TB) *fakeWeChatAPI {
	f := &fakeWeChatAPI{sent: map[string][]string{}, refuse: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /cgi-bin/token", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("appid") != wxAppID || q.Get("secret") != wxSecret || q.Get("grant_type") != "client_credential" {
			fmt.Fprint(w, `{"errcode":40013,"errmsg":"invalid appid"}`)
			return
		}
		f.mu.Lock()
		f.fetches++
		f.token = "TOKEN-" + strconv.Itoa(f.fetches)
		tok := f.token
		f.mu.Unlock()
		fmt.Fprintf(w, `{"access_token":%q,"expires_in":7200}`, tok)
	})
	check := func(w http.ResponseWriter, r *http.Request) bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.staleOnce {
			f.staleOnce = false
			fmt.Fprint(w, `{"errcode":40001,"errmsg":"invalid credential"}`)
			return false
		}
		if r.URL.Query().Get("access_token") != f.token || f.token == "" {
			fmt.Fprint(w, `{"errcode":42001,"errmsg":"access_token expired"}`)
			return false
		}
		return true
	}
	mux.HandleFunc("POST /cgi-bin/message/custom/send", func(w http.ResponseWriter, r *http.Request) {
		if !check(w, r) {
			return
		}
		var m struct {
			ToUser  string `json:"touser"`
			MsgType string `json:"msgtype"`
			Text    struct {
				Content string `json:"content"`
			} `json:"text"`
		}
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil || m.MsgType != "text" || len(m.Text.Content) > 2048 {
			fmt.Fprint(w, `{"errcode":44004,"errmsg":"bad message"}`)
			return
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		if code := f.refuse[m.ToUser]; code != 0 {
			fmt.Fprintf(w, `{"errcode":%d,"errmsg":"refused"}`, code)
			return
		}
		f.sent[m.ToUser] = append(f.sent[m.ToUser], m.Text.Content)
		fmt.Fprint(w, `{"errcode":0,"errmsg":"ok"}`)
	})
	mux.HandleFunc("POST /cgi-bin/menu/create", func(w http.ResponseWriter, r *http.Request) {
		if !check(w, r) {
			return
		}
		b, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.menu = string(b)
		f.mu.Unlock()
		fmt.Fprint(w, `{"errcode":0,"errmsg":"ok"}`)
	})
	f.Server = httptest.NewServer(mux)
	t.Cleanup(f.Close)
	return f
}

func (f *fakeWeChatAPI) sentTo(openID string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.sent[openID]...)
}

// wxHarness is a WeChat channel on a store, behind an httptest server.
type wxHarness struct {
	t     testing.TB
	api   *fakeWeChatAPI
	st    *store.Store
	wc    *WeChat
	srv   *httptest.Server
	aes   bool
	clock atomic.Int64 // unix nanoseconds of the channel's clock
	msgID atomic.Int64
}

func newWX(t testing.TB, st *store.Store, h Handler, aes bool, tweak func(*WeChatConfig)) *wxHarness {
	t.Helper()
	x := &wxHarness{t: t, api: newFakeWeChatAPI(t), st: st, aes: aes}
	x.clock.Store(time.Now().UnixNano())
	cfg := WeChatConfig{AppID: wxAppID, AppSecret: wxSecret, Token: wxToken, APIURL: x.api.URL,
		SendEvery: 20 * time.Millisecond, Now: func() time.Time { return time.Unix(0, x.clock.Load()) }}
	if aes {
		cfg.AESKey = wxAESKey
	}
	if tweak != nil {
		tweak(&cfg)
	}
	wc, err := NewWeChat(cfg, h, st, nil, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	x.wc = wc
	x.srv = httptest.NewServer(wc.Handler())
	t.Cleanup(x.srv.Close)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = wc.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return x
}

func (x *wxHarness) advance(d time.Duration) { x.clock.Add(int64(d)) }

// post sends a signed callback with body (encrypted in safe mode) and
// returns the status and the reply's text ("success" → "").
func (x *wxHarness) post(body string) (int, string) {
	x.t.Helper()
	ts := strconv.FormatInt(time.Unix(0, x.clock.Load()).Unix(), 10)
	nonce := strconv.FormatInt(x.msgID.Add(1), 10)
	q := url.Values{"timestamp": {ts}, "nonce": {nonce}, "signature": {wechatSign(wxToken, ts, nonce)}, "openid": {"x"}}
	if x.aes {
		key, _ := ParseWeChatAESKey(wxAESKey)
		enc, err := wechatEncrypt(key, wxAppID, []byte(body))
		if err != nil {
			x.t.Fatal(err)
		}
		q.Set("encrypt_type", "aes")
		q.Set("msg_signature", wechatSign(wxToken, ts, nonce, enc))
		body = "<xml><ToUserName><![CDATA[" + wxMe + "]]></ToUserName><Encrypt><![CDATA[" + enc + "]]></Encrypt></xml>"
	}
	return x.raw(q, body)
}

func (x *wxHarness) raw(q url.Values, body string) (int, string) {
	x.t.Helper()
	resp, err := http.Post(x.srv.URL+"/wechat?"+q.Encode(), "text/xml", strings.NewReader(body))
	if err != nil {
		x.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || string(b) == "success" {
		return resp.StatusCode, ""
	}
	var env wechatMsg
	if err := xml.Unmarshal(b, &env); err != nil {
		x.t.Fatalf("reply is not XML: %v: %s", err, b)
	}
	if x.aes {
		if env.Encrypt == "" {
			x.t.Fatalf("plaintext reply in safe mode: %s", b)
		}
		var sig struct {
			Sig   string `xml:"MsgSignature"`
			TS    string `xml:"TimeStamp"`
			Nonce string `xml:"Nonce"`
		}
		_ = xml.Unmarshal(b, &sig)
		if sig.Sig != wechatSign(wxToken, sig.TS, sig.Nonce, env.Encrypt) {
			x.t.Fatal("reply signature wrong")
		}
		key, _ := ParseWeChatAESKey(wxAESKey)
		plain, err := wechatDecrypt(key, wxAppID, env.Encrypt)
		if err != nil {
			x.t.Fatal(err)
		}
		env = wechatMsg{}
		if err := xml.Unmarshal(plain, &env); err != nil {
			x.t.Fatal(err)
		}
	}
	if env.MsgType != "text" || env.FromUserName != wxMe {
		x.t.Fatalf("bad passive reply: %+v", env)
	}
	return resp.StatusCode, env.Content
}

func (x *wxHarness) text(from, content string) string {
	x.t.Helper()
	code, reply := x.post(x.textXML(from, content, x.msgID.Add(1)))
	if code != 200 {
		x.t.Fatalf("text %q: status %d", content, code)
	}
	return reply
}

func (x *wxHarness) textXML(from, content string, id int64) string {
	return fmt.Sprintf(`<xml><ToUserName><![CDATA[%s]]></ToUserName><FromUserName><![CDATA[%s]]></FromUserName>`+
		`<CreateTime>%d</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[%s]]></Content><MsgId>%d</MsgId></xml>`,
		wxMe, from, time.Unix(0, x.clock.Load()).Unix(), content, id)
}

func (x *wxHarness) event(from, event, key string) string {
	x.t.Helper()
	x.advance(time.Second) // events are told apart by CreateTime
	code, reply := x.post(x.eventXML(from, event, key))
	if code != 200 {
		x.t.Fatalf("event %s: status %d", event, code)
	}
	return reply
}

func (x *wxHarness) eventXML(from, event, key string) string {
	return fmt.Sprintf(`<xml><ToUserName><![CDATA[%s]]></ToUserName><FromUserName><![CDATA[%s]]></FromUserName>`+
		`<CreateTime>%d</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[%s]]></Event><EventKey><![CDATA[%s]]></EventKey></xml>`,
		wxMe, from, time.Unix(0, x.clock.Load()).Unix(), event, key)
}

func (x *wxHarness) userID(openID string) int64 {
	x.t.Helper()
	id, err := x.st.ChannelUserID(context.Background(), store.ChannelWeChat, openID, false)
	if err != nil {
		x.t.Fatalf("user %s: %v", openID, err)
	}
	return id
}

// numberOf finds the number in front of label in a reply's numbered lines.
func numberOf(t testing.TB, reply, label string) string {
	t.Helper()
	for _, line := range strings.Split(reply, "\n") {
		for _, f := range strings.Split(line, "   ") {
			if n, l, ok := strings.Cut(strings.TrimSpace(f), ") "); ok && strings.Contains(l, label) {
				return n
			}
		}
	}
	t.Fatalf("no choice %q in %q", label, reply)
	return ""
}

// wxOnboard follows the account and goes through the welcome by typing
// the numbers of the choices.
func wxOnboard(t testing.TB, x *wxHarness, openID string) {
	t.Helper()
	r := x.event(openID, "subscribe", "")
	if !strings.Contains(r, "请选择语言") || !strings.Contains(r, "1) ") {
		t.Fatalf("follow: %q", r)
	}
	r = x.text(openID, numberOf(t, r, "中文"))
	r = x.text(openID, numberOf(t, r, "知道了"))
	if r == "" {
		t.Fatal("no answer after the privacy notice")
	}
}

// Onboarding by typed numbers, a pasted offer, a question, a menu click,
// in plaintext and in safe mode, on every store; following does not
// subscribe, unfollowing unsubscribes.
func TestWeChatConversation(t *testing.T) {
	for _, aes := range []bool{false, true} {
		t.Run(map[bool]string{false: "plain", true: "aes"}[aes], func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, st *store.Store) {
				x := newWX(t, st, engineOn(t, st, true), aes, nil)
				wxOnboard(t, x, "o-worker")
				ctx := context.Background()
				u, err := st.User(ctx, x.userID("o-worker"))
				if err != nil || u.Subscribed {
					t.Fatalf("after follow: %+v %v (following must not subscribe)", u, err)
				}
				r := x.text("o-worker", "高薪招聘普工，日结400元！入职先交800元押金，身份证统一保管，加微信 abc123 转账")
				if !strings.Contains(r, "风险") {
					t.Fatalf("offer: %q", r)
				}
				r = x.text("o-worker", numberOf(t, r, "为什么"))
				if !strings.Contains(r, "押金") {
					t.Fatalf("why: %q", r)
				}
				if r = x.text("o-worker", "社保断交了怎么办"); r == "" {
					t.Fatal("question: no answer")
				}
				if r = x.event("o-worker", "CLICK", "/insurance"); r == "" {
					t.Fatal("menu click: no answer")
				}
				x.text("o-worker", "/subscribe")
				if u, _ = st.User(ctx, x.userID("o-worker")); !u.Subscribed {
					t.Fatal("/subscribe did not subscribe")
				}
				if r = x.event("o-worker", "unsubscribe", ""); r != "" {
					t.Fatalf("unfollow answered %q", r)
				}
				if u, _ = st.User(ctx, x.userID("o-worker")); u.Subscribed {
					t.Fatal("unfollow did not unsubscribe")
				}
			})
		})
	}
}

// Wrong, missing and replayed signatures are refused with 403; bad input
// is a 4xx or a short answer, never a crash.
func TestWeChatRefusesBadCallbacks(t *testing.T) {
	st := openStore(t)
	h := &fakeHandler{}
	x := newWX(t, st, h, false, nil)
	now := time.Now().Unix()
	signed := func(ts int64) url.Values {
		s := strconv.FormatInt(ts, 10)
		return url.Values{"timestamp": {s}, "nonce": {"n"}, "signature": {wechatSign(wxToken, s, "n")}}
	}
	body := x.textXML("o-bad", "hi", 1)
	if code, _ := x.raw(url.Values{"timestamp": {"1"}, "nonce": {"n"}, "signature": {strings.Repeat("0", 40)}}, body); code != 403 {
		t.Fatalf("wrong signature: %d", code)
	}
	if code, _ := x.raw(url.Values{}, body); code != 403 {
		t.Fatalf("missing signature: %d", code)
	}
	if code, _ := x.raw(signed(now-3600), body); code != 403 {
		t.Fatalf("replayed old request: %d", code)
	}
	// The console's URL check.
	q := signed(now)
	q.Set("echostr", "hello123")
	resp, err := http.Get(x.srv.URL + "/wechat?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(b) != "hello123" {
		t.Fatalf("echostr: %d %q", resp.StatusCode, b)
	}
	for name, bad := range map[string]string{
		"invalid": "<xml><FromUserName>o</FromUserName",
		"bomb": `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>` +
			`<xml><FromUserName>o</FromUserName><MsgType>text</MsgType><Content>&lol2;</Content><MsgId>9</MsgId></xml>`,
		"external": `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><FromUserName>o</FromUserName><Content>&e;</Content></xml>`,
		"entity":   `<xml><FromUserName>o</FromUserName><MsgType>text</MsgType><Content>&e;</Content><MsgId>10</MsgId></xml>`,
		"empty":    "",
	} {
		if code, _ := x.raw(signed(now), bad); code != 400 {
			t.Errorf("%s XML: %d, want 400", name, code)
		}
	}
	if code, _ := x.raw(signed(now), "<xml><Content>"+strings.Repeat("a", 2<<20)+"</Content></xml>"); code != 413 {
		t.Errorf("2 MB body: %d, want 413", code)
	}
	for i, typ := range []string{"voice", "location", "video", "link"} { // a picture is read: wechat_image_test.go
		msg := fmt.Sprintf(`<xml><ToUserName>%s</ToUserName><FromUserName>o-img</FromUserName><CreateTime>%d</CreateTime>`+
			`<MsgType>%s</MsgType><PicUrl>http://x/y.jpg</PicUrl><MsgId>%d</MsgId></xml>`, wxMe, now, typ, 500+i)
		code, r := x.raw(signed(now), msg)
		if code != 200 || !strings.Contains(r, "看不了") {
			t.Errorf("%s: %d %q", typ, code, r)
		}
	}
	if len(h.seen()) != 0 {
		t.Fatalf("refused input reached the engine: %+v", h.seen())
	}
	// A plaintext callback to an account in safe mode is refused.
	xa := newWX(t, openStore(t), h, true, nil)
	if code, _ := xa.raw(signed(now), body); code != 400 {
		t.Fatalf("plaintext in safe mode: %d", code)
	}
}

// A retried MsgId (and a retried event) has no second effect and gets the
// same reply.
func TestWeChatRetriedMsgID(t *testing.T) {
	eachStore(t, func(t *testing.T, st *store.Store) {
		h := &fakeHandler{}
		x := newWX(t, st, h, false, nil)
		body := x.textXML("o-retry", "hello", 777)
		_, first := x.post(body)
		for i := 0; i < 3; i++ {
			if _, r := x.post(body); r != first {
				t.Fatalf("retry %d: %q, want %q", i, r, first)
			}
		}
		ev := x.eventXML("o-retry", "CLICK", "/jobs")
		x.post(ev)
		x.post(ev)
		if got := h.textsOf(x.userID("o-retry")); len(got) != 2 {
			t.Fatalf("engine saw %q, want hello and /jobs once each", got)
		}
	})
}

// A turn slower than the budget: the passive reply holds within it, the
// answer follows through the customer-service API.
func TestWeChatSlowTurn(t *testing.T) {
	st := openStore(t)
	h := &fakeHandler{fn: func(ctx context.Context, ev dialog.Event) ([]dialog.Reply, error) {
		if ev.Text == "slow" {
			time.Sleep(700 * time.Millisecond) // an LLM second opinion
		}
		return []dialog.Reply{{Text: "verdict: " + ev.Text}}, nil
	}}
	x := newWX(t, st, h, false, func(c *WeChatConfig) { c.Budget = 300 * time.Millisecond })
	start := time.Now()
	r := x.text("o-slow", "slow")
	if took := time.Since(start); took > 600*time.Millisecond || !strings.Contains(r, "正在仔细核对") {
		t.Fatalf("passive reply after %v: %q", took, r)
	}
	eventually(t, "the slow answer", func() bool {
		s := x.api.sentTo("o-slow")
		return len(s) == 1 && s[0] == "verdict: slow"
	})
	if r := x.text("o-slow", "fast"); r != "verdict: fast" {
		t.Fatalf("fast: %q", r)
	}
}

// The access_token is fetched once, shared with a second replica through
// the store, and refreshed once (then the call retried once) on 40001.
func TestWeChatExpiredToken(t *testing.T) {
	eachStore(t, func(t *testing.T, st *store.Store) {
		x := newWX(t, st, &fakeHandler{}, false, nil)
		x.text("o-tok", "hi")
		ctx := context.Background()
		id := x.userID("o-tok")
		if err := x.wc.Send(ctx, id, dialog.Reply{Text: "follow-up 1"}); err != nil {
			t.Fatal(err)
		}
		// A second replica on the same store uses the same token.
		wc2, _ := NewWeChat(WeChatConfig{AppID: wxAppID, AppSecret: wxSecret, Token: wxToken, APIURL: x.api.URL,
			Now: x.wc.cfg.Now}, &fakeHandler{}, st, nil, nil)
		if err := wc2.Send(ctx, id, dialog.Reply{Text: "follow-up 2"}); err != nil {
			t.Fatal(err)
		}
		x.api.mu.Lock()
		fetches := x.api.fetches
		x.api.staleOnce = true
		x.api.mu.Unlock()
		if fetches != 1 {
			t.Fatalf("token fetched %d times, want once for two replicas", fetches)
		}
		if err := x.wc.Send(ctx, id, dialog.Reply{Text: "follow-up 3"}); err != nil {
			t.Fatal(err)
		}
		if got := x.api.sentTo("o-tok"); len(got) != 3 || got[2] != "follow-up 3" {
			t.Fatalf("sent %q", got)
		}
		x.api.mu.Lock()
		defer x.api.mu.Unlock()
		if x.api.fetches != 2 {
			t.Fatalf("after 40001: %d fetches, want 2", x.api.fetches)
		}
	})
}

// Past the 48-hour window nothing is sent: the follow-up waits and comes
// with the worker's next message; inside it at most 5 messages; 45015
// closes the window.
func TestWeChatWindow(t *testing.T) {
	eachStore(t, func(t *testing.T, st *store.Store) {
		x := newWX(t, st, &fakeHandler{}, false, nil)
		ctx := context.Background()
		x.text("o-win", "hi")
		id := x.userID("o-win")
		for i := 1; i <= 6; i++ {
			if err := x.wc.Send(ctx, id, dialog.Reply{Text: fmt.Sprintf("f%d", i)}); err != nil {
				t.Fatal(err)
			}
		}
		if got := x.api.sentTo("o-win"); len(got) != 5 {
			t.Fatalf("sent %d inside one window, want 5", len(got))
		}
		x.advance(49 * time.Hour)
		if err := x.wc.Send(ctx, id, dialog.Reply{Text: "late follow-up", Buttons: [][]dialog.Button{{{Label: "好的", Data: "ok"}}}}); err != nil {
			t.Fatal(err)
		}
		if got := x.api.sentTo("o-win"); len(got) != 5 {
			t.Fatalf("sent past the window: %q", got)
		}
		r := x.text("o-win", "back")
		if !strings.HasPrefix(r, "f6\n\nlate follow-up\n1) 好的\n\necho: back") {
			t.Fatalf("next message: %q", r)
		}
		// WeChat says the window is closed (45015): kept, not lost.
		x.api.mu.Lock()
		x.api.refuse["o-win"] = 45015
		x.api.mu.Unlock()
		_ = x.wc.Send(ctx, id, dialog.Reply{Text: "refused"})
		x.api.mu.Lock()
		delete(x.api.refuse, "o-win")
		x.api.mu.Unlock()
		_ = x.wc.Send(ctx, id, dialog.Reply{Text: "after 45015"})
		if got := x.api.sentTo("o-win"); len(got) != 5 {
			t.Fatalf("sent after 45015: %q", got)
		}
		if r := x.text("o-win", "again"); !strings.HasPrefix(r, "refused\n\nafter 45015\n\necho") {
			t.Fatalf("after 45015: %q", r)
		}
	})
}

// Announcements reach workers inside their window through the API and the
// others with their next message; each once.
func TestWeChatBroadcast(t *testing.T) {
	eachStore(t, func(t *testing.T, st *store.Store) {
		x := newWX(t, st, &fakeHandler{}, false, nil)
		ctx := context.Background()
		for _, o := range []string{"o-in", "o-out"} {
			x.text(o, "hi")
			id := x.userID(o)
			_, _, _ = st.EnsureUser(ctx, id, id)
			_ = st.SetSubscribed(ctx, id, true)
		}
		_ = st.CloseWeChatWindow(ctx, x.userID("o-out"), time.Unix(0, x.clock.Load()))
		b, err := st.CreateBroadcast(ctx, "补贴申报开始", store.BroadcastFilter{}, 1)
		if err != nil || b.Audience != 2 {
			t.Fatalf("broadcast %+v %v", b, err)
		}
		eventually(t, "the announcement inside the window", func() bool {
			sent, waiting, _ := st.WeChatAnnouncementCounts(ctx, b.ID)
			return sent == 1 && waiting == 1
		})
		if got := x.api.sentTo("o-in"); len(got) != 1 {
			t.Fatalf("inside the window: %q", got)
		}
		if got := x.api.sentTo("o-out"); len(got) != 0 {
			t.Fatalf("sent outside the window: %q", got)
		}
		// The worker's next message opens their window again: the waiting
		// announcement comes with the reply, or — when the sender's loop
		// claims it first — through the API. Either way exactly once.
		r := x.text("o-out", "hello")
		inReply := strings.HasPrefix(r, "📢 补贴申报开始")
		if !inReply {
			eventually(t, "the announcement after the next message", func() bool { return len(x.api.sentTo("o-out")) == 1 })
		}
		if r := x.text("o-in", "hello"); strings.Contains(r, "补贴") {
			t.Fatalf("twice: %q", r)
		}
		time.Sleep(100 * time.Millisecond)
		viaAPI := 0
		for _, m := range x.api.sentTo("o-out") {
			viaAPI += strings.Count(m, "补贴申报开始")
		}
		if n := viaAPI + map[bool]int{true: 1}[inReply]; n != 1 {
			t.Fatalf("announcement delivered %d times (reply %v, API %d): %q", n, inReply, viaAPI, r)
		}
	})
}

// A long answer: the passive reply takes the first part, the rest follows.
func TestWeChatLongAnswer(t *testing.T) {
	st := openStore(t)
	long := strings.Repeat("先交押金才能上岗是骗局。", 120)
	x := newWX(t, st, &fakeHandler{fn: func(context.Context, dialog.Event) ([]dialog.Reply, error) {
		return []dialog.Reply{{Text: long}}, nil
	}}, false, nil)
	r := x.text("o-long", "hi")
	if len(r) > 2048 || r == "" {
		t.Fatalf("passive reply of %d bytes", len(r))
	}
	// The rest may go out as several customer-service messages: wait for
	// all of them before counting.
	all := func() string { return r + strings.Join(x.api.sentTo("o-long"), "") }
	eventually(t, "the rest", func() bool { return strings.Count(all(), "骗局") >= 120 })
	if n := strings.Count(all(), "骗局"); n != 120 {
		t.Fatalf("parts lose or repeat text: %d of 120", n)
	}
}

// The shipped menu is created through the API; a click key that is not a
// command is refused before any call.
func TestWeChatMenuCreate(t *testing.T) {
	x := newWX(t, openStore(t), &fakeHandler{}, false, nil)
	if err := x.wc.CreateMenu(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	x.api.mu.Lock()
	menu := x.api.menu
	x.api.mu.Unlock()
	if !strings.Contains(menu, "找工作") || !strings.Contains(menu, "社保权益") {
		t.Fatalf("menu: %s", menu)
	}
	if err := x.wc.CreateMenu(context.Background(), []byte(`{"button":[{"type":"click","name":"x","key":"JOBS"}]}`)); err == nil {
		t.Fatal("a key that is not a command was accepted")
	}
}
