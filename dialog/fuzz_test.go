package dialog_test

import (
	"context"
	"testing"

	"github.com/gongyou/gongyou/dialog"
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
	env := dialog.NewEnv(f, dialog.EnvKnowledge())
	st, eng := env.Store, env.Engine
	f.Fuzz(func(t *testing.T, input string, button bool) {
		handleChecked(t, eng, fuzzEvent(42, input, button))
		if _, err := st.Session(context.Background(), 42); err != nil {
			t.Fatal(err)
		}
	})
}
