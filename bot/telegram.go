// Package bot holds Gongyou's channels: Telegram (this file and its
// neighbours), the terminal chat and the broadcast sender. A channel turns
// what arrives into dialog.Events, feeds them to the dialog engine and
// renders the dialog.Replies; it never writes user-facing text of its own.
package bot

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"golang.org/x/time/rate"

	"github.com/gongyou/gongyou/dialog"
)

// Handler runs one dialog turn. *dialog.Engine implements it.
type Handler interface {
	Handle(ctx context.Context, ev dialog.Event) ([]dialog.Reply, error)
}

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

// Limits and timeouts of the channel.
const (
	pollTimeout      = 50 * time.Second // getUpdates long poll; Telegram caps it at 50 s
	clientTimeout    = 90 * time.Second // HTTP client: poll plus headroom
	sendTimeout      = 15 * time.Second // one sendMessage / answerCallbackQuery
	turnTimeout      = 60 * time.Second // one dialog turn
	maxRetryAfter    = 30 * time.Second // a longer 429 wait is not waited out
	stopTimeout      = 5 * time.Second  // after the grace period, for cancelled turns to return
	maxWebhookBody   = 1 << 20          // 1 MiB
	maxInputUnits    = MaxMessageUnits  // longest text passed to the engine
	maxNameUnits     = 64
	maxButtonsPerRow = 8
	maxButtons       = 100
	maxButtonUnits   = 64
	prunePeriod      = time.Minute
	webhookRetry     = "5" // Retry-After seconds when the queues are full
)

var (
	errQueueFull = errors.New("telegram: update queue full")
	errClosed    = errors.New("telegram: channel is shutting down")
	errPanic     = errors.New("telegram: handler panicked")
	secretRe     = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
)

// allowedUpdates is the explicit list sent to getUpdates and setWebhook.
var allowedUpdates = []string{
	models.AllowedUpdateMessage,
	models.AllowedUpdateCallbackQuery,
	models.AllowedUpdateMyChatMember,
}

// Telegram is the Telegram channel. Updates of one user are processed one at
// a time in arrival order, different users in parallel: each user id maps to
// one of Workers queues, and each queue has one goroutine.
type Telegram struct {
	cfg     TelegramConfig
	api     *tgbot.Bot
	handler Handler
	seen    UpdateLog
	m       *Metrics
	log     *slog.Logger
	now     func() time.Time     // the flood limiter's clock (tests freeze it)
	done    func(updateID int64) // called after each processed update (benchmarks); nil in production

	started  atomic.Bool
	username string // the bot's @username, set by Run before the queues start

	mu     sync.RWMutex // guards closed against sends on closed queues
	closed bool
	queues []*queue
}

// queue is one worker's FIFO and the state only that worker touches.
type queue struct {
	ch        chan *models.Update
	flood     map[int64]*floodState
	lastPrune time.Time
}

type floodState struct {
	lim    *rate.Limiter
	warned bool // the slow-down notice went out; reset once the user is let through again
}

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
	if m == nil {
		m = NewMetrics()
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	t := &Telegram{
		cfg: cfg, handler: h, seen: log, m: m, now: time.Now,
		log: logger.With("channel", "telegram"),
	}
	for range cfg.Workers {
		t.queues = append(t.queues, &queue{ch: make(chan *models.Update, cfg.QueueSize), flood: map[int64]*floodState{}})
	}

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

// Run serves until ctx is cancelled: long polling, or in webhook mode it
// registers the webhook and processes what WebhookHandler queues. On
// cancellation it stops taking updates, gives the queued ones
// ShutdownGrace to finish (their turns run on a context that outlives ctx
// until then) and returns nil. Run may be called once.
func (t *Telegram) Run(ctx context.Context) error {
	if !t.started.CompareAndSwap(false, true) {
		return errors.New("telegram: Run called twice")
	}
	me, err := t.api.GetMe(ctx)
	if err != nil {
		return fmt.Errorf("telegram: getMe: %w", err)
	}
	t.username = me.Username
	mode := "polling"
	if t.cfg.WebhookURL != "" {
		mode = "webhook"
	}
	t.log.Info("telegram channel starting", "bot", me.Username, "mode", mode, "workers", t.cfg.Workers)

	work, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	var wg sync.WaitGroup
	for _, q := range t.queues {
		wg.Go(func() { t.serve(work, q) })
	}

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
	if err := t.stop(&wg, cancelWork); err != nil && runErr == nil {
		runErr = err
	}
	t.log.Info("telegram channel stopped")
	return runErr
}

// stop closes the queues, waits up to ShutdownGrace for the workers to
// finish what is queued, then cancels the turns still running.
func (t *Telegram) stop(wg *sync.WaitGroup, cancelWork context.CancelFunc) error {
	t.mu.Lock()
	t.closed = true
	for _, q := range t.queues {
		close(q.ch)
	}
	t.mu.Unlock()

	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	grace := time.NewTimer(t.cfg.ShutdownGrace)
	defer grace.Stop()
	select {
	case <-done:
		return nil
	case <-grace.C:
	}
	t.log.Warn("shutdown grace period over: cancelling running turns, dropping queued updates", "grace", t.cfg.ShutdownGrace)
	cancelWork()
	hard := time.NewTimer(stopTimeout)
	defer hard.Stop()
	select {
	case <-done:
		return nil
	case <-hard.C:
		return errors.New("telegram: workers did not stop after the grace period")
	}
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
			t.memberUpdate(ctx, upd) // blocked / unblocked the bot (bot/broadcast.go)
		}
		return nil // nothing for the dialog engine
	}
	q := t.queues[shardOf(userID, len(t.queues))]

	t.mu.RLock()
	defer t.mu.RUnlock()
	if t.closed {
		return errClosed
	}
	select {
	case q.ch <- upd:
		return nil
	default:
	}
	if !wait {
		return errQueueFull
	}
	select {
	case q.ch <- upd:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("telegram: queue update %d: %w", upd.ID, ctx.Err())
	}
}

// classify names the kind of upd and the user it belongs to (0: none we serve).
func classify(upd *models.Update) (kind string, userID int64) {
	switch {
	case upd.Message != nil:
		if upd.Message.From == nil {
			return kindMessage, 0 // channel post or anonymous admin
		}
		return kindMessage, upd.Message.From.ID
	case upd.CallbackQuery != nil:
		return kindCallback, upd.CallbackQuery.From.ID
	case upd.MyChatMember != nil:
		return kindMember, 0
	default:
		return kindOther, 0
	}
}

// shardOf maps a user id to a queue (Fibonacci hashing, so that ids with a
// common stride still spread).
func shardOf(userID int64, n int) int {
	h := uint64(userID) * 0x9E3779B97F4A7C15
	return int((h >> 32) % uint64(n))
}

// WebhookHandler receives updates from Telegram in webhook mode:
// 401 without the right secret header, 413 over 1 MiB, 400 for a body that
// is not an update, 503 with Retry-After when the queues are full or the
// channel is stopping, else 200 once the update is queued (not processed).
func (t *Telegram) WebhookHandler() http.Handler {
	secret := []byte(t.cfg.WebhookSecret)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		got := []byte(r.Header.Get("X-Telegram-Bot-Api-Secret-Token"))
		if len(secret) == 0 || subtle.ConstantTimeCompare(got, secret) != 1 {
			t.log.Warn("webhook request with a wrong or missing secret", "remote", r.RemoteAddr)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWebhookBody))
		if err != nil {
			t.m.updateErrors.WithLabelValues(stageDecode).Inc()
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "cannot read body", http.StatusBadRequest)
			return
		}
		upd := &models.Update{}
		if err := json.Unmarshal(body, upd); err != nil || upd.ID <= 0 {
			t.m.updateErrors.WithLabelValues(stageDecode).Inc()
			t.log.Warn("webhook body is not an update", "err", err, "bytes", len(body))
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		if err := t.enqueue(r.Context(), upd, false); err != nil {
			t.m.updateErrors.WithLabelValues(stageEnqueue).Inc()
			t.log.Warn("webhook update refused", "update_id", upd.ID, "err", err)
			w.Header().Set("Retry-After", webhookRetry)
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

// serve is one worker: it processes its queue in order until the queue is
// closed. Once ctx is cancelled (grace over) the rest is dropped.
func (t *Telegram) serve(ctx context.Context, q *queue) {
	for upd := range q.ch {
		if ctx.Err() != nil {
			t.m.updateErrors.WithLabelValues(stageShutdown).Inc()
			t.log.Warn("update dropped at shutdown", "update_id", upd.ID)
			continue
		}
		t.process(ctx, q, upd)
		if t.done != nil {
			t.done(upd.ID)
		}
	}
}

// inbound is an update turned into what the dialog engine sees.
type inbound struct {
	ev         dialog.Event
	callbackID string // answer this callback query
	noTurn     bool   // answer the callback but do not run a turn (unusable data)
}

// process runs one update: dedupe, flood control, answer a callback, the
// dialog turn, the replies. A panic anywhere is recovered and the user gets
// the error notice.
func (t *Telegram) process(ctx context.Context, q *queue, upd *models.Update) {
	in, ok := t.convert(upd)
	if !ok {
		return
	}
	log := t.log.With("update_id", upd.ID, "user", in.ev.UserID)
	defer func() {
		if p := recover(); p != nil {
			t.m.panics.Inc()
			log.Error("panic while handling update", "panic", p, "stack", string(debug.Stack()))
			t.notice(ctx, in.ev, dialog.NoticeError)
		}
	}()

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

	start := time.Now()
	replies, err := t.turn(ctx, in.ev)
	switch {
	case errors.Is(err, errPanic):
		t.m.panics.Inc()
		t.notice(ctx, in.ev, dialog.NoticeError)
	case err != nil:
		t.m.updateErrors.WithLabelValues(stageHandler).Inc()
		log.Error("dialog turn failed", "err", err)
		t.notice(ctx, in.ev, dialog.NoticeError)
	default:
		t.sendReplies(ctx, log, in.ev.ChatID, replies)
	}
	t.m.turn.Observe(time.Since(start).Seconds())
}

// turn runs the dialog engine with a timeout, turning a panic into errPanic.
func (t *Telegram) turn(ctx context.Context, ev dialog.Event) (replies []dialog.Reply, err error) {
	ctx, cancel := context.WithTimeout(ctx, turnTimeout)
	defer cancel()
	defer func() {
		if p := recover(); p != nil {
			t.log.Error("panic in dialog turn", "user", ev.UserID, "panic", p, "stack", string(debug.Stack()))
			replies, err = nil, errPanic
		}
	}()
	return t.handler.Handle(ctx, ev)
}

// convert turns an update into an Event, or reports that it is not for the
// engine (group chatter, a bot, an unsupported kind).
func (t *Telegram) convert(upd *models.Update) (inbound, bool) {
	switch {
	case upd.Message != nil:
		m := upd.Message
		if m.From == nil || m.From.IsBot {
			return inbound{}, false
		}
		text := m.Text
		if text == "" {
			text = m.Caption
		}
		switch m.Chat.Type {
		case models.ChatTypePrivate:
			if cmd, ok := t.command(text); ok {
				text = cmd
			}
		case models.ChatTypeGroup, models.ChatTypeSupergroup:
			cmd, ok := t.command(text)
			if !ok {
				return inbound{}, false // group chatter, or a command for another bot
			}
			text = cmd
		default:
			return inbound{}, false
		}
		return inbound{ev: dialog.Event{
			UserID: m.From.ID,
			ChatID: m.Chat.ID,
			Lang:   m.From.LanguageCode,
			Name:   displayName(m.From),
			Text:   truncateUTF16(strings.ToValidUTF8(text, "\uFFFD"), maxInputUnits),
		}}, true

	case upd.CallbackQuery != nil:
		cq := upd.CallbackQuery
		if cq.From.ID == 0 {
			return inbound{}, false
		}
		chatID := cq.From.ID // an inline message: the user's private chat
		switch {
		case cq.Message.Message != nil:
			chatID = cq.Message.Message.Chat.ID
		case cq.Message.InaccessibleMessage != nil:
			chatID = cq.Message.InaccessibleMessage.Chat.ID
		}
		in := inbound{callbackID: cq.ID, ev: dialog.Event{
			UserID:   cq.From.ID,
			ChatID:   chatID,
			Lang:     cq.From.LanguageCode,
			Name:     displayName(&cq.From),
			Callback: cq.Data,
		}}
		if cq.Data == "" || len(cq.Data) > dialog.MaxCallbackData || !utf8.ValidString(cq.Data) {
			t.log.Warn("callback with unusable data: answered, not handled", "update_id", upd.ID, "bytes", len(cq.Data))
			in.noTurn = true
			in.ev.Callback = ""
		}
		return in, true
	}
	return inbound{}, false
}

// command recognises "/cmd", "/cmd args" and "/cmd@ThisBot args" and returns
// the text with the @ThisBot suffix removed. A command addressed to another
// bot, or text that is no command, is not ok.
func (t *Telegram) command(text string) (string, bool) {
	if !strings.HasPrefix(text, "/") {
		return "", false
	}
	end := strings.IndexFunc(text, isSpace)
	if end < 0 {
		end = len(text)
	}
	head, rest := text[:end], text[end:]
	name, target, addressed := strings.Cut(head, "@")
	if len(name) < 2 {
		return "", false
	}
	if addressed && (t.username == "" || !strings.EqualFold(target, t.username)) {
		return "", false
	}
	return name + rest, true
}

func isSpace(r rune) bool { return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\u3000' }

// displayName is the user's name as Telegram shows it, for greetings.
func displayName(u *models.User) string {
	name := strings.TrimSpace(u.FirstName + " " + u.LastName)
	if name == "" {
		name = u.Username
	}
	return truncateUTF16(strings.ToValidUTF8(name, "\uFFFD"), maxNameUnits)
}

// allow reports whether the user may have one more update processed now,
// and forgets users whose limiter has refilled (idle) once a minute.
func (q *queue) allow(userID int64, now time.Time, perMinute int) bool {
	if now.Sub(q.lastPrune) >= prunePeriod {
		for id, st := range q.flood {
			if st.lim.TokensAt(now) >= float64(st.lim.Burst()) {
				delete(q.flood, id)
			}
		}
		q.lastPrune = now
	}
	st, ok := q.flood[userID]
	if !ok {
		st = &floodState{lim: rate.NewLimiter(rate.Limit(float64(perMinute)/60), perMinute)}
		q.flood[userID] = st
	}
	if st.lim.AllowN(now, 1) {
		st.warned = false
		return true
	}
	return false
}

// warnOnce reports whether the slow-down notice is due: once per flood.
func (q *queue) warnOnce(userID int64) bool {
	st := q.flood[userID]
	if st == nil || st.warned {
		return false
	}
	st.warned = true
	return true
}
