package dialog_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/store"
)

// TestTrainingListPages: a city with more courses than fit a phone screen
// shows them four at a time, with 下一页 / 上一页; every page stays within
// six lines, and "⬅️ 返回课程列表" comes back to the page the worker was on.
func TestTrainingListPages(t *testing.T) {
	env := dialog.NewEnv(t, dialog.EnvSeedTrainings())
	ctx := context.Background()
	all, err := env.Store.Trainings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var base store.Training
	for _, tr := range all {
		if tr.City == "东莞" && tr.Trade == "eldercare" {
			base = tr
		}
	}
	if base.ID == "" {
		t.Fatal("no Dongguan elder-care sample course")
	}
	var extra []store.Training
	for _, id := range []string{"dg-extra-1", "dg-extra-2", "dg-extra-3"} {
		c := base
		c.ID, c.Taken = id, 0
		c.Data = strings.ReplaceAll(base.Data, base.ID, id)
		extra = append(extra, c)
	}
	if err := env.Store.PutTrainings(ctx, extra); err != nil {
		t.Fatal(err)
	}
	send := func(ev dialog.Event) dialog.Reply {
		ev.UserID, ev.ChatID, ev.Lang = 7, 7, "zh"
		rs := handleChecked(t, env.Engine, ev)
		r := rs[len(rs)-1]
		if n := strings.Count(strings.TrimSpace(r.Text), "\n") + 1; n > 6 {
			t.Errorf("reply to %+v has %d lines:\n%s", ev, n, r.Text)
		}
		return r
	}
	press := func(r dialog.Reply, label string) dialog.Reply {
		for _, row := range r.Buttons {
			for _, b := range row {
				if b.Label == label {
					return send(dialog.Event{Callback: b.Data})
				}
			}
		}
		t.Fatalf("no button %q in %+v", label, r.Buttons)
		return dialog.Reply{}
	}
	p1 := send(dialog.Event{Text: "/training 东莞"})
	if !strings.Contains(p1.Text, "第 1/2 页") || strings.Contains(p1.Text, "\n5. ") {
		t.Fatalf("first page:\n%s", p1.Text)
	}
	p2 := press(p1, "下一页 ➡️")
	if !strings.Contains(p2.Text, "第 2/2 页") || !strings.Contains(p2.Text, "\n5. ") {
		t.Fatalf("second page:\n%s", p2.Text)
	}
	// A course card's way back returns to the page it was opened from.
	var five string
	for _, row := range p2.Buttons {
		if strings.HasPrefix(row[0].Label, "5. ") {
			five = row[0].Label
		}
	}
	card := press(p2, five)
	back := press(card, "⬅️ 返回课程列表")
	if !strings.Contains(back.Text, "第 2/2 页") {
		t.Fatalf("back from a card on page 2:\n%s", back.Text)
	}
	if again := press(back, "⬅️ 上一页"); !strings.Contains(again.Text, "第 1/2 页") {
		t.Fatalf("previous page:\n%s", again.Text)
	}
}
