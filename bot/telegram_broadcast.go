package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync/atomic"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/store"
)

// telegramSink sends broadcast messages over the Bot API, with HTTP
// connections of its own so that interactive replies never queue behind
// a broadcast.
type telegramSink struct{ api *tgbot.Bot }

var _ broadcastSink = telegramSink{}

// newTelegramSink builds the sink for NewBroadcaster.
func newTelegramSink(cfg BroadcastConfig, log *slog.Logger) (telegramSink, error) {
	if strings.TrimSpace(cfg.Token) == "" {
		return telegramSink{}, errors.New("broadcast: empty bot token")
	}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = cfg.InFlight
	opts := []tgbot.Option{
		tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(pollTimeout, &http.Client{Timeout: cfg.SendTimeout + 5*time.Second, Transport: statusTransport{transport}}),
		tgbot.WithErrorsHandler(func(err error) { log.Error("telegram api", "err", err) }),
	}
	if cfg.APIURL != "" {
		opts = append(opts, tgbot.WithServerURL(strings.TrimRight(cfg.APIURL, "/")))
	}
	api, err := tgbot.New(cfg.Token, opts...)
	if err != nil {
		return telegramSink{}, fmt.Errorf("broadcast: %w", err)
	}
	return telegramSink{api: api}, nil
}

func (telegramSink) name() string { return telegramName }

// statusKey carries an *atomic.Int32 through a request's context; the
// transport stores the HTTP status of the answer in it.
type statusKey struct{}

// statusTransport records the HTTP status of each answer (go-telegram/bot
// looks only at the JSON body, which a proxy's 502 page does not have).
type statusTransport struct{ base http.RoundTripper }

func (t statusTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(r)
	if err == nil {
		if p, ok := r.Context().Value(statusKey{}).(*atomic.Int32); ok {
			p.Store(int32(resp.StatusCode))
		}
	}
	return resp, err
}

// deliver calls sendMessage and classifies the answer:
//
//	ok                                        → sent
//	429                                       → limited (retry_after + 0-500 ms jitter), not delivered
//	403 (blocked, deactivated, kicked)        → unreachable, never retried
//	400 chat not found / user is deactivated  → unreachable, never retried
//	other 400                                 → failed (the same request fails again)
//	401, 404 (token refused)                  → put back; this sender pauses a minute
//	HTTP 5xx, or 4xx without a Bot API body   → retry
//	HTTP 200 whose body cannot be read        → unknown (it did arrive, or may have)
//	no answer, request never written          → retry (nothing reached Telegram)
//	no answer after the request was written   → unknown (it may have arrived: never resent)
func (s telegramSink) deliver(ctx context.Context, d store.Delivery) sendResult {
	var wrote atomic.Bool
	var status atomic.Int32
	trace := &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) { wrote.Store(true) }}
	ctx = context.WithValue(httptrace.WithClientTrace(ctx, trace), statusKey{}, &status)
	_, err := s.api.SendMessage(ctx, &tgbot.SendMessageParams{
		ChatID:             d.ChatID,
		Text:               dialog.BroadcastMessage(d.Lang, d.Text),
		LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tgbot.True()},
	})
	if err == nil {
		return sendResult{outcome: bcSent}
	}
	reason := err.Error()
	var tooMany *tgbot.TooManyRequestsError
	switch {
	case errors.As(err, &tooMany):
		wait := max(time.Duration(tooMany.RetryAfter)*time.Second, time.Second) + time.Duration(rand.Int64N(int64(500*time.Millisecond)))
		return sendResult{outcome: bcLimited, reason: reason, wait: wait}
	case errors.Is(err, tgbot.ErrorForbidden):
		return sendResult{outcome: bcUnreachable, reason: reason}
	case errors.Is(err, tgbot.ErrorBadRequest):
		low := strings.ToLower(reason)
		if strings.Contains(low, "chat not found") || strings.Contains(low, "user is deactivated") {
			return sendResult{outcome: bcUnreachable, reason: reason}
		}
		return sendResult{outcome: bcFailed, reason: reason}
	case errors.Is(err, tgbot.ErrorUnauthorized), errors.Is(err, tgbot.ErrorNotFound):
		return sendResult{outcome: bcLimited, reason: reason, wait: time.Minute, local: true}
	case status.Load() >= 400:
		return sendResult{outcome: bcRetry, reason: reason} // 5xx, or a 4xx page from a proxy: not delivered
	case status.Load() != 0:
		return sendResult{outcome: bcUnknown, reason: reason} // 2xx we could not read: it may have arrived
	case !wrote.Load():
		return sendResult{outcome: bcRetry, reason: reason}
	default:
		return sendResult{outcome: bcUnknown, reason: reason}
	}
}
