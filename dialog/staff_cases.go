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
