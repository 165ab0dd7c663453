package dialog

// Staff (issue 5): roles, case editing, report queue, stats, audit. Owned by
// the staff feature. Every staff command and button is reachable only when
// isStaff is true; the engine answers everyone else as for an unknown
// command, and so does this file for an editor who tries an admin command.
//
// Roles: admins come from GONGYOU_STAFF (WithStaff) or a stored "admin"
// role; admins grant and revoke the editor role in chat (/grant, /revoke,
// /staff). Editors (and admins) work on cases, reports and stats.
//
// Texts staff type are shown to workers as plain text: the Telegram channel
// sends every message without a parse mode (bot/render.go), so Markdown or
// HTML in a case story is shown literally, never interpreted.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gongyou/gongyou/store"
)

const (
	flowStaffPrefix = "staff."
	cbStaffPrefix   = "stf:"
)

// StaffStore is what staff features need from persistence.
type StaffStore interface {
	User(ctx context.Context, id int64) (store.User, error)

	StaffRoleOf(ctx context.Context, userID int64) (string, error)
	GrantRole(ctx context.Context, userID int64, role string, by int64) error
	RevokeRole(ctx context.Context, userID, by int64) error
	StaffRoles(ctx context.Context) ([]store.StaffRole, error)
	Audit(ctx context.Context, actor, action, target, detail string) error

	Cases(ctx context.Context) ([]store.CaseRecord, error)
	Case(ctx context.Context, id string) (store.CaseRecord, error)
	PutCase(ctx context.Context, c store.CaseRecord, baseRevision int, author string) (store.CaseRecord, error)
	CaseHistory(ctx context.Context, id string) ([]store.CaseRevision, error)

	FileReport(ctx context.Context, r store.NewReport) (int64, error)
	PendingReports(ctx context.Context, offset, limit int) ([]store.QueuedReport, int, error)
	QueuedReportByID(ctx context.Context, id int64) (store.QueuedReport, error)
	DecideReport(ctx context.Context, id int64, status string, by int64, detail string) (store.Report, error)
	AddNotification(ctx context.Context, userID int64, text string) error
	TakeNotifications(ctx context.Context, userID int64) ([]string, error)

	RecordCheck(ctx context.Context, at time.Time, level string, signals []string) error
	Stats(ctx context.Context, days, topN int) (store.Stats, error)
}

// Notifier sends a message to a chat outside the current turn (the engine
// otherwise only answers the user who wrote). The Telegram channel has one;
// without it follow-ups wait in the store for the worker's next message.
type Notifier interface {
	Notify(ctx context.Context, chatID int64, r Reply) error
}

// staffDeps holds the staff features' dependencies (set by options).
type staffDeps struct {
	admins   map[int64]bool // GONGYOU_STAFF: admins from configuration
	notifier Notifier
}

// WithStaff names the users who are admins by configuration (GONGYOU_STAFF).
func WithStaff(admins ...int64) Option {
	return func(e *Engine) {
		e.staff.admins = make(map[int64]bool, len(admins))
		for _, id := range admins {
			e.staff.admins[id] = true
		}
	}
}

// WithNotifier lets staff decisions reach workers at once (Telegram).
func WithNotifier(n Notifier) Option { return func(e *Engine) { e.staff.notifier = n } }

// staffState is a staff flow's session payload.
type staffState struct {
	Query string     `json:"q,omitempty"` // the /cases search being paged
	Draft *caseDraft `json:"d,omitempty"` // /newcase in progress
	Edit  *caseEdit  `json:"e,omitempty"` // an edit of a stored case in progress
}

// kept is what survives a reset: only an unfinished case draft, so a
// staff member who leaves /newcase (menu, another command, a day away) can
// resume it. Cancel and publish drop it.
func (s *staffState) kept() *staffState {
	if s == nil || s.Draft == nil {
		return nil
	}
	if s.Query == "" && s.Edit == nil && !s.Draft.Review {
		return s
	}
	d := *s.Draft
	d.Review = false
	return &staffState{Draft: &d}
}

// staffRole is "admin", "editor" or "" for the user of this turn. A store
// error denies (and is logged): staff features fail closed.
func (t *turn) staffRole() string {
	if t.e.staff.admins[t.user.ID] {
		return store.RoleAdmin
	}
	role, err := t.e.store.StaffRoleOf(t.ctx, t.user.ID)
	if err != nil {
		t.e.logger.Error("dialog: staff role lookup failed; treating as worker", "user", t.user.ID, "err", err)
		return ""
	}
	return role
}

// isStaff reports whether the user of this turn has a staff role.
func (t *turn) isStaff() bool { return t.staffRole() != "" }

func (t *turn) isAdmin() bool { return t.staffRole() == store.RoleAdmin }

// actor names the user of this turn in the audit log and case revisions.
func (t *turn) actor() string { return "tg:" + strconv.FormatInt(t.user.ID, 10) }

// The staff group: every staff feature is a flow with staffOnly set, so the
// registry lets only staff reach its commands, buttons and typed text (and
// answers everyone else as for an unknown command). This flow holds the
// roles, case studies, reports and stats; broadcasts (broadcast.go) are the
// group's other member.
var _ = register(&flow{
	name:      flowStaffPrefix,
	staffOnly: true,
	commands:  staffCommands,
	buttons:   []string{cbStaffPrefix},
	onButton: func(t *turn, data string) ([]Reply, error) {
		return t.onStaffButton(strings.TrimPrefix(data, cbStaffPrefix))
	},
	onText:  func(t *turn, a *analysis) ([]Reply, bool, error) { return t.staffText(a.text) },
	catalog: staffCatalog,
})

// staffCommands lists every staff command (the security test walks it);
// admin ones are refused to editors with the unknown-command answer.
var staffCommands = map[string]command{
	"cases":   {run: (*turn).casesCommand},
	"case":    {run: (*turn).caseCommand},
	"newcase": {run: (*turn).newCaseCommand},
	"history": {run: (*turn).historyCommand},
	"reports": {run: (*turn).reportsCommand},
	"stats":   {run: (*turn).statsCommand},
	"grant":   {admin: true, run: (*turn).grantCommand},
	"revoke":  {admin: true, run: (*turn).revokeCommand},
	"staff":   {admin: true, run: (*turn).staffListCommand},
}

// staffButton is one kind of staff button, by the code before the first
// ":" of its data (after "stf:").
type staffButton struct {
	admin bool
	run   func(t *turn, arg string) ([]Reply, error)
}

// staffButtons lists every staff button code (the security test walks it).
var staffButtons = map[string]staffButton{
	"x":   {run: (*turn).staffCancel},       // cancel the flow
	"cl":  {run: (*turn).caseListPage},      // cl:<page>
	"cv":  {run: (*turn).caseView},          // cv:<id>
	"ce":  {run: (*turn).caseEditMenu},      // ce:<id>
	"cf":  {run: (*turn).caseEditField},     // cf:<field>
	"ct":  {run: (*turn).caseEditType},      // ct:<type>
	"cr":  {run: (*turn).caseRetire},        // cr:<id>:<rev>
	"cu":  {run: (*turn).caseRestore},       // cu:<id>:<rev>
	"ch":  {run: (*turn).caseHistoryButton}, // ch:<id>
	"eo":  {run: (*turn).caseEditOverwrite}, // eo:<nonce>
	"ed":  {run: (*turn).caseEditDiscard},   // ed
	"nw":  {run: (*turn).newCaseCommand},    // nw: start /newcase
	"nt":  {run: (*turn).draftType},         // nt:<type>
	"nc":  {run: (*turn).draftContinue},     // nc
	"nn":  {run: (*turn).draftRestart},      // nn
	"np":  {run: (*turn).draftPublish},      // np:<nonce>
	"ne":  {run: (*turn).draftEditMenu},     // ne
	"nf":  {run: (*turn).draftEditField},    // nf:<field>
	"rp":  {run: (*turn).reportAt},          // rp:<offset>
	"rd":  {run: (*turn).reportDecide},      // rd:<id>:<s|n|d>
	"rs":  {run: (*turn).reportToCase},      // rs:<id>
	"stl": {admin: true, run: func(t *turn, _ string) ([]Reply, error) { return t.staffListCommand("") }},
}

func (t *turn) onStaffButton(data string) ([]Reply, error) {
	code, arg, _ := strings.Cut(data, ":")
	b, ok := staffButtons[code]
	if !ok {
		return t.stale()
	}
	if b.admin && !t.isAdmin() {
		return t.unknownCommand()
	}
	return b.run(t, arg)
}

// staffText takes typed text for the staff flow the user is in.
func (t *turn) staffText(text string) ([]Reply, bool, error) {
	switch t.sess.Flow {
	case flowStaffNew:
		r, err := t.draftText(text)
		return r, true, err
	case flowStaffEdit:
		r, err := t.caseEditText(text)
		return r, true, err
	}
	return nil, false, nil
}

// staffCancel leaves any staff flow; a draft or an edit is dropped.
func (t *turn) staffCancel(string) ([]Reply, error) {
	if t.state.Staff == nil && !strings.HasPrefix(t.sess.Flow, flowStaffPrefix) {
		return t.stale()
	}
	t.state.Staff = nil // drops a draft too
	t.reset()
	return []Reply{t.staffHome(t.T("staff.cancelled"))}, nil
}

// staffHome is a short text with the staff shortcuts.
func (t *turn) staffHome(text string) Reply {
	return Reply{Text: text, Buttons: [][]Button{
		{t.btn("staff.btn.cases", cbStaffPrefix+"cl:0"), t.btn("staff.btn.reports", cbStaffPrefix+"rp:0")},
		{t.btn("menu.back", cbMenu)},
	}}
}

// staffS returns the staff payload, creating it.
func (t *turn) staffS() *staffState {
	if t.state.Staff == nil {
		t.state.Staff = &staffState{}
	}
	t.dirty = true
	return t.state.Staff
}

// audit records a staff action (who is the turn's user): action is a short
// code like "case.publish", target the thing acted on, detail a summary.
func (t *turn) audit(action, target, detail string) error {
	if err := t.e.store.Audit(t.ctx, t.actor(), action, target, detail); err != nil {
		return fmt.Errorf("dialog: audit %s: %w", action, err)
	}
	return nil
}

// --- roles ---

func (t *turn) grantCommand(args string) ([]Reply, error) {
	id, ok := parseUserID(args)
	if !ok {
		return []Reply{t.staffHome(t.T("staff.grant.usage"))}, nil
	}
	if t.e.staff.admins[id] {
		return []Reply{t.staffHome(Tf(t.lang, "staff.grant.is_admin", id))}, nil
	}
	if err := t.e.store.GrantRole(t.ctx, id, store.RoleEditor, t.user.ID); err != nil { // audited in the store
		return nil, fmt.Errorf("dialog: grant: %w", err)
	}
	return []Reply{t.staffHome(Tf(t.lang, "staff.grant.done", id))}, nil
}

func (t *turn) revokeCommand(args string) ([]Reply, error) {
	id, ok := parseUserID(args)
	if !ok {
		return []Reply{t.staffHome(t.T("staff.revoke.usage"))}, nil
	}
	if t.e.staff.admins[id] {
		return []Reply{t.staffHome(Tf(t.lang, "staff.revoke.config", id))}, nil
	}
	err := t.e.store.RevokeRole(t.ctx, id, t.user.ID) // audited in the store
	if errors.Is(err, store.ErrNotFound) {
		return []Reply{t.staffHome(Tf(t.lang, "staff.revoke.none", id))}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("dialog: revoke: %w", err)
	}
	return []Reply{t.staffHome(Tf(t.lang, "staff.revoke.done", id))}, nil
}

func (t *turn) staffListCommand(string) ([]Reply, error) {
	roles, err := t.e.store.StaffRoles(t.ctx)
	if err != nil {
		return nil, fmt.Errorf("dialog: staff list: %w", err)
	}
	var b strings.Builder
	b.WriteString(t.T("staff.list.title"))
	ids := make([]int64, 0, len(t.e.staff.admins))
	for id := range t.e.staff.admins {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		b.WriteString("\n• " + Tf(t.lang, "staff.list.config", id))
	}
	for _, r := range roles {
		if t.e.staff.admins[r.UserID] {
			continue
		}
		b.WriteString("\n• " + Tf(t.lang, "staff.list.role", r.UserID, t.T("staff.role."+r.Role), r.GrantedBy, r.GrantedAt.UTC().Format("2006-01-02")))
	}
	b.WriteString("\n\n" + t.T("staff.list.footer"))
	return []Reply{t.staffHome(b.String())}, nil
}

func parseUserID(s string) (int64, bool) {
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return id, err == nil && id > 0
}

// --- follow-ups to workers ---

// followUps puts the follow-ups waiting for this user before the turn's
// replies. A failure to read them never costs the user their answer.
func (t *turn) followUps(replies []Reply) []Reply {
	if t.user.Notices == 0 {
		return replies // nothing waits: no extra read on a turn
	}
	texts, err := t.e.store.TakeNotifications(t.ctx, t.user.ID)
	if err != nil {
		t.e.logger.Warn("dialog: follow-ups not shown", "user", t.user.ID, "err", err)
		return replies
	}
	if len(texts) == 0 {
		return replies
	}
	out := make([]Reply, 0, len(texts)+len(replies))
	for _, s := range texts {
		out = append(out, Reply{Text: s})
	}
	return append(out, replies...)
}

// notifyWorker tells the worker who filed r what staff decided, if they
// asked to be told and still exist: at once through the notifier, or on
// their next message.
func (t *turn) notifyWorker(r store.Report) error {
	if !r.Notify || !r.UserID.Valid {
		return nil // not asked, or the worker erased their data (/delete)
	}
	u, err := t.e.store.User(t.ctx, r.UserID.Int64)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("dialog: follow-up: %w", err)
	}
	lang := u.Lang
	if lang == "" {
		lang = LangZH
	}
	text := Tf(lang, "staff.followup."+r.Status, r.CreatedAt.UTC().Format("01-02"))
	if n := t.e.staff.notifier; n != nil {
		err := n.Notify(t.ctx, u.ChatID, Reply{Text: text})
		if err == nil {
			return nil
		}
		t.e.logger.Warn("dialog: follow-up not sent; kept for the worker's next message", "report", r.ID, "err", err)
	}
	return t.e.store.AddNotification(t.ctx, u.ID, text)
}
