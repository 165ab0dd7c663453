package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/gongyou/gongyou/dialog"
)

// sendReplies renders replies as plain-text messages (no parse mode: text a
// user pasted must not be read as Markdown or HTML). A reply longer than
// Telegram's limit becomes several messages; its keyboard goes on the last.
func (t *Telegram) sendReplies(ctx context.Context, log *slog.Logger, chatID int64, replies []dialog.Reply) {
	t.sendRepliesErr(ctx, log, chatID, replies, nil)
}

// sendRepliesErr is sendReplies that also reports the first send error in
// *errp (when errp is not nil), or an error for a reply with no text.
func (t *Telegram) sendRepliesErr(ctx context.Context, log *slog.Logger, chatID int64, replies []dialog.Reply, errp *error) {
	for _, r := range replies {
		kb := t.keyboard(log, r.Buttons)
		var parts []string
		for _, p := range SplitText(strings.ToValidUTF8(r.Text, "\uFFFD"), MaxMessageUnits) {
			if strings.TrimSpace(p) != "" { // Telegram rejects a blank message
				parts = append(parts, p)
			}
		}
		if len(parts) == 0 {
			t.m.updateErrors.WithLabelValues(stageRender).Inc()
			log.Error("reply without text dropped", "buttons", kb != nil)
			if errp != nil && *errp == nil {
				*errp = errors.New("telegram: reply without text")
			}
			continue
		}
		for i, p := range parts {
			params := &tgbot.SendMessageParams{
				ChatID:             chatID,
				Text:               p,
				LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tgbot.True()}, // no previews of pasted links
			}
			if i == len(parts)-1 && kb != nil {
				params.ReplyMarkup = kb
			}
			if err := t.sendMessage(ctx, log, params); err != nil {
				if errp != nil && *errp == nil {
					*errp = err
				}
				return // the rest would fail the same way (blocked, gone, shutting down)
			}
		}
	}
}

// notice sends a channel notice (slow down, error) in the user's language.
func (t *Telegram) notice(ctx context.Context, ev dialog.Event, n dialog.Notice) {
	_ = t.sendMessage(ctx, t.log.With("user", ev.UserID), &tgbot.SendMessageParams{
		ChatID: ev.ChatID,
		Text:   dialog.NoticeText(ev.Lang, n),
	})
}

// keyboard turns button rows into an inline keyboard Telegram accepts:
// buttons without a label or with callback data outside 1-64 bytes are
// dropped (a truncated code could mean another action), labels are cut to
// 64 units, rows wrap at 8 buttons, at most 100 buttons in all.
func (t *Telegram) keyboard(log *slog.Logger, rows [][]dialog.Button) *models.InlineKeyboardMarkup {
	var out [][]models.InlineKeyboardButton
	total := 0
	for _, row := range rows {
		var cur []models.InlineKeyboardButton
		for _, b := range row {
			label := truncateUTF16(strings.TrimSpace(strings.ToValidUTF8(b.Label, "\uFFFD")), maxButtonUnits)
			if label == "" || b.Data == "" || len(b.Data) > dialog.MaxCallbackData || !utf8.ValidString(b.Data) {
				t.m.updateErrors.WithLabelValues(stageRender).Inc()
				log.Error("button dropped: empty label or callback data not 1-64 bytes",
					"label", b.Label, "data_bytes", len(b.Data))
				continue
			}
			if total == maxButtons {
				t.m.updateErrors.WithLabelValues(stageRender).Inc()
				log.Error("keyboard cut at the button limit", "limit", maxButtons)
				break
			}
			cur = append(cur, models.InlineKeyboardButton{Text: label, CallbackData: b.Data})
			total++
			if len(cur) == maxButtonsPerRow {
				out = append(out, cur)
				cur = nil
			}
		}
		if len(cur) > 0 {
			out = append(out, cur)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: out}
}

// sendMessage sends one message and counts the outcome: a 429 is waited out
// (retry_after, at most maxRetryAfter, cut short by ctx) and tried once more; a
// 403 (the user blocked the bot) is not retried.
func (t *Telegram) sendMessage(ctx context.Context, log *slog.Logger, p *tgbot.SendMessageParams) error {
	retried, err := t.callAPI(ctx, func(ctx context.Context) error {
		_, err := t.api.SendMessage(ctx, p)
		return err
	})
	if retried {
		t.m.sends.WithLabelValues(outcomeRetry).Inc()
	}
	switch {
	case err == nil:
		t.m.sends.WithLabelValues(outcomeOK).Inc()
	case errors.Is(err, tgbot.ErrorForbidden):
		t.m.sends.WithLabelValues(outcomeForbidden).Inc()
		log.Info("chat forbids messages (bot blocked?)", "chat", p.ChatID, "err", err)
	default:
		t.m.sends.WithLabelValues(outcomeError).Inc()
		log.Error("sendMessage failed", "chat", p.ChatID, "err", err)
	}
	return err
}

// answerCallback stops the client's spinner. It runs before the turn, for
// every callback, usable data or not.
func (t *Telegram) answerCallback(ctx context.Context, log *slog.Logger, id string) {
	if id == "" {
		return
	}
	_, err := t.callAPI(ctx, func(ctx context.Context) error {
		_, err := t.api.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: id})
		return err
	})
	if err != nil {
		t.m.updateErrors.WithLabelValues(stageAnswer).Inc()
		log.Warn("answerCallbackQuery failed", "err", err)
	}
}

// callAPI runs one Bot API call with a timeout, and once more after a 429
// whose retry_after is at most maxRetryAfter.
func (t *Telegram) callAPI(ctx context.Context, call func(context.Context) error) (retried bool, err error) {
	for attempt := 0; ; attempt++ {
		cctx, cancel := context.WithTimeout(ctx, sendTimeout)
		err = call(cctx)
		cancel()
		var tooMany *tgbot.TooManyRequestsError
		if err == nil || attempt > 0 || !errors.As(err, &tooMany) {
			return retried, err
		}
		wait := max(time.Duration(tooMany.RetryAfter)*time.Second, time.Second)
		if wait > maxRetryAfter {
			return retried, fmt.Errorf("telegram: retry_after %s too long: %w", wait, err)
		}
		t.log.Warn("telegram rate limit: waiting before one retry", "retry_after", wait)
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return retried, fmt.Errorf("telegram: waiting out 429: %w", ctx.Err())
		case <-timer.C:
		}
		retried = true
	}
}
