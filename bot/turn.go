package bot

import (
	"context"
	"errors"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/gongyou/gongyou/dialog"
)

// turnTimeout bounds one dialog turn.
const turnTimeout = 60 * time.Second

var errPanic = errors.New("bot: handler panicked")

// turner runs the dialog turns of one channel: with a timeout, a panic
// recovered and counted, errors logged and counted, and the user told with
// the error notice when the turn produced nothing to send.
type turner struct {
	h   Handler
	m   *channelMetrics
	log *slog.Logger
}

// run runs the engine with turnTimeout, turning a panic into errPanic.
func (r *turner) run(ctx context.Context, ev dialog.Event) (replies []dialog.Reply, err error) {
	ctx, cancel := context.WithTimeout(ctx, turnTimeout)
	defer cancel()
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("panic in dialog turn", "user", ev.UserID, "panic", p, "stack", string(debug.Stack()))
			replies, err = nil, errPanic
		}
	}()
	return r.h.Handle(ctx, ev)
}

// take runs one turn for ev and hands on the outcome: the replies to
// deliver, or the error notice to notice after an error or a panic. The
// turn histogram covers the turn and the delivery.
func (r *turner) take(ctx context.Context, log *slog.Logger, ev dialog.Event,
	deliver func([]dialog.Reply), notice func(dialog.Notice)) {
	start := time.Now()
	replies, err := r.run(ctx, ev)
	switch {
	case errors.Is(err, errPanic):
		r.m.panics.Inc()
		notice(dialog.NoticeError)
	case err != nil:
		r.m.updateErrors.WithLabelValues(stageHandler).Inc()
		log.Error("dialog turn failed", "err", err)
		notice(dialog.NoticeError)
	default:
		deliver(replies)
	}
	r.m.turn.Observe(time.Since(start).Seconds())
}

// guard is deferred around everything a channel does with one update: a
// panic outside the turn (decoding, sending) is recovered, counted and
// logged, and the user gets the error notice through notice.
func (r *turner) guard(log *slog.Logger, notice func()) {
	if p := recover(); p != nil {
		r.m.panics.Inc()
		log.Error("panic while handling update", "panic", p, "stack", string(debug.Stack()))
		notice()
	}
}
