package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/gongyou/gongyou/dialog"
)

// Send delivers one reply to a chat outside any update (a staff decision's
// follow-up to the worker who reported). Like every reply it is plain text,
// split when too long, with its keyboard on the last part. It returns the
// first error (a blocked bot is tgbot.ErrorForbidden) so the caller can keep
// the message for later.
func (t *Telegram) Send(ctx context.Context, chatID int64, r dialog.Reply) error {
	if chatID == 0 {
		return fmt.Errorf("telegram: notify: no chat")
	}
	if err := t.sendRepliesErr(ctx, t.log.With("chat", chatID, "notify", true), chatID, []dialog.Reply{r}); err != nil {
		return fmt.Errorf("telegram: notify %d: %w", chatID, err)
	}
	return nil
}

// sendReplies sends the replies of a turn as plain-text messages (no parse
// mode: text a user pasted must not be read as Markdown or HTML). A reply
// longer than Telegram's limit becomes several messages; its keyboard goes
// on the last.
func (t *Telegram) sendReplies(ctx context.Context, log *slog.Logger, chatID int64, replies []dialog.Reply) {
	_ = t.sendRepliesErr(ctx, log, chatID, replies)
}

// sendRepliesErr is sendReplies that also returns the first send error, or
// an error for a reply with no text.
func (t *Telegram) sendRepliesErr(ctx context.Context, log *slog.Logger, chatID int64, replies []dialog.Reply) error {
	var first error
	for _, r := range replies {
		msgs, err := t.render.messages(log, r)
		if err != nil {
			first = firstErr(first, err)
			continue
		}
		for _, m := range msgs {
			params := &tgbot.SendMessageParams{
				ChatID:             chatID,
				Text:               m.text,
				LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tgbot.True()}, // no previews of pasted links
			}
			if kb := keyboard(m.buttons); kb != nil {
				params.ReplyMarkup = kb
			}
			if err := t.sendMessage(ctx, log, params); err != nil {
				return firstErr(first, err) // the rest would fail the same way (blocked, gone, shutting down)
			}
		}
	}
	return first
}

// firstErr keeps the first error.
func firstErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}

// notice sends a channel notice (slow down, error) in the user's language.
func (t *Telegram) notice(ctx context.Context, ev dialog.Event, n dialog.Notice) {
	_ = t.sendMessage(ctx, t.log.With("user", ev.UserID), &tgbot.SendMessageParams{
		ChatID: ev.ChatID,
		Text:   dialog.NoticeText(ev.Lang, n),
	})
}

// keyboard turns rendered button rows (already checked against
// telegramLayout) into an inline keyboard; nil without buttons.
func keyboard(rows [][]dialog.Button) *models.InlineKeyboardMarkup {
	if len(rows) == 0 {
		return nil
	}
	out := make([][]models.InlineKeyboardButton, 0, len(rows))
	for _, row := range rows {
		cur := make([]models.InlineKeyboardButton, 0, len(row))
		for _, b := range row {
			cur = append(cur, models.InlineKeyboardButton{Text: b.Label, CallbackData: b.Data})
		}
		out = append(out, cur)
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
