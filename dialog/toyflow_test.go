package dialog

// A whole new flow in one file: this test file defines and registers a toy
// flow (a command, a button prefix, typed text, its own texts) and drives
// it through the engine. Nothing else in the package names it.

import (
	"context"
	"strings"
	"testing"
)

const flowToy = "toy"

var _ = register(&flow{
	name:     flowToy,
	commands: map[string]command{"toy": noArgs((*turn).toyAsk)},
	buttons:  []string{"toy:"},
	onButton: func(t *turn, data string) ([]Reply, error) {
		if data == "toy:again" {
			return t.toyAsk()
		}
		return t.stale()
	},
	onText: func(t *turn, a *analysis) ([]Reply, bool, error) {
		if t.sess.Step != "ask" {
			return nil, false, nil
		}
		t.reset()
		return []Reply{{Text: Tf(t.lang, "toy.echo", a.text), Buttons: [][]Button{{t.btn("toy.btn.again", "toy:again")}}}}, true, nil
	},
	catalog: map[string]map[string]string{
		LangZH: {"toy.ask": "你最喜欢哪个数字？", "toy.echo": "你说的是：%s", "toy.btn.again": "再来一次"},
		LangEN: {"toy.ask": "What is your favourite number?", "toy.echo": "You said: %s", "toy.btn.again": "Again"},
	},
})

func (t *turn) toyAsk() ([]Reply, error) {
	t.reset()
	t.setFlow(flowToy, "ask")
	return []Reply{{Text: t.T("toy.ask")}}, nil
}

func TestToyFlowTouchesOneFile(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, backend EnvOption) {
		env := NewEnv(t, backend)
		ctx := context.Background()
		send := func(ev Event) Reply {
			t.Helper()
			ev.UserID, ev.Lang = 5, "en"
			r, err := env.Engine.Handle(ctx, ev)
			if err != nil || len(r) == 0 {
				t.Fatalf("Handle(%+v) = %v, %v", ev, r, err)
			}
			return r[len(r)-1]
		}
		if r := send(Event{Text: "/toy"}); r.Text != "What is your favourite number?" {
			t.Fatalf("/toy = %q", r.Text)
		}
		// Typed text goes to the flow the user is in, even text the free-text
		// table would read as a job search.
		r := send(Event{Text: "jobs in Shenzhen"})
		if r.Text != "You said: jobs in Shenzhen" || len(r.Buttons) != 1 || r.Buttons[0][0].Data != "toy:again" {
			t.Fatalf("typed text in the toy flow = %+v", r)
		}
		// Outside the flow the same text is free text again.
		if r := send(Event{Text: "jobs in Shenzhen"}); strings.HasPrefix(r.Text, "You said") {
			t.Fatalf("text after the toy flow ended = %q", r.Text)
		}
		if r := send(Event{Callback: "toy:again"}); r.Text != "What is your favourite number?" {
			t.Fatalf("toy:again = %q", r.Text)
		}
		if r := send(Event{Callback: "toy:nonsense"}); r.Text != T(LangEN, "unknown.stale") {
			t.Fatalf("toy:nonsense = %q", r.Text)
		}
	})
}
