package dialog_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gongyou/gongyou/dialog"
)

// BenchmarkTurn measures one dialog turn end to end on each database:
// "menu" reads the user and session; "toggle" also writes (subscribe/unsubscribe).
//
//	go test ./dialog -run XXX -bench Turn -benchmem
//	GONGYOU_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/test?sslmode=disable go test ./dialog -run XXX -bench Turn
//
// "sqlite-secure_delete_off" is SQLite with the secure_delete pragma turned
// off on the writer, to measure what erasure-by-zeroing costs a turn.
func BenchmarkTurn(b *testing.B) {
	for _, backend := range append(dialog.Backends(), "sqlite-secure_delete_off") {
		b.Run(backend, func(b *testing.B) {
			env := dialog.NewEnv(b, dialog.EnvBackend(strings.TrimSuffix(backend, "-secure_delete_off")))
			if strings.HasSuffix(backend, "-secure_delete_off") {
				if _, err := env.Store.DB().Exec(`PRAGMA secure_delete = OFF`); err != nil {
					b.Fatal(err)
				}
			}
			eng := env.Engine
			ctx := context.Background()
			for _, cmd := range []string{"/start", "lang:zh", "start:ok"} {
				ev := dialog.Event{UserID: 1, ChatID: 1}
				if cmd[0] == '/' {
					ev.Text = cmd
				} else {
					ev.Callback = cmd
				}
				if _, err := eng.Handle(ctx, ev); err != nil {
					b.Fatal(err)
				}
			}
			b.Run("menu", func(b *testing.B) {
				for b.Loop() {
					if _, err := eng.Handle(ctx, dialog.Event{UserID: 1, ChatID: 1, Text: "/menu"}); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("toggle", func(b *testing.B) {
				cmds := [2]string{"/subscribe", "/unsubscribe"}
				i := 0
				for b.Loop() {
					if _, err := eng.Handle(ctx, dialog.Event{UserID: 1, ChatID: 1, Text: cmds[i%2]}); err != nil {
						b.Fatal(err)
					}
					i++
				}
			})
		})
	}
}
