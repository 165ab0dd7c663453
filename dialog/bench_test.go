package dialog_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

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

// TestSecureDeleteCost measures what SQLite's secure_delete (on in
// production: /delete must erase) costs a turn that writes, paired: the
// same turns on two databases, one with it off, alternated in rounds so
// the load of a shared machine falls on both alike.
//
//	GONGYOU_MEASURE=1 go test ./dialog -run SecureDeleteCost -v -count 1
func TestSecureDeleteCost(t *testing.T) {
	if os.Getenv("GONGYOU_MEASURE") == "" {
		t.Skip("set GONGYOU_MEASURE=1 to measure")
	}
	ctx := context.Background()
	engines := [2]*dialog.Engine{} // 0: secure_delete on (as shipped), 1: off
	for i := range engines {
		env := dialog.NewEnv(t, dialog.EnvKnowledge())
		if i == 1 {
			if _, err := env.Store.DB().Exec(`PRAGMA secure_delete = OFF`); err != nil {
				t.Fatal(err)
			}
		}
		engines[i] = env.Engine
		for _, cb := range []string{"lang:zh", "start:ok"} {
			if _, err := env.Engine.Handle(ctx, dialog.Event{UserID: 1, Callback: cb}); err != nil {
				t.Fatal(err)
			}
		}
	}
	// A turn that writes: a pasted offer (the verdict is saved in the
	// session, overwriting the last one), then /menu (the session shrinks).
	turns := []string{"入职先交800元押金，身份证统一保管，加微信转账", "/menu", "/subscribe", "/unsubscribe"}
	const rounds, perRound = 41, 100
	var per [2][]float64
	for r := range rounds {
		for k := range 2 {
			i := (r + k) % 2 // alternate which goes first
			start := time.Now()
			for n := range perRound {
				if _, err := engines[i].Handle(ctx, dialog.Event{UserID: 1, Text: turns[n%len(turns)]}); err != nil {
					t.Fatal(err)
				}
			}
			per[i] = append(per[i], float64(time.Since(start).Microseconds())/perRound)
		}
	}
	ratios := make([]float64, rounds)
	for r := range rounds {
		ratios[r] = per[0][r] / per[1][r]
	}
	med := func(xs []float64) float64 { s := slices.Clone(xs); slices.Sort(s); return s[len(s)/2] }
	t.Logf("µs per turn, median of %d rounds of %d: secure_delete on %.0f, off %.0f; ratio on/off median %.3f (rounds %.2f–%.2f)",
		rounds, perRound, med(per[0]), med(per[1]), med(ratios), slices.Min(ratios), slices.Max(ratios))
}
