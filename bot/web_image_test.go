package bot

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/knowledge/content"
)

// upload posts a picture with the screenshot form, as a browser without
// JavaScript does, and returns the status and the page it lands on.
func (v *visitor) upload(name string, data []byte, csrf string) (int, string) {
	v.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("csrf", csrf)
	fw, _ := mw.CreateFormFile("image", name)
	_, _ = fw.Write(data)
	_ = mw.Close()
	resp, err := v.c.Post(v.base+"/image", mw.FormDataContentType(), &body)
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

func TestWebImageUpload(t *testing.T) {
	st := openStore(t)
	b, err := content.Seed(context.Background(), st, nil, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	relay := &Relay{}
	eng := dialog.New(st, dialog.WithKnowledge(b.Cases), dialog.WithImages(textReader{}, dialog.ImageConfig{}), dialog.WithNotifier(relay))
	t.Cleanup(eng.WaitImages)
	w, err := NewWeb(WebConfig{Secret: []byte(testWebSecret)}, eng, st, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	relay.Add(w)
	srv := httptest.NewServer(w.Handler())
	t.Cleanup(srv.Close)

	v := newVisitor(t, srv.URL)
	onboard(t, v)
	if !strings.Contains(v.page, `action="/image"`) || !strings.Contains(v.page, `enctype="multipart/form-data"`) {
		t.Fatal("no screenshot form on the page")
	}
	code, page := v.upload("chat.jpg", []byte(wxScam), v.csrf())
	if code != 200 || !strings.Contains(page, "📷 截图") || !strings.Contains(page, "正在看图") {
		t.Fatalf("upload: %d\n%s", code, page)
	}
	eng.WaitImages()
	if p := v.get(); !strings.Contains(p, "图里写的是") || !strings.Contains(p, "高风险") {
		t.Errorf("the verdict is not on the page:\n%s", p)
	}
	// Over 10 MB: a short answer, no reading.
	code, page = v.upload("big.png", bytes.Repeat([]byte{1}, 10<<20+10), v.csrf())
	if code != 200 || !strings.Contains(page, "太大") {
		t.Errorf("11 MB upload: %d %s", code, page[max(0, len(page)-600):])
	}
	// Without the CSRF token: refused.
	if code, _ := v.upload("chat.jpg", []byte(wxScam), "forged"); code != http.StatusForbidden {
		t.Errorf("forged csrf: %d", code)
	}
	// No file chosen: back to the page, nothing happens.
	if code, _ := v.upload("", nil, v.csrf()); code != 200 {
		t.Errorf("empty upload: %d", code)
	}
}
