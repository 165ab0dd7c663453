package scam

import (
	"math"
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

// Score thresholds of the levels: a score at or above HighThreshold is high,
// at or above MediumThreshold medium, else low.
const (
	HighThreshold   = 0.75
	MediumThreshold = 0.40
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
			v = Verdict{Risk: LevelLow, Score: scoreOf(0)}
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

// Scoring. Each signal has a weight in log-odds units (lexicon.go). Hard red
// flags (deposits, ID retention, card rental, loans, …) count in full; soft
// red flags can be offset by legitimacy signals, but not below zero:
//
//	z = Σ hard + max(0, Σ soft + Σ legit)   when there is a red flag
//	z = Σ legit (≤ 0)                        when there is none
//	score = 1 / (1 + exp(-1.2 · (z - 1.8)))
//
// so z ≥ 2.72 is high (score ≥ 0.75), z ≥ 1.46 medium (score ≥ 0.40), and a
// text without red flags scores at most 0.10. When the text carries
// instructions aimed at the checker (prompt_injection), its legitimacy
// signals are ignored: the words of such a text are not to be trusted.
func scoreOf(z float64) float64 { return 1 / (1 + math.Exp(-1.2*(z-1.8))) }

// assess turns an analysis into a verdict without cases and advice.
func assess(a *analysis) Verdict {
	fired := a.signals()
	injected := false
	for _, f := range fired {
		if f.def.Code == "prompt_injection" {
			injected = true
		}
	}
	var hard, soft, legit float64
	var sigs []Signal
	red := false
	for _, f := range fired {
		w := f.weight
		switch {
		case w < 0 && injected:
			continue
		case w < 0:
			legit += w
		case f.def.Hard:
			hard += w
			red = true
		default:
			soft += w
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
	var z float64
	if red {
		z = hard + math.Max(0, soft+legit)
	} else {
		z = legit
	}
	v := Verdict{Signals: sigs, Score: norm.Round3(scoreOf(z))}
	switch {
	case !red:
		v.Risk = LevelLow
	case v.Score >= HighThreshold:
		v.Risk = LevelHigh
	case v.Score >= MediumThreshold:
		v.Risk = LevelMedium
	default:
		v.Risk = LevelLow
	}
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
	v.Offer = offer || (red && v.Score >= MediumThreshold)
	return v
}
