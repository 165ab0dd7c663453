// Package bot holds Gongyou's channels: the adapters that carry a worker's
// messages to the dialog engine and its replies back. A channel turns what
// arrives into dialog.Events, feeds them to a Handler (the engine) and
// renders the dialog.Replies; it never writes user-facing text of its own.
//
// What every channel shares lives in files without a channel's name:
//
//	channel.go   the Channel interface, RunChannels (where channels start), the follow-up Relay
//	turn.go      one dialog turn: timeout, panic recovery, logging, metrics
//	queue.go     per-user ordered queues and the per-user flood limit
//	render.go    dialog.Reply → messages within a channel's limits; numbered buttons for text-only channels
//	split.go     splitting long text (UTF-16 units)
//	metrics.go   Prometheus metrics, labelled by channel
//	http.go      the operations listener (health, metrics, webhooks)
//	broadcast.go the broadcast sender (claim, pace, pause, outcomes) over a channel's broadcastSink
//
// Each channel is one file set named after it: telegram*.go (go-telegram/bot,
// update decoding, dedupe by update_id, webhook, Bot API sends, the
// Telegram broadcast sink) and terminal.go (the terminal chat). A new
// channel is one more such file set, started by RunChannels; the
// architecture page's section on channels says how it plugs in.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/store"
)

// Handler runs one dialog turn. *dialog.Engine implements it.
type Handler interface {
	Handle(ctx context.Context, ev dialog.Event) ([]dialog.Reply, error)
}

// Channel is one way workers reach Gongyou: Telegram, the terminal, and
// next the web chat and WeChat. Each is an adapter over the same Handler.
type Channel interface {
	// Name is the channel's short name ("telegram", "terminal"): the
	// channel label of the metrics and the channel attribute of its logs.
	Name() string
	// Buttons reports whether buttons can be tapped; a channel without
	// them shows numbered choices and reads a typed number as a press.
	Buttons() bool
	// MaxMessage is the longest message text in UTF-16 code units; a
	// longer reply is split (0: no limit).
	MaxMessage() int
	// Send delivers one reply to a chat outside any turn (a staff
	// follow-up). The error says the reply did not arrive, so the caller
	// can keep it for later.
	Send(ctx context.Context, chatID int64, r dialog.Reply) error
	// Run serves until ctx is cancelled, finishes what is under way and
	// returns nil; an error means the channel could not serve.
	Run(ctx context.Context) error
}

// RunChannels is where channels start: it runs every channel until ctx is
// cancelled or one of them fails, which stops the others; it returns once
// all have returned, with the first error.
func RunChannels(ctx context.Context, logger *slog.Logger, channels ...Channel) error {
	if len(channels) == 0 {
		return errors.New("bot: no channel to run")
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	g, gctx := errgroup.WithContext(ctx)
	for _, ch := range channels {
		g.Go(func() error {
			logger.Info("channel starting", "channel", ch.Name())
			if err := ch.Run(gctx); err != nil {
				return fmt.Errorf("channel %s: %w", ch.Name(), err)
			}
			return nil
		})
	}
	return g.Wait()
}

// Relay is the engine's follow-up hook (dialog.Notifier): staff decisions
// reach workers through it. The engine is built before the channels (they
// need the engine), so channels are added to the relay afterwards. Until a
// channel is added, Notify fails and the engine keeps the follow-up for the
// worker's next turn.
//
// A user is (channel, id in that channel), and the channel is known from
// the id (store.ChannelOf): Notify sends through the channel of that name
// (the web chat keeps the follow-up on the visitor's page). An id whose
// channel is not running here goes to the first channel added (Telegram
// in serve; the terminal's one local user in chat).
type Relay struct {
	mu       sync.RWMutex
	channels []Channel
}

// Add makes ch a destination of follow-ups.
func (r *Relay) Add(ch Channel) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.channels = append(r.channels, ch)
}

// Notify sends rep through the channel of chatID's user.
func (r *Relay) Notify(ctx context.Context, chatID int64, rep dialog.Reply) error {
	want := store.ChannelOf(chatID)
	r.mu.RLock()
	var ch Channel
	for _, c := range r.channels {
		if c.Name() == want {
			ch = c
			break
		}
	}
	if ch == nil && len(r.channels) > 0 && store.ChannelBase(want) == 0 {
		ch = r.channels[0]
	}
	r.mu.RUnlock()
	if ch == nil {
		return fmt.Errorf("bot: no %s channel ready for follow-ups", want)
	}
	return ch.Send(ctx, chatID, rep)
}
