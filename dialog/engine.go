package dialog

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gongyou/gongyou/store"
)

// Store is what the engine needs from persistence; *store.Store has it.
type Store interface {
	EnsureUser(ctx context.Context, id, chatID int64) (store.User, bool, error)
	SetLang(ctx context.Context, id int64, lang string) error
	SetSubscribed(ctx context.Context, id int64, on bool) error
	SetConsent(ctx context.Context, id int64) error
	DeleteUser(ctx context.Context, id int64) error
	Session(ctx context.Context, userID int64) (store.Session, error)
	SaveSession(ctx context.Context, s store.Session) error
	ReportsByUser(ctx context.Context, userID int64) ([]store.Report, error)
	AddReport(ctx context.Context, userID int64, text, verdict string) (int64, error)

	// Each feature declares what it needs in its own file.
	JobStore
	TrainingStore
	SettingsStore
	StaffStore
	BroadcastStore
}

// MaxInputBytes caps the text of one event the engine looks at. Telegram
// sends at most 4096 characters; the terminal chat can send anything.
const MaxInputBytes = 64 << 10

// Engine runs conversations. It is safe for concurrent use by different
// users; a channel must hand it one user's events one at a time, in order.
type Engine struct {
	store  Store
	know   knowledgeHandle
	logger *slog.Logger
	now    func() time.Time

	// Per-feature dependencies, each declared in the feature's file.
	jobs  jobsDeps
	faq   faqDeps
	staff staffDeps
	bc    broadcastDeps
}

// Option configures an Engine.
type Option func(*Engine)

// WithLogger sets the engine's logger.
func WithLogger(l *slog.Logger) Option { return func(e *Engine) { e.logger = l } }

// WithClock replaces the wall clock (tests).
func WithClock(now func() time.Time) Option { return func(e *Engine) { e.now = now } }

// New builds an engine on a store.
func New(st Store, opts ...Option) *Engine {
	e := &Engine{store: st, logger: slog.New(slog.DiscardHandler), now: time.Now}
	for _, o := range opts {
		o(e)
	}
	return e
}

// turn is one Handle call: the event, the user and their session.
type turn struct {
	e       *Engine
	ctx     context.Context
	ev      Event
	user    store.User
	lang    string
	sess    store.Session
	state   state
	dirty   bool // session must be saved
	deleted bool // the user erased themselves this turn: save nothing
}

// state is the session payload the flows share. Keep it small: it is
// written on every turn that changes it.
type state struct {
	Nonce int64      `json:"n,omitempty"` // set when a confirmation is asked; its button carries it
	Check *lastCheck `json:"c,omitempty"` // the latest verdict, while the user is in the check flow

	// Per-feature payloads, each declared in the feature's file.
	Jobs  *jobsState      `json:"j,omitempty"`
	Train *trainState     `json:"t,omitempty"`
	FAQ   *faqState       `json:"f,omitempty"`
	Set   *settingsState  `json:"g,omitempty"`
	Staff *staffState     `json:"s,omitempty"`
	BC    *broadcastState `json:"b,omitempty"`
}

// Handle runs one turn and returns the replies to send, in order.
func (e *Engine) Handle(ctx context.Context, ev Event) ([]Reply, error) {
	ev.Text = cleanText(ev.Text)
	ev.Callback = strings.TrimSpace(strings.ToValidUTF8(ev.Callback, ""))
	if ev.ChatID == 0 {
		ev.ChatID = ev.UserID
	}
	u, _, err := e.store.EnsureUser(ctx, ev.UserID, ev.ChatID)
	if err != nil {
		return nil, fmt.Errorf("dialog: user %d: %w", ev.UserID, err)
	}
	sess, err := e.store.Session(ctx, ev.UserID)
	if err != nil {
		return nil, fmt.Errorf("dialog: session of %d: %w", ev.UserID, err)
	}
	t := &turn{e: e, ctx: ctx, ev: ev, user: u, sess: sess}
	t.lang = u.Lang
	if t.lang == "" {
		t.lang = NormLang(ev.Lang)
	}
	if sess.Payload != "" && sess.Payload != "{}" {
		if err := json.Unmarshal([]byte(sess.Payload), &t.state); err != nil {
			// A payload we cannot read (older version, manual edit) must not
			// lock the user out: start from the menu.
			e.logger.Warn("dialog: unreadable session payload, resetting", "user", ev.UserID, "err", err)
			t.reset()
		}
	}
	replies, err := t.route()
	if err != nil {
		return nil, err
	}
	if !t.deleted {
		replies = t.followUps(replies) // staff decisions waiting for this worker (staff.go)
	}
	if t.dirty && !t.deleted {
		p, err := json.Marshal(t.state)
		if err != nil {
			return nil, fmt.Errorf("dialog: encode session: %w", err)
		}
		t.sess.Payload = string(p)
		if err := e.store.SaveSession(ctx, t.sess); err != nil {
			return nil, fmt.Errorf("dialog: save session of %d: %w", ev.UserID, err)
		}
	}
	return replies, nil
}

// cleanText makes user text safe to process and store: valid UTF-8, no
// NUL or other control characters except line breaks and tabs, trimmed,
// and at most MaxInputBytes.
func cleanText(s string) string {
	if len(s) > MaxInputBytes {
		cut := MaxInputBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r == '\r' {
			return '\n'
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// setFlow moves the user to a flow step (or to the menu with "", "").
func (t *turn) setFlow(flow, step string) {
	if t.sess.Flow != flow || t.sess.Step != step {
		t.sess.Flow, t.sess.Step = flow, step
		t.dirty = true
	}
}

// reset puts the user back at the main menu with no pending state (except
// a staff member's unfinished case draft, which /newcase offers to resume).
func (t *turn) reset() {
	t.setFlow("", "")
	kept := state{Staff: t.state.Staff.kept()}
	if t.state != kept {
		t.state = kept
		t.dirty = true
	}
}

func (t *turn) T(key string) string { return T(t.lang, key) }

func (t *turn) route() ([]Reply, error) {
	if t.ev.Callback != "" {
		return t.onButton(t.ev.Callback)
	}
	text := t.ev.Text
	if text == "" {
		return []Reply{t.withMenu(t.T("unknown.empty"))}, nil
	}
	if cmd, args, ok := parseCommand(text); ok {
		return t.onCommand(cmd, args)
	}
	if cmd, ok := keywordCommands[strings.ToLower(text)]; ok {
		return t.onCommand(cmd, "")
	}
	// A flow waiting for typed input (a city, a name, a case story) gets it.
	if r, ok, err := t.flowText(text); ok || err != nil {
		return r, err
	}
	// Free text: "找工作 东莞 电子厂" searches jobs, a pasted offer goes to the
	// scam check, a question goes to the FAQ.
	if r, ok, err := t.jobsFreeText(text); ok || err != nil {
		return r, err
	}
	if r, ok, err := t.faqPlainQuestion(text); ok || err != nil {
		return r, err
	}
	if t.wantsCheck(text) {
		return t.checkText(text)
	}
	if r, ok, err := t.faqFreeText(text); ok || err != nil {
		return r, err
	}
	return []Reply{t.withMenu(t.T("unknown.text"))}, nil
}

// flowText hands typed text to the flow the user is in, if that flow is
// waiting for text. ok is false when no flow wants it.
func (t *turn) flowText(text string) (r []Reply, ok bool, err error) {
	flow := t.sess.Flow
	switch {
	case flow == flowJobs:
		return t.jobsText(text)
	case flow == flowTraining:
		return t.trainingText(text)
	case flow == flowSettings:
		return t.settingsText(text)
	case flow == flowFAQ:
		return t.faqText(text)
	case strings.HasPrefix(flow, flowStaffPrefix):
		if !t.isStaff() {
			t.reset()
			return nil, false, nil
		}
		return t.staffText(text)
	case strings.HasPrefix(flow, flowBroadcastPrefix):
		if !t.isStaff() {
			t.reset()
			return nil, false, nil
		}
		return t.broadcastText(text)
	}
	return nil, false, nil
}

// parseCommand splits "/cmd@bot args" into ("cmd", "args").
func parseCommand(text string) (cmd, args string, ok bool) {
	if !strings.HasPrefix(text, "/") {
		return "", "", false
	}
	head, rest, _ := strings.Cut(text[1:], " ")
	head, _, _ = strings.Cut(head, "@")
	head = strings.ToLower(strings.TrimSpace(head))
	if head == "" {
		return "", "", false
	}
	return head, strings.TrimSpace(rest), true
}

// keywordCommands lets workers type a word instead of a command.
var keywordCommands = map[string]string{
	"菜单": "menu", "主菜单": "menu", "menu": "menu",
	"帮助": "help", "help": "help",
	"开始": "start", "start": "start",
	"找工作": "jobs", "培训": "training", "社保": "insurance",
	"订阅": "subscribe", "取消订阅": "unsubscribe",
	"我的信息": "mydata", "删除": "delete",
	"设置": "settings", "我的报名": "mytraining",
}

func (t *turn) onCommand(cmd, args string) ([]Reply, error) {
	switch cmd {
	case "start":
		return t.start()
	case "menu":
		t.reset()
		return []Reply{t.menu()}, nil
	case "help":
		text := t.T("help.text")
		if t.isStaff() {
			text += "\n\n" + t.T("staff.help")
			if t.isAdmin() {
				text += "\n" + t.T("staff.help.admin")
			}
			text += "\n" + t.T("bc.help")
		}
		return []Reply{{Text: text, Buttons: [][]Button{{t.btn("menu.back", cbMenu)}}}}, nil
	case "jobs":
		return t.jobsCommand(args)
	case "stations":
		return t.stationsCommand(args)
	case "training":
		return t.trainingCommand(args)
	case "mytraining":
		return t.myTraining()
	case "insurance", "rights", "faq":
		return t.faqCommand(args)
	case "settings":
		return t.settingsCommand()
	case "check":
		return t.askOffer()
	case "subscribe":
		return t.subscribe(true)
	case "unsubscribe":
		return t.subscribe(false)
	case "mydata":
		return t.myData()
	case "delete":
		return t.askDelete()
	}
	// Staff commands: a worker gets exactly the unknown-command answer.
	if t.isStaff() {
		if r, ok, err := t.staffCommand(cmd, args); ok || err != nil {
			return r, err
		}
		if r, ok, err := t.broadcastCommand(cmd, args); ok || err != nil {
			return r, err
		}
	}
	return t.unknownCommand()
}

// unknownCommand is the one answer for a command we do not have, and for
// every staff command or button pressed by someone who is not staff.
func (t *turn) unknownCommand() ([]Reply, error) {
	return []Reply{t.withMenu(t.T("unknown.command"))}, nil
}

// Callback data. Short ASCII codes; a confirmation carries the nonce of the
// question it answers so a press on an old copy is recognised as stale.
const (
	cbMenu      = "menu"
	cbHelp      = "help"
	cbLangZH    = "lang:zh"
	cbLangEN    = "lang:en"
	cbAgree     = "start:ok"
	cbSvcPrefix = "svc:"
	cbSubOn     = "sub:on"
	cbSubOff    = "sub:off"
	cbDelAsk    = "del:ask"
	cbDelYes    = "del:yes:" // + nonce
	cbDelNo     = "del:no"
)

func (t *turn) onButton(data string) ([]Reply, error) {
	switch {
	case data == cbMenu:
		t.reset()
		return []Reply{t.menu()}, nil
	case data == cbHelp:
		return t.onCommand("help", "")
	case strings.HasPrefix(data, cbJobsPrefix):
		return t.onJobsButton(strings.TrimPrefix(data, cbJobsPrefix))
	case strings.HasPrefix(data, cbTrainingPrefix):
		return t.onTrainingButton(strings.TrimPrefix(data, cbTrainingPrefix))
	case strings.HasPrefix(data, cbFAQPrefix):
		return t.onFAQButton(strings.TrimPrefix(data, cbFAQPrefix))
	case strings.HasPrefix(data, cbSettingsPrefix):
		return t.onSettingsButton(strings.TrimPrefix(data, cbSettingsPrefix))
	case strings.HasPrefix(data, cbStaffPrefix):
		if !t.isStaff() {
			return t.unknownCommand()
		}
		return t.onStaffButton(strings.TrimPrefix(data, cbStaffPrefix))
	case strings.HasPrefix(data, cbBroadcastPrefix):
		if !t.isStaff() {
			return t.unknownCommand()
		}
		return t.onBroadcastButton(strings.TrimPrefix(data, cbBroadcastPrefix))
	case data == cbLangZH || data == cbLangEN:
		return t.chooseLang(strings.TrimPrefix(data, "lang:"))
	case data == cbAgree:
		return t.agree()
	case strings.HasPrefix(data, cbSvcPrefix):
		return t.service(strings.TrimPrefix(data, cbSvcPrefix))
	case data == cbSubOn:
		return t.subscribe(true)
	case data == cbSubOff:
		return t.subscribe(false)
	case data == cbDelAsk:
		return t.askDelete()
	case strings.HasPrefix(data, cbDelYes):
		return t.confirmDelete(strings.TrimPrefix(data, cbDelYes))
	case strings.HasPrefix(data, "chk:") || strings.HasPrefix(data, "case:"):
		return t.onCheckButton(data)
	case data == cbDelNo:
		if t.sess.Flow == flowDelete {
			t.reset()
			return []Reply{t.withMenu(t.T("delete.kept"))}, nil
		}
	}
	return t.stale()
}

// stale answers a button that no longer means anything: an old message,
// a finished flow, or hand-crafted data.
func (t *turn) stale() ([]Reply, error) {
	return []Reply{t.withMenu(t.T("unknown.stale"))}, nil
}

func (t *turn) btn(key, data string) Button { return Button{Label: t.T(key), Data: data} }

// menu is the main menu with the four services and the account buttons.
func (t *turn) menu() Reply {
	sub := t.btn("menu.subscribe", cbSubOn)
	if t.user.Subscribed {
		sub = t.btn("menu.unsubscribe", cbSubOff)
	}
	lang := Button{Label: T(LangZH, "menu.lang"), Data: cbLangEN}
	if t.lang == LangEN {
		lang = Button{Label: T(LangEN, "menu.lang"), Data: cbLangZH}
	}
	return Reply{Text: t.T("menu.title"), Buttons: [][]Button{
		{t.btn("menu.check", cbSvcPrefix+"check")},
		{t.btn("menu.jobs", cbSvcPrefix+"jobs"), t.btn("menu.training", cbSvcPrefix+"training")},
		{t.btn("menu.insurance", cbSvcPrefix+"insurance"), t.btn("set.btn.menu", cbSvcPrefix+"settings")},
		{sub, lang, t.btn("menu.help", cbHelp)},
	}}
}

// withMenu is a short text followed by the main menu's buttons.
func (t *turn) withMenu(text string) Reply {
	m := t.menu()
	m.Text = text
	return m
}
