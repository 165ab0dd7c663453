package dialog

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongyou/gongyou/knowledge/ocr"
)

// fakeReader stands in for tesseract: it "reads" the bytes as text, or
// fails with err.
type fakeReader struct {
	off bool
	err error
}

func (f fakeReader) Available() bool { return !f.off }

func (f fakeReader) Read(_ context.Context, data []byte) (ocr.Result, error) {
	if f.err != nil {
		return ocr.Result{}, f.err
	}
	return ocr.Result{Text: string(data)}, nil
}

// notes collects follow-ups sent through the Notifier.
type notes struct {
	mu   sync.Mutex
	got  []Reply
	fail bool
}

func (n *notes) Notify(_ context.Context, _ int64, r Reply) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.fail {
		return errors.New("channel down")
	}
	n.got = append(n.got, r)
	return nil
}

func (n *notes) take() []Reply {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := n.got
	n.got = nil
	return out
}

func picture(text string) *Image {
	return &Image{Fetch: func(context.Context) ([]byte, error) { return []byte(text), nil }}
}

const scamChat = "您好，电子厂普工月薪8000。入职前先交500元押金和300元体检费，转到我个人微信，今天必须交，名额有限。"

func imageEnv(t *testing.T, r ImageReader, cfg ImageConfig) (*Env, *notes) {
	n := &notes{}
	env := NewEnv(t, EnvKnowledge(), EnvEngine(WithImages(r, cfg), WithNotifier(n)))
	return env, n
}

func send(t *testing.T, env *Env, ev Event) []Reply {
	t.Helper()
	if ev.UserID == 0 {
		ev.UserID = 7
	}
	r, err := env.Engine.Handle(context.Background(), ev)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func joined(rs []Reply) string {
	var b []string
	for _, r := range rs {
		b = append(b, r.Text)
	}
	return strings.Join(b, "\n---\n")
}

// shortLines: every answer to a picture fits a phone screen (≤ 6 lines
// of text; blank separators not counted, as for the verdict).
func shortLines(t *testing.T, rs []Reply) {
	t.Helper()
	for _, r := range rs {
		n := 0
		for _, l := range strings.Split(r.Text, "\n") {
			if strings.TrimSpace(l) != "" {
				n++
			}
		}
		if n > 6 {
			t.Errorf("%d lines, want ≤ 6:\n%s", n, r.Text)
		}
	}
}

func TestImageVerdict(t *testing.T) {
	env, n := imageEnv(t, fakeReader{}, ImageConfig{})
	now := send(t, env, Event{Image: picture(scamChat)})
	if len(now) != 1 || !strings.Contains(now[0].Text, "正在看图") {
		t.Fatalf("the turn's answer: %q", joined(now))
	}
	env.Engine.WaitImages()
	got := n.take()
	if len(got) != 2 {
		t.Fatalf("follow-ups: %q", joined(got))
	}
	if !strings.Contains(got[0].Text, "图里写的是") || !strings.Contains(got[0].Text, "电子厂普工") {
		t.Errorf("what was read is not quoted: %q", got[0].Text)
	}
	if !strings.Contains(got[1].Text, "高风险") {
		t.Errorf("verdict: %q", got[1].Text)
	}
	shortLines(t, got)
	// The verdict is the check's: "为什么" works on the text read.
	why := send(t, env, Event{Callback: cbCheckWhy})
	if !strings.Contains(joined(why), "押金") {
		t.Errorf("why: %q", joined(why))
	}
	// The same verdict as for the pasted text.
	text := send(t, env, Event{Text: scamChat})
	if text[len(text)-1].Text != got[1].Text {
		t.Errorf("verdict on the picture differs from the verdict on the text:\n%s\n---\n%s", got[1].Text, text[len(text)-1].Text)
	}
}

func TestImageAnswers(t *testing.T) {
	cases := []struct {
		name   string
		reader ImageReader
		img    *Image
		now    string // in the turn's answer
		later  string // in the follow-up ("" none)
	}{
		{"no tesseract", fakeReader{off: true}, picture(scamChat), "看不了图片", ""},
		{"known too large", fakeReader{}, &Image{Size: 11 << 20, Fetch: picture("").Fetch}, "太大", ""},
		{"no fetch", fakeReader{}, &Image{}, "打不开", ""},
		{"no text", fakeReader{}, picture("口 一 |"), "正在看图", "没看到文字"},
		{"corrupt", fakeReader{err: fmt.Errorf("%w: bad", ocr.ErrNotImage)}, picture(""), "正在看图", "打不开"},
		{"animated", fakeReader{err: ocr.ErrAnimated}, picture(""), "正在看图", "动图"},
		{"bomb", fakeReader{err: fmt.Errorf("%w: 100000×100000", ocr.ErrTooLarge)}, picture(""), "正在看图", "太大"},
		{"slow", fakeReader{err: ocr.ErrTimeout}, picture(""), "正在看图", "没来得及"},
		{"fetch failed", fakeReader{}, &Image{Fetch: func(context.Context) ([]byte, error) { return nil, errors.New("reset") }}, "正在看图", "没有收全"},
		{"short", fakeReader{}, picture("交500押金"), "正在看图", "只看清了这些"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env, n := imageEnv(t, c.reader, ImageConfig{})
			now := send(t, env, Event{Image: c.img})
			if !strings.Contains(joined(now), c.now) {
				t.Errorf("answer %q, want %q", joined(now), c.now)
			}
			shortLines(t, now)
			env.Engine.WaitImages()
			later := n.take()
			if c.later == "" {
				if len(later) > 0 {
					t.Errorf("unexpected follow-up %q", joined(later))
				}
				return
			}
			if !strings.Contains(joined(later), c.later) {
				t.Errorf("follow-up %q, want %q", joined(later), c.later)
			}
			shortLines(t, later)
			// After a failure the worker can paste the text: it is checked.
			if r := send(t, env, Event{Text: "交500押金"}); !strings.Contains(joined(r), "风险") {
				t.Errorf("pasted text after the picture: %q", joined(r))
			}
		})
	}
}

func TestImageDailyLimit(t *testing.T) {
	env, n := imageEnv(t, fakeReader{}, ImageConfig{DailyLimit: 2})
	for i := 0; i < 2; i++ {
		send(t, env, Event{Image: picture(scamChat)})
		env.Engine.WaitImages()
	}
	r := send(t, env, Event{Image: picture(scamChat)})
	if !strings.Contains(joined(r), "今天已经看了2张图") {
		t.Errorf("third picture of the day: %q", joined(r))
	}
	env.Engine.WaitImages()
	if got := n.take(); len(got) != 4 {
		t.Errorf("follow-ups: %d, want 2 pictures × 2", len(got))
	}
	// A picture that could not be read does not use up the day.
	env2, _ := imageEnv(t, fakeReader{err: ocr.ErrNotImage}, ImageConfig{DailyLimit: 1})
	for i := 0; i < 3; i++ {
		if r := send(t, env2, Event{Image: picture("")}); !strings.Contains(joined(r), "正在看图") {
			t.Fatalf("picture %d: %q", i, joined(r))
		}
		env2.Engine.WaitImages()
	}
}

func TestImageOneAtATime(t *testing.T) {
	env, n := imageEnv(t, fakeReader{}, ImageConfig{})
	release := make(chan struct{})
	slow := &Image{Fetch: func(ctx context.Context) ([]byte, error) {
		<-release
		return []byte(scamChat), nil
	}}
	send(t, env, Event{Image: slow})
	r := send(t, env, Event{Image: picture(scamChat)})
	if !strings.Contains(joined(r), "还在看") {
		t.Errorf("second picture while the first is read: %q", joined(r))
	}
	// Another worker is not held up.
	if r := send(t, env, Event{UserID: 8, Image: picture(scamChat)}); !strings.Contains(joined(r), "正在看图") {
		t.Errorf("other worker: %q", joined(r))
	}
	close(release)
	env.Engine.WaitImages()
	if got := n.take(); len(got) != 4 {
		t.Errorf("follow-ups: %d, want 4", len(got))
	}
}

// Without a working channel the verdict waits for the worker's next message.
func TestImageVerdictKept(t *testing.T) {
	env, n := imageEnv(t, fakeReader{}, ImageConfig{})
	n.fail = true
	send(t, env, Event{Image: picture(scamChat)})
	env.Engine.WaitImages()
	r := send(t, env, Event{Text: "/menu"})
	if !strings.Contains(joined(r), "图里写的是") || !strings.Contains(joined(r), "高风险") {
		t.Errorf("next message: %q", joined(r))
	}
}

func TestImageTimeoutBounded(t *testing.T) {
	env, n := imageEnv(t, fakeReader{}, ImageConfig{Timeout: 50 * time.Millisecond})
	stuck := &Image{Fetch: func(ctx context.Context) ([]byte, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	}}
	send(t, env, Event{Image: stuck})
	env.Engine.WaitImages()
	if got := joined(n.take()); !strings.Contains(got, "没来得及") {
		t.Errorf("stuck fetch: %q", got)
	}
}

// A worker who erases their data while a picture is read is not created
// again by its verdict.
func TestImageAfterDelete(t *testing.T) {
	env, n := imageEnv(t, fakeReader{}, ImageConfig{})
	release := make(chan struct{})
	slow := &Image{Fetch: func(ctx context.Context) ([]byte, error) {
		<-release
		return []byte(scamChat), nil
	}}
	send(t, env, Event{Image: slow})
	if err := env.Store.DeleteUser(context.Background(), 7); err != nil {
		t.Fatal(err)
	}
	close(release)
	env.Engine.WaitImages()
	if got := n.take(); len(got) != 0 {
		t.Errorf("sent after /delete: %q", joined(got))
	}
	if _, err := env.Store.User(context.Background(), 7); err == nil {
		t.Error("the verdict created the erased worker again")
	}
}
