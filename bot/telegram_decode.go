package bot

import (
	"strings"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"github.com/gongyou/gongyou/dialog"
)

// inbound is an update turned into what the dialog engine sees.
type inbound struct {
	ev         dialog.Event
	callbackID string // answer this callback query
	noTurn     bool   // answer the callback but do not run a turn (unusable data)
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
		in := inbound{ev: dialog.Event{
			UserID: m.From.ID,
			ChatID: m.Chat.ID,
			Lang:   m.From.LanguageCode,
			Name:   displayName(m.From),
			Text:   truncateUTF16(strings.ToValidUTF8(text, "\uFFFD"), maxInputUnits),
		}}
		if m.Chat.Type == models.ChatTypePrivate {
			in.ev.Image = t.photoOf(m) // a screenshot to check (telegram_photo.go)
		}
		return in, true

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
