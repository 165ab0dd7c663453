package dialog_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/knowledge/scam"
	"github.com/gongyou/gongyou/store"
)

type fakeNotifier struct {
	mu   sync.Mutex
	sent map[int64][]string
	fail error
}

func (n *fakeNotifier) Notify(_ context.Context, chatID int64, r dialog.Reply) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.fail != nil {
		return n.fail
	}
	if n.sent == nil {
		n.sent = map[int64][]string{}
	}
	n.sent[chatID] = append(n.sent[chatID], r.Text)
	return nil
}

// Staff decisions reach the workers who asked: at once through the
// notifier; on the next message when sending fails; never when the worker
// did not ask or erased their data.
func TestFollowUpToWorkers(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	base, err := scam.NewBase(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := &fakeNotifier{}
	e := dialog.New(st, dialog.WithKnowledge(base), dialog.WithStaff(9001), dialog.WithNotifier(n))
	send := func(user int64, text, data string) []dialog.Reply {
		t.Helper()
		r, err := e.Handle(ctx, dialog.Event{UserID: user, ChatID: user + 50000, Text: text, Callback: data, Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	button := func(r []dialog.Reply, prefix string) string {
		t.Helper()
		for _, rep := range r {
			for _, row := range rep.Buttons {
				for _, b := range row {
					if strings.HasPrefix(b.Data, prefix) {
						return b.Data
					}
				}
			}
		}
		t.Fatalf("no button %q in %+v", prefix, r)
		return ""
	}
	report := func(user int64, notify bool) {
		send(user, "/start", "")
		send(user, "", "lang:en")
		send(user, "/check", "")
		send(user, "Factory job, pay a 300 yuan deposit before work, keep your ID card with us", "")
		r := send(user, "", "chk:report")
		prefix := "chk:send:"
		if notify {
			prefix = "chk:sendn:"
		}
		r = send(user, "", button(r, prefix))
		if want := map[bool]string{true: "I will tell you", false: "Thank you"}[notify]; !strings.Contains(r[0].Text, want) {
			t.Fatalf("report reply %q lacks %q", r[0].Text, want)
		}
	}
	report(1, true)  // told at once
	report(2, false) // did not ask
	report(3, true)  // erases their data before the decision
	report(4, true)  // the send fails: told on the next message
	send(3, "", button(send(3, "/delete", ""), "del:yes:"))
	decide := func(id, code string) {
		t.Helper()
		r := send(9001, "", "stf:rd:"+id+":"+code)
		if !strings.Contains(r[0].Text, "Report "+id) {
			t.Fatalf("decide %s = %q", id, r[0].Text)
		}
	}
	decide("1", "s")
	decide("2", "n")
	decide("3", "s")
	n.fail = errors.New("telegram down")
	decide("4", "d")
	n.fail = nil
	if got := n.sent[50001]; len(got) != 1 || !strings.Contains(got[0], "it is a scam") {
		t.Errorf("worker 1 got %q", got)
	}
	if len(n.sent) != 1 {
		t.Errorf("notified chats %v; want only worker 1", n.sent)
	}
	r := send(4, "/menu", "")
	if len(r) != 2 || !strings.Contains(r[0].Text, "already reported by others") {
		t.Fatalf("worker 4's next message: %+v", r)
	}
	if r = send(4, "/menu", ""); len(r) != 1 {
		t.Fatalf("the follow-up was shown twice: %+v", r)
	}
	if r = send(1, "/menu", ""); len(r) != 1 {
		t.Fatalf("worker 1, told at once, got it again: %+v", r)
	}
	log, _ := st.AuditLog(ctx, 10)
	decisions := 0
	for _, a := range log {
		if a.Action == "report.decide" && a.Actor == "tg:9001" {
			decisions++
		}
	}
	if decisions != 4 {
		t.Errorf("%d decisions audited; want 4", decisions)
	}
}
