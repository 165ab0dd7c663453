package dialog

// /newcase in chat: a guided draft of a new case study (steps from the
// field table in staff_case_fields.go), kept in the session so it survives a
// restart and can be resumed; preview and publish.

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gongyou/gongyou/knowledge/norm"
	"github.com/gongyou/gongyou/knowledge/scam"
	"github.com/gongyou/gongyou/store"
)

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
		setDraftField(d, d.Step, clean)
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
