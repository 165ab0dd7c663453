package bot

import (
	"context"
	"fmt"

	"github.com/gongyou/gongyou/dialog"
)

// Notify sends one reply to a chat outside any update (a staff decision's
// follow-up to the worker who reported). Like every reply it is plain text,
// split when too long, with its keyboard on the last part. It returns the
// first error (a blocked bot is tgbot.ErrorForbidden) so the caller can keep
// the message for later.
func (t *Telegram) Notify(ctx context.Context, chatID int64, r dialog.Reply) error {
	if chatID == 0 {
		return fmt.Errorf("telegram: notify: no chat")
	}
	var err error
	t.sendRepliesErr(ctx, t.log.With("chat", chatID, "notify", true), chatID, []dialog.Reply{r}, &err)
	if err != nil {
		return fmt.Errorf("telegram: notify %d: %w", chatID, err)
	}
	return nil
}
