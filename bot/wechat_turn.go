package bot

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/store"
)

// wechatText is what the channel says on its own: what works when a
// worker sends a voice message, a location, a link or a video, and the holding answer of a
// turn that takes longer than WeChat waits.
var wechatText = map[string]struct{ Unsupported, Holding string }{
	"zh": {
		Unsupported: "这种消息我看不了。请打字发给我：把招工信息粘贴进来或截图发来，我帮您查是不是骗局；也可以问找工作、社保、工资的事。发 /menu 看全部功能。",
		Holding:     "⏳ 正在仔细核对，答案马上单独发给您。",
	},
	"en": {
		Unsupported: "I cannot read this kind of message. Type to me: paste a job offer or send a screenshot and I will check it for scam signs, or ask about jobs, insurance or pay. Send /menu to see everything.",
		Holding:     "⏳ Checking carefully; the answer follows in a moment.",
	},
}

func wechatLang(lang string) string {
	if strings.HasPrefix(strings.ToLower(lang), "en") {
		return "en"
	}
	return "zh"
}

// wechatKey is a callback's dedupe key: the MsgId, or for an event the
// sender, CreateTime and event.
func wechatKey(msg wechatMsg) string {
	if msg.MsgID != 0 {
		return "m:" + strconv.FormatInt(msg.MsgID, 10)
	}
	return "e:" + msg.FromUserName + ":" + strconv.FormatInt(msg.CreateTime, 10) + ":" + strings.ToLower(msg.Event)
}

// callback handles one message or event once and returns the passive
// reply ("" for none). A retry gets the reply kept for the first delivery.
func (w *WeChat) callback(ctx context.Context, msg wechatMsg) (reply string) {
	start := time.Now()
	defer w.turns.guard(w.log, func() { reply = dialog.NoticeText("", dialog.NoticeError) })
	key := wechatKey(msg)
	first, kept, err := w.st.MarkWeChatSeen(ctx, key)
	if err != nil {
		// Fail open, as Telegram does: answering a retry twice beats
		// leaving the worker without an answer while the store cannot
		// write (disk full), when every retry would fail the same way.
		w.turns.m.updateErrors.WithLabelValues(stageHandler).Inc()
		w.log.Error("wechat: dedupe failed; answering anyway", "err", err)
		return w.handle(ctx, msg, start)
	}
	if !first {
		w.turns.m.duplicates.Inc()
		return kept
	}
	reply = w.handle(ctx, msg, start)
	if err := w.st.SetWeChatReply(context.WithoutCancel(ctx), key, reply); err != nil {
		w.log.Warn("wechat: keep reply failed", "err", err)
	}
	return reply
}

func (w *WeChat) handle(ctx context.Context, msg wechatMsg, start time.Time) string {
	switch strings.ToLower(msg.MsgType) {
	case "text":
		w.turns.m.updates.WithLabelValues(kindMessage).Inc()
		return w.turn(ctx, msg, dialog.Event{Text: msg.Content}, true, start)
	case "image": // a screenshot: read for a scam check (wechat_image.go)
		w.turns.m.updates.WithLabelValues(kindMessage).Inc()
		return w.turn(ctx, msg, dialog.Event{Image: w.imageOf(msg)}, true, start)
	case "voice":
		if t := strings.TrimSpace(msg.Recognition); t != "" {
			w.turns.m.updates.WithLabelValues(kindMessage).Inc()
			return w.turn(ctx, msg, dialog.Event{Text: t}, true, start)
		}
	case "event":
		switch strings.ToLower(msg.Event) {
		case "subscribe": // follow: the welcome; subscribing to notices is the worker's choice
			w.turns.m.updates.WithLabelValues(kindMember).Inc()
			return w.turn(ctx, msg, dialog.Event{Text: "/start"}, false, start)
		case "unsubscribe": // unfollow: no more notices, nothing to send
			w.turns.m.updates.WithLabelValues(kindMember).Inc()
			w.unfollow(ctx, msg.FromUserName)
			return ""
		case "click": // a menu item: its key is a command (wechat_menu.json)
			w.turns.m.updates.WithLabelValues(kindCallback).Inc()
			k := strings.TrimSpace(msg.EventKey)
			if !strings.HasPrefix(k, "/") || len(k) > dialog.MaxCallbackData {
				return ""
			}
			return w.turn(ctx, msg, dialog.Event{Text: k}, false, start)
		}
		w.turns.m.updates.WithLabelValues(kindOther).Inc()
		return "" // view, location reports, scans, job-finished notices: nothing to say
	}
	// Voice without recognition, a location, a link, a video: what works. It is a message, so it opens the 48-hour window.
	w.turns.m.updates.WithLabelValues(kindOther).Inc()
	id, err := w.st.ChannelUserID(ctx, store.ChannelWeChat, msg.FromUserName, true)
	if err != nil {
		w.log.Error("wechat: user failed", "err", err)
		return dialog.NoticeText("", dialog.NoticeError)
	}
	now := w.cfg.Now()
	_ = w.st.OpenWeChatWindow(ctx, id, now, now.Add(wechatWindow), true)
	waiting, _ := w.st.TakeWeChatOutbox(ctx, id)
	lang := ""
	if u, err := w.st.User(ctx, id); err == nil {
		lang = u.Lang
	}
	return w.passive(ctx, id, append(waiting, wechatText[wechatLang(lang)].Unsupported))
}

func (w *WeChat) unfollow(ctx context.Context, openID string) {
	id, err := w.st.ChannelUserID(ctx, store.ChannelWeChat, openID, false)
	if err != nil {
		return // never seen, or erased
	}
	if err := w.st.SetSubscribed(ctx, id, false); err != nil {
		w.log.Error("wechat: unsubscribe on unfollow failed", "err", err)
	}
	_ = w.st.CloseWeChatWindow(ctx, id, w.cfg.Now())
}

// turn runs one dialog turn for the sender of msg and returns the passive
// reply: what waited for this worker, then the answer. A message (fresh)
// opens a new 48-hour window, an event a short one. A typed number (or a
// button's exact label) among the choices on screen presses that button.
// When the turn takes longer than the budget, the passive reply is the
// holding answer and the answer follows through the customer-service API.
func (w *WeChat) turn(ctx context.Context, msg wechatMsg, ev dialog.Event, fresh bool, start time.Time) string {
	id, err := w.st.ChannelUserID(ctx, store.ChannelWeChat, msg.FromUserName, true)
	if err != nil {
		w.log.Error("wechat: user failed", "err", err)
		return dialog.NoticeText("", dialog.NoticeError)
	}
	now := w.cfg.Now()
	until := now.Add(w.cfg.EventWindow)
	if fresh {
		until = now.Add(wechatWindow)
	}
	if err := w.st.OpenWeChatWindow(ctx, id, now, until, fresh); err != nil {
		w.log.Error("wechat: open window failed", "err", err)
	}
	waiting, err := w.st.TakeWeChatOutbox(ctx, id)
	if err != nil {
		w.log.Error("wechat: outbox failed", "err", err)
	}
	ev.UserID, ev.ChatID = id, id
	if ev.Text != "" {
		ev.Text = strings.TrimSpace(strings.ToValidUTF8(ev.Text, "\uFFFD"))
		if len([]rune(ev.Text)) > maxText {
			ev.Text = string([]rune(ev.Text)[:maxText])
		}
		if s, err := w.st.WeChatShown(ctx, id); err == nil && s != "" {
			var shown []dialog.Button
			if json.Unmarshal([]byte(s), &shown) == nil {
				if b, ok := pressed(shown, ev.Text); ok {
					ev = dialog.Event{UserID: id, ChatID: id, Callback: b.Data}
				}
			}
		}
	}
	done := make(chan string, 1)
	bctx := context.WithoutCancel(ctx)
	go func() {
		defer w.turns.guard(w.log, func() { done <- dialog.NoticeText("", dialog.NoticeError) })
		mu := &w.locks[shardOf(id, len(w.locks))]
		mu.Lock()
		defer mu.Unlock()
		var text string
		w.turns.take(bctx, w.log, ev, func(replies []dialog.Reply) {
			var shown []dialog.Button
			text, shown = w.render(nil, replies)
			if err := w.keepShown(bctx, id, shown); err != nil {
				w.log.Error("wechat: keep choices failed", "err", err)
			}
		}, func(n dialog.Notice) {
			lang := ""
			if u, err := w.st.User(bctx, id); err == nil {
				lang = u.Lang
			}
			text = dialog.NoticeText(lang, n)
		})
		done <- text
	}()
	timer := time.NewTimer(w.cfg.Budget - time.Since(start))
	defer timer.Stop()
	select {
	case text := <-done:
		return w.passive(ctx, id, append(waiting, text))
	case <-timer.C:
	}
	// Too slow for a passive reply: hold, and send the answer when it comes.
	lang := ""
	if u, err := w.st.User(ctx, id); err == nil {
		lang = u.Lang
	}
	w.bg.Add(1)
	go func() {
		defer w.bg.Done()
		text := <-done
		if strings.TrimSpace(text) == "" {
			return
		}
		sctx, cancel := context.WithTimeout(bctx, time.Minute)
		defer cancel()
		if err := w.deliver(sctx, id, text); err != nil {
			w.log.Error("wechat: slow answer lost", "err", err)
		}
	}()
	return strings.Join(append(waiting, wechatText[wechatLang(lang)].Holding), "\n\n")
}

// passive joins texts into the passive reply; what does not fit in one
// message follows through the customer-service API.
func (w *WeChat) passive(ctx context.Context, id int64, texts []string) string {
	var keep []string
	for _, t := range texts {
		if strings.TrimSpace(t) != "" {
			keep = append(keep, t)
		}
	}
	parts := SplitText(strings.Join(keep, "\n\n"), wechatMaxUnits)
	if len(parts) == 0 {
		return ""
	}
	if len(parts) > 1 {
		rest := strings.Join(parts[1:], "")
		w.bg.Add(1)
		go func() {
			defer w.bg.Done()
			sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
			defer cancel()
			if err := w.deliver(sctx, id, rest); err != nil {
				w.log.Error("wechat: rest of a long answer lost", "err", err)
			}
		}()
	}
	return parts[0]
}
