package dialog

// The fields of a case study, as staff type them. One table (caseFields)
// drives both the guided /newcase (its steps, in order, Chinese only) and
// the edit menu of a stored case (each field, in Chinese and English where
// it has both): adding a field is one row here plus its catalogue texts.

import (
	"strings"
	"unicode/utf8"

	"github.com/gongyou/gongyou/knowledge/scam"
)

// caseFieldSpec is one field of a case study.
type caseFieldSpec struct {
	name    string // draft step, base of the edit field names, catalogue key part
	bothLan bool   // has a Chinese and an English text: edit fields name_zh and name_en
	list    bool   // one item a line; limit is per item
	oneLine bool   // line breaks are folded
	limit   int    // runes; 0 for the type (chosen from buttons)
	// inCase points at the field in c (en: the English text); *string or *[]string.
	inCase func(c *scam.Case, en bool) any
	// inDraft points at the field in a /newcase draft; *string or *[]string.
	inDraft func(d *caseDraft) any
}

// caseFields, in the order of the /newcase steps and the edit menu.
var caseFields = []caseFieldSpec{
	{name: "type",
		inCase:  func(c *scam.Case, _ bool) any { return &c.Type },
		inDraft: func(d *caseDraft) any { return &d.Type }},
	{name: "title", bothLan: true, oneLine: true, limit: maxCaseTitle,
		inCase:  func(c *scam.Case, en bool) any { return pick(en, &c.TitleEN, &c.TitleZH) },
		inDraft: func(d *caseDraft) any { return &d.Title }},
	{name: "story", bothLan: true, limit: maxCaseStory,
		inCase:  func(c *scam.Case, en bool) any { return pick(en, &c.StoryEN, &c.StoryZH) },
		inDraft: func(d *caseDraft) any { return &d.Story }},
	{name: "flags", bothLan: true, list: true, limit: maxCaseItem,
		inCase:  func(c *scam.Case, en bool) any { return pick(en, &c.RedFlagsEN, &c.RedFlagsZH) },
		inDraft: func(d *caseDraft) any { return &d.Flags }},
	{name: "advice", bothLan: true, list: true, limit: maxCaseItem,
		inCase:  func(c *scam.Case, en bool) any { return pick(en, &c.AdviceEN, &c.AdviceZH) },
		inDraft: func(d *caseDraft) any { return &d.Advice }},
	{name: "source", oneLine: true, limit: maxCaseSource,
		inCase:  func(c *scam.Case, _ bool) any { return &c.Source },
		inDraft: func(d *caseDraft) any { return &d.Source }},
}

func pick[T any](en bool, enVal, zhVal T) T {
	if en {
		return enVal
	}
	return zhVal
}

// Draft steps, in order: every field, then the preview.
var draftSteps = func() []string {
	var steps []string
	for _, f := range caseFields {
		steps = append(steps, f.name)
	}
	return append(steps, "preview")
}()

// editFields are the fields of a stored case an editor can change.
var editFields = func() []string {
	var out []string
	for _, f := range caseFields {
		if f.bothLan {
			out = append(out, f.name+"_zh", f.name+"_en")
		} else {
			out = append(out, f.name)
		}
	}
	return out
}()

// fieldSpec finds the field of an edit field name ("title_en") or draft
// step ("title"); en tells which language an edit field names.
func fieldSpec(field string) (spec caseFieldSpec, en, ok bool) {
	base, lang, _ := strings.Cut(field, "_")
	for _, f := range caseFields {
		if f.name == base {
			return f, lang == "en", true
		}
	}
	return caseFieldSpec{}, false, false
}

func isEditField(f string) bool {
	for _, x := range editFields {
		if x == f {
			return true
		}
	}
	return false
}

// getText reads a field as text (lists one item a line).
func getText(p any) string {
	switch v := p.(type) {
	case *string:
		return *v
	case *[]string:
		return strings.Join(*v, "\n")
	}
	return ""
}

// setText stores a clean value (lists one item a line) in a field.
func setText(p any, value string) {
	switch v := p.(type) {
	case *string:
		*v = value
	case *[]string:
		*v = strings.Split(value, "\n")
	}
}

// setCaseField applies a clean value to one field of c.
func setCaseField(c *scam.Case, field, value string) {
	if f, en, ok := fieldSpec(field); ok && isEditField(field) {
		setText(f.inCase(c, en), value)
	}
}

// caseField reads one field of c as text (lists one item a line).
func caseField(c scam.Case, field string) string {
	if f, en, ok := fieldSpec(field); ok && isEditField(field) {
		return getText(f.inCase(&c, en))
	}
	return ""
}

// draftField reads one step's field of a draft as text.
func draftField(d *caseDraft, step string) string {
	if f, _, ok := fieldSpec(step); ok && f.name == step {
		return getText(f.inDraft(d))
	}
	return ""
}

// setDraftField stores a clean value in one step's field of a draft.
func setDraftField(d *caseDraft, step, value string) {
	if f, _, ok := fieldSpec(step); ok && f.name == step {
		setText(f.inDraft(d), value)
	}
}

// cleanField checks one typed value for field ("title", "story", "flags",
// "advice", "source", with or without _zh/_en). It returns the clean text
// (lists one item a line) or a message for the user.
func (t *turn) cleanField(field, text string) (string, string) {
	f, _, ok := fieldSpec(field)
	text = strings.TrimSpace(text)
	if text == "" || !ok || f.limit == 0 {
		return "", t.T("staff.field.empty")
	}
	if !f.list {
		if f.oneLine {
			text = oneLine(text)
		}
		if n := utf8.RuneCountInString(text); n > f.limit {
			return "", Tf(t.lang, "staff.field.too_long", n, f.limit)
		}
		return text, ""
	}
	items := splitItems(text)
	if len(items) == 0 {
		return "", t.T("staff.field.empty")
	}
	if len(items) > maxCaseItems {
		return "", Tf(t.lang, "staff.field.too_many", len(items), maxCaseItems)
	}
	for _, it := range items {
		if n := utf8.RuneCountInString(it); n > f.limit {
			return "", Tf(t.lang, "staff.field.item_too_long", n, f.limit)
		}
	}
	return strings.Join(items, "\n"), ""
}

// fieldHint says how long a field may be.
func (t *turn) fieldHint(field string) string {
	f, _, ok := fieldSpec(field)
	switch {
	case ok && f.list:
		return Tf(t.lang, "staff.hint.list", maxCaseItems, f.limit)
	case ok && f.limit > 0:
		return Tf(t.lang, "staff.hint.len", f.limit)
	}
	return Tf(t.lang, "staff.hint.len", maxCaseSource)
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
