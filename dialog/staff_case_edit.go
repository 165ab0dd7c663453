package dialog

// Editing one field of a stored case study, with the two-editor conflict
// check (see staff_cases.go).

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gongyou/gongyou/knowledge/norm"
	"github.com/gongyou/gongyou/knowledge/scam"
	"github.com/gongyou/gongyou/store"
)

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
