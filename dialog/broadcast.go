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

	"github.com/gongyou/gongyou/knowledge/norm"
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

// The broadcast flow, part of the staff group (staffOnly): /broadcast,
// /broadcasts, the "bc:" buttons, the typed announcement.
var _ = register(&flow{
	name:      flowBroadcastPrefix,
	staffOnly: true,
	commands: map[string]command{
		"broadcast":  {run: (*turn).broadcastCommand},
		"broadcasts": noArgs((*turn).bcList),
	},
	buttons: []string{cbBroadcastPrefix},
	onButton: func(t *turn, data string) ([]Reply, error) {
		return t.onBroadcastButton(strings.TrimPrefix(data, cbBroadcastPrefix))
	},
	onText:  func(t *turn, a *analysis) ([]Reply, bool, error) { return t.broadcastText(a.text) },
	catalog: broadcastCatalog,
})

// BroadcastStore is what the broadcast flow needs from persistence.
type BroadcastStore interface {
	CountAudience(ctx context.Context, f store.BroadcastFilter) (int, error)
	CreateBroadcast(ctx context.Context, text string, f store.BroadcastFilter, createdBy int64) (store.Broadcast, error)
	Broadcasts(ctx context.Context, limit int) ([]store.Broadcast, error)
	Broadcast(ctx context.Context, id int64) (store.Broadcast, error)
	CancelBroadcast(ctx context.Context, id int64) (int, error)
	// WeChatAnnouncementCounts splits a broadcast's WeChat deliveries:
	// sent inside the worker's 48-hour window, and waiting for their next
	// message (WeChat allows no other way to reach them).
	WeChatAnnouncementCounts(ctx context.Context, broadcastID int64) (sent, waiting int, err error)
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

// broadcastCommand is /broadcast [filters] [TEXT].
func (t *turn) broadcastCommand(args string) ([]Reply, error) {
	if strings.TrimSpace(args) == "" {
		t.setFlow(flowBCText, "")
		t.state.BC = nil
		t.dirty = true
		return []Reply{{Text: t.T("bc.ask"), Buttons: [][]Button{{t.btn("bc.btn.cancel", cbBroadcastPrefix+cbBCNo)}}}}, nil
	}
	return t.bcDraft(args)
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
		fmt.Sprintf("%d recipients; %s; %s", b.Audience, who, norm.Clip(oneLine(st.Text), 60, "…"))); err != nil {
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
	out := Tf(t.lang, "bc.item", b.ID, b.CreatedAt.In(beijing).Format("01-02 15:04"), status, norm.Clip(oneLine(b.Text), bcSnippetRunes, "…"),
		t.bcFilterText(b.Filter()), b.Audience) + "\n" +
		Tf(t.lang, "bc.counts", b.Sent, b.Pending+b.Sending, b.Unreachable, b.Unknown, b.Failed, b.Cancelled)
	if sent, waiting, err := t.e.store.WeChatAnnouncementCounts(t.ctx, b.ID); err == nil && sent+waiting > 0 {
		out += "\n" + Tf(t.lang, "bc.wechat_counts", sent, waiting)
	} else if err != nil {
		t.e.logger.Warn("wechat broadcast counts", "broadcast", b.ID, "err", err)
	}
	return out
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

func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }
