package bot

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/knowledge/ocr"
	"github.com/gongyou/gongyou/knowledge/ocr/shot"
	"github.com/gongyou/gongyou/knowledge/scam"
)

// withFiles makes the fake Bot API serve getFile and file downloads: the
// file of every id is body.
func withFiles(t *testing.T, api *fakeAPI, body []byte, getFiles *atomic.Int32) {
	orig := api.srv
	t.Cleanup(orig.Close)
	api.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/bot"+fakeToken+"/getFile":
			getFiles.Add(1)
			_ = r.ParseMultipartForm(1 << 20)
			id := r.FormValue("file_id")
			writeAPIResult(w, map[string]any{"file_id": id, "file_unique_id": "u" + id, "file_size": len(body), "file_path": "photos/" + id + ".jpg"})
		case strings.HasPrefix(r.URL.Path, "/file/bot"+fakeToken+"/photos/"):
			w.Header().Set("Content-Type", "image/jpeg")
			_, _ = w.Write(body)
		default:
			api.ServeHTTP(w, r)
		}
	}))
}

func photoMsg(id, user int64, sizes ...[3]int) map[string]any {
	var ps []map[string]any
	for i, s := range sizes {
		ps = append(ps, map[string]any{"file_id": "f" + string(rune('a'+i)), "file_unique_id": "u" + string(rune('a'+i)), "width": s[0], "height": s[1], "file_size": s[2]})
	}
	return map[string]any{"update_id": id, "message": map[string]any{
		"message_id": id, "date": 1700000000, "photo": ps,
		"chat": map[string]any{"id": user, "type": "private"},
		"from": map[string]any{"id": user, "is_bot": false, "first_name": "阿明", "language_code": "zh-hans"},
	}}
}

// The largest size under the limits is fetched, with getFile, after the turn.
func TestTelegramPhotoLargestUnderLimit(t *testing.T) {
	var fetched atomic.Value
	h := newHarness(t, func(ctx context.Context, ev dialog.Event) ([]dialog.Reply, error) {
		if ev.Image == nil {
			return []dialog.Reply{{Text: "no picture"}}, nil
		}
		b, err := ev.Image.Fetch(ctx)
		if err != nil {
			return []dialog.Reply{{Text: "fetch failed: " + err.Error()}}, nil
		}
		fetched.Store(string(b))
		return []dialog.Reply{{Text: "got picture"}}, nil
	})
	var getFiles atomic.Int32
	withFiles(t, h.api, []byte("JPEGDATA"), &getFiles)
	h = rebuild(t, h)
	h.start()
	h.api.push(photoMsg(1, 2001, [3]int{90, 160, 2000}, [3]int{720, 1280, 90000}, [3]int{6000, 6000, 20 << 20}))
	eventually(t, "the reply", func() bool { return len(h.api.callsOf("sendMessage")) == 1 })
	if got := h.api.textsTo(2001)[0]; got != "got picture" {
		t.Fatalf("reply %q", got)
	}
	if fetched.Load() != "JPEGDATA" || getFiles.Load() != 1 {
		t.Errorf("fetched %v with %d getFile calls", fetched.Load(), getFiles.Load())
	}
	evs := h.handler.seen()
	if len(evs) != 1 || evs[0].Image == nil || evs[0].Image.Size != 90000 {
		t.Errorf("event %+v: want the 720×1280 size (the 6000×6000 one is over the limits)", evs)
	}
}

// rebuild makes the harness's channel again on its (possibly replaced) API URL.
func rebuild(t *testing.T, h *harness) *harness {
	cfg := TelegramConfig{Token: fakeToken, Workers: 4, FloodPerMinute: 1000, APIURL: h.api.URL()}
	tg, err := NewTelegram(cfg, h.handler, h.store, h.metrics, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	h.tg = tg
	return h
}

// A screenshot through the real engine and tesseract: "正在看图…" at once,
// then what was read and the verdict, sent through the Relay.
func TestTelegramImageCheck(t *testing.T) {
	r := ocr.New(ocr.Config{})
	if !r.Available() {
		t.Skipf("OCR unavailable (%s): apt-get install tesseract-ocr tesseract-ocr-chi-sim", r.Why())
	}
	f, err := shot.LoadFont()
	if err != nil {
		t.Skip(err.Error())
	}
	img := f.Render("入职前需要先交500元押金和300元体检费，转到我个人微信，名额有限今天必须交。", shot.Style{Width: 1080, Chat: true, JPEGQual: 80})
	st := openStore(t)
	relay := &Relay{}
	base, err := scam.NewBase(context.Background(), st, nil)
	if err != nil {
		t.Fatal(err)
	}
	eng := dialog.New(st, dialog.WithKnowledge(base), dialog.WithImages(r, dialog.ImageConfig{}), dialog.WithNotifier(relay))
	t.Cleanup(eng.WaitImages)
	api := newFakeAPI(t)
	var getFiles atomic.Int32
	withFiles(t, api, img, &getFiles)
	tg, err := NewTelegram(TelegramConfig{Token: fakeToken, Workers: 2, FloodPerMinute: 1000, APIURL: api.URL()}, eng, st, NewMetrics(), testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	relay.Add(tg)
	h := &harness{t: t, api: api, store: st, tg: tg}
	h.start()
	const user = 2002
	api.push(photoMsg(1, user, [3]int{1080, 1920, len(img)}))
	eventually(t, "the verdict", func() bool { return len(api.textsTo(user)) >= 3 })
	texts := api.textsTo(user)
	if !strings.Contains(texts[0], "正在看图") || !strings.Contains(texts[1], "押金") || !strings.Contains(texts[2], "高风险") {
		t.Errorf("messages:\n%s", strings.Join(texts, "\n---\n"))
	}
	kb := api.callsOf("sendMessage")[2].Fields["reply_markup"]
	var parsed map[string]any
	if json.Unmarshal([]byte(kb), &parsed) != nil || !strings.Contains(kb, "chk:why") {
		t.Errorf("the verdict's buttons: %s", kb)
	}
}
