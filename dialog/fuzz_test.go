package dialog_test

import (
	"context"
	"testing"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/knowledge/scam"
	"github.com/gongyou/gongyou/store/storetest"
)

// FuzzHandle feeds arbitrary text and button data to the engine on SQLite:
// every event gets at least one non-empty, valid-UTF-8 reply whose buttons
// fit Telegram, and the user's state can still be read afterwards.
//
//	go test ./dialog -run XXX -fuzz FuzzHandle -fuzztime 60s
func FuzzHandle(f *testing.F) {
	for _, s := range []string{"/start", "lang:zh", "start:ok", "/delete", "del:yes:1", "chk:why", "case:x",
		"先交300元押金", "'; DROP TABLE users; --", "\xff\xfe", "🙂", "/", "/@", "svc:check", "chk:send:zz"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	st := storetest.SQLite(f)
	base, err := scam.NewBase(context.Background(), st, nil)
	if err != nil {
		f.Fatal(err)
	}
	eng := dialog.New(st, dialog.WithKnowledge(base))
	f.Fuzz(func(t *testing.T, input string, button bool) {
		ev := dialog.Event{UserID: 42, ChatID: 42, Lang: "zh"}
		if button {
			ev.Callback = input
		} else {
			ev.Text = input
		}
		handleChecked(t, eng, ev)
		if _, err := st.Session(context.Background(), 42); err != nil {
			t.Fatal(err)
		}
	})
}
