package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/time/rate"

	"github.com/gongyou/gongyou/store"
)

// The broadcast sender is shared by every channel: it claims deliveries
// from the store, paces them, pauses on a rate limit, retries and records
// outcomes. What one send means on a channel (a Bot API call and how to read
// its answer) is that channel's broadcastSink: telegram_broadcast.go.

// broadcastSink sends one broadcast message to one chat of a channel and
// classifies what happened (see sendResult).
type broadcastSink interface {
	name() string // the channel's name, the channel label of the metric
	// deliver sends d within ctx (the sender sets SendTimeout on it).
	deliver(ctx context.Context, d store.Delivery) sendResult
}

// BroadcastQueue is the delivery outbox the sender works from.
// *store.Store implements it.
type BroadcastQueue interface {
	ClaimDelivery(ctx context.Context, sender string) (store.Delivery, time.Time, error)
	MarkSent(ctx context.Context, d store.Delivery, sender string) error
	RequeueDelivery(ctx context.Context, d store.Delivery, sender string, at time.Time, failed bool, reason string) error
	FinishDelivery(ctx context.Context, d store.Delivery, sender, state, reason string) error
	MarkUnreachable(ctx context.Context, d store.Delivery, sender, reason string) error
	PauseBroadcasts(ctx context.Context, until time.Time) error
	RenewSender(ctx context.Context, sender string, lease time.Duration) (live int, pausedUntil time.Time, err error)
	RemoveSender(ctx context.Context, sender string) error
	RecoverDeliveries(ctx context.Context, sender string, all bool) (int64, error)
}

// BroadcastConfig configures the broadcast sender. Zero values take the
// defaults noted on each field.
type BroadcastConfig struct {
	Token  string // bot token (required)
	APIURL string // Bot API base URL; default https://api.telegram.org

	// Rate is the broadcast messages per second of all senders together
	// (GONGYOU_BROADCAST_RATE); default 25, below Telegram's ~30/s so that
	// interactive replies keep room. Each of n live senders sends Rate/n.
	Rate float64
	// InFlight is how many sends may be under way at once; default 3. It
	// bounds how many deliveries a crash can leave unknown.
	InFlight int
	// Exclusive says this is the only sender on the database (SQLite): at
	// start every delivery left in sending belongs to a dead process and
	// becomes unknown. Otherwise (PostgreSQL) only those of senders whose
	// lease ran out.
	Exclusive bool

	SenderID    string        // unique per process; default host-pid-random
	Lease       time.Duration // how long a sender counts as alive without renewing; default 15s (renewed every Lease/5)
	MaxAttempts int           // attempts for 5xx and network errors before failed; default 5
	Idle        time.Duration // how often to look for work when there is none; default 1s
	SendTimeout time.Duration // one sendMessage; default 10s
	MaxBackoff  time.Duration // longest wait before a retry; default 1m
}

// Delivery outcomes, the values of the outcome label of
// gongyou_broadcast_deliveries_total.
const (
	bcSent        = "sent"
	bcUnreachable = "unreachable"
	bcFailed      = "failed"
	bcUnknown     = "unknown"
	bcRetry       = "retry"   // 5xx or a network error before the request went out: tried again later
	bcLimited     = "limited" // 429: put back, every sender paused for retry_after
)

// BroadcastStats counts what one sender did since it started.
type BroadcastStats struct {
	Sent, Unreachable, Failed, Unknown, Retried, Limited int64
}

// Broadcaster sends the deliveries of policy broadcasts through a
// channel's sink, paced by a token bucket. See README.md.
type Broadcaster struct {
	cfg  BroadcastConfig
	sink broadcastSink
	q    BroadcastQueue
	log  *slog.Logger
	lim  *rate.Limiter

	mu          sync.Mutex
	pausedUntil time.Time

	started atomic.Bool
	stats   [6]atomic.Int64 // by outcome index, see outcomes
	metric  *prometheus.CounterVec
}

var outcomes = [...]string{bcSent, bcUnreachable, bcFailed, bcUnknown, bcRetry, bcLimited}

// NewBroadcaster builds the sender for Telegram (cfg.Token, cfg.APIURL).
// reg, if not nil, gets its metrics.
func NewBroadcaster(cfg BroadcastConfig, q BroadcastQueue, reg prometheus.Registerer, logger *slog.Logger) (*Broadcaster, error) {
	cfg = cfg.withDefaults()
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	sink, err := newTelegramSink(cfg, logger.With("component", "broadcast", "sender", cfg.SenderID))
	if err != nil {
		return nil, err
	}
	return newBroadcaster(sink, cfg, q, reg, logger)
}

// withDefaults fills in the zero fields.
func (cfg BroadcastConfig) withDefaults() BroadcastConfig {
	if cfg.Rate <= 0 {
		cfg.Rate = 25
	}
	if cfg.InFlight <= 0 {
		cfg.InFlight = 3
	}
	if cfg.SenderID == "" {
		host, _ := os.Hostname()
		cfg.SenderID = fmt.Sprintf("%s-%d-%08x", host, os.Getpid(), rand.Uint32())
	}
	if cfg.Lease <= 0 {
		cfg.Lease = 15 * time.Second
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 5
	}
	if cfg.Idle <= 0 {
		cfg.Idle = time.Second
	}
	if cfg.SendTimeout <= 0 {
		cfg.SendTimeout = 10 * time.Second
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = time.Minute
	}
	return cfg
}

// newBroadcaster builds a sender that sends through sink.
func newBroadcaster(sink broadcastSink, cfg BroadcastConfig, q BroadcastQueue, reg prometheus.Registerer, logger *slog.Logger) (*Broadcaster, error) {
	if q == nil {
		return nil, errors.New("broadcast: queue is required")
	}
	cfg = cfg.withDefaults()
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	b := &Broadcaster{
		cfg: cfg, q: q, sink: sink,
		// An outage (database down) makes the loop fail several times a
		// second: one line per outageLogEvery, with a count (lograte.go).
		log: rateLimitLog(logger, outageLogEvery).With("component", "broadcast", "channel", sink.name(), "sender", cfg.SenderID),
		// Burst 1: the bucket never lets a burst above the rate through.
		lim: rate.NewLimiter(rate.Limit(cfg.Rate), 1),
	}
	vec := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "gongyou_broadcast_deliveries_total",
		Help: "Broadcast send attempts by channel and outcome (sent, unreachable, failed, unknown, retry, limited = 429).",
	}, []string{"channel", "outcome"})
	b.metric = vec.MustCurryWith(prometheus.Labels{"channel": sink.name()})
	for _, o := range outcomes {
		b.metric.WithLabelValues(o)
	}
	if reg != nil {
		if err := reg.Register(vec); err != nil {
			return nil, fmt.Errorf("broadcast: metrics: %w", err)
		}
	}
	return b, nil
}

// Stats returns what this sender did so far.
func (b *Broadcaster) Stats() BroadcastStats {
	return BroadcastStats{
		Sent: b.stats[0].Load(), Unreachable: b.stats[1].Load(), Failed: b.stats[2].Load(),
		Unknown: b.stats[3].Load(), Retried: b.stats[4].Load(), Limited: b.stats[5].Load(),
	}
}

func (b *Broadcaster) count(outcome string) {
	for i, o := range outcomes {
		if o == outcome {
			b.stats[i].Add(1)
		}
	}
	b.metric.WithLabelValues(outcome).Inc()
}

// Run sends until ctx is cancelled. It first takes a lease and turns the
// deliveries dead senders left in flight into unknown; on cancellation it
// stops claiming, lets the sends under way finish (each within
// SendTimeout), drops its lease and returns nil. Run may be called once.
func (b *Broadcaster) Run(ctx context.Context) error {
	if !b.started.CompareAndSwap(false, true) {
		return errors.New("broadcast: Run called twice")
	}
	n, err := b.q.RecoverDeliveries(ctx, b.cfg.SenderID, b.cfg.Exclusive)
	if err != nil {
		return fmt.Errorf("broadcast: %w", err)
	}
	if n > 0 {
		b.log.Warn("deliveries left in flight by a stopped sender are now unknown and will not be resent", "count", n)
	}
	if err := b.heartbeat(ctx); err != nil {
		return err
	}
	b.log.Info("broadcast sender starting", "rate", b.cfg.Rate, "in_flight", b.cfg.InFlight, "exclusive", b.cfg.Exclusive)

	var wg sync.WaitGroup
	wg.Go(func() { b.keepLease(ctx) })
	if !b.cfg.Exclusive {
		// Give the senders already running one renewal to see this one and
		// lower their share, so that together they never exceed Rate.
		sleep(ctx, b.cfg.Lease/5+b.cfg.Lease/50)
	}
	for range b.cfg.InFlight {
		wg.Go(func() { b.work(ctx) })
	}
	wg.Wait()
	stop, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := b.q.RemoveSender(stop, b.cfg.SenderID); err != nil {
		b.log.Warn("drop lease", "err", err)
	}
	b.log.Info("broadcast sender stopped", "stats", b.Stats())
	return nil
}

// heartbeat renews the lease and takes this sender's share of the rate.
func (b *Broadcaster) heartbeat(ctx context.Context) error {
	live, paused, err := b.q.RenewSender(ctx, b.cfg.SenderID, b.cfg.Lease)
	if err != nil {
		return fmt.Errorf("broadcast: %w", err)
	}
	live = max(live, 1)
	if lim := rate.Limit(b.cfg.Rate / float64(live)); lim != b.lim.Limit() {
		b.lim.SetLimit(lim)
		b.log.Info("broadcast rate share", "senders", live, "rate", float64(lim))
	}
	b.pause(paused)
	return nil
}

// keepLease renews the lease every Lease/5 and, with several senders,
// recovers the deliveries of senders that died.
func (b *Broadcaster) keepLease(ctx context.Context) {
	t := time.NewTicker(b.cfg.Lease / 5)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := b.heartbeat(ctx); err != nil && ctx.Err() == nil {
			b.log.Error("renew lease", "err", err)
			continue
		}
		if !b.cfg.Exclusive {
			if n, err := b.q.RecoverDeliveries(ctx, b.cfg.SenderID, false); err != nil && ctx.Err() == nil {
				b.log.Error("recover deliveries", "err", err)
			} else if n > 0 {
				b.log.Warn("deliveries of a sender whose lease ran out are now unknown", "count", n)
			}
		}
	}
}

// pause holds every worker of this sender until until (if later than now's hold).
func (b *Broadcaster) pause(until time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if until.After(b.pausedUntil) {
		b.pausedUntil = until
	}
}

func (b *Broadcaster) pausedFor() time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	return time.Until(b.pausedUntil)
}

// sleep waits d or until ctx ends; false when ctx ended.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// claimLead is how long before its token a slot claims its delivery: long
// enough to hide the database's latency (no token is lost waiting for a
// claim), short enough that a crash rarely finds a claimed row not yet sent.
const claimLead = 50 * time.Millisecond

// work is one send slot: wait out a pause, reserve a token, claim one
// delivery just before the token is due, send it, record the outcome. A
// slot holds at most one claimed row, so a crash leaves at most InFlight
// rows unknown.
func (b *Broadcaster) work(ctx context.Context) {
	for ctx.Err() == nil {
		if d := b.pausedFor(); d > 0 {
			sleep(ctx, d)
			continue
		}
		r := b.lim.Reserve()
		if !sleep(ctx, r.Delay()-claimLead) || b.pausedFor() > 0 {
			r.Cancel()
			continue
		}
		// Once claimed, a delivery is seen through even if ctx ends: a
		// claimed row left in sending would become unknown.
		keep := context.WithoutCancel(ctx)
		d, paused, err := b.q.ClaimDelivery(keep, b.cfg.SenderID)
		switch {
		case errors.Is(err, store.ErrNotFound):
			r.Cancel()
			if !paused.IsZero() {
				b.pause(paused)
				continue
			}
			sleep(ctx, b.cfg.Idle)
			continue
		case err != nil:
			r.Cancel()
			b.log.Error("claim delivery", "err", err)
			sleep(ctx, b.cfg.Idle)
			continue
		}
		if !sleep(ctx, r.Delay()) || b.pausedFor() > 0 {
			// Stopping, or a 429 meanwhile: the channel never saw this one.
			r.Cancel()
			if err := b.q.RequeueDelivery(keep, d, b.cfg.SenderID, time.Now(), false, "not sent yet: sender stopping or paused"); err != nil {
				b.log.Error("put back a claimed delivery", "delivery", d.ID, "err", err)
			}
			continue
		}
		b.deliver(keep, d)
	}
}

// deliver sends one claimed delivery and records what happened.
func (b *Broadcaster) deliver(ctx context.Context, d store.Delivery) {
	log := b.log.With("broadcast", d.BroadcastID, "delivery", d.ID)
	sctx, cancel := context.WithTimeout(ctx, b.cfg.SendTimeout)
	res := b.sink.deliver(sctx, d)
	cancel()
	var err error
	switch res.outcome {
	case bcSent:
		err = b.q.MarkSent(ctx, d, b.cfg.SenderID)
	case bcUnreachable:
		err = b.q.MarkUnreachable(ctx, d, b.cfg.SenderID, res.reason)
	case bcLimited:
		until := time.Now().Add(res.wait)
		b.pause(until)
		switch {
		case res.local:
			log.Error("the channel refused our credentials (bot token): this sender pauses", "for", res.wait, "err", res.reason)
		default:
			log.Warn("channel rate limit: pausing every broadcast sender", "retry_after", res.wait)
			if res.wait > 5*time.Minute {
				log.Error("the channel asked for a very long pause; broadcasts resume by themselves after it", "until", until)
			}
			if perr := b.q.PauseBroadcasts(ctx, until); perr != nil {
				log.Error("share the pause", "err", perr)
			}
		}
		err = b.q.RequeueDelivery(ctx, d, b.cfg.SenderID, time.Now(), false, res.reason)
	case bcRetry:
		if d.Attempts+1 >= b.cfg.MaxAttempts {
			res.outcome = bcFailed
			err = b.q.FinishDelivery(ctx, d, b.cfg.SenderID, store.DeliveryFailed, res.reason)
			break
		}
		err = b.q.RequeueDelivery(ctx, d, b.cfg.SenderID, time.Now().Add(b.backoff(d.Attempts)), true, res.reason)
	case bcFailed:
		err = b.q.FinishDelivery(ctx, d, b.cfg.SenderID, store.DeliveryFailed, res.reason)
	case bcUnknown:
		err = b.q.FinishDelivery(ctx, d, b.cfg.SenderID, store.DeliveryUnknown, res.reason)
	}
	b.count(res.outcome)
	if res.outcome != bcSent {
		log.Info("broadcast delivery not sent", "outcome", res.outcome, "reason", res.reason)
	}
	if err != nil {
		// The row stays in sending and becomes unknown at the next start.
		log.Error("record delivery outcome", "outcome", res.outcome, "err", err)
	}
}

// backoff is the wait before retry number attempts+1: 1s, 2s, 4s … up to
// MaxBackoff, with up to 20% jitter.
func (b *Broadcaster) backoff(attempts int) time.Duration {
	d := time.Second << min(attempts, 16)
	d = min(d, b.cfg.MaxBackoff)
	return d + time.Duration(rand.Int64N(int64(d)/5+1))
}

type sendResult struct {
	outcome string
	reason  string
	wait    time.Duration // bcLimited: how long to pause
	local   bool          // bcLimited: pause only this sender (our token is refused), do not share
}
