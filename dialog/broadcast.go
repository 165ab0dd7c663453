package dialog

// Broadcasts (issue 6): /broadcast compose, preview, send; /broadcasts
// progress and stop. Staff only (the engine routes only staff here).
//
//	/broadcast [lang=zh|en] [city=东莞] [topic=insurance] TEXT
//
// shows the exact message workers will get, the audience size and
// Send / Cancel buttons; /broadcast alone asks for the text. The filters
// also take Chinese keys (语言= 城市= 主题=) and values (中文, 社保 …).

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/gongyou/gongyou/knowledge/places"
	"github.com/gongyou/gongyou/store"
)

const (
	flowBroadcastPrefix = "bc."
	cbBroadcastPrefix   = "bc:"

	flowBCText    = "bc.text"    // waiting for the text of a broadcast
	flowBCConfirm = "bc.confirm" // preview shown, waiting for Send / Cancel
	flowBCStop    = "bc.stop"    // asked whether to stop a broadcast

	// Callback data after the bc: prefix.
	cbBCSend = "send:" // + nonce
	cbBCNo   = "no"
	cbBCList = "list"
	cbBCStop = "stop:" // + id: ask
	cbBCHalt = "halt:" // + id:nonce: stop it

	bcListSize     = 5
	bcLongText     = 500  // longer announcements are harder to read and hit Telegram's limits sooner
	bcMaxUnits     = 4096 // Telegram's message limit, UTF-16 units, header and footer included
	bcSnippetRunes = 24
)

// BroadcastStore is what the broadcast flow needs from persistence.
type BroadcastStore interface {
	CountAudience(ctx context.Context, f store.BroadcastFilter) (int, error)
	CreateBroadcast(ctx context.Context, text string, f store.BroadcastFilter, createdBy int64) (store.Broadcast, error)
	Broadcasts(ctx context.Context, limit int) ([]store.Broadcast, error)
	Broadcast(ctx context.Context, id int64) (store.Broadcast, error)
	CancelBroadcast(ctx context.Context, id int64) (int, error)
}

// broadcastDeps holds the broadcast flow's dependencies (set by options).
type broadcastDeps struct {
	rate float64 // messages per second of the sender, for the time estimate
}

// WithBroadcastRate tells the flow the senders' rate (GONGYOU_BROADCAST_RATE)
// so it can say how long a broadcast will take.
func WithBroadcastRate(perSecond float64) Option {
	return func(e *Engine) { e.bc.rate = perSecond }
}

// broadcastState is the draft between preview and Send.
type broadcastState struct {
	Text   string                `json:"x,omitempty"`
	Filter store.BroadcastFilter `json:"f"`
	Stop   int64                 `json:"s,omitempty"` // broadcast asked to be stopped
}

// BroadcastMessage is the exact text a worker whose language is lang gets
// for a broadcast of text: the sender sends it, the preview shows it.
func BroadcastMessage(lang, text string) string {
	lang = NormLang(lang)
	return T(lang, "bc.msg.head") + "\n\n" + text + "\n\n" + T(lang, "bc.msg.foot")
}

func (t *turn) broadcastCommand(cmd, args string) ([]Reply, bool, error) {
	switch cmd {
	case "broadcast":
		if strings.TrimSpace(args) == "" {
			t.setFlow(flowBCText, "")
			t.state.BC = nil
			t.dirty = true
			return []Reply{{Text: t.T("bc.ask"), Buttons: [][]Button{{t.btn("bc.btn.cancel", cbBroadcastPrefix+cbBCNo)}}}}, true, nil
		}
		r, err := t.bcDraft(args)
		return r, true, err
	case "broadcasts":
		r, err := t.bcList()
		return r, true, err
	}
	return nil, false, nil
}

func (t *turn) broadcastText(text string) ([]Reply, bool, error) {
	switch t.sess.Flow {
	case flowBCText, flowBCConfirm: // a new text replaces the draft
		r, err := t.bcDraft(text)
		return r, true, err
	}
	return nil, false, nil
}

func (t *turn) onBroadcastButton(data string) ([]Reply, error) {
	switch {
	case data == cbBCNo:
		if t.sess.Flow == flowBCText || t.sess.Flow == flowBCConfirm {
			t.reset()
			return []Reply{t.withMenu(t.T("bc.cancelled"))}, nil
		}
	case strings.HasPrefix(data, cbBCSend):
		return t.bcSend(strings.TrimPrefix(data, cbBCSend))
	case data == cbBCList:
		if t.sess.Flow == flowBCStop {
			t.reset()
		}
		return t.bcList()
	case strings.HasPrefix(data, cbBCStop):
		return t.bcAskStop(strings.TrimPrefix(data, cbBCStop))
	case strings.HasPrefix(data, cbBCHalt):
		return t.bcHalt(strings.TrimPrefix(data, cbBCHalt))
	}
	return t.stale()
}

// bcDraft parses filters and text, and shows the preview with the audience.
func (t *turn) bcDraft(input string) ([]Reply, error) {
	f, text, problem := t.parseBroadcast(input)
	retry := [][]Button{{t.btn("bc.btn.cancel", cbBroadcastPrefix+cbBCNo)}}
	if problem != "" {
		t.setFlow(flowBCText, "")
		return []Reply{{Text: problem + "\n\n" + t.T("bc.usage"), Buttons: retry}}, nil
	}
	if n := max(utf16Len(BroadcastMessage(LangZH, text)), utf16Len(BroadcastMessage(LangEN, text))); n > bcMaxUnits {
		t.setFlow(flowBCText, "")
		return []Reply{{Text: Tf(t.lang, "bc.too_long", n-bcMaxUnits), Buttons: retry}}, nil
	}
	n, err := t.e.store.CountAudience(t.ctx, f)
	if err != nil {
		return nil, fmt.Errorf("dialog: broadcast audience: %w", err)
	}
	who := t.bcFilterText(f)
	if n == 0 {
		t.setFlow(flowBCText, "")
		t.state.BC = nil
		t.dirty = true
		return []Reply{{Text: Tf(t.lang, "bc.nobody", who), Buttons: retry}}, nil
	}
	previewLang := LangZH
	if f.Lang == LangEN {
		previewLang = LangEN
	}
	t.setFlow(flowBCConfirm, "")
	t.state.BC = &broadcastState{Text: text, Filter: f}
	t.state.Nonce = t.e.now().UnixMilli()
	t.dirty = true
	head := t.T("bc.preview")
	if f.Lang == "" {
		head += "\n" + t.T("bc.preview_langs")
	}
	confirm := Tf(t.lang, "bc.confirm", n, who)
	if est := t.bcEstimate(n); est != "" {
		confirm += "\n" + est
	}
	if r := utf8.RuneCountInString(text); r > bcLongText {
		confirm += "\n" + Tf(t.lang, "bc.long", r)
	}
	confirm += "\n" + t.T("bc.confirm_tail")
	return []Reply{
		{Text: head},
		{Text: BroadcastMessage(previewLang, text)},
		{Text: confirm, Buttons: [][]Button{{
			t.btn("bc.btn.send", cbBroadcastPrefix+cbBCSend+strconv.FormatInt(t.state.Nonce, 36)),
			t.btn("bc.btn.cancel", cbBroadcastPrefix+cbBCNo),
		}}},
	}, nil
}

// parseBroadcast splits leading key=value filters from the text. problem
// is a message for staff when something is wrong.
func (t *turn) parseBroadcast(input string) (f store.BroadcastFilter, text, problem string) {
	rest := strings.TrimSpace(input)
	for {
		tok, after, _ := strings.Cut(rest, " ")
		if i := strings.IndexAny(tok, "\n\t"); i >= 0 {
			tok, after = tok[:i], tok[i:]+" "+after
		}
		key, val, ok := strings.Cut(strings.ReplaceAll(tok, "＝", "="), "=")
		if !ok || key == "" || !isFilterKey(key) {
			break // the text itself may hold an "=" ("1+1=2")
		}
		switch strings.ToLower(key) {
		case "lang", "语言":
			switch strings.ToLower(val) {
			case "zh", "中文", "cn":
				f.Lang = LangZH
			case "en", "英文", "english":
				f.Lang = LangEN
			default:
				return f, "", Tf(t.lang, "bc.bad_lang", val)
			}
		case "city", "城市":
			c, found := places.FindCity(val)
			if !found {
				return f, "", Tf(t.lang, "bc.bad_city", val)
			}
			f.City = c.ZH
		case "topic", "主题":
			code := topicCode(val)
			if code == "" {
				return f, "", Tf(t.lang, "bc.bad_topic", val)
			}
			f.Topic = code
		default:
			return f, "", Tf(t.lang, "bc.bad_filter", tok)
		}
		rest = strings.TrimLeft(after, " ")
	}
	text = strings.TrimSpace(rest)
	if text == "" {
		return f, "", t.T("bc.empty")
	}
	return f, text, ""
}

// isFilterKey reports whether key looks like a filter: a known Chinese
// key, or ASCII letters (an unknown one is reported, not sent as text).
func isFilterKey(key string) bool {
	switch key {
	case "语言", "城市", "主题":
		return true
	}
	for _, r := range key {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return true
}

// topicCode maps a topic code or its Chinese name to the code ("" if none).
func topicCode(s string) string {
	low := strings.ToLower(strings.TrimSpace(s))
	for _, c := range store.TopicCodes() {
		if low == c || low == T(LangZH, "bc.topic."+c) || low == strings.ToLower(T(LangEN, "bc.topic."+c)) {
			return c
		}
	}
	return ""
}

// bcFilterText says in words who a filter reaches.
func (t *turn) bcFilterText(f store.BroadcastFilter) string {
	lang, city, topic := t.T("bc.all"), t.T("bc.all"), t.T("bc.all")
	if f.Lang != "" {
		lang = t.T("bc.lang." + f.Lang)
	}
	if f.City != "" {
		city = f.City
		if c, ok := places.FindCity(f.City); ok {
			city = c.Name(t.lang)
		}
	}
	if f.Topic != "" {
		topic = t.T("bc.topic." + f.Topic)
	}
	return Tf(t.lang, "bc.filter", lang, city, topic)
}

// bcEstimate says roughly how long n messages take at the sender's rate.
func (t *turn) bcEstimate(n int) string {
	if t.e.bc.rate <= 0 {
		return ""
	}
	secs := float64(n) / t.e.bc.rate
	if secs < 60 {
		return t.T("bc.estimate_fast")
	}
	return Tf(t.lang, "bc.estimate", int(math.Ceil(secs/60)))
}

func (t *turn) bcSend(nonce string) ([]Reply, error) {
	st := t.state.BC
	if t.sess.Flow != flowBCConfirm || st == nil || nonce != strconv.FormatInt(t.state.Nonce, 36) {
		return t.stale()
	}
	b, err := t.e.store.CreateBroadcast(t.ctx, st.Text, st.Filter, t.user.ID)
	if err != nil {
		return nil, fmt.Errorf("dialog: create broadcast: %w", err)
	}
	who := t.bcFilterText(st.Filter)
	if err := t.audit("broadcast.send", strconv.FormatInt(b.ID, 10),
		fmt.Sprintf("%d recipients; %s; %s", b.Audience, who, snippet(st.Text, 60))); err != nil {
		t.e.logger.Warn("dialog: audit broadcast", "broadcast", b.ID, "err", err)
	}
	t.reset()
	if b.Audience == 0 {
		return []Reply{t.withMenu(Tf(t.lang, "bc.nobody", who))}, nil
	}
	text := Tf(t.lang, "bc.queued", b.ID, b.Audience)
	if est := t.bcEstimate(b.Audience); est != "" {
		text += "\n" + est
	}
	return []Reply{{Text: text, Buttons: [][]Button{{t.btn("bc.btn.progress", cbBroadcastPrefix+cbBCList)}, {t.btn("menu.back", cbMenu)}}}}, nil
}

// bcList shows the latest broadcasts with their progress, and a Stop button
// for each one still sending.
func (t *turn) bcList() ([]Reply, error) {
	bs, err := t.e.store.Broadcasts(t.ctx, bcListSize)
	if err != nil {
		return nil, fmt.Errorf("dialog: list broadcasts: %w", err)
	}
	back := []Button{t.btn("menu.back", cbMenu)}
	if len(bs) == 0 {
		return []Reply{{Text: t.T("bc.list_empty"), Buttons: [][]Button{back}}}, nil
	}
	var sb strings.Builder
	sb.WriteString(t.T("bc.list_title"))
	var rows [][]Button
	for _, b := range bs {
		sb.WriteString("\n\n")
		sb.WriteString(t.bcProgress(b))
		if b.Active() && !b.CancelledAt.Valid {
			rows = append(rows, []Button{{Label: Tf(t.lang, "bc.btn.stop", b.ID), Data: cbBroadcastPrefix + cbBCStop + strconv.FormatInt(b.ID, 10)}})
		}
	}
	sb.WriteString("\n\n" + t.T("bc.legend"))
	rows = append(rows, []Button{t.btn("bc.btn.refresh", cbBroadcastPrefix+cbBCList)}, back)
	return []Reply{{Text: sb.String(), Buttons: rows}}, nil
}

func (t *turn) bcProgress(b store.Broadcast) string {
	status := t.T("bc.status.done")
	switch {
	case b.Active():
		status = t.T("bc.status.sending")
		if b.CancelledAt.Valid {
			status = t.T("bc.status.stopping")
		}
	case b.CancelledAt.Valid:
		status = t.T("bc.status.stopped")
	}
	return Tf(t.lang, "bc.item", b.ID, b.CreatedAt.In(beijing).Format("01-02 15:04"), status, snippet(b.Text, bcSnippetRunes),
		t.bcFilterText(b.Filter()), b.Audience) + "\n" +
		Tf(t.lang, "bc.counts", b.Sent, b.Pending+b.Sending, b.Unreachable, b.Unknown, b.Failed, b.Cancelled)
}

func (t *turn) bcAskStop(arg string) ([]Reply, error) {
	id, err := strconv.ParseInt(arg, 10, 64)
	if err != nil || id <= 0 {
		return t.stale()
	}
	b, err := t.e.store.Broadcast(t.ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return t.stale()
	}
	if err != nil {
		return nil, fmt.Errorf("dialog: broadcast %d: %w", id, err)
	}
	if !b.Active() || b.CancelledAt.Valid {
		return []Reply{{Text: Tf(t.lang, "bc.not_active", id), Buttons: [][]Button{{t.btn("bc.btn.progress", cbBroadcastPrefix+cbBCList)}}}}, nil
	}
	t.setFlow(flowBCStop, "")
	t.state.BC = &broadcastState{Stop: id}
	t.state.Nonce = t.e.now().UnixMilli()
	t.dirty = true
	return []Reply{{Text: Tf(t.lang, "bc.stop_confirm", id, b.Pending), Buttons: [][]Button{{
		t.btn("bc.btn.halt", cbBroadcastPrefix+cbBCHalt+arg+":"+strconv.FormatInt(t.state.Nonce, 36)),
		t.btn("bc.btn.keep", cbBroadcastPrefix+cbBCList),
	}}}}, nil
}

func (t *turn) bcHalt(arg string) ([]Reply, error) {
	idText, nonce, _ := strings.Cut(arg, ":")
	id, err := strconv.ParseInt(idText, 10, 64)
	st := t.state.BC
	if err != nil || t.sess.Flow != flowBCStop || st == nil || st.Stop != id || nonce != strconv.FormatInt(t.state.Nonce, 36) {
		return t.stale()
	}
	n, err := t.e.store.CancelBroadcast(t.ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return t.stale()
	}
	if err != nil {
		return nil, fmt.Errorf("dialog: stop broadcast %d: %w", id, err)
	}
	if err := t.audit("broadcast.cancel", idText, fmt.Sprintf("%d not sent", n)); err != nil {
		t.e.logger.Warn("dialog: audit broadcast stop", "broadcast", id, "err", err)
	}
	t.reset()
	return []Reply{{Text: Tf(t.lang, "bc.stopped", id, n), Buttons: [][]Button{{t.btn("bc.btn.progress", cbBroadcastPrefix+cbBCList)}, {t.btn("menu.back", cbMenu)}}}}, nil
}

// snippet is the first n runes of s on one line, with … when cut.
func snippet(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

var broadcastCatalog = map[string]map[string]string{
	LangZH: {
		"bc.msg.head": "📢 政策通知",
		"bc.msg.foot": "—— 工友。不想再收通知，发 /unsubscribe。",

		"bc.ask": "📢 请发来通知的内容。\n" +
			"只发给部分人：在内容前面加条件，例如：\n" +
			"lang=zh city=东莞 topic=insurance 东莞社保补贴开始申请……\n" +
			"发出前我会先给您看预览和人数。",
		"bc.usage": "用法：/broadcast [lang=zh|en] [city=城市] [topic=主题] 通知内容\n" +
			"主题：subsidy 补贴、insurance 社保、scam 防骗、jobs 招聘、training 培训。\n" +
			"不加条件就发给所有订阅的人。",
		"bc.empty":           "通知内容是空的。",
		"bc.bad_lang":        "语言“%s”不对，请用 lang=zh 或 lang=en。",
		"bc.bad_city":        "我不认识城市“%s”。请写城市名，例如 city=东莞。",
		"bc.bad_topic":       "没有主题“%s”。",
		"bc.bad_filter":      "我看不懂条件“%s”。能用的条件：lang=、city=、topic=。",
		"bc.too_long":        "通知太长了，Telegram 发不出去。请删掉大约 %d 个字再发。",
		"bc.nobody":          "没有符合条件的订阅用户（%s），这条通知不会发给任何人。请换个条件，重新发一次。",
		"bc.preview":         "👀 预览：工人会收到下面这条。",
		"bc.preview_langs":   "（选英文的工人看到的开头和结尾是英文。）",
		"bc.confirm":         "👥 会发给 %d 人（%s）。",
		"bc.estimate":        "⏱ 大约 %d 分钟发完。",
		"bc.estimate_fast":   "⏱ 不到 1 分钟就能发完。",
		"bc.long":            "提示：这条有 %d 个字。500 字以内更容易读完。",
		"bc.confirm_tail":    "确定发送吗？发出后不能撤回，只能停止还没发的部分。要改内容，直接发新的内容。",
		"bc.filter":          "语言：%s；城市：%s；主题：%s",
		"bc.all":             "全部",
		"bc.lang.zh":         "中文",
		"bc.lang.en":         "英文",
		"bc.topic.subsidy":   "补贴",
		"bc.topic.insurance": "社保",
		"bc.topic.scam":      "防骗",
		"bc.topic.jobs":      "招聘",
		"bc.topic.training":  "培训",
		"bc.cancelled":       "已取消，没有发送。",
		"bc.queued":          "✅ 通知 #%d 已开始发送，共 %d 人。发 /broadcasts 看进度。",

		"bc.list_empty": "还没有发过通知。发 /broadcast 写一条。",
		"bc.list_title": "📊 最近的通知：",
		"bc.item":       "#%d · %s · %s\n「%s」\n%s · 共 %d 人",
		"bc.counts":     "已送达 %d · 待发 %d · 无法送达 %d · 不确定 %d · 失败 %d · 已停止 %d",
		"bc.legend": "无法送达：对方屏蔽了机器人或已注销，已自动取消订阅。\n" +
			"不确定：发送时程序中断，可能收到也可能没收到，不会重发。",
		"bc.status.sending":  "发送中",
		"bc.status.stopping": "正在停止",
		"bc.status.stopped":  "已停止",
		"bc.status.done":     "已发完",
		"bc.stop_confirm":    "确定停止通知 #%d 吗？还没发的 %d 人不会收到。已经发出的不能撤回。",
		"bc.not_active":      "通知 #%d 已经发完或已停止，不用再停。",
		"bc.stopped":         "⏹ 已停止通知 #%d。%d 人不会收到。",

		"bc.btn.send":     "✅ 发送",
		"bc.btn.cancel":   "❌ 取消",
		"bc.btn.progress": "📊 看进度",
		"bc.btn.refresh":  "🔄 刷新",
		"bc.btn.stop":     "⏹ 停止 #%d",
		"bc.btn.halt":     "⏹ 确定停止",
		"bc.btn.keep":     "继续发送",

		"bc.help": "/broadcast 内容 —— 给订阅的人发政策通知（先预览、看人数，再确认）\n" +
			"只发给部分人：/broadcast lang=zh city=东莞 topic=insurance 内容\n" +
			"主题：subsidy 补贴、insurance 社保、scam 防骗、jobs 招聘、training 培训\n" +
			"/broadcasts —— 看发送进度，停止正在发的通知",
	},
	LangEN: {
		"bc.msg.head": "📢 Policy notice",
		"bc.msg.foot": "— Gongyou. To stop these notices, send /unsubscribe.",

		"bc.ask": "📢 Please send the text of the announcement.\n" +
			"To reach only some subscribers, put conditions first, for example:\n" +
			"lang=zh city=Dongguan topic=insurance Dongguan insurance subsidy applications open…\n" +
			"I will show you a preview and the number of people before anything is sent.",
		"bc.usage": "Usage: /broadcast [lang=zh|en] [city=CITY] [topic=TOPIC] TEXT\n" +
			"Topics: subsidy, insurance, scam, jobs, training.\n" +
			"Without conditions it goes to every subscriber.",
		"bc.empty":           "The announcement text is empty.",
		"bc.bad_lang":        "Language “%s” is not valid. Use lang=zh or lang=en.",
		"bc.bad_city":        "I do not know the city “%s”. Write a city name, for example city=Dongguan.",
		"bc.bad_topic":       "There is no topic “%s”.",
		"bc.bad_filter":      "I do not understand the condition “%s”. You can use lang=, city= and topic=.",
		"bc.too_long":        "The announcement is too long for Telegram. Please remove about %d characters and send it again.",
		"bc.nobody":          "No subscriber matches (%s), so this announcement would reach nobody. Please try other conditions.",
		"bc.preview":         "👀 Preview: workers will get the message below.",
		"bc.preview_langs":   "(Workers who chose Chinese see the first and last lines in Chinese.)",
		"bc.confirm":         "👥 It will go to %d people (%s).",
		"bc.estimate":        "⏱ About %d min to send.",
		"bc.estimate_fast":   "⏱ Under a minute to send.",
		"bc.long":            "Tip: this is %d characters long. Under 500 is easier to read.",
		"bc.confirm_tail":    "Send it? A sent message cannot be taken back; you can only stop the rest. To change the text, just send the new text.",
		"bc.filter":          "language: %s; city: %s; topic: %s",
		"bc.all":             "all",
		"bc.lang.zh":         "Chinese",
		"bc.lang.en":         "English",
		"bc.topic.subsidy":   "Subsidies",
		"bc.topic.insurance": "Insurance",
		"bc.topic.scam":      "Scam alerts",
		"bc.topic.jobs":      "Jobs",
		"bc.topic.training":  "Training",
		"bc.cancelled":       "Cancelled. Nothing was sent.",
		"bc.queued":          "✅ Announcement #%d is being sent. Recipients: %d. Send /broadcasts to see progress.",

		"bc.list_empty": "No announcements yet. Send /broadcast to write one.",
		"bc.list_title": "📊 Latest announcements:",
		"bc.item":       "#%d · %s · %s\n“%s”\n%s · recipients: %d",
		"bc.counts":     "delivered %d · waiting %d · unreachable %d · unknown %d · failed %d · stopped %d",
		"bc.legend": "Unreachable: the person blocked the bot or deleted their account; they were unsubscribed.\n" +
			"Unknown: the sender stopped while sending; it may or may not have arrived, and is not sent again.",
		"bc.status.sending":  "sending",
		"bc.status.stopping": "stopping",
		"bc.status.stopped":  "stopped",
		"bc.status.done":     "done",
		"bc.stop_confirm":    "Stop announcement #%d? Still waiting: %d; they will not get it. What was sent cannot be taken back.",
		"bc.not_active":      "Announcement #%d is already done or stopped.",
		"bc.stopped":         "⏹ Announcement #%d stopped. Not sent: %d.",

		"bc.btn.send":     "✅ Send",
		"bc.btn.cancel":   "❌ Cancel",
		"bc.btn.progress": "📊 Progress",
		"bc.btn.refresh":  "🔄 Refresh",
		"bc.btn.stop":     "⏹ Stop #%d",
		"bc.btn.halt":     "⏹ Yes, stop",
		"bc.btn.keep":     "Keep sending",

		"bc.help": "/broadcast TEXT — send a policy announcement to subscribers (preview and count first, then confirm)\n" +
			"To some only: /broadcast lang=zh city=Dongguan topic=insurance TEXT\n" +
			"Topics: subsidy, insurance, scam, jobs, training\n" +
			"/broadcasts — progress; stop an announcement being sent",
	},
}
