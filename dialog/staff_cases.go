package dialog

// Case studies in chat: /cases (search, 5 per page), view, /newcase (guided,
// preview, publish), edit one field, retire and restore, /history.
//
// Languages: staff write each text once, in Chinese; a new case's English
// fields start as the same text, and an editor can later set title_en,
// story_en, flags_en and advice_en from the edit menu. The checker reads the
// Chinese fields; workers who chose English see the English fields.
//
// Two editors: an edit remembers the revision it started from. When the
// stored case moved on meanwhile, nothing is written; the editor sees the
// other version of the field, keeps their own text and chooses to overwrite
// or discard.

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongyou/gongyou/knowledge/norm"
	"github.com/gongyou/gongyou/knowledge/scam"
	"github.com/gongyou/gongyou/store"
)

const (
	flowStaffNew  = "staff.new"
	flowStaffEdit = "staff.edit"

	casesPerPage = 5

	// Limits on what staff type (runes). Telegram shows at most 4096
	// characters in one message; a case must fit with room to spare.
	maxCaseTitle  = 60
	maxCaseStory  = 1500
	maxCaseItem   = 150
	maxCaseItems  = 8
	maxCaseSource = 200
	maxCaseQuery  = 50
)

// caseDraft is a /newcase in progress, kept in the session so it survives
// a restart and can be resumed the next day.
type caseDraft struct {
	Step   string   `json:"s"`
	Type   string   `json:"ty,omitempty"`
	Title  string   `json:"ti,omitempty"`
	Story  string   `json:"st,omitempty"`
	Flags  []string `json:"fl,omitempty"`
	Advice []string `json:"ad,omitempty"`
	Source string   `json:"so,omitempty"`
	Report int64    `json:"r,omitempty"`  // the report it was started from
	Review bool     `json:"rv,omitempty"` // a field changed from the preview: back to the preview after
}

// caseEdit is an edit of one field of a stored case.
type caseEdit struct {
	ID    string `json:"id"`
	Base  int    `json:"b"`            // the revision the editor started from
	Field string `json:"f,omitempty"`  // the field being edited
	Value string `json:"v,omitempty"`  // the editor's text, kept through a conflict
	Their int    `json:"th,omitempty"` // the newer revision found at save time
}

// Draft steps, in order.
var draftSteps = []string{"type", "title", "story", "flags", "advice", "source", "preview"}

// editFields are the fields of a stored case an editor can change.
var editFields = []string{"type", "title_zh", "title_en", "story_zh", "story_en", "flags_zh", "flags_en", "advice_zh", "advice_en", "source"}

var beijing = time.FixedZone("UTC+8", 8*3600)

// --- reading ---

func decodeCase(r store.CaseRecord) (scam.Case, error) {
	var c scam.Case
	if err := json.Unmarshal([]byte(r.Data), &c); err != nil {
		return scam.Case{}, fmt.Errorf("dialog: case %q: %w", r.ID, err)
	}
	c.ID, c.Retired = r.ID, r.Retired
	return c, nil
}

func encodeCase(c scam.Case) (store.CaseRecord, error) {
	data, err := json.Marshal(c)
	if err != nil {
		return store.CaseRecord{}, fmt.Errorf("dialog: encode case %q: %w", c.ID, err)
	}
	return store.CaseRecord{ID: c.ID, Type: c.Type, Data: string(data), Retired: c.Retired}, nil
}

// loadCase reads a case fresh from the store; ok is false when there is none.
func (t *turn) loadCase(id string) (store.CaseRecord, scam.Case, bool, error) {
	if id == "" || len(id) > 64 {
		return store.CaseRecord{}, scam.Case{}, false, nil
	}
	rec, err := t.e.store.Case(t.ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return rec, scam.Case{}, false, nil
	}
	if err != nil {
		return rec, scam.Case{}, false, err
	}
	c, err := decodeCase(rec)
	if err != nil {
		return rec, scam.Case{}, false, err
	}
	return rec, c, true, nil
}

func (t *turn) typeName(code string) string { return t.T("staff.btn.type." + code) }

// --- list and search ---

func (t *turn) casesCommand(args string) ([]Reply, error) {
	t.staffS().Query = norm.Clip(oneLine(args), maxCaseQuery, "")
	return t.caseListPage("0")
}

func (t *turn) caseListPage(arg string) ([]Reply, error) {
	page, err := strconv.Atoi(arg)
	if err != nil || page < 0 {
		return t.stale()
	}
	q := ""
	if t.state.Staff != nil {
		q = t.state.Staff.Query
	}
	recs, err := t.e.store.Cases(t.ctx)
	if err != nil {
		return nil, fmt.Errorf("dialog: cases: %w", err)
	}
	var hits []scam.Case
	needle := strings.ToLower(q)
	for _, r := range recs {
		c, err := decodeCase(r)
		if err != nil {
			t.e.logger.Warn("dialog: unreadable case skipped", "id", r.ID, "err", err)
			continue
		}
		hay := strings.ToLower(strings.Join([]string{c.ID, c.Type, t.typeName(c.Type), c.TitleZH, c.TitleEN, c.StoryZH, c.StoryEN}, "\n"))
		if needle == "" || strings.Contains(hay, needle) {
			hits = append(hits, c)
		}
	}
	pages := (len(hits) + casesPerPage - 1) / casesPerPage
	if pages == 0 {
		pages = 1
	}
	if page >= pages {
		page = pages - 1
	}
	var b strings.Builder
	if q != "" {
		b.WriteString(Tf(t.lang, "staff.cases.title_q", q, len(hits), page+1, pages))
	} else {
		b.WriteString(Tf(t.lang, "staff.cases.title", len(hits), page+1, pages))
	}
	if len(hits) == 0 {
		b.WriteString("\n" + t.T("staff.cases.none"))
	}
	var rows [][]Button
	for i := page * casesPerPage; i < len(hits) && i < (page+1)*casesPerPage; i++ {
		c := hits[i]
		title := c.TitleZH
		if t.lang == LangEN {
			title = c.TitleEN
		}
		mark := ""
		if c.Retired {
			mark = " " + t.T("staff.case.retired_mark")
		}
		fmt.Fprintf(&b, "\n%d. %s%s\n   %s · %s", i+1, title, mark, t.typeName(c.Type), c.ID)
		rows = append(rows, []Button{{Label: fmt.Sprintf("%d. %s", i+1, norm.Clip(title, 18, "")), Data: cbStaffPrefix + "cv:" + c.ID}})
	}
	b.WriteString("\n\n" + t.T("staff.cases.footer"))
	var nav []Button
	if page > 0 {
		nav = append(nav, t.btn("staff.btn.prev", cbStaffPrefix+"cl:"+strconv.Itoa(page-1)))
	}
	if page+1 < pages {
		nav = append(nav, t.btn("staff.btn.next", cbStaffPrefix+"cl:"+strconv.Itoa(page+1)))
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	rows = append(rows, []Button{t.btn("staff.btn.newcase", cbStaffPrefix+"nw"), t.btn("menu.back", cbMenu)})
	return []Reply{{Text: b.String(), Buttons: rows}}, nil
}

// --- view and history ---

func (t *turn) caseCommand(args string) ([]Reply, error) {
	if strings.TrimSpace(args) == "" {
		return []Reply{t.staffHome(t.T("staff.case.usage"))}, nil
	}
	return t.caseViewOr(strings.TrimSpace(args), true)
}

func (t *turn) caseView(id string) ([]Reply, error) { return t.caseViewOr(id, false) }

// caseViewOr shows a case with its staff header; typed says whether the id
// was typed (an unknown id is then answered, not treated as a stale button).
func (t *turn) caseViewOr(id string, typed bool) ([]Reply, error) {
	rec, c, ok, err := t.loadCase(id)
	if err != nil {
		return nil, err
	}
	if !ok {
		if typed {
			return []Reply{t.staffHome(Tf(t.lang, "staff.case.not_found", norm.Clip(id, 40, "")))}, nil
		}
		return t.stale()
	}
	return []Reply{t.caseReply(rec, c)}, nil
}

func (t *turn) caseReply(rec store.CaseRecord, c scam.Case) Reply {
	status := t.T("staff.case.active")
	if rec.Retired {
		status = t.T("staff.case.retired")
	}
	head := Tf(t.lang, "staff.case.head", rec.ID, rec.Revision, t.typeName(rec.Type), status,
		rec.UpdatedBy, rec.UpdatedAt.In(beijing).Format("2006-01-02 15:04"))
	lang := t.lang
	text := head + "\n\n" + caseText(lang, c)
	rev := strconv.Itoa(rec.Revision)
	toggle := t.btn("staff.btn.retire", cbStaffPrefix+"cr:"+rec.ID+":"+rev)
	if rec.Retired {
		toggle = t.btn("staff.btn.restore", cbStaffPrefix+"cu:"+rec.ID+":"+rev)
	}
	return Reply{Text: text, Buttons: [][]Button{
		{t.btn("staff.btn.edit", cbStaffPrefix+"ce:"+rec.ID), toggle},
		{t.btn("staff.btn.history", cbStaffPrefix+"ch:"+rec.ID), t.btn("staff.btn.list", cbStaffPrefix+"cl:0")},
	}}
}

func (t *turn) historyCommand(args string) ([]Reply, error) {
	id := strings.TrimSpace(args)
	if id == "" {
		return []Reply{t.staffHome(t.T("staff.history.usage"))}, nil
	}
	return t.history(id, true)
}

func (t *turn) caseHistoryButton(id string) ([]Reply, error) { return t.history(id, false) }

func (t *turn) history(id string, typed bool) ([]Reply, error) {
	if len(id) > 64 {
		id = id[:64]
	}
	revs, err := t.e.store.CaseHistory(t.ctx, id)
	if err != nil {
		return nil, fmt.Errorf("dialog: history: %w", err)
	}
	if len(revs) == 0 {
		if typed {
			return []Reply{t.staffHome(Tf(t.lang, "staff.case.not_found", norm.Clip(id, 40, "")))}, nil
		}
		return t.stale()
	}
	var b strings.Builder
	b.WriteString(Tf(t.lang, "staff.history.title", id, len(revs)))
	const maxShown = 10
	for i, r := range revs {
		if i == maxShown {
			b.WriteString("\n" + Tf(t.lang, "staff.history.more", len(revs)-maxShown))
			break
		}
		var c scam.Case
		_ = json.Unmarshal([]byte(r.Data), &c) // an unreadable revision still shows who and when
		title := c.TitleZH
		if t.lang == LangEN {
			title = c.TitleEN
		}
		mark := ""
		if r.Retired {
			mark = " " + t.T("staff.case.retired_mark")
		}
		fmt.Fprintf(&b, "\n• r%d · %s · %s%s\n  %s", r.Revision, r.CreatedAt.In(beijing).Format("2006-01-02 15:04"), r.Author, mark, norm.Clip(title, 40, ""))
	}
	return []Reply{{Text: b.String(), Buttons: [][]Button{
		{t.btn("staff.btn.view", cbStaffPrefix+"cv:"+id), t.btn("staff.btn.list", cbStaffPrefix+"cl:0")},
	}}}, nil
}

// --- retire and restore ---

func (t *turn) caseRetire(arg string) ([]Reply, error)  { return t.setRetired(arg, true) }
func (t *turn) caseRestore(arg string) ([]Reply, error) { return t.setRetired(arg, false) }

func (t *turn) setRetired(arg string, retired bool) ([]Reply, error) {
	i := strings.LastIndexByte(arg, ':')
	if i < 0 {
		return t.stale()
	}
	id := arg[:i]
	base, err := strconv.Atoi(arg[i+1:])
	if err != nil {
		return t.stale()
	}
	rec, c, ok, err := t.loadCase(id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return t.stale()
	}
	if rec.Retired == retired || rec.Revision != base {
		// Pressed on an old view: someone (maybe this user) changed it since.
		return []Reply{{Text: t.T("staff.case.moved")}, t.caseReply(rec, c)}, nil
	}
	c.Retired = retired
	nrec, err := encodeCase(c)
	if err != nil {
		return nil, err
	}
	saved, err := t.e.store.PutCase(t.ctx, nrec, base, t.actor())
	if errors.Is(err, store.ErrConflict) {
		rec, c, _, err = t.loadCase(id)
		if err != nil {
			return nil, err
		}
		return []Reply{{Text: t.T("staff.case.moved")}, t.caseReply(rec, c)}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("dialog: retire: %w", err)
	}
	action, key := "case.retire", "staff.case.retired_done"
	if !retired {
		action, key = "case.restore", "staff.case.restored_done"
	}
	if err := t.audit(action, id, fmt.Sprintf("revision %d", saved.Revision)); err != nil {
		return nil, err
	}
	return []Reply{{Text: t.T(key)}, t.caseReply(saved, c)}, nil
}

// --- validation of typed text ---

// cleanField checks one typed value for field ("title", "story", "flags",
// "advice", "source", with or without _zh/_en). It returns the clean text
// (lists one item a line) or a message for the user.
func (t *turn) cleanField(field, text string) (string, string) {
	base, _, _ := strings.Cut(field, "_")
	text = strings.TrimSpace(text)
	if text == "" {
		return "", t.T("staff.field.empty")
	}
	limit := map[string]int{"title": maxCaseTitle, "story": maxCaseStory, "source": maxCaseSource}[base]
	switch base {
	case "title", "source":
		text = oneLine(text)
		fallthrough
	case "story":
		if n := utf8.RuneCountInString(text); n > limit {
			return "", Tf(t.lang, "staff.field.too_long", n, limit)
		}
		return text, ""
	case "flags", "advice":
		items := splitItems(text)
		if len(items) == 0 {
			return "", t.T("staff.field.empty")
		}
		if len(items) > maxCaseItems {
			return "", Tf(t.lang, "staff.field.too_many", len(items), maxCaseItems)
		}
		for _, it := range items {
			if n := utf8.RuneCountInString(it); n > maxCaseItem {
				return "", Tf(t.lang, "staff.field.item_too_long", n, maxCaseItem)
			}
		}
		return strings.Join(items, "\n"), ""
	}
	return "", t.T("staff.field.empty")
}

// splitItems reads one item a line, dropping bullets and blank lines.
func splitItems(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), "•·-*—0123456789.、)） "))
		if l != "" {
			out = append(out, oneLine(l))
		}
	}
	return out
}

// matchType reads a scam type typed as its code or its name.
func matchType(text string) (string, bool) {
	text = strings.TrimSpace(strings.ToLower(text))
	for _, code := range scam.ScamTypes {
		if text == code || text == strings.ToLower(T(LangZH, "staff.btn.type."+code)) || text == strings.ToLower(T(LangEN, "staff.btn.type."+code)) {
			return code, true
		}
	}
	return "", false
}

func (t *turn) typeButtons(prefix string) [][]Button {
	var rows [][]Button
	var row []Button
	for _, code := range scam.ScamTypes {
		row = append(row, Button{Label: t.typeName(code), Data: cbStaffPrefix + prefix + code})
		if len(row) == 2 {
			rows = append(rows, row)
			row = nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return append(rows, []Button{t.btn("staff.btn.cancel", cbStaffPrefix+"x")})
}

// setCaseField applies a clean value to one field of c.
func setCaseField(c *scam.Case, field, value string) {
	list := func() []string { return strings.Split(value, "\n") }
	switch field {
	case "type":
		c.Type = value
	case "title_zh":
		c.TitleZH = value
	case "title_en":
		c.TitleEN = value
	case "story_zh":
		c.StoryZH = value
	case "story_en":
		c.StoryEN = value
	case "flags_zh":
		c.RedFlagsZH = list()
	case "flags_en":
		c.RedFlagsEN = list()
	case "advice_zh":
		c.AdviceZH = list()
	case "advice_en":
		c.AdviceEN = list()
	case "source":
		c.Source = value
	}
}

// caseField reads one field of c as text (lists one item a line).
func caseField(c scam.Case, field string) string {
	switch field {
	case "type":
		return c.Type
	case "title_zh":
		return c.TitleZH
	case "title_en":
		return c.TitleEN
	case "story_zh":
		return c.StoryZH
	case "story_en":
		return c.StoryEN
	case "flags_zh":
		return strings.Join(c.RedFlagsZH, "\n")
	case "flags_en":
		return strings.Join(c.RedFlagsEN, "\n")
	case "advice_zh":
		return strings.Join(c.AdviceZH, "\n")
	case "advice_en":
		return strings.Join(c.AdviceEN, "\n")
	case "source":
		return c.Source
	}
	return ""
}

func isEditField(f string) bool {
	for _, x := range editFields {
		if x == f {
			return true
		}
	}
	return false
}

// --- edit a stored case ---

func (t *turn) caseEditMenu(id string) ([]Reply, error) {
	rec, c, ok, err := t.loadCase(id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return t.stale()
	}
	t.staffS().Edit = &caseEdit{ID: rec.ID, Base: rec.Revision}
	t.setFlow(flowStaffEdit, "field")
	title := c.TitleZH
	if t.lang == LangEN {
		title = c.TitleEN
	}
	var rows [][]Button
	for i := 0; i < len(editFields); i += 2 {
		row := []Button{t.btn("staff.btn.field."+editFields[i], cbStaffPrefix+"cf:"+editFields[i])}
		if i+1 < len(editFields) {
			row = append(row, t.btn("staff.btn.field."+editFields[i+1], cbStaffPrefix+"cf:"+editFields[i+1]))
		}
		rows = append(rows, row)
	}
	rows = append(rows, []Button{t.btn("staff.btn.cancel", cbStaffPrefix+"x")})
	return []Reply{{Text: Tf(t.lang, "staff.edit.which", title, rec.Revision), Buttons: rows}}, nil
}

func (t *turn) caseEditField(field string) ([]Reply, error) {
	s := t.state.Staff
	if s == nil || s.Edit == nil || t.sess.Flow != flowStaffEdit || !isEditField(field) {
		return t.stale()
	}
	_, c, ok, err := t.loadCase(s.Edit.ID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return t.stale()
	}
	s.Edit.Field = field
	t.dirty = true
	if field == "type" {
		t.setFlow(flowStaffEdit, "type")
		return []Reply{{Text: Tf(t.lang, "staff.edit.type", t.typeName(c.Type)), Buttons: t.typeButtons("ct:")}}, nil
	}
	t.setFlow(flowStaffEdit, "value")
	cur := norm.Clip(caseField(c, field), 600, "")
	return []Reply{{Text: Tf(t.lang, "staff.edit.ask", t.T("staff.btn.field."+field), cur) + "\n\n" + t.fieldHint(field),
		Buttons: [][]Button{{t.btn("staff.btn.cancel", cbStaffPrefix+"x")}}}}, nil
}

func (t *turn) fieldHint(field string) string {
	base, _, _ := strings.Cut(field, "_")
	switch base {
	case "flags", "advice":
		return Tf(t.lang, "staff.hint.list", maxCaseItems, maxCaseItem)
	case "title":
		return Tf(t.lang, "staff.hint.len", maxCaseTitle)
	case "story":
		return Tf(t.lang, "staff.hint.len", maxCaseStory)
	}
	return Tf(t.lang, "staff.hint.len", maxCaseSource)
}

func (t *turn) caseEditType(code string) ([]Reply, error) {
	s := t.state.Staff
	if t.sess.Flow == flowStaffNew {
		return t.draftType(code)
	}
	if s == nil || s.Edit == nil || t.sess.Flow != flowStaffEdit || t.sess.Step != "type" || !scam.IsScamType(code) {
		return t.stale()
	}
	return t.saveEdit(code)
}

func (t *turn) caseEditText(text string) ([]Reply, error) {
	s := t.state.Staff
	if s == nil || s.Edit == nil {
		t.reset()
		return t.stale()
	}
	switch t.sess.Step {
	case "type":
		code, ok := matchType(text)
		if !ok {
			return []Reply{{Text: t.T("staff.new.bad_type"), Buttons: t.typeButtons("ct:")}}, nil
		}
		return t.saveEdit(code)
	case "value":
	default: // waiting for a button
		return []Reply{{Text: t.T("staff.edit.press"), Buttons: [][]Button{{t.btn("staff.btn.cancel", cbStaffPrefix+"x")}}}}, nil
	}
	clean, msg := t.cleanField(s.Edit.Field, text)
	if msg != "" {
		return []Reply{{Text: msg, Buttons: [][]Button{{t.btn("staff.btn.cancel", cbStaffPrefix+"x")}}}}, nil
	}
	return t.saveEdit(clean)
}

// saveEdit writes the edited field over the revision the editor started
// from; when someone saved in between, it shows the conflict instead.
func (t *turn) saveEdit(value string) ([]Reply, error) {
	ed := t.state.Staff.Edit
	rec, c, ok, err := t.loadCase(ed.ID)
	if err != nil {
		return nil, err
	}
	if !ok {
		t.reset()
		return t.stale()
	}
	if rec.Revision != ed.Base {
		return t.editConflict(rec, c, value)
	}
	return t.writeEdit(c, ed.Base, ed.Field, value, "")
}

func (t *turn) writeEdit(c scam.Case, base int, field, value, note string) ([]Reply, error) {
	setCaseField(&c, field, value)
	if err := c.Validate(); err != nil {
		return []Reply{{Text: Tf(t.lang, "staff.edit.invalid", err.Error()), Buttons: [][]Button{{t.btn("staff.btn.cancel", cbStaffPrefix+"x")}}}}, nil
	}
	nrec, err := encodeCase(c)
	if err != nil {
		return nil, err
	}
	saved, err := t.e.store.PutCase(t.ctx, nrec, base, t.actor())
	if errors.Is(err, store.ErrConflict) {
		rec, cur, ok, lerr := t.loadCase(c.ID)
		if lerr != nil || !ok {
			return nil, fmt.Errorf("dialog: edit %q: %w", c.ID, errors.Join(err, lerr))
		}
		return t.editConflict(rec, cur, value)
	}
	if err != nil {
		return nil, fmt.Errorf("dialog: edit %q: %w", c.ID, err)
	}
	if err := t.audit("case.edit", c.ID, strings.TrimSpace(fmt.Sprintf("%s revision %d %s", field, saved.Revision, note))); err != nil {
		return nil, err
	}
	t.reset()
	return []Reply{{Text: Tf(t.lang, "staff.edit.saved", t.T("staff.btn.field."+field), saved.Revision)}, t.caseReply(saved, c)}, nil
}

// editConflict keeps the editor's value and shows the other version.
func (t *turn) editConflict(rec store.CaseRecord, c scam.Case, value string) ([]Reply, error) {
	ed := t.state.Staff.Edit
	ed.Value, ed.Their = value, rec.Revision
	t.state.Nonce = t.e.now().UnixMilli()
	t.dirty = true
	t.setFlow(flowStaffEdit, "conflict")
	theirs := caseField(c, ed.Field)
	if ed.Field == "type" {
		theirs, value = t.typeName(theirs), t.typeName(value)
	}
	text := Tf(t.lang, "staff.edit.conflict", rec.UpdatedBy, rec.UpdatedAt.In(beijing).Format("15:04"), rec.Revision,
		t.T("staff.btn.field."+ed.Field), norm.Clip(theirs, 600, ""), norm.Clip(value, 600, ""))
	return []Reply{{Text: text, Buttons: [][]Button{{
		t.btn("staff.btn.overwrite", cbStaffPrefix+"eo:"+strconv.FormatInt(t.state.Nonce, 36)),
		t.btn("staff.btn.discard", cbStaffPrefix+"ed"),
	}}}}, nil
}

func (t *turn) caseEditOverwrite(nonce string) ([]Reply, error) {
	s := t.state.Staff
	if s == nil || s.Edit == nil || t.sess.Flow != flowStaffEdit || t.sess.Step != "conflict" || nonce != strconv.FormatInt(t.state.Nonce, 36) {
		return t.stale()
	}
	ed := s.Edit
	rec, c, ok, err := t.loadCase(ed.ID)
	if err != nil {
		return nil, err
	}
	if !ok {
		t.reset()
		return t.stale()
	}
	if rec.Revision != ed.Their { // changed yet again while this editor was deciding
		return t.editConflict(rec, c, ed.Value)
	}
	return t.writeEdit(c, ed.Their, ed.Field, ed.Value, fmt.Sprintf("(over r%d)", ed.Their))
}

func (t *turn) caseEditDiscard(string) ([]Reply, error) {
	s := t.state.Staff
	if s == nil || s.Edit == nil || t.sess.Flow != flowStaffEdit {
		return t.stale()
	}
	id := s.Edit.ID
	t.reset()
	rec, c, ok, err := t.loadCase(id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return t.stale()
	}
	return []Reply{{Text: t.T("staff.edit.discarded")}, t.caseReply(rec, c)}, nil
}

// --- /newcase ---

func (t *turn) newCaseCommand(string) ([]Reply, error) {
	if s := t.state.Staff; s != nil && s.Draft != nil {
		title := s.Draft.Title
		if title == "" {
			title = t.T("staff.new.untitled")
		}
		return []Reply{{Text: Tf(t.lang, "staff.new.resume", title), Buttons: [][]Button{
			{t.btn("staff.btn.continue", cbStaffPrefix+"nc"), t.btn("staff.btn.restart", cbStaffPrefix+"nn")},
			{t.btn("staff.btn.cancel", cbStaffPrefix+"x")},
		}}}, nil
	}
	return t.startDraft(&caseDraft{Step: "type"}, "")
}

func (t *turn) startDraft(d *caseDraft, intro string) ([]Reply, error) {
	s := t.staffS()
	s.Edit = nil
	s.Draft = d
	return t.draftPrompt(intro)
}

func (t *turn) draftContinue(string) ([]Reply, error) {
	if t.state.Staff == nil || t.state.Staff.Draft == nil {
		return t.stale()
	}
	return t.draftPrompt("")
}

func (t *turn) draftRestart(string) ([]Reply, error) {
	if t.state.Staff == nil || t.state.Staff.Draft == nil {
		return t.stale()
	}
	return t.startDraft(&caseDraft{Step: "type"}, "")
}

// draftPrompt asks for the draft's current step (or shows the preview).
func (t *turn) draftPrompt(intro string) ([]Reply, error) {
	d := t.state.Staff.Draft
	t.setFlow(flowStaffNew, d.Step)
	t.dirty = true
	cancel := []Button{t.btn("staff.btn.cancel", cbStaffPrefix+"x")}
	prefix := ""
	if intro != "" {
		prefix = intro + "\n\n"
	}
	n := stepIndex(d.Step) + 1
	switch d.Step {
	case "type":
		return []Reply{{Text: prefix + Tf(t.lang, "staff.new.ask_type", n), Buttons: t.typeButtons("nt:")}}, nil
	case "title", "story", "flags", "advice", "source":
		text := prefix + Tf(t.lang, "staff.new.ask_"+d.Step, n) + "\n" + t.fieldHint(d.Step)
		if cur := draftField(d, d.Step); cur != "" && d.Review {
			text += "\n\n" + Tf(t.lang, "staff.new.current", norm.Clip(cur, 600, ""))
		}
		return []Reply{{Text: text, Buttons: [][]Button{cancel}}}, nil
	}
	return t.draftPreview(prefix)
}

func stepIndex(step string) int {
	for i, s := range draftSteps {
		if s == step {
			return i
		}
	}
	return 0
}

func draftField(d *caseDraft, field string) string {
	switch field {
	case "title":
		return d.Title
	case "story":
		return d.Story
	case "flags":
		return strings.Join(d.Flags, "\n")
	case "advice":
		return strings.Join(d.Advice, "\n")
	case "source":
		return d.Source
	case "type":
		return d.Type
	}
	return ""
}

// nextStep moves the draft on: to the next empty step, or to the preview
// when the field was changed from the preview.
func nextStep(d *caseDraft) {
	if d.Review {
		d.Step = "preview"
		return
	}
	for _, s := range draftSteps[stepIndex(d.Step)+1:] {
		if s == "preview" || draftField(d, s) == "" {
			d.Step = s
			return
		}
	}
}

func (t *turn) draftType(code string) ([]Reply, error) {
	s := t.state.Staff
	if s == nil || s.Draft == nil || t.sess.Flow != flowStaffNew || t.sess.Step != "type" || !scam.IsScamType(code) {
		return t.stale()
	}
	s.Draft.Type = code
	nextStep(s.Draft)
	return t.draftPrompt("")
}

func (t *turn) draftText(text string) ([]Reply, error) {
	s := t.state.Staff
	if s == nil || s.Draft == nil {
		t.reset()
		return t.stale()
	}
	d := s.Draft
	if t.sess.Step != d.Step { // the session moved on without the draft: trust the draft
		t.setFlow(flowStaffNew, d.Step)
	}
	switch d.Step {
	case "type":
		code, ok := matchType(text)
		if !ok {
			return []Reply{{Text: t.T("staff.new.bad_type"), Buttons: t.typeButtons("nt:")}}, nil
		}
		d.Type = code
	case "title", "story", "flags", "advice", "source":
		clean, msg := t.cleanField(d.Step, text)
		if msg != "" {
			return []Reply{{Text: msg + "\n" + t.fieldHint(d.Step), Buttons: [][]Button{{t.btn("staff.btn.cancel", cbStaffPrefix+"x")}}}}, nil
		}
		switch d.Step {
		case "title":
			d.Title = clean
		case "story":
			d.Story = clean
		case "flags":
			d.Flags = strings.Split(clean, "\n")
		case "advice":
			d.Advice = strings.Split(clean, "\n")
		case "source":
			d.Source = clean
		}
	default: // the preview waits for a button
		return t.draftPreview(t.T("staff.new.press") + "\n\n")
	}
	t.dirty = true
	nextStep(d)
	return t.draftPrompt("")
}

// draftCase is the case a draft would publish (English = Chinese for now).
func (t *turn) draftCase(d *caseDraft) scam.Case {
	return scam.Case{
		Type: d.Type, TitleZH: d.Title, TitleEN: d.Title, StoryZH: d.Story, StoryEN: d.Story,
		RedFlagsZH: d.Flags, RedFlagsEN: d.Flags, AdviceZH: d.Advice, AdviceEN: d.Advice,
		Source: d.Source, Date: t.e.now().In(beijing).Format(time.DateOnly),
	}
}

func (t *turn) draftPreview(prefix string) ([]Reply, error) {
	d := t.state.Staff.Draft
	d.Step, d.Review = "preview", false
	t.setFlow(flowStaffNew, "preview")
	t.state.Nonce = t.e.now().UnixMilli()
	t.dirty = true
	c := t.draftCase(d)
	text := prefix + Tf(t.lang, "staff.new.preview", t.typeName(d.Type)) + "\n\n" + caseText(t.lang, c) + "\n\n" + t.T("staff.new.preview_en")
	return []Reply{{Text: text, Buttons: [][]Button{
		{t.btn("staff.btn.publish", cbStaffPrefix+"np:"+strconv.FormatInt(t.state.Nonce, 36)), t.btn("staff.btn.change", cbStaffPrefix+"ne")},
		{t.btn("staff.btn.cancel", cbStaffPrefix+"x")},
	}}}, nil
}

func (t *turn) draftEditMenu(string) ([]Reply, error) {
	s := t.state.Staff
	if s == nil || s.Draft == nil || t.sess.Flow != flowStaffNew {
		return t.stale()
	}
	fields := draftSteps[:len(draftSteps)-1]
	var rows [][]Button
	for i := 0; i < len(fields); i += 2 {
		rows = append(rows, []Button{
			t.btn("staff.btn.dfield."+fields[i], cbStaffPrefix+"nf:"+fields[i]),
			t.btn("staff.btn.dfield."+fields[i+1], cbStaffPrefix+"nf:"+fields[i+1]),
		})
	}
	rows = append(rows, []Button{t.btn("staff.btn.back_preview", cbStaffPrefix+"nf:preview")})
	return []Reply{{Text: t.T("staff.new.which"), Buttons: rows}}, nil
}

func (t *turn) draftEditField(field string) ([]Reply, error) {
	s := t.state.Staff
	if s == nil || s.Draft == nil || t.sess.Flow != flowStaffNew {
		return t.stale()
	}
	if field == "preview" {
		return t.draftPreview("")
	}
	if stepIndex(field) == 0 && field != "type" {
		return t.stale()
	}
	s.Draft.Step, s.Draft.Review = field, true
	return t.draftPrompt("")
}

func (t *turn) draftPublish(nonce string) ([]Reply, error) {
	s := t.state.Staff
	if s == nil || s.Draft == nil || t.sess.Flow != flowStaffNew || t.sess.Step != "preview" || nonce != strconv.FormatInt(t.state.Nonce, 36) {
		return t.stale()
	}
	c := t.draftCase(s.Draft)
	var saved store.CaseRecord
	for attempt := 0; ; attempt++ {
		c.ID = newCaseID(c.Type, t.e.now(), attempt)
		if err := c.Validate(); err != nil {
			return t.draftPreview(Tf(t.lang, "staff.edit.invalid", err.Error()) + "\n\n")
		}
		rec, err := encodeCase(c)
		if err != nil {
			return nil, err
		}
		saved, err = t.e.store.PutCase(t.ctx, rec, 0, t.actor())
		if errors.Is(err, store.ErrConflict) && attempt < 3 { // the id is taken: draw another
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("dialog: publish case: %w", err)
		}
		break
	}
	detail := c.TitleZH
	if s.Draft.Report != 0 {
		detail += fmt.Sprintf(" (from report #%d)", s.Draft.Report)
	}
	if err := t.audit("case.publish", c.ID, detail); err != nil {
		return nil, err
	}
	t.state.Staff = nil
	t.reset()
	return []Reply{{Text: Tf(t.lang, "staff.new.published", c.ID)}, t.caseReply(saved, c)}, nil
}

// newCaseID is the type, the day and a tail from the clock: readable, and
// unique enough that a clash (retried with the next tail) is rare.
func newCaseID(typ string, now time.Time, attempt int) string {
	tail := now.UnixMilli()%(36*36*36*36) + int64(attempt)
	return fmt.Sprintf("%s-%s-%s", strings.ReplaceAll(typ, "_", "-"), now.In(beijing).Format("060102"), strconv.FormatInt(tail, 36))
}
