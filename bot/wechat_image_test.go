package bot

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/knowledge/ocr"
	"github.com/gongyou/gongyou/knowledge/scam"
)

// textReader stands in for tesseract in channel tests: the "image" bytes
// are the text.
type textReader struct{}

func (textReader) Available() bool { return true }
func (textReader) Read(_ context.Context, b []byte) (ocr.Result, error) {
	return ocr.Result{Text: string(b)}, nil
}

const wxScam = "入职前需要先交500元押金和300元体检费，转到我个人微信，名额有限今天必须交。"

// An image message: "正在看图…" passively, then what was read and the
// verdict through the customer-service API. The picture comes from the
// API's temporary media by MediaId.
func TestWeChatImageCheck(t *testing.T) {
	st := openStore(t)
	base, err := scam.NewBase(context.Background(), st, nil)
	if err != nil {
		t.Fatal(err)
	}
	relay := &Relay{}
	eng := dialog.New(st, dialog.WithKnowledge(base), dialog.WithImages(textReader{}, dialog.ImageConfig{}), dialog.WithNotifier(relay))
	t.Cleanup(eng.WaitImages)
	var media atomic.Int32
	x := newWX(t, st, eng, false, func(c *WeChatConfig) {
		up, _ := url.Parse(c.APIURL)
		proxy := httputil.NewSingleHostReverseProxy(up)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/cgi-bin/media/get" {
				media.Add(1)
				if !strings.HasPrefix(r.URL.Query().Get("access_token"), "TOKEN-") || r.URL.Query().Get("media_id") != "MEDIA1" {
					w.Header().Set("Content-Type", "application/json")
					fmt.Fprint(w, `{"errcode":40007,"errmsg":"invalid media_id"}`)
					return
				}
				w.Header().Set("Content-Type", "image/jpeg")
				fmt.Fprint(w, wxScam)
				return
			}
			proxy.ServeHTTP(w, r)
		}))
		t.Cleanup(srv.Close)
		c.APIURL = srv.URL
	})
	relay.Add(x.wc)
	img := func(id int, mediaID string) string {
		return fmt.Sprintf(`<xml><ToUserName>%s</ToUserName><FromUserName>o-pic</FromUserName><CreateTime>%d</CreateTime>`+
			`<MsgType>image</MsgType><PicUrl>https://evil.example/x.jpg</PicUrl><MediaId>%s</MediaId><MsgId>%d</MsgId></xml>`,
			wxMe, time.Now().Unix(), mediaID, id)
	}
	code, r := x.post(img(900, "MEDIA1"))
	if code != 200 || !strings.Contains(r, "正在看图") {
		t.Fatalf("passive reply: %d %q", code, r)
	}
	eventually(t, "the verdict through the API", func() bool { return len(x.api.sentTo("o-pic")) >= 2 })
	sent := x.api.sentTo("o-pic")
	if !strings.Contains(sent[0], "图里写的是") || !strings.Contains(sent[1], "高风险") {
		t.Errorf("sent: %q", sent)
	}
	// A media id WeChat does not know: a short answer, not a crash.
	if _, r := x.post(img(901, "NOPE")); !strings.Contains(r, "正在看图") {
		t.Fatalf("passive reply: %q", r)
	}
	eventually(t, "the answer", func() bool { return len(x.api.sentTo("o-pic")) >= 3 })
	if last := x.api.sentTo("o-pic")[2]; !strings.Contains(last, "没有收全") {
		t.Errorf("unknown media: %q", last)
	}
	if n := media.Load(); n != 2 {
		t.Errorf("media/get calls: %d, want 2", n)
	}
}

func TestWeChatPicURLOnlyFromWeChat(t *testing.T) {
	for pic, ok := range map[string]bool{
		"https://mmbiz.qpic.cn/mmbiz_jpg/abc/0": true,
		"http://mmbiz.qpic.cn/x":                false,
		"https://evil.example/x.jpg":            false,
		"https://qpic.cn.evil.example/x":        false,
		"http://127.0.0.1:9/x":                  false,
		"http://api.test/x":                     true, // the configured API host (tests)
	} {
		if got := picAllowed(pic, "http://api.test"); got != ok {
			t.Errorf("picAllowed(%s) = %v, want %v", pic, got, ok)
		}
	}
}
