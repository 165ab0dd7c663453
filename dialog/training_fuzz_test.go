package dialog_test

import (
	"context"
	"testing"
	"time"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/knowledge/listings"
	"github.com/gongyou/gongyou/store/storetest"
)

// FuzzTrainingSignUp walks a worker into the sign-up (name step) and then
// feeds one arbitrary text or button: every event gets a proper reply, and
// no course ever has more sign-ups than seats.
//
//	go test ./dialog -run XXX -fuzz FuzzTrainingSignUp -fuzztime 60s
func FuzzTrainingSignUp(f *testing.F) {
	for _, s := range []string{"张三", "13812345678", "trn:ok:dg-eldercare-2612:1", "trn:s:dg-ecommerce-2612",
		"trn:cy:ABCD-EFGH:1", "trn:t:all", "trn:c:", "trn:a:", "set:t:all", "set:c:-", "😀", "+86 138"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	st := storetest.SQLite(f)
	ctx := context.Background()
	if _, err := listings.SeedTrainings(ctx, st, time.Now()); err != nil {
		f.Fatal(err)
	}
	eng := dialog.New(st)
	f.Fuzz(func(t *testing.T, input string, button bool) {
		steps := []dialog.Event{
			{Text: "/training 东莞"}, {Callback: "trn:s:dg-ecommerce-2612"}, {Callback: "trn:a:dg-ecommerce-2612"},
		}
		last := dialog.Event{Text: input}
		if button {
			last = dialog.Event{Callback: input}
		}
		for _, ev := range append(steps, last, dialog.Event{Text: "13812345678"}) {
			ev.UserID, ev.ChatID, ev.Lang = 42, 42, "zh"
			handleChecked(t, eng, ev)
		}
		trs, err := st.Trainings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, tr := range trs {
			if tr.Taken < 0 || tr.Taken > tr.Seats {
				t.Fatalf("course %s: %d of %d seats taken", tr.ID, tr.Taken, tr.Seats)
			}
		}
	})
}
