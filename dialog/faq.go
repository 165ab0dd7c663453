package dialog

// Social insurance and labour-rights answers (issue 4). Owned by the FAQ
// feature.
//
// /insurance (also /rights, /faq, the menu button) shows topic buttons and
// invites a typed question. In the FAQ flow any text is a question (a
// pasted job offer or a job search still goes where it belongs); outside
// it, text that reads like a question is answered too. An answer is at
// most five short lines from one FAQ entry (or an LLM answer grounded in
// the entries it cites), its source in one short line, up to three related
// questions as buttons and "did this help?".

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"github.com/gongyou/gongyou/knowledge/faq"
	"github.com/gongyou/gongyou/knowledge/norm"
)

const (
	flowFAQ     = "faq"
	stepFAQAsk  = "ask"
	cbFAQPrefix = "faq:"

	// callback data after the prefix
	cbFAQHome     = "home"                         // the topic list
	cbFAQAsk      = "ask"                          // "ask another question"
	cbFAQTopic    = "t:"                           // + topic: that topic's questions
	cbFAQEntry    = "q:"                           // + entry id: that entry's answer
	cbFAQYes      = "y:"                           // + entry id: it helped
	cbFAQNo       = "n:"                           // + entry id: it did not help
	faqLabelWidth = 48                             // button label, columns (a Chinese character is two): what a full-width button shows on a phone
	faqReplyLines = 6                              // lines of an answer on a phone screen
	faqSrcMax     = 40                             // source line, runes
	faqDataMax    = 64 - len(cbFAQPrefix+cbFAQYes) // longest entry id that fits the callback data "faq:y:<id>"
)

// FAQAnswerer answers workers' questions; *knowledge.FAQBase has it.
type FAQAnswerer interface {
	Ask(ctx context.Context, user, question, lang string) (faq.Answer, error)
	AskEntry(ctx context.Context, id, lang string) (faq.Answer, bool, error)
	Entry(ctx context.Context, id string) (faq.FAQ, bool, error)
	Entries(ctx context.Context) ([]faq.FAQ, error)
}

// FAQFeedbackStore keeps "did this help?" answers; *store.Store has it.
type FAQFeedbackStore interface {
	AddFAQFeedback(ctx context.Context, userID int64, faqID string, helpful bool) error
	CountFAQFeedback(ctx context.Context, userID int64) (int, error)
}

// faqDeps holds the FAQ answerer and the feedback store (set by WithFAQ).
type faqDeps struct {
	a  FAQAnswerer
	fb FAQFeedbackStore
}

// WithFAQ connects the FAQ answerer and where feedback is kept. Without it
// /insurance gives the hotlines only.
func WithFAQ(a FAQAnswerer, fb FAQFeedbackStore) Option {
	return func(e *Engine) { e.faq = faqDeps{a: a, fb: fb} }
}

// The FAQ flow: /insurance, /rights, /faq, the "faq:" buttons; in the flow
// any typed text is a question.
var _ = register(&flow{
	name: flowFAQ,
	commands: map[string]command{
		"insurance": {run: (*turn).faqCommand},
		"rights":    {run: (*turn).faqCommand},
		"faq":       {run: (*turn).faqCommand},
	},
	buttons: []string{cbFAQPrefix},
	onButton: func(t *turn, data string) ([]Reply, error) {
		return t.onFAQButton(strings.TrimPrefix(data, cbFAQPrefix))
	},
	onText:  (*turn).faqText,
	catalog: faqCatalog,
})

// faqState is the FAQ flow's session payload: nothing beyond the flow step.
type faqState struct{}

// faqTopics are the entries' topics, in the order the buttons show them.
var faqTopics = []string{"wages", "hours", "leaving", "insurance", "injury", "contract", "women", "fees_id", "unemployment", "training", "employment_service", "hotlines"}

var faqCatalog = map[string]map[string]string{
	LangZH: {
		"faq.mydata.feedback": "您对回答点过的👍/👎：%d 次",
		"faq.intro": "🛡 社保和劳动权益\n" +
			"请直接打字问我，比如“老板拖欠工资怎么办”“社保怎么转到老家”。\n" +
			"也可以点下面的分类看常见问题。",
		"faq.topic.title": "%s：常见问题，点一个看回答。",
		"faq.source":      "📄 来源：%s（资料日期 %s）",
		"faq.llm_note":    "🤖 这是 AI 根据上面来源的问答整理的，以来源为准。",
		"faq.helpful":     "这个回答有帮助吗？",
		"faq.related":     "相关问题：",
		"faq.thanks":      "谢谢您的反馈！还有问题，直接打字问我。",
		"faq.sorry": "抱歉没帮上您。您可以：\n" +
			"• 打 12333 问人社部门（社保、工资、工伤、失业）。\n" +
			"• 打 12348 免费法律咨询。\n" +
			"• 换个说法再问我一次，比如说清楚在哪个城市、遇到了什么事。",
		"faq.unavailable": "🛡 问答暂时用不了。\n" +
			"社保、工资、工伤的问题请打 12333；免费法律帮助打 12348。",
		"faq.ask_again": "请直接打字问我，一次问一件事。",

		"faq.btn.yes":                  "👍 有帮助",
		"faq.btn.no":                   "👎 没帮助",
		"faq.btn.ask":                  "❓ 问别的问题",
		"faq.btn.topics":               "📂 常见问题分类",
		"faq.btn.t.wages":              "💰 工资被拖欠",
		"faq.btn.t.hours":              "⏰ 工时和加班",
		"faq.btn.t.leaving":            "🚪 辞职和辞退",
		"faq.btn.t.women":              "🤰 怀孕和产假",
		"faq.btn.t.insurance":          "🛡 社保和养老",
		"faq.btn.t.injury":             "🚑 工伤和骑手保障",
		"faq.btn.t.contract":           "📝 劳动合同",
		"faq.btn.t.fees_id":            "🪪 押金和证件",
		"faq.btn.t.unemployment":       "📉 失业保险",
		"faq.btn.t.training":           "📚 培训补贴",
		"faq.btn.t.employment_service": "🏢 就业服务",
		"faq.btn.t.hotlines":           "☎️ 热线电话",
	},
	LangEN: {
		"faq.mydata.feedback": "Your 👍/👎 on answers: %d",
		"faq.intro": "🛡 Social insurance and labour rights\n" +
			"Type your question, for example \"my boss owes me wages\" or \"how do I move my pension home\".\n" +
			"Or tap a topic below to see common questions.",
		"faq.topic.title": "%s: common questions. Tap one to see the answer.",
		"faq.source":      "📄 Source: %s (reviewed %s)",
		"faq.llm_note":    "🤖 AI summary of the entries above; the sources are what counts.",
		"faq.helpful":     "Did this help?",
		"faq.related":     "Related questions:",
		"faq.thanks":      "Thank you! If you have another question, just type it.",
		"faq.sorry": "Sorry this did not help. You can:\n" +
			"• Call 12333, the human resources and social security hotline (insurance, wages, injury, unemployment).\n" +
			"• Call 12348 for free legal advice.\n" +
			"• Ask me again in other words, and say which city and what happened.",
		"faq.unavailable": "🛡 Questions cannot be answered right now.\n" +
			"For social insurance, wages or work injury call 12333; for free legal help call 12348.",
		"faq.ask_again": "Type your question. One question at a time, please.",

		"faq.btn.yes":                  "👍 It helped",
		"faq.btn.no":                   "👎 It did not",
		"faq.btn.ask":                  "❓ Ask another",
		"faq.btn.topics":               "📂 Topics",
		"faq.btn.t.wages":              "💰 Unpaid wages",
		"faq.btn.t.hours":              "⏰ Hours, overtime",
		"faq.btn.t.leaving":            "🚪 Quitting, dismissal",
		"faq.btn.t.women":              "🤰 Pregnancy, leave",
		"faq.btn.t.insurance":          "🛡 Insurance, pension",
		"faq.btn.t.injury":             "🚑 Work injury",
		"faq.btn.t.contract":           "📝 Contracts",
		"faq.btn.t.fees_id":            "🪪 Deposits and ID",
		"faq.btn.t.unemployment":       "📉 Unemployment",
		"faq.btn.t.training":           "📚 Training subsidy",
		"faq.btn.t.employment_service": "🏢 Job services",
		"faq.btn.t.hotlines":           "☎️ Hotlines",
	},
}

// faqCommand is /insurance, /rights, /faq: with a question after it, the
// answer; else the topics and an invitation to type.
func (t *turn) faqCommand(args string) ([]Reply, error) {
	t.reset()
	if t.e.faq.a == nil {
		return []Reply{t.withMenu(t.T("faq.unavailable"))}, nil
	}
	t.setFlow(flowFAQ, stepFAQAsk)
	if strings.TrimSpace(args) != "" {
		return t.faqAnswer(args)
	}
	return []Reply{t.faqHome(t.T("faq.intro"))}, nil
}

func (t *turn) faqHome(text string) Reply {
	var rows [][]Button
	for i := 0; i < len(faqTopics); i += 2 {
		row := []Button{t.btn("faq.btn.t."+faqTopics[i], cbFAQPrefix+cbFAQTopic+faqTopics[i])}
		if i+1 < len(faqTopics) {
			row = append(row, t.btn("faq.btn.t."+faqTopics[i+1], cbFAQPrefix+cbFAQTopic+faqTopics[i+1]))
		}
		rows = append(rows, row)
	}
	rows = append(rows, []Button{t.btn("menu.back", cbMenu)})
	return Reply{Text: text, Buttons: rows}
}

func (t *turn) onFAQButton(data string) ([]Reply, error) {
	if t.e.faq.a == nil {
		return t.stale()
	}
	switch {
	case data == cbFAQHome:
		t.reset()
		t.setFlow(flowFAQ, stepFAQAsk)
		return []Reply{t.faqHome(t.T("faq.intro"))}, nil
	case data == cbFAQAsk:
		t.reset()
		t.setFlow(flowFAQ, stepFAQAsk)
		return []Reply{{Text: t.T("faq.ask_again"), Buttons: [][]Button{{t.btn("faq.btn.topics", cbFAQPrefix+cbFAQHome), t.btn("menu.back", cbMenu)}}}}, nil
	case strings.HasPrefix(data, cbFAQTopic):
		return t.faqTopic(strings.TrimPrefix(data, cbFAQTopic))
	case strings.HasPrefix(data, cbFAQEntry):
		return t.faqEntry(strings.TrimPrefix(data, cbFAQEntry))
	case strings.HasPrefix(data, cbFAQYes):
		return t.faqFeedback(strings.TrimPrefix(data, cbFAQYes), true)
	case strings.HasPrefix(data, cbFAQNo):
		return t.faqFeedback(strings.TrimPrefix(data, cbFAQNo), false)
	}
	return t.stale()
}

func (t *turn) faqTopic(topic string) ([]Reply, error) {
	known := false
	for _, k := range faqTopics {
		known = known || k == topic
	}
	if !known {
		return t.stale()
	}
	entries, err := t.e.faq.a.Entries(t.ctx)
	if err != nil {
		return nil, fmt.Errorf("dialog: faq entries: %w", err)
	}
	var qs []faqQuestion
	for _, f := range entries {
		if f.Topic == topic {
			qs = append(qs, t.faqQuestion(f.ID, f.QuestionZH, f.QuestionEN))
		}
	}
	t.reset()
	t.setFlow(flowFAQ, stepFAQAsk)
	rows := faqQuestionButtons(qs)
	text := Tf(t.lang, "faq.topic.title", t.T("faq.btn.t."+topic))
	rows = append(rows, []Button{t.btn("faq.btn.topics", cbFAQPrefix+cbFAQHome), t.btn("menu.back", cbMenu)})
	return []Reply{{Text: text, Buttons: rows}}, nil
}

// faqQuestion is a question offered as a button.
type faqQuestion struct{ id, title string }

func (t *turn) faqQuestion(id, zh, en string) faqQuestion {
	if t.lang == LangEN {
		return faqQuestion{id, oneLine(en)}
	}
	return faqQuestion{id, oneLine(zh)}
}

// faqQuestionButtons offers questions as buttons, one a row, each labelled
// with its question, shortened to what a full-width button shows on a
// phone (faqLabelWidth, a Chinese character counting two).
func faqQuestionButtons(qs []faqQuestion) (rows [][]Button) {
	for _, q := range qs {
		if len(q.id) > faqDataMax || q.title == "" {
			continue
		}
		rows = append(rows, []Button{{Label: shortenWidth(q.title, faqLabelWidth), Data: cbFAQPrefix + cbFAQEntry + q.id}})
	}
	return rows
}

// shortenWidth cuts s to at most w columns (a wide character counts two),
// ending in "…" when it cut.
func shortenWidth(s string, w int) string {
	cols, cut := 0, -1
	for i, r := range s {
		if cols+runeWidth(r) > w-1 && cut < 0 {
			cut = i // where the cut goes if s does not fit: one column left for "…"
		}
		cols += runeWidth(r)
	}
	if cols <= w {
		return s
	}
	head := s[:cut]
	if sp := strings.LastIndexByte(head, ' '); sp > len(head)-12 && sp > 0 {
		head = head[:sp] // an English title is cut between words
	}
	return strings.TrimRight(head, " ,;:") + "…"
}

// countLines counts the non-blank lines of s.
func countLines(s string) int {
	n := 0
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			n++
		}
	}
	return n
}

func runeWidth(r rune) int {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

func (t *turn) faqEntry(id string) ([]Reply, error) {
	ans, ok, err := t.e.faq.a.AskEntry(t.ctx, id, t.lang)
	if err != nil {
		return nil, fmt.Errorf("dialog: faq entry: %w", err)
	}
	if !ok {
		return t.stale()
	}
	t.reset()
	t.setFlow(flowFAQ, stepFAQAsk)
	return t.faqReply(ans)
}

func (t *turn) faqFeedback(id string, helpful bool) ([]Reply, error) {
	if _, ok, err := t.e.faq.a.Entry(t.ctx, id); err != nil {
		return nil, fmt.Errorf("dialog: faq entry: %w", err)
	} else if !ok {
		return t.stale()
	}
	if t.e.faq.fb != nil {
		if err := t.e.faq.fb.AddFAQFeedback(t.ctx, t.user.ID, id, helpful); err != nil {
			return nil, fmt.Errorf("dialog: faq feedback: %w", err)
		}
	}
	t.reset()
	t.setFlow(flowFAQ, stepFAQAsk)
	key := "faq.thanks"
	if !helpful {
		key = "faq.sorry"
	}
	return []Reply{{Text: t.T(key), Buttons: [][]Button{{t.btn("faq.btn.ask", cbFAQPrefix+cbFAQAsk), t.btn("menu.back", cbMenu)}}}}, nil
}

// faqText: in the FAQ flow any text is a question, except a pasted job
// offer (the scam check takes it) and a job search.
func (t *turn) faqText(a *analysis) ([]Reply, bool, error) {
	if t.e.faq.a == nil {
		return nil, false, nil
	}
	if r, ok, err := t.runJobSearch(a.search()); ok || err != nil {
		return r, ok, err
	}
	if a.offer() {
		return nil, false, nil
	}
	r, err := t.faqAnswer(a.text)
	return r, true, err
}

func (t *turn) faqAnswer(question string) ([]Reply, error) {
	ans, err := t.e.faq.a.Ask(t.ctx, "tg:"+strconv.FormatInt(t.user.ID, 10), question, t.lang)
	if err != nil {
		return nil, fmt.Errorf("dialog: faq answer: %w", err)
	}
	return t.faqReply(ans)
}

// faqReply renders an answer: the text, one short source line, "did this
// help?" and the related questions as buttons.
func (t *turn) faqReply(ans faq.Answer) ([]Reply, error) {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(ans.Text))
	var rows [][]Button
	related := ans.FAQs
	if ans.Found && len(ans.FAQs) > 0 {
		main := ans.FAQs[0]
		sources := []string{main.ID}
		if ans.LLM && len(ans.Cited) > 0 {
			sources = ans.Cited // an LLM answer names every entry it rests on (at most two lines)
			if len(sources) > 2 {
				sources = sources[:2]
			}
		}
		for _, id := range sources {
			f, ok, err := t.e.faq.a.Entry(t.ctx, id)
			if err != nil {
				return nil, fmt.Errorf("dialog: faq entry: %w", err)
			}
			if ok {
				b.WriteString("\n" + Tf(t.lang, "faq.source", shortSource(f.Source), f.Date))
			}
		}
		if ans.LLM {
			b.WriteString("\n" + t.T("faq.llm_note"))
		}
		if len(main.ID) <= faqDataMax {
			rows = append(rows, []Button{t.btn("faq.btn.yes", cbFAQPrefix+cbFAQYes+main.ID), t.btn("faq.btn.no", cbFAQPrefix+cbFAQNo+main.ID)})
		}
		related = ans.FAQs[1:]
	}
	var qs []faqQuestion
	for _, m := range related {
		if len(qs) < 3 {
			qs = append(qs, t.faqQuestion(m.ID, m.TitleZH, m.TitleEN))
		}
	}
	// A phone screen holds faqReplyLines lines: the answer and its source;
	// "did this help?" only where it fits (the 👍/👎 buttons speak for
	// themselves). Related questions are buttons.
	qrows := faqQuestionButtons(qs)
	if len(rows) > 0 && countLines(b.String()) < faqReplyLines { // the 👍/👎 row
		b.WriteString("\n\n" + t.T("faq.helpful"))
	}
	rows = append(rows, qrows...)
	rows = append(rows, []Button{t.btn("faq.btn.topics", cbFAQPrefix+cbFAQHome), t.btn("menu.back", cbMenu)})
	return []Reply{{Text: b.String(), Buttons: rows}}, nil
}

var (
	sourceURL  = regexp.MustCompile(`\s*(https?://|www\.)\S*`)
	sourceCode = regexp.MustCompile(`[（(][^（）()]*\b[A-Z]\d+[）)]`)
)

// shortSource is the first source of an entry, without links or internal
// reference codes, at most faqSrcMax runes.
func shortSource(s string) string {
	first, _, _ := strings.Cut(s, ";")
	first, _, _ = strings.Cut(first, "；")
	if i := sourceURL.FindStringIndex(first); i != nil {
		first = first[:i[0]] // what follows a link is its path
	}
	first = sourceCode.ReplaceAllString(first, "")
	first = oneLine(first)
	if first == "" {
		first = oneLine(sourceURL.ReplaceAllString(s, ""))
	}
	return norm.Shorten(oneLine(first), faqSrcMax)
}
