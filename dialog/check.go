package dialog

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/gongyou/gongyou/knowledge/norm"
	"github.com/gongyou/gongyou/knowledge/scam"
)

// Knowledge is what the dialog needs from the knowledge package;
// *knowledge.Base has it.
type Knowledge interface {
	Check(ctx context.Context, user, text string) (scam.Verdict, error)
	Case(id string) (scam.Case, bool)
}

// WithKnowledge connects the scam checker. Without it /check says the
// service is not available.
func WithKnowledge(k Knowledge) Option { return func(e *Engine) { e.know = k } }

type knowledgeHandle = Knowledge

// The scam check: /check asks for the text; a pasted offer anywhere is
// checked too (the free-text table in route.go sends it to checkText).
var _ = register(&flow{
	name:     flowCheck,
	commands: map[string]command{"check": noArgs((*turn).askOffer)},
	buttons:  []string{"chk:", cbCase},
	onButton: (*turn).onCheckButton,
})

func (t *turn) onCheckButton(data string) ([]Reply, error) {
	switch {
	case data == cbCheckWhy:
		return t.why()
	case data == cbCheckReport:
		return t.askReport()
	case strings.HasPrefix(data, cbCheckSend):
		return t.sendReport(strings.TrimPrefix(data, cbCheckSend), false)
	case strings.HasPrefix(data, cbCheckSendNotify):
		return t.sendReport(strings.TrimPrefix(data, cbCheckSendNotify), true)
	case data == cbCheckVerify:
		return t.verifyHelp()
	case data == cbCheckAgain:
		return t.askOffer()
	case data == cbCheckBack:
		return t.backToVerdict()
	case strings.HasPrefix(data, cbCaseMore):
		return t.showCaseText(strings.TrimPrefix(data, cbCaseMore), true)
	case strings.HasPrefix(data, cbCase):
		return t.showCase(strings.TrimPrefix(data, cbCase))
	}
	return t.stale()
}

const (
	flowCheck     = "check"
	stepAwaitText = "await_text"
	stepVerdict   = "verdict"
	stepReport    = "confirm_report"

	cbCheckWhy    = "chk:why"
	cbCheckReport = "chk:report"
	cbCheckSend   = "chk:send:" // + nonce
	// cbCheckSendNotify sends the report and asks for the staff's decision.
	cbCheckSendNotify = "chk:sendn:" // + nonce
	cbCheckVerify     = "chk:verify"
	cbCheckAgain      = "chk:again"
	cbCheckBack       = "chk:back" // the short verdict again
	cbCase            = "case:"    // + case id
	cbCaseMore        = "case:m:"  // + case id: the whole case

	// maxKeptOffer bounds the offer text kept in the session for "Why?"
	// and "Report" (runes).
	maxKeptOffer = 4000
	maxReasons   = 3
)

// lastCheck is the latest verdict, kept in the session until the user
// leaves the check flow, so "Why?" and "Report" work after a restart.
type lastCheck struct {
	Text    string       `json:"t"`
	Verdict scam.Verdict `json:"v"`
}

func (t *turn) askOffer() ([]Reply, error) {
	if t.e.know == nil {
		t.reset()
		return []Reply{{Text: t.T("soon.check"), Buttons: [][]Button{{t.btn("menu.back", cbMenu)}}}}, nil
	}
	t.reset()
	t.setFlow(flowCheck, stepAwaitText)
	return []Reply{{Text: t.T("check.ask"), Buttons: [][]Button{{t.btn("menu.back", cbMenu)}}}}, nil
}

// checkText runs the checker on text and answers with the short verdict.
func (t *turn) checkText(text string) ([]Reply, error) {
	v, err := t.e.know.Check(t.ctx, "tg:"+strconv.FormatInt(t.user.ID, 10), text)
	if err != nil {
		return nil, fmt.Errorf("dialog: check: %w", err)
	}
	t.reset()
	if v.Empty {
		t.setFlow(flowCheck, stepAwaitText)
		return []Reply{{Text: t.T("check.empty"), Buttons: [][]Button{{t.btn("menu.back", cbMenu)}}}}, nil
	}
	t.recordCheck(v)
	t.state.Check = &lastCheck{Text: norm.Clip(text, maxKeptOffer, ""), Verdict: v}
	t.setFlow(flowCheck, stepVerdict)
	t.dirty = true
	return []Reply{t.verdictReply(v)}, nil
}

func (t *turn) headline(v scam.Verdict) string {
	switch v.Risk {
	case scam.LevelHigh:
		return t.T("check.high")
	case scam.LevelMedium:
		return t.T("check.medium")
	}
	for _, s := range v.Signals {
		if s.Weight > 0 {
			return t.T("check.low_minor")
		}
	}
	return t.T("check.low")
}

func (t *turn) signalLabel(s scam.Signal) string {
	if t.lang == LangEN {
		return s.LabelEN
	}
	return s.LabelZH
}

func (t *turn) reason(s scam.Signal) string {
	line := "• " + t.signalLabel(s)
	if ev := strings.TrimSpace(s.Evidence); ev != "" {
		line += t.T("check.quote_open") + oneLine(ev) + t.T("check.quote_close")
	}
	return line
}

func (t *turn) adviceText(a scam.Advice) string {
	if t.lang == LangEN {
		return a.EN
	}
	return a.ZH
}

func (t *turn) caseTitle(c scam.CaseMatch) (title, summary string) {
	if t.lang == LangEN {
		return c.TitleEN, c.SummaryEN
	}
	return c.TitleZH, c.SummaryZH
}

// The short verdict a worker reads first: the headline, at most three
// reasons quoting the offer, the closest case, one next step. At most
// maxVerdictLines lines of text (blank separators not counted), each short:
// quotes are cut to maxQuoteRunes. Everything else is behind "为什么".
const (
	maxVerdictLines = 6
	maxQuoteRunes   = 18 // Chinese; English quotes get twice as many
	maxCaseButton   = 12 // runes of a case button label, "📖 " included
)

// verdictReply is the short answer and its buttons.
func (t *turn) verdictReply(v scam.Verdict) Reply {
	var b strings.Builder
	b.WriteString(t.headline(v))
	red := redFlags(v)
	if len(red) > 0 {
		b.WriteString("\n")
		for i, s := range red {
			if i == maxReasons {
				break
			}
			b.WriteString("\n" + t.shortReason(s))
		}
	} else {
		b.WriteString("\n\n" + t.T("check.low_watch"))
	}
	if len(v.Cases) > 0 {
		title, _ := t.caseTitle(v.Cases[0])
		b.WriteString("\n\n" + Tf(t.lang, "check.case", title))
	}
	if a, ok := verdictNextStep(v); ok && len(red) > 0 {
		b.WriteString("\n" + Tf(t.lang, "check.next", t.adviceText(a)))
	}
	rows := [][]Button{{t.btn("check.btn.why", cbCheckWhy)}}
	if len(v.Cases) > 0 {
		rows[0] = append(rows[0], Button{Label: t.caseButton(v.Cases[0], nil), Data: cbCase + v.Cases[0].ID})
	}
	rows = append(rows,
		[]Button{t.btn("check.btn.report", cbCheckReport), t.btn("check.btn.verify", cbCheckVerify)},
		[]Button{t.btn("check.btn.again", cbCheckAgain), t.btn("menu.back", cbMenu)})
	return Reply{Text: b.String(), Buttons: rows}
}

// verdictNextStep is the one step of the short verdict: the first advice that
// names a concrete action for this offer (the general low-risk tips only
// when there is nothing else).
func verdictNextStep(v scam.Verdict) (scam.Advice, bool) {
	for _, a := range v.Advice {
		if a.Code != "low_tips" {
			return a, true
		}
	}
	if len(v.Advice) > 0 {
		return v.Advice[0], true
	}
	return scam.Advice{}, false
}

func redFlags(v scam.Verdict) []scam.Signal {
	var red []scam.Signal
	for _, s := range v.Signals {
		if s.Weight > 0 {
			red = append(red, s)
		}
	}
	return red
}

// shortReason is one reason of the short verdict: the label and a short
// quote of the offer.
func (t *turn) shortReason(s scam.Signal) string {
	line := "• " + t.signalLabel(s)
	if ev := oneLine(strings.TrimSpace(s.Evidence)); ev != "" {
		n := maxQuoteRunes
		if t.lang == LangEN && !norm.HasCJK(ev) {
			n *= 2
		}
		line += t.T("check.quote_open") + norm.Clip(ev, n, "…") + t.T("check.quote_close")
	}
	return line
}

// caseButton is a case's button label: "📖 " and the short name of its
// scam type ("📖 押金骗局"), or the title cut short when that name is
// already on another button (taken) or unknown.
func (t *turn) caseButton(c scam.CaseMatch, taken map[string]bool) string {
	label := ""
	if k := "case.type." + c.Type; HasKey(t.lang, k) {
		label = "📖 " + t.T(k)
	}
	if label == "" || taken[label] {
		title, _ := t.caseTitle(c)
		label = "📖 " + norm.Clip(title, maxCaseButton-3, "…")
	}
	if taken != nil {
		taken[label] = true
	}
	return label
}

// laws returns the legal citations of signals, each once, in order of
// first appearance: a signal's rule may hold several, separated by "；"
// (Chinese) or "; " (English).
func (t *turn) laws(signals []scam.Signal) []string {
	sep := "；"
	if t.lang == LangEN {
		sep = "; "
	}
	seen := map[string]bool{}
	var out []string
	for _, s := range signals {
		rule := s.RuleZH
		if t.lang == LangEN {
			rule = s.RuleEN
		}
		for _, r := range strings.Split(rule, sep) {
			r = strings.TrimSpace(r)
			key := r
			if i := strings.IndexAny(r, ":："); i > 0 {
				key = r[:i] // the law and article: "《劳动合同法》第9条"
			}
			if r == "" || seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, r)
		}
	}
	return out
}

// why is the full explanation of the latest verdict: every reason, each
// law once, the signs of a real job, the cases (one button each, with a
// short title), all the advice.
func (t *turn) why() ([]Reply, error) {
	lc := t.state.Check
	if lc == nil {
		return t.stale()
	}
	t.setFlow(flowCheck, stepVerdict) // also cancels a pending report question
	v := lc.Verdict
	var b strings.Builder
	b.WriteString(t.headline(v))
	b.WriteString("\n" + Tf(t.lang, "check.score", int(v.Score*100+0.5)))
	red := redFlags(v)
	var good []scam.Signal
	for _, s := range v.Signals {
		if s.Weight <= 0 {
			good = append(good, s)
		}
	}
	if len(red) > 0 {
		b.WriteString("\n\n" + t.T("check.reasons"))
		for _, s := range red {
			b.WriteString("\n" + t.reason(s))
		}
	}
	if laws := t.laws(red); len(laws) > 0 {
		b.WriteString("\n\n" + t.T("check.laws"))
		for _, l := range laws {
			b.WriteString("\n• " + l)
		}
	}
	if len(good) > 0 {
		b.WriteString("\n\n" + t.T("check.good"))
		for _, s := range good {
			b.WriteString("\n" + t.reason(s))
		}
	}
	if len(v.Cases) > 0 {
		b.WriteString("\n\n" + t.T("check.cases"))
		for _, c := range v.Cases {
			title, _ := t.caseTitle(c)
			b.WriteString("\n• " + title)
		}
	}
	if len(v.Advice) > 0 {
		b.WriteString("\n\n" + t.T("check.todo"))
		for _, a := range v.Advice {
			b.WriteString("\n• " + t.adviceText(a))
		}
	}
	if v.LLM {
		b.WriteString("\n\n" + t.T("check.llm"))
	}
	b.WriteString("\n\n" + t.T("check.disclaimer"))
	rows := [][]Button{}
	var caseRow []Button
	taken := map[string]bool{}
	for i, c := range v.Cases {
		if i == 3 {
			break
		}
		caseRow = append(caseRow, Button{Label: t.caseButton(c, taken), Data: cbCase + c.ID})
	}
	if len(caseRow) > 0 {
		rows = append(rows, caseRow)
	}
	rows = append(rows,
		[]Button{t.btn("check.btn.report", cbCheckReport), t.btn("check.btn.verify", cbCheckVerify)},
		[]Button{t.btn("check.btn.again", cbCheckAgain), t.btn("menu.back", cbMenu)})
	return []Reply{{Text: b.String(), Buttons: rows}}, nil
}

func (t *turn) askReport() ([]Reply, error) {
	if t.state.Check == nil {
		return t.stale()
	}
	t.setFlow(flowCheck, stepReport)
	t.state.Nonce = t.e.now().UnixMilli()
	t.dirty = true
	nonce := strconv.FormatInt(t.state.Nonce, 36)
	return []Reply{{Text: t.T("check.report_confirm"), Buttons: [][]Button{
		{t.btn("check.btn.send", cbCheckSend+nonce), t.btn("staff.check.btn.notify", cbCheckSendNotify+nonce)},
		{t.btn("check.btn.cancel", cbCheckWhy)},
	}}}, nil
}

func (t *turn) sendReport(nonce string, notify bool) ([]Reply, error) {
	lc := t.state.Check
	if lc == nil || t.sess.Flow != flowCheck || t.sess.Step != stepReport || nonce != strconv.FormatInt(t.state.Nonce, 36) {
		return t.stale()
	}
	if err := t.fileReport(lc, notify); err != nil {
		return nil, err
	}
	t.reset()
	key := "check.reported"
	if notify {
		key = "staff.check.reported_notify"
	}
	return []Reply{{Text: t.T(key), Buttons: [][]Button{
		{t.btn("check.btn.again", cbCheckAgain), t.btn("menu.back", cbMenu)},
	}}}, nil
}

func (t *turn) verifyHelp() ([]Reply, error) {
	rows := [][]Button{{t.btn("check.btn.again", cbCheckAgain), t.btn("menu.back", cbMenu)}}
	return []Reply{{Text: t.T("check.verify"), Buttons: rows}}, nil
}

// showCase shows one case study as a short card: the story, what to do
// first, the source; "📖 更多" opens the scam signs and all the advice.
func (t *turn) showCase(id string) ([]Reply, error) { return t.showCaseText(id, false) }

func (t *turn) showCaseText(id string, more bool) ([]Reply, error) {
	if t.e.know == nil {
		return t.stale()
	}
	c, ok := t.e.know.Case(id)
	if !ok || c.Retired {
		return t.stale()
	}
	var rows [][]Button
	text := caseText(t.lang, c)
	if !more {
		text = caseCard(t.lang, c)
		rows = append(rows, []Button{t.btn("check.btn.case_more", cbCaseMore+c.ID)})
	}
	last := []Button{t.btn("check.btn.again", cbCheckAgain), t.btn("menu.back", cbMenu)}
	if t.state.Check != nil {
		last = append([]Button{t.btn("check.btn.back", cbCheckBack)}, last...)
	}
	rows = append(rows, last)
	return []Reply{{Text: text, Buttons: rows}}, nil
}

// backToVerdict shows the short verdict of the latest check again.
func (t *turn) backToVerdict() ([]Reply, error) {
	lc := t.state.Check
	if lc == nil {
		return t.stale()
	}
	t.setFlow(flowCheck, stepVerdict)
	return []Reply{t.verdictReply(lc.Verdict)}, nil
}

// caseCard is a case on one phone screen: title, story, the first thing
// to do, the source.
func caseCard(lang string, c scam.Case) string {
	title, story, advice := c.TitleZH, c.StoryZH, c.AdviceZH
	if lang == LangEN {
		title, story, advice = c.TitleEN, c.StoryEN, c.AdviceEN
	}
	lines := []string{"📖 " + title, oneLine(strings.TrimSpace(story))}
	if len(advice) > 0 {
		lines = append(lines, "👉 "+advice[0])
	}
	lines = append(lines, Tf(lang, "case.source", c.Source, sourceMonth(c.Date)))
	return strings.Join(lines, "\n")
}

// caseText is a case study as workers read it in lang (staff previews use
// it too, so what staff see is what workers get).
func caseText(lang string, c scam.Case) string {
	title, story, flags, advice := c.TitleZH, c.StoryZH, c.RedFlagsZH, c.AdviceZH
	if lang == LangEN {
		title, story, flags, advice = c.TitleEN, c.StoryEN, c.RedFlagsEN, c.AdviceEN
	}
	var b strings.Builder
	b.WriteString("📖 " + title + "\n\n" + strings.TrimSpace(story))
	if len(flags) > 0 {
		b.WriteString("\n\n" + T(lang, "case.flags"))
		for _, f := range flags {
			b.WriteString("\n• " + f)
		}
	}
	if len(advice) > 0 {
		b.WriteString("\n\n" + T(lang, "check.todo"))
		for _, a := range advice {
			b.WriteString("\n• " + a)
		}
	}
	b.WriteString("\n\n" + Tf(lang, "case.source", c.Source, sourceMonth(c.Date)))
	return b.String()
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// sourceMonth shows a source date as year and month ("2025-03"): the
// "资料日期" of a case, not a claim about the day.
func sourceMonth(date string) string {
	if len(date) >= 7 && date[4] == '-' {
		return date[:7]
	}
	return date
}
