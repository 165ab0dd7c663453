package scam

import (
	"sort"
	"strings"

	"github.com/gongyou/gongyou/knowledge/norm"
)

// Level is the risk level of a verdict.
type Level string

// Risk levels.
const (
	LevelLow    Level = "low"
	LevelMedium Level = "medium"
	LevelHigh   Level = "high"
)

// Signal is one reason behind a verdict.
type Signal struct {
	Code             string  // stable machine code, e.g. "upfront_fee", "id_retention", "private_contact", "legit_contract"
	LabelZH, LabelEN string  // short plain-language reason
	RuleZH, RuleEN   string  // the law it breaks, when one exists
	Evidence         string  // the span of the original text that triggered it, ≤ 60 runes
	Weight           float64 // >0 red flag, <0 legitimacy signal
}

// CaseMatch is a case study similar to the checked text. The summary is the
// first sentence of the story.
type CaseMatch struct {
	ID, TitleZH, TitleEN, SummaryZH, SummaryEN, Type string
	Score                                            float64
}

// Advice is one thing to do now, in both languages.
type Advice struct{ Code, ZH, EN string }

// Verdict is the checker's answer on one text.
type Verdict struct {
	Risk    Level
	Score   float64     // calibrated in [0,1]
	Signals []Signal    // red flags first, strongest first; legitimacy signals after
	Cases   []CaseMatch // best-matching case studies, at most 3, only when reasonably similar
	Advice  []Advice    // what to do now, most important first
	Empty   bool        // nothing to check (empty, only symbols, too short to be an offer)
	Offer   bool        // the text looks like a job offer or recruiter chat
	LLM     bool        // set by the LLM layer; always false from the offline checker
	// Question: the text is a short general question about a word or a
	// rule (进厂要交押金吗), not an offer: its flag words were read as
	// mentions. A channel may answer it from the FAQ instead.
	Question bool

	cut      cut  // the thresholds that applied to this text
	injected bool // the text carries instructions aimed at the checker
}

// Floor is the lowest score a verdict of level l can have on this text.
func (v Verdict) Floor(l Level) float64 {
	c := v.cut
	if c.high == 0 {
		c.medium, c.high = Thresholds()
	}
	switch l {
	case LevelHigh:
		return c.high
	case LevelMedium:
		return c.medium
	}
	return 0
}

// Checker checks texts against the red-flag lexicon (lexicon.go) and the case
// base. It is immutable after construction and safe for concurrent use.
type Checker struct {
	idx     *caseIndex
	decided *nearIndex // published case stories and staff decisions (decisions.go)
}

// Retrieval thresholds: cases are shown from minCaseScore when the text has
// red flags, and from minCaseScoreLow when it has none.
const (
	minCaseScore    = 0.20
	minCaseScoreLow = 0.45
	maxCases        = 3
)

// NewChecker builds a checker over cases; retired cases are skipped.
func NewChecker(cases []Case) *Checker {
	return NewCheckerWithDecisions(cases, nil)
}

// Check gives the verdict on text. It never panics and examines at most the
// first 20,000 runes. Invalid UTF-8 is read as U+FFFD (strings.ToValidUTF8),
// so evidence spans are substrings of strings.ToValidUTF8(text, "\uFFFD").
func (c *Checker) Check(text string) (v Verdict) {
	defer func() {
		if recover() != nil {
			// A bug must not take the bot down; the text gets a neutral answer.
			v = Verdict{Risk: LevelLow}
		}
	}()
	return c.check(text)
}

func (c *Checker) check(text string) Verdict {
	a := analyze(strings.ToValidUTF8(text, "\uFFFD"))
	v := assess(a)
	if v.Empty {
		return v
	}
	var prefer []string
	red := false
	for _, s := range v.Signals {
		if s.Weight > 0 {
			red = true
			if d := signalDefByCode[s.Code]; d != nil && d.Type != "" && !Contains(prefer, d.Type) {
				prefer = append(prefer, d.Type)
			}
		}
	}
	if c != nil && c.idx != nil {
		minScore := minCaseScore
		if !red {
			minScore = minCaseScoreLow
		}
		for _, m := range c.idx.search(a.nt.Runes, maxCases, minScore, prefer) {
			e := c.idx.cases[m.doc]
			v.Cases = append(v.Cases, CaseMatch{ID: e.id, TitleZH: e.titleZH, TitleEN: e.titleEN,
				SummaryZH: e.summaryZH, SummaryEN: e.summaryEN, Type: e.typ, Score: norm.Round3(m.score)})
		}
	}
	v = c.applyDecisions(a.nt.Runes, v) // staff decisions (decisions.go)
	v.Advice = pickAdvice(v.Risk, v.Signals)
	return v
}

// LooksLikeOffer reports whether free text reads like a job offer, a
// recruiter's message or a scam lure (rather than a question or a greeting).
// It is cheap: it looks at the first 2,000 runes and does no case retrieval.
func LooksLikeOffer(text string) bool {
	a := analyzeN(strings.ToValidUTF8(text, "\uFFFD"), 2000)
	return assess(a).Offer
}

// Scoring. The lexicon finds the red flags and legitimacy signals; the
// learned model (learned.go) weighs them together with the wording and
// gives a calibrated score. The level follows from the score and the
// evidence (levelOf): "medium" and "high" need at least one named red flag,
// so every warning shows a reason; a strong match of a hard red flag
// (deposit, ID kept, renting out a bank card, a loan, …) is high whatever
// the wording around it. When the text carries instructions aimed at the
// checker (prompt_injection), its legitimacy signals are ignored: the words
// of such a text are not to be trusted.

func validUTF8(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// levelOf is the level of a score given the evidence: a strong match of a
// hard red flag is high (the law forbids it outright, whatever the wording
// around it); other red flags are weighed by the score.
func levelOf(score float64, c cut, red, hard bool) Level {
	switch {
	case hard:
		return LevelHigh
	case !red:
		return LevelLow
	case score >= c.high:
		return LevelHigh
	case score >= c.medium:
		return LevelMedium
	default:
		return LevelLow
	}
}

// assess turns an analysis into a verdict without cases and advice.
func assess(a *analysis) Verdict {
	v := assessOnce(a)
	if !v.injected {
		return v
	}
	// The words of an injected text are not to be trusted, and they must
	// not water down the rest either: the text is also judged without the
	// sentences that carry the instructions, and the higher level stands.
	if rest := a.withoutSentencesOf("prompt_injection"); rest != "" {
		w := assessOnce(analyze(rest))
		if rank(w.Risk) > rank(v.Risk) {
			v.Risk, v.Score, v.cut = w.Risk, max(v.Score, w.Score), w.cut
			v.Offer = true
		}
	}
	return v
}

// contactOnly reports whether every red flag is about the contact channel
// (diversion to a private chat, a disguised handle, a niche app).
func contactOnly(sigs []Signal) bool {
	any := false
	for _, s := range sigs {
		if s.Weight <= 0 || s.Code == "prompt_injection" {
			continue
		}
		if d := signalDefByCode[s.Code]; d == nil || d.Type != "diversion" || d.Hard {
			return false
		}
		any = true
	}
	return any
}

// rank orders levels: low 0, medium 1, high 2.
func rank(l Level) int {
	switch l {
	case LevelHigh:
		return 2
	case LevelMedium:
		return 1
	}
	return 0
}

// withoutSentencesOf is the normalised text without the instructions in
// which the signal code fired: an English instruction is cut out with the
// whole run of Latin script around it (it may sit in a Chinese sentence
// with no break), a Chinese one with its clause. "" when nothing worth
// checking would be left.
func (a *analysis) withoutSentencesOf(code string) string {
	r := a.nt.Runes
	drop := make([]bool, len(r))
	for _, f := range a.signals() {
		if f.def.Code != code || f.i >= f.j || f.j > len(r) {
			continue
		}
		lo, hi := f.i, f.j
		if r[lo] < 0x80 {
			for lo > 0 && r[lo-1] < 0x80 {
				lo--
			}
			for hi < len(r) && r[hi] < 0x80 {
				hi++
			}
		} else {
			for lo > 0 && a.clause[lo-1] == a.clause[f.i] {
				lo--
			}
			for hi < len(r) && a.clause[hi] == a.clause[f.j-1] {
				hi++
			}
		}
		for k := lo; k < hi; k++ {
			drop[k] = true
		}
	}
	out := make([]rune, 0, len(r))
	for k, q := range r {
		if !drop[k] {
			out = append(out, q)
		}
	}
	if meaningfulRunes(out) < 5 {
		return ""
	}
	return string(out)
}

func assessOnce(a *analysis) Verdict {
	fired := a.signals()
	injected := false
	for _, f := range fired {
		if f.def.Code == "prompt_injection" {
			injected = true
		}
	}
	var sigs []Signal
	red, hard := false, false
	for _, f := range fired {
		w := f.weight
		switch {
		case w < 0 && injected:
			continue
		case w < 0:
		case f.def.Code == "prompt_injection":
			// Words aimed at the checker make its legitimacy signals void,
			// but are no scam by themselves: they count with other flags.
		case f.def.Hard:
			red = true
			// A weak match of a hard flag (a bare 押金) is weighed by the
			// model like any other; a strong one sets the floor.
			hard = hard || !weakMatch(f)
		default:
			red = true
		}
		sigs = append(sigs, Signal{Code: f.def.Code, LabelZH: f.def.LabelZH, LabelEN: f.def.LabelEN,
			RuleZH: f.def.RuleZH, RuleEN: f.def.RuleEN, Evidence: a.nt.Evidence(f.i, f.j), Weight: w})
	}
	sort.SliceStable(sigs, func(i, j int) bool {
		wi, wj := sigs[i].Weight, sigs[j].Weight
		if (wi > 0) != (wj > 0) {
			return wi > 0
		}
		if wi > 0 {
			return wi > wj
		}
		return wi < wj
	})
	if injected {
		// The model must not hear the legitimacy words of an injected text either.
		kept := fired[:0:0]
		for _, f := range fired {
			if f.weight > 0 {
				kept = append(kept, f)
			}
		}
		fired = kept
	}
	question := a.generalQuestion()
	if question {
		// 进厂要交押金吗 / 刷单犯法吗: the flag words are mentions in a
		// question, not evidence, and are not shown as reasons; the
		// wording alone may still raise it.
		red, hard = false, false
		kept := sigs[:0]
		for _, s := range sigs {
			if s.Weight <= 0 {
				kept = append(kept, s)
			}
		}
		sigs = kept
	}
	score, c := learnedScore(a, fired)
	v := Verdict{Signals: sigs, Risk: levelOf(score, c, red, hard), cut: c, injected: injected, Question: question}
	if v.Risk == LevelHigh && contactOnly(sigs) {
		// How to reach the recruiter is no scam by itself: without a flag
		// about money, documents or the work, a verdict stays medium.
		v.Risk = LevelMedium
		score = min(score, c.high-0.001)
	}
	if !red && score >= c.wording {
		// No red flag of the table, but worded like the scams the model
		// was fitted on: a named reason, never more than medium.
		v.Risk = LevelMedium
		if len(v.Signals) == 0 || v.Signals[0].Weight <= 0 { // named flags (mentions in a question) are reason enough
			v.Signals = append([]Signal{wordingSignal(a)}, v.Signals...)
		}
	}
	if hard && score < c.high {
		score = c.high // the floor of a hard flag shows in the score too
	}
	v.Score = norm.Round3(score)
	hasLink := false
	for _, e := range a.ex.ents {
		if e.class == "$anylink" {
			hasLink = true
			break
		}
	}
	offer := a.offerLike()
	if !red && !hasLink && (meaningfulRunes(a.nt.Runes) < 5 || letterRunes(a.nt.Runes) < 2) {
		return Verdict{Risk: LevelLow, Score: 0, Empty: true}
	}
	// A text with clear red flags is a lure even when it ends in a question
	// (老乡说去老挝月薪两万，能去吗): it goes to the check.
	v.Offer = offer || (red && v.Risk != LevelLow)
	return v
}
