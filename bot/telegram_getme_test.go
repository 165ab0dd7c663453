package bot

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gongyou/gongyou/dialog"
)

// Telegram unreachable at start (502s from a proxy): Run waits it out with
// backoff and then serves; a token Telegram refuses (401) stops Run at once.
func TestGetMeRetriedAtStart(t *testing.T) {
	defer func(first time.Duration) { getMeFirstWait = first }(getMeFirstWait)
	getMeFirstWait = 10 * time.Millisecond
	h := newHarness(t, func(_ context.Context, ev dialog.Event) ([]dialog.Reply, error) {
		return []dialog.Reply{{Text: "ok"}}, nil
	})
	bad := apiFailure{Code: 502, Description: "Bad Gateway"}
	h.api.failNext("getMe", bad, bad, bad)
	h.start()
	h.api.push(privateMsg(1, 1001, "/start"))
	eventually(t, "a reply after getMe failed three times", func() bool { return len(h.api.callsOf("sendMessage")) == 1 })
	if n := h.api.count("getMe"); n != 4 {
		t.Errorf("getMe called %d times, want 4", n)
	}

	h2 := newHarness(t, func(context.Context, dialog.Event) ([]dialog.Reply, error) { return nil, nil })
	h2.api.failNext("getMe", apiFailure{Code: 401, Description: "Unauthorized"})
	done := make(chan error, 1)
	go func() { done <- h2.tg.Run(context.Background()) }()
	select {
	case err := <-done:
		if err == nil || errors.Is(err, context.Canceled) {
			t.Errorf("Run with a refused token = %v, want the getMe error", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run kept retrying a refused token")
	}
}
