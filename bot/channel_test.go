package bot

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/gongyou/gongyou/dialog"
)

// toyChannel is the smallest Channel: it records what it is sent and runs
// until cancelled, or fails at once with fail.
type toyChannel struct {
	name string
	fail error

	mu      sync.Mutex
	sent    []string
	stopped bool
}

func (c *toyChannel) Name() string    { return c.name }
func (c *toyChannel) Buttons() bool   { return false }
func (c *toyChannel) MaxMessage() int { return 0 }
func (c *toyChannel) Send(_ context.Context, chatID int64, r dialog.Reply) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sent = append(c.sent, r.Text)
	return nil
}
func (c *toyChannel) Run(ctx context.Context) error {
	if c.fail != nil {
		return c.fail
	}
	<-ctx.Done()
	c.mu.Lock()
	c.stopped = true
	c.mu.Unlock()
	return nil
}

// RunChannels runs every channel until ctx ends; one that fails stops the
// others and its error comes back named after it.
func TestRunChannels(t *testing.T) {
	a, b := &toyChannel{name: "a"}, &toyChannel{name: "b"}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- RunChannels(ctx, testLogger(t), a, b) }()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(waitTimeout):
		t.Fatal("RunChannels did not return")
	}

	c, broken := &toyChannel{name: "c"}, &toyChannel{name: "broken", fail: errors.New("no token")}
	err := RunChannels(context.Background(), nil, c, broken)
	if err == nil || err.Error() != "channel broken: no token" {
		t.Fatalf("RunChannels with a failing channel = %v", err)
	}
	if !c.stopped {
		t.Error("the other channel still runs after one failed")
	}
	if err := RunChannels(context.Background(), nil); err == nil {
		t.Error("RunChannels without channels succeeded")
	}
}

// The relay fails until a channel is added, then sends through the first.
func TestRelay(t *testing.T) {
	var r Relay
	if err := r.Notify(context.Background(), 1, dialog.Reply{Text: "x"}); err == nil {
		t.Fatal("Notify without a channel succeeded")
	}
	first, second := &toyChannel{name: "first"}, &toyChannel{name: "second"}
	r.Add(first)
	r.Add(second)
	if err := r.Notify(context.Background(), 1, dialog.Reply{Text: "跟进"}); err != nil {
		t.Fatal(err)
	}
	if len(first.sent) != 1 || first.sent[0] != "跟进" || len(second.sent) != 0 {
		t.Fatalf("sent: first %q, second %q", first.sent, second.sent)
	}
}
