package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/gongyou/gongyou/dialog"
)

// The Telegram channel: this file (set-up, run, the update pipeline),
// telegram_decode.go (update → dialog.Event), telegram_webhook.go,
// telegram_send.go (replies over the Bot API), telegram_member.go
// (blocked/unblocked) and telegram_broadcast.go (the broadcast sink).

// UpdateLog remembers which update_ids were processed. *store.Store
// implements it.
type UpdateLog interface {
	MarkUpdate(ctx context.Context, updateID int64) (first bool, err error)
}

// TelegramConfig configures the Telegram channel. Zero values take the
// defaults noted on each field.
type TelegramConfig struct {
	Token          string        // bot token (required)
	APIURL         string        // Bot API base URL; default https://api.telegram.org
	WebhookURL     string        // webhook mode when set, else long polling
	WebhookSecret  string        // X-Telegram-Bot-Api-Secret-Token; required in webhook mode
	Workers        int           // users served in parallel (queues); default 8
	QueueSize      int           // updates waiting per queue; default 256
	FloodPerMinute int           // messages + button presses per user per minute; default 20
	ShutdownGrace  time.Duration // time to finish queued updates on shutdown; default 10s
}

// MaxMessageUnits is Telegram's limit on a message text, in UTF-16 code
// units (not bytes, not runes): a Han character is 1 unit, an emoji outside
// the Basic Multilingual Plane is 2.
const MaxMessageUnits = 4096

// Limits and timeouts of the channel.
const (
	telegramName     = "telegram"
	pollTimeout      = 50 * time.Second // getUpdates long poll; Telegram caps it at 50 s
	clientTimeout    = 90 * time.Second // HTTP client: poll plus headroom
	sendTimeout      = 15 * time.Second // one sendMessage / answerCallbackQuery
	maxRetryAfter    = 30 * time.Second // a longer 429 wait is not waited out
	maxWebhookBody   = 1 << 20          // 1 MiB
	maxInputUnits    = MaxMessageUnits  // longest text passed to the engine
	maxNameUnits     = 64
	maxButtonsPerRow = 8
	maxButtons       = 100
	maxButtonUnits   = 64
	webhookRetry     = "5" // Retry-After seconds when the queues are full
)

// telegramLayout is what one Telegram message takes.
var telegramLayout = layout{
	maxUnits:   MaxMessageUnits,
	labelUnits: maxButtonUnits,
	perRow:     maxButtonsPerRow,
	maxButtons: maxButtons,
}

var secretRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// allowedUpdates is the explicit list sent to getUpdates and setWebhook.
var allowedUpdates = []string{
	models.AllowedUpdateMessage,
	models.AllowedUpdateCallbackQuery,
	models.AllowedUpdateMyChatMember,
}

// Telegram is the Telegram channel. Updates of one user are processed one at
// a time in arrival order, different users in parallel (userQueues).
type Telegram struct {
	cfg    TelegramConfig
	api    *tgbot.Bot
	seen   UpdateLog
	m      *channelMetrics
	log    *slog.Logger
	turns  *turner
	render renderer
	queues *userQueues[*models.Update]
	now    func() time.Time     // the flood limiter's clock (tests freeze it)
	done   func(updateID int64) // called after each processed update (benchmarks); nil in production

	started  atomic.Bool
	username string // the bot's @username, set by Run before the queues start
}

var _ Channel = (*Telegram)(nil)

// NewTelegram builds the channel. It does not talk to Telegram yet: Run does.
func NewTelegram(cfg TelegramConfig, h Handler, log UpdateLog, m *Metrics, logger *slog.Logger) (*Telegram, error) {
	if strings.TrimSpace(cfg.Token) == "" {
		return nil, errors.New("telegram: empty bot token")
	}
	if h == nil || log == nil {
		return nil, errors.New("telegram: handler and update log are required")
	}
	if cfg.WebhookURL != "" {
		u, err := url.Parse(cfg.WebhookURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return nil, fmt.Errorf("telegram: webhook URL %q is not an http(s) URL", cfg.WebhookURL)
		}
		if !secretRe.MatchString(cfg.WebhookSecret) {
			return nil, errors.New("telegram: webhook mode needs a webhook secret of 1-256 characters A-Z a-z 0-9 _ -")
		}
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 8
	}
	if cfg.QueueSize <= 0 {
		cfg.QueueSize = 256
	}
	if cfg.FloodPerMinute <= 0 {
		cfg.FloodPerMinute = 20
	}
	if cfg.ShutdownGrace <= 0 {
		cfg.ShutdownGrace = 10 * time.Second
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	cm := m.forChannel(telegramName)
	t := &Telegram{
		cfg: cfg, seen: log, m: cm, now: time.Now,
		log:    logger.With("channel", telegramName),
		render: renderer{lay: telegramLayout, m: cm},
		queues: newUserQueues[*models.Update](cfg.Workers, cfg.QueueSize),
	}
	t.turns = &turner{h: h, m: cm, log: t.log}

	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = cfg.Workers + 4 // one keep-alive connection per worker, plus polling
	opts := []tgbot.Option{
		tgbot.WithSkipGetMe(), // Run calls getMe with its context
		tgbot.WithHTTPClient(pollTimeout, &http.Client{Timeout: clientTimeout, Transport: transport}),
		tgbot.WithNotAsyncHandlers(),
		// Unbuffered: the poller confirms a batch (next getUpdates) only after
		// every update of it is in our queues, which shutdown drains.
		tgbot.WithUpdatesChannelCap(0),
		tgbot.WithDefaultHandler(t.dispatch),
		tgbot.WithAllowedUpdates(allowedUpdates),
		tgbot.WithErrorsHandler(func(err error) { t.log.Error("telegram api", "err", err) }),
	}
	if cfg.APIURL != "" {
		opts = append(opts, tgbot.WithServerURL(strings.TrimRight(cfg.APIURL, "/")))
	}
	api, err := tgbot.New(cfg.Token, opts...)
	if err != nil {
		return nil, fmt.Errorf("telegram: %w", err)
	}
	t.api = api
	return t, nil
}

// Name is "telegram".
func (t *Telegram) Name() string { return telegramName }

// Buttons is true: Telegram shows inline keyboards.
func (t *Telegram) Buttons() bool { return true }

// MaxMessage is Telegram's 4096 UTF-16 units.
func (t *Telegram) MaxMessage() int { return MaxMessageUnits }

// Run serves until ctx is cancelled: long polling, or in webhook mode it
// registers the webhook and processes what WebhookHandler queues. On
// cancellation it stops taking updates, gives the queued ones
// ShutdownGrace to finish (their turns run on a context that outlives ctx
// until then) and returns nil. Run may be called once.
func (t *Telegram) Run(ctx context.Context) error {
	if !t.started.CompareAndSwap(false, true) {
		return errors.New("telegram: Run called twice")
	}
	me, err := t.getMe(ctx) // retried with backoff while Telegram is unreachable (telegram_getme.go)
	if err != nil {
		return err
	}
	t.username = me.Username
	mode := "polling"
	if t.cfg.WebhookURL != "" {
		mode = "webhook"
	}
	t.log.Info("telegram channel starting", "bot", me.Username, "mode", mode, "workers", t.cfg.Workers)

	work, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	t.queues.start(work, t.process, func(upd *models.Update) {
		t.m.updateErrors.WithLabelValues(stageShutdown).Inc()
		t.log.Warn("update dropped at shutdown", "update_id", upd.ID)
	})

	var runErr error
	if t.cfg.WebhookURL != "" {
		_, err := t.api.SetWebhook(ctx, &tgbot.SetWebhookParams{
			URL:            t.cfg.WebhookURL,
			SecretToken:    t.cfg.WebhookSecret,
			AllowedUpdates: allowedUpdates,
		})
		if err != nil {
			runErr = fmt.Errorf("telegram: setWebhook: %w", err)
		} else {
			<-ctx.Done()
		}
	} else {
		// A webhook still set would make getUpdates fail with 409.
		if _, err := t.api.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{}); err != nil {
			runErr = fmt.Errorf("telegram: deleteWebhook: %w", err)
		} else {
			t.api.Start(ctx) // returns once ctx is done and the poller has stopped
		}
	}
	err = t.queues.stop(t.cfg.ShutdownGrace, cancelWork, func() {
		t.log.Warn("shutdown grace period over: cancelling running turns, dropping queued updates", "grace", t.cfg.ShutdownGrace)
	})
	if err != nil && runErr == nil {
		runErr = fmt.Errorf("telegram: %w", err)
	}
	t.log.Info("telegram channel stopped")
	return runErr
}

// dispatch is the go-telegram/bot default handler: with WithNotAsyncHandlers
// and one library worker it is called for each polled update in order, and
// only queues it.
func (t *Telegram) dispatch(ctx context.Context, _ *tgbot.Bot, upd *models.Update) {
	if err := t.enqueue(ctx, upd, true); err != nil {
		t.m.updateErrors.WithLabelValues(stageEnqueue).Inc()
		t.log.Error("update lost: not queued", "update_id", upd.ID, "err", err)
	}
}

// enqueue puts upd on its user's queue. With wait it blocks while the queue
// is full (polling: back-pressure on getUpdates); without, a full queue is
// errQueueFull (webhook: 503, Telegram retries).
func (t *Telegram) enqueue(ctx context.Context, upd *models.Update, wait bool) error {
	kind, userID := classify(upd)
	t.m.updates.WithLabelValues(kind).Inc()
	if userID == 0 {
		if kind == kindMember && upd.MyChatMember != nil {
			t.memberUpdate(ctx, upd) // blocked / unblocked the bot (telegram_member.go)
		}
		return nil // nothing for the dialog engine
	}
	return t.queues.put(ctx, userID, upd, wait)
}

// process runs one update on its user's queue: dedupe by update_id, flood
// control, answer a callback, the dialog turn, the replies. A panic
// anywhere is recovered and the user gets the error notice.
func (t *Telegram) process(ctx context.Context, q *userQueue[*models.Update], upd *models.Update) {
	if t.done != nil {
		defer t.done(upd.ID)
	}
	in, ok := t.convert(upd)
	if !ok {
		return
	}
	log := t.log.With("update_id", upd.ID, "user", in.ev.UserID)
	defer t.turns.guard(log, func() { t.notice(ctx, in.ev, dialog.NoticeError) })

	first, err := t.seen.MarkUpdate(ctx, upd.ID)
	if err != nil {
		// Fail open: answering twice after a replay beats not answering.
		t.m.updateErrors.WithLabelValues(stageDedupe).Inc()
		log.Error("dedupe failed; processing anyway", "err", err)
		first = true
	}
	if !first {
		t.m.duplicates.Inc()
		log.Debug("duplicate update skipped")
		return
	}

	if !q.allow(in.ev.UserID, t.now(), t.cfg.FloodPerMinute) {
		t.m.floodDropped.Inc()
		t.answerCallback(ctx, log, in.callbackID)
		if q.warnOnce(in.ev.UserID) {
			log.Info("user floods: slow-down notice sent, dropping updates until the rate recovers")
			t.notice(ctx, in.ev, dialog.NoticeSlowDown)
		}
		return
	}
	t.answerCallback(ctx, log, in.callbackID)
	if in.noTurn {
		return
	}
	t.turns.take(ctx, log, in.ev,
		func(replies []dialog.Reply) { t.sendReplies(ctx, log, in.ev.ChatID, replies) },
		func(n dialog.Notice) { t.notice(ctx, in.ev, n) })
}
