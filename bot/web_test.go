package bot

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/knowledge/content"
	"github.com/gongyou/gongyou/store"
	"github.com/gongyou/gongyou/store/storetest"
)

const testWebSecret = "0123456789abcdef0123456789abcdef-test"

// webServer serves the web chat over a real engine with the shipped
// content on st.
func webServer(t testing.TB, st *store.Store, cfg WebConfig) (*Web, *httptest.Server) {
	t.Helper()
	ctx := context.Background()
	b, err := content.Seed(ctx, st, nil, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	relay := &Relay{}
	eng := dialog.New(st, dialog.WithKnowledge(b.Cases), dialog.WithFAQ(b.FAQs, st), dialog.WithNotifier(relay))
	if cfg.Secret == nil {
		cfg.Secret = []byte(testWebSecret)
	}
	w, err := NewWeb(cfg, eng, st, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	relay.Add(w)
	srv := httptest.NewServer(w.Handler())
	t.Cleanup(srv.Close)
	return w, srv
}

// visitor is one browser without JavaScript: a cookie jar, following the
// POST → 303 → GET redirects.
type visitor struct {
	t    testing.TB
	c    *http.Client
	base string
	page string
}

func newVisitor(t testing.TB, base string) *visitor {
	jar, _ := cookiejar.New(nil)
	return &visitor{t: t, c: &http.Client{Jar: jar, Timeout: 30 * time.Second}, base: base}
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (v *visitor) get() string {
	v.t.Helper()
	resp, err := v.c.Get(v.base + "/")
	if err != nil {
		v.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		v.t.Fatalf("GET /: %d %s", resp.StatusCode, b)
	}
	v.page = string(b)
	return v.page
}

func (v *visitor) csrf() string {
	if v.page == "" {
		v.get()
	}
	m := csrfRE.FindStringSubmatch(v.page)
	if m == nil {
		v.t.Fatalf("no csrf token in page")
	}
	return m[1]
}

// post sends form values (the csrf of the last page added unless given)
// and returns the status and the page it lands on.
func (v *visitor) post(vals url.Values) (int, string) {
	v.t.Helper()
	if _, ok := vals["csrf"]; !ok {
		vals.Set("csrf", v.csrf())
	}
	resp, err := v.c.PostForm(v.base+"/send", vals)
	if err != nil {
		v.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == 200 {
		v.page = string(b)
	}
	return resp.StatusCode, string(b)
}

func (v *visitor) say(text string) string {
	v.t.Helper()
	code, page := v.post(url.Values{"text": {text}})
	if code != 200 {
		v.t.Fatalf("say %q: %d", text, code)
	}
	return page
}

// press presses the button labelled label on the current page.
func (v *visitor) press(label string) string {
	v.t.Helper()
	re := regexp.MustCompile(`<button name="cb" value="([^"]+)">[^<]*` + regexp.QuoteMeta(label))
	m := re.FindStringSubmatch(v.page)
	if m == nil {
		v.t.Fatalf("no button %q on the page:\n%s", label, v.page)
	}
	code, page := v.post(url.Values{"cb": {htmlUnescape(m[1])}})
	if code != 200 {
		v.t.Fatalf("press %q: %d", label, code)
	}
	return page
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&#43;", "+").Replace(s)
}

func onboard(t testing.TB, v *visitor) {
	t.Helper()
	v.get()
	if p := v.say("/start"); !strings.Contains(p, "请选择语言") {
		t.Fatalf("start: %s", p)
	}
	v.press("中文")
	v.press("知道了")
}

// The whole no-JS flow: onboarding, a pasted offer with HTML in it shown
// literally, 为什么, /mydata says web chat, /delete erases and the next
// page is fresh.
func TestWebNoJSFlow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		_, srv := webServer(t, st, WebConfig{})
		v := newVisitor(t, srv.URL)
		onboard(t, v)
		p := v.say("入职先交800元押金，身份证统一保管，加微信转账 <script>alert(1)</script><b>x</b>")
		if !strings.Contains(p, "风险") || !strings.Contains(p, "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;") {
			t.Fatalf("verdict page: %s", p)
		}
		if strings.Contains(p, "<script>alert") || strings.Contains(p, "<b>x") {
			t.Fatal("pasted HTML rendered as markup")
		}
		p = v.press("为什么")
		if !strings.Contains(p, "押金") {
			t.Fatalf("why: %s", p)
		}
		p = v.say("/mydata")
		if !strings.Contains(p, "网页聊天编号") {
			t.Fatalf("mydata: %s", p)
		}
		v.say("/delete")
		p = v.press("删除")
		if !strings.Contains(p, "已删除") {
			t.Fatalf("delete: %s", p)
		}
		if p = v.get(); strings.Contains(p, "押金") || !strings.Contains(p, "开始聊天") {
			t.Fatalf("after delete the old conversation shows: %s", p)
		}
	})
}

func TestWebRejectsBadPosts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		_, srv := webServer(t, st, WebConfig{})
		v := newVisitor(t, srv.URL)
		v.get()
		if code, _ := v.post(url.Values{"csrf": {""}, "text": {"hi"}}); code != 403 {
			t.Errorf("missing csrf: %d, want 403", code)
		}
		if code, _ := v.post(url.Values{"csrf": {"forged" + v.csrf()[6:]}, "text": {"hi"}}); code != 403 {
			t.Errorf("forged csrf: %d, want 403", code)
		}
		// Another visitor's token is no good with this cookie.
		other := newVisitor(t, srv.URL)
		other.get()
		if code, _ := v.post(url.Values{"csrf": {other.csrf()}, "text": {"hi"}}); code != 403 {
			t.Errorf("another visitor's csrf: %d, want 403", code)
		}
		// No cookie at all.
		resp, err := http.PostForm(srv.URL+"/send", url.Values{"csrf": {v.csrf()}, "text": {"hi"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 403 {
			t.Errorf("no cookie: %d, want 403", resp.StatusCode)
		}
		if code, _ := v.post(url.Values{"text": {strings.Repeat("骗", 100_000)}}); code != 413 {
			t.Errorf("huge body: %d, want 413", code)
		}
		if code, _ := v.post(url.Values{"cb": {strings.Repeat("x", 65)}}); code != 400 {
			t.Errorf("long callback: %d, want 400", code)
		}
		// Invalid UTF-8 gets an answer, shown as replacement characters.
		onboard(t, v)
		if code, p := v.post(url.Values{"text": {"招工\xff\xfe日结"}}); code != 200 || !strings.Contains(p, "招工\uFFFD日结") {
			t.Errorf("invalid UTF-8: %d", code)
		}
		// A button never shown to this visitor (forged, or a staff action) runs no turn.
		if code, p := v.post(url.Values{"cb": {"staff:cases"}}); code != 200 || !strings.Contains(p, "按钮已经过期") {
			t.Errorf("unknown button: %d %s", code, p)
		}
		// A stale button from an older tab: the engine's own answer, not a crash.
		if code, p := v.post(url.Values{"cb": {"lang:zh"}}); code != 200 || !strings.Contains(p, "class=\"m out\"") {
			t.Errorf("stale button: %d", code)
		}
	})
}

// A cookie is a visitor: another visitor's page never shows the first
// one's conversation, and a tampered cookie is a new visitor.
func TestWebVisitorsAreApart(t *testing.T) {
	st := storetest.SQLite(t)
	_, srv := webServer(t, st, WebConfig{})
	a := newVisitor(t, srv.URL)
	onboard(t, a)
	a.say("我的秘密招工信息 SECRET-A")
	b := newVisitor(t, srv.URL)
	if p := b.get(); strings.Contains(p, "SECRET-A") {
		t.Fatal("visitor b sees a's conversation")
	}
	u, _ := url.Parse(srv.URL)
	ck := a.c.Jar.Cookies(u)[0]
	id, _, _ := strings.Cut(ck.Value, ".")
	forged := newVisitor(t, srv.URL)
	forged.c.Jar.SetCookies(u, []*http.Cookie{{Name: cookieName, Value: id + ".AAAA", Path: "/"}})
	if p := forged.get(); strings.Contains(p, "SECRET-A") {
		t.Fatal("a cookie with a forged signature reads a's conversation")
	}
	resp, _ := a.c.Get(srv.URL + "/poll?after=0")
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "SECRET-A") {
		t.Fatalf("poll of a: %s", body)
	}
}

// A burst of 100 posts from one visitor: some 429s, no 5xx, and the
// server still answers afterwards.
func TestWebBurst(t *testing.T) {
	st := storetest.SQLite(t)
	_, srv := webServer(t, st, WebConfig{})
	v := newVisitor(t, srv.URL)
	v.get()
	tok := v.csrf()
	var wg sync.WaitGroup
	var ok, limited, other atomic.Int32
	for range 100 {
		wg.Go(func() {
			resp, err := v.c.PostForm(srv.URL+"/send", url.Values{"csrf": {tok}, "text": {"/help"}})
			if err != nil {
				other.Add(1)
				return
			}
			resp.Body.Close()
			switch resp.StatusCode {
			case 200:
				ok.Add(1)
			case 429:
				limited.Add(1)
			default:
				other.Add(1)
			}
		})
	}
	wg.Wait()
	if limited.Load() < 50 || other.Load() != 0 || ok.Load() == 0 {
		t.Fatalf("ok %d, 429 %d, other %d", ok.Load(), limited.Load(), other.Load())
	}
	v.get()
}

// A staff follow-up (Relay.Notify) to a web visitor shows on their page;
// a broadcast shows at their next visit, once.
func TestWebFollowUpsAndBroadcasts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w, srv := webServer(t, st, WebConfig{})
		v := newVisitor(t, srv.URL)
		onboard(t, v)
		v.press("订阅")
		id, err := st.ChannelUserID(context.Background(), store.ChannelWeb, externalID(mustVisitor(t, v, srv.URL)), false)
		if err != nil {
			t.Fatal(err)
		}
		relay := &Relay{}
		relay.Add(&Terminal{}) // the first channel must not get web users' follow-ups
		relay.Add(w)
		if err := relay.Notify(context.Background(), id, dialog.Reply{Text: "工作人员回复：<已核实>"}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateBroadcast(context.Background(), "社保补贴开始申请", store.BroadcastFilter{}, 1); err != nil {
			t.Fatal(err)
		}
		p := v.get()
		if !strings.Contains(p, "工作人员回复：&lt;已核实&gt;") || strings.Count(p, "社保补贴开始申请") != 1 {
			t.Fatalf("page: %s", p)
		}
		if p = v.get(); strings.Count(p, "社保补贴开始申请") != 1 {
			t.Fatal("broadcast shown twice")
		}
	})
}

func mustVisitor(t testing.TB, v *visitor, base string) string {
	u, _ := url.Parse(base)
	for _, c := range v.c.Jar.Cookies(u) {
		if c.Name == cookieName {
			id, _, _ := strings.Cut(c.Value, ".")
			return id
		}
	}
	t.Fatal("no visitor cookie")
	return ""
}

// Two replicas on one store (PostgreSQL in production) serve one visitor
// alternately without losing the place.
func TestWebTwoReplicas(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		_, s1 := webServer(t, st, WebConfig{})
		_, s2 := webServer(t, st, WebConfig{})
		v := newVisitor(t, s1.URL)
		onboard(t, v)
		u1, _ := url.Parse(s1.URL)
		u2, _ := url.Parse(s2.URL)
		v.c.Jar.SetCookies(u2, v.c.Jar.Cookies(u1))
		v.base = s2.URL
		p := v.get()
		if !strings.Contains(p, "查招聘骗局") {
			t.Fatalf("replica 2 lost the place: %s", p)
		}
		if p = v.press("查招聘骗局"); !strings.Contains(p, "class=\"m in\"") {
			t.Fatal(p)
		}
	})
}

func TestWebPageHeadersAndWeight(t *testing.T) {
	st := storetest.SQLite(t)
	_, srv := webServer(t, st, WebConfig{PublicURL: "https://gongyou.example.cn"})
	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP %q", csp)
	}
	ck := resp.Cookies()
	if len(ck) != 1 || !ck[0].HttpOnly || !ck[0].Secure || ck[0].SameSite != http.SameSiteLaxMode {
		t.Errorf("cookie %+v", ck)
	}
	total := 0
	for _, p := range []string{"/", "/static/app.css", "/static/app.js"} {
		req, _ := http.NewRequest("GET", srv.URL+p, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		total += len(b)
	}
	t.Logf("first page weight, compressed: %d bytes", total)
	if total > 50<<10 {
		t.Errorf("first page is %d bytes compressed, over 50 KB", total)
	}
	resp, err = http.Get(srv.URL + "/qr.png")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.Header.Get("Content-Type") != "image/png" || len(b) < 100 {
		t.Errorf("qr: %s %d bytes", resp.Header.Get("Content-Type"), len(b))
	}
}
