package dialog_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gongyou/gongyou/dialog"
)

// handleChecked runs one event and fails the test unless the engine
// answered without error with at least one reply, every reply a non-empty
// valid UTF-8 text, every button labelled and its data within Telegram's
// 64 bytes. Fuzz targets use it for the invariants every turn must keep.
func handleChecked(t testing.TB, eng *dialog.Engine, ev dialog.Event) []dialog.Reply {
	t.Helper()
	replies, err := eng.Handle(context.Background(), ev)
	if err != nil {
		t.Fatalf("Handle(%+v): %v", ev, err)
	}
	if len(replies) == 0 {
		t.Fatalf("no reply to %+v", ev)
	}
	for _, r := range replies {
		if strings.TrimSpace(r.Text) == "" || !utf8.ValidString(r.Text) {
			t.Fatalf("bad reply text %q to %+v", r.Text, ev)
		}
		for _, row := range r.Buttons {
			for _, b := range row {
				if b.Data == "" || len(b.Data) > dialog.MaxCallbackData || b.Label == "" {
					t.Fatalf("bad button %+v in the reply to %+v", b, ev)
				}
			}
		}
	}
	return replies
}

// fuzzEvent is the event of a fuzz input from user: a button's data when
// button, else a text.
func fuzzEvent(user int64, input string, button bool) dialog.Event {
	ev := dialog.Event{UserID: user, ChatID: user, Lang: "zh"}
	if button {
		ev.Callback = input
	} else {
		ev.Text = input
	}
	return ev
}

// send sends a text or a button's data to e as user (in Chinese) and fails
// the test on an error.
func send(t testing.TB, e *dialog.Engine, user int64, text, data string) []dialog.Reply {
	t.Helper()
	r, err := e.Handle(context.Background(), dialog.Event{UserID: user, ChatID: user, Text: text, Callback: data, Lang: "zh"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// buttonData is the data of the first button of r that match accepts.
func buttonData(r []dialog.Reply, match func(dialog.Button) bool) (string, bool) {
	for _, rep := range r {
		for _, row := range rep.Buttons {
			for _, btn := range row {
				if match(btn) {
					return btn.Data, true
				}
			}
		}
	}
	return "", false
}
