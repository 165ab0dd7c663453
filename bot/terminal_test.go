package bot

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/store"
)

// The terminal chat runs the real engine on SQLite; numbers press buttons.
func TestTerminalNumbersPressButtons(t *testing.T) {
	eachStore(t, func(t *testing.T, st *store.Store) {
		eng := engineOn(t, st, false)
		// /start is sent by the terminal itself: 1 = 中文, then 1 = accept, then 1 = first menu button.
		in := strings.NewReader("1\n1\n/subscribe\n99\n/quit\nnever read\n")
		var out bytes.Buffer
		if err := NewTerminal(eng, in, &out, 1, "zh_CN.UTF-8").Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		got := out.String()
		for _, want := range []string{
			"请选择语言",              // /start
			"1) 中文   2) English", // numbered buttons in a row
			"隐私",                 // after pressing 1
			"好的，我们开始吧。",          // after accepting
			"已订阅",                // typed command
			"没有 99 号",            // 99 is no button: the screen again
		} {
			if !strings.Contains(got, want) {
				t.Errorf("terminal output lacks %q:\n%s", want, got)
			}
		}
		u, err := st.User(context.Background(), 1)
		if err != nil || !u.Subscribed || u.Lang != "zh" {
			t.Fatalf("user after terminal chat = %+v, %v", u, err)
		}
	})
}

// In an interactive terminal a multi-line paste (lines arriving within
// the paste window) is one message: the whole ad reaches the checker
// (one verdict, so one "❓ 为什么" button).
func TestTerminalPasteIsOneMessage(t *testing.T) {
	eachStore(t, func(t *testing.T, st *store.Store) {
		pr, pw := io.Pipe()
		var out syncBuffer
		term := NewTerminal(engineOn(t, st, true), pr, &out, 3, "zh_CN.UTF-8")
		term.SetPasteWindow(50 * time.Millisecond)
		done := make(chan error, 1)
		go func() { done <- term.Run(context.Background()) }()
		for _, chunk := range []string{"1\n", "1\n",
			"[转发] 姐妹们\n在家动动手指每天抢单\n佣金秒到，先交99会员费\n加我微信 abc12345\n", "/quit\n"} {
			time.Sleep(200 * time.Millisecond)
			if _, err := pw.Write([]byte(chunk)); err != nil {
				t.Fatal(err)
			}
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		got := out.String()
		if strings.Count(got, "❓ 为什么") != 1 || strings.Contains(got, "没看懂") {
			t.Errorf("the paste was not one checked message:\n%s", got)
		}
	})
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Piped input without a trailing newline, and a huge line, still work.
func TestTerminalEOFAndLongLine(t *testing.T) {
	eachStore(t, func(t *testing.T, st *store.Store) {
		in := strings.NewReader(strings.Repeat("工", 400_000) + "\n/help")
		var out bytes.Buffer
		if err := NewTerminal(engineOn(t, st, false), in, &out, 7, "en").Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "/mydata") {
			t.Errorf("the last line without a newline was not handled:\n%.2000s", out.String())
		}
	})
}

// pageHandler shows a results page whose buttons are labelled with the
// postings' numbers 6 and 7, and records what was pressed.
type pageHandler struct{ got []string }

func (h *pageHandler) Handle(_ context.Context, ev dialog.Event) ([]dialog.Reply, error) {
	h.got = append(h.got, ev.Callback+"|"+ev.Text)
	return []dialog.Reply{{Text: "第 2 页", Buttons: [][]dialog.Button{{{Label: "6", Data: "job:d:six"}, {Label: "7", Data: "job:d:seven"}}}}}, nil
}

// Typing a label that is a number presses that button; other numbers
// still press by position.
func TestTerminalLabelBeforePosition(t *testing.T) {
	h := &pageHandler{}
	var out bytes.Buffer
	if err := NewTerminal(h, strings.NewReader("7\n1\n9\n"), &out, 1, "zh").Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := []string{"|/start", "job:d:seven|", "job:d:six|", "|9"}
	if strings.Join(h.got, ",") != strings.Join(want, ",") {
		t.Fatalf("events = %q; want %q", h.got, want)
	}
}
