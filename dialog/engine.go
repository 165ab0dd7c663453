package dialog

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode"

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
	img   imageDeps
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

// turn is one Handle call: the event, the user and their session. Flows
// are written as methods on it. What a flow needs from the engine is small
// and lives here and in flow.go: T and btn (texts, buttons), menu and
// withMenu, setFlow and reset (where the user is), state and dirty (the
// session payload), stale and unknownCommand (the standard answers); the
// rest of its methods belong to one flow each.
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

	Screen *screen `json:"k,omitempty"` // the last screen's buttons (screen.go)
	Asked  string  `json:"q,omitempty"` // text kept while asking which intent (screen.go)
}

// Handle runs one turn and returns the replies to send, in order.
func (e *Engine) Handle(ctx context.Context, ev Event) ([]Reply, error) {
	defer e.lockUser(ev.UserID)() // one turn of a user at a time (image.go)
	ev.Text = cleanText(ev.Text)
	ev.Callback = strings.TrimSpace(strings.ToValidUTF8(ev.Callback, ""))
	if ev.ChatID == 0 {
		ev.ChatID = ev.UserID
	}
	// Degrade, don't stop: when the store cannot be read or written (disk
	// full, database down) the turn still runs from memory — the scam check,
	// FAQ answers and /help need no store — as a user at the menu, and the
	// reply says in one line that this step was not remembered. A flow that
	// must write (a sign-up, a setting) still fails with the error notice.
	unsaved := false
	degrade := func(what string, err error) bool {
		if ctx.Err() != nil {
			return false
		}
		e.logger.Warn("dialog: store unavailable, answering from memory", "what", what, "user", ev.UserID, "err", err)
		unsaved = true
		return true
	}
	u, _, err := e.store.EnsureUser(ctx, ev.UserID, ev.ChatID)
	if err != nil {
		if !degrade("user", err) {
			return nil, fmt.Errorf("dialog: user %d: %w", ev.UserID, err)
		}
		u = store.User{ID: ev.UserID, ChatID: ev.ChatID}
	}
	sess, err := e.store.Session(ctx, ev.UserID)
	if err != nil {
		if !degrade("session", err) {
			return nil, fmt.Errorf("dialog: session of %d: %w", ev.UserID, err)
		}
		sess = store.Session{UserID: ev.UserID, Payload: "{}"}
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
		t.rememberScreen(replies)
	}
	if t.dirty && !t.deleted {
		p, err := json.Marshal(t.state)
		if err != nil {
			return nil, fmt.Errorf("dialog: encode session: %w", err)
		}
		t.sess.Payload = string(p)
		if err := e.store.SaveSession(ctx, t.sess); err != nil && !degrade("save session", err) {
			return nil, fmt.Errorf("dialog: save session of %d: %w", ev.UserID, err)
		}
	}
	if unsaved && len(replies) > 0 {
		last := &replies[len(replies)-1]
		last.Text += "\n" + t.T("notice.unsaved")
	}
	return replies, nil
}

// cleanText makes user text safe to process and store: valid UTF-8, no
// NUL or other control characters except line breaks and tabs, trimmed,
// and at most MaxInputBytes.
func cleanText(s string) string {
	s = store.ClipBytes(s, MaxInputBytes, "")
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
	kept := state{Staff: t.state.Staff.kept(), Screen: t.state.Screen}
	if t.state != kept {
		t.state = kept
		t.dirty = true
	}
}

func (t *turn) T(key string) string { return T(t.lang, key) }

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
