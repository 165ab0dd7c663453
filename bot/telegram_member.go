package bot

import (
	"context"

	"github.com/go-telegram/bot/models"
)

// Reachability is told when a user blocks or unblocks the bot.
// *store.Store implements it.
type Reachability interface {
	SetReachable(ctx context.Context, userID int64, reachable bool) error
}

// memberUpdate follows my_chat_member updates of private chats: a user who
// blocked the bot (status kicked) is marked unreachable and unsubscribed, so
// broadcasts skip them without a 403; one who unblocked it (member after
// kicked) is reachable again but not subscribed again: they subscribe
// themselves if they want. The update log (the store) does it.
func (t *Telegram) memberUpdate(ctx context.Context, upd *models.Update) {
	mc := upd.MyChatMember
	log := t.log.With("update_id", upd.ID, "chat", mc.Chat.ID, "status", mc.NewChatMember.Type)
	r, ok := t.seen.(Reachability)
	if !ok || mc.Chat.Type != models.ChatTypePrivate || mc.Chat.ID == 0 {
		log.Info("chat member update ignored")
		return
	}
	var reachable bool
	switch mc.NewChatMember.Type {
	case models.ChatMemberTypeBanned:
		reachable = false
	case models.ChatMemberTypeMember:
		reachable = true
	default:
		log.Info("chat member update ignored")
		return
	}
	ctx, cancel := context.WithTimeout(ctx, sendTimeout)
	defer cancel()
	if err := r.SetReachable(ctx, mc.Chat.ID, reachable); err != nil {
		t.m.updateErrors.WithLabelValues(stageHandler).Inc()
		log.Error("record blocked/unblocked", "err", err)
		return
	}
	log.Info("user blocked or unblocked the bot", "reachable", reachable)
}
