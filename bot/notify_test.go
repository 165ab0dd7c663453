package bot

import (
	"context"
	"errors"
	"strings"
	"testing"

	tgbot "github.com/go-telegram/bot"

	"github.com/gongyou/gongyou/dialog"
)

// Text staff type (a case story, a follow-up) reaches the chat exactly as
// typed: no parse mode, so Markdown and HTML are shown, never interpreted.
func TestNotifySendsPlainText(t *testing.T) {
	h := newHarness(t, func(context.Context, dialog.Event) ([]dialog.Reply, error) { return nil, nil })
	text := "📣 *粗体* _斜体_ <b>HTML</b> <a href=\"http://evil.example\">点我</a> [链接](http://evil.example) `code`"
	err := h.tg.Send(context.Background(), 777, dialog.Reply{Text: text, Buttons: [][]dialog.Button{{{Label: "⬅️ 主菜单", Data: "menu"}}}})
	if err != nil {
		t.Fatal(err)
	}
	calls := h.api.callsOf("sendMessage")
	if len(calls) != 1 {
		t.Fatalf("%d sendMessage calls; want 1", len(calls))
	}
	c := calls[0]
	if c.Fields["chat_id"] != "777" || c.Fields["text"] != text {
		t.Errorf("sent %v", c.Fields)
	}
	if pm := c.Fields["parse_mode"]; pm != "" {
		t.Errorf("parse_mode %q: staff text could inject formatting", pm)
	}
	if strings.Contains(c.Fields["entities"], "text_link") {
		t.Errorf("entities sent: %s", c.Fields["entities"])
	}
	if kb := keyboardOf(t, c); len(kb) != 1 || kb[0][0].CallbackData != "menu" {
		t.Errorf("keyboard = %+v", kb)
	}
}

func TestNotifyReportsFailures(t *testing.T) {
	h := newHarness(t, func(context.Context, dialog.Event) ([]dialog.Reply, error) { return nil, nil })
	h.api.failNext("sendMessage", apiFailure{Code: 403, Description: "Forbidden: bot was blocked by the user"})
	err := h.tg.Send(context.Background(), 778, dialog.Reply{Text: "follow-up"})
	if !errors.Is(err, tgbot.ErrorForbidden) {
		t.Fatalf("Notify to a blocked chat = %v; want ErrorForbidden", err)
	}
	if err := h.tg.Send(context.Background(), 778, dialog.Reply{Text: "  "}); err == nil {
		t.Fatal("a blank follow-up was reported as sent")
	}
	if err := h.tg.Send(context.Background(), 0, dialog.Reply{Text: "x"}); err == nil {
		t.Fatal("Notify without a chat succeeded")
	}
}

// The engine's Notifier is the Relay, which sends through a channel.
var _ dialog.Notifier = (*Relay)(nil)
