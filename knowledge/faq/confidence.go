package faq

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/gongyou/gongyou/knowledge/norm"
)

// Answer or say so (issue 12, item 4).
//
// A confident answer to a different question is the worst thing the FAQ
// can do: an entry's first sentence answers its own question, and a worker
// reads it as the answer to theirs. So the answerer answers only when a
// calibrated confidence says the best entry is the one asked about, and
// otherwise says it is not sure, offers the closest topics and the
// hotlines.
//
// The confidence is a logistic model of the retrieval signals of the best
// entry (Signals): its normalised score, its margin over the second entry,
// how much of the question's subject weight it covers, and how much of its
// score comes from subject words rather than question words and single
// characters. Its output estimates P(best entry is the right one). The
// weights and the threshold are fitted on the labelled tuning set only,
// with
//
//	go run ./knowledge/faq/cmd/faqeval -fit
//
// which prints the fitted weights (paste them below) and, for each
// threshold, the answered-correct / answered-wrong / abstained counts and
// the utility correct − faqWrongCost·wrong; the threshold is the one with
// the best utility. The held-out sets are never used to fit.

// Signals are what the retrieval says about a question's best entries.
type Signals struct {
	Top     []FAQMatch // best first, at most faqTopK, unfiltered
	Score   float64    // normalised score of the best entry, [0,1]
	Margin  float64    // Score minus the second entry's score
	Cover   float64    // share of the question's subject weight the best entry contains
	Content float64    // share of the best entry's score from subject terms
	Latin   bool       // the question has no Chinese characters
	// KW1, KW2: how long a keyword phrase of the first and second entry
	// occurs verbatim in the question (runes, capped, scaled to [0,1]).
	KW1, KW2 float64
	// Domain: the question names something of the FAQ's world (a concept
	// or a domain word: 社保, 工资, 老板, 12333…).
	Domain bool
	// Ex: the score of the best entry's closest example question;
	// ExMargin: Ex minus the best example score of any other entry.
	Ex, ExMargin float64
}

const (
	// faqSignalDepth: how many entries the keyword re-ranking looks at.
	faqSignalDepth = 8
	// kwCap: a keyword phrase this long (runes) is full evidence.
	kwCap = 4
	// kwBoost: what a full keyword hit adds to an entry's score when
	// re-ranking (chosen with faqeval on the tuning set: 0, 0.1, 0.2, 0.3).
	kwBoost = 0.1
	// askBoost: what an entry whose own question asks the same kind of
	// thing (how much, how long, where, whether it is allowed, how to)
	// adds when re-ranking (chosen with faqeval on the tuning set).
	askBoost = 0.05
)

// ask is the kind of thing a question asks for, as bits: sibling entries
// on one subject differ mostly in this ("how much severance" against "when
// is severance owed").
type ask uint8

const (
	askAmount   ask = 1 << iota // how much, what rate
	askDuration                 // how long, by when
	askWhere                    // where, whom to turn to
	askAllowed                  // is it legal, may they
	askHow                      // how to, what steps
	askWho                      // who is covered, who qualifies
)

var askCues = []struct {
	kind  ask
	words []string
}{
	{askAmount, w("多少钱|多少|几倍|几个月工资|怎么算|标准是|比例|百分之|how much|how many months|rate|percent|amount|calculat")},
	{askDuration, w("多久|多长时间|几天|几年|期限|时效|过期|来得及|deadline|how long|time limit|how many days|how soon|too late")},
	{askWhere, w("哪里|哪儿|去哪|找谁|哪个部门|向谁|打什么电话|where|who do i|which office|which department|complain to")},
	{askAllowed, w("合法|违法|犯法|可以吗|能不能|行不行|算不算|允许|正常吗|凭什么|is it legal|is that legal|is this legal|is it ok|is that ok|allowed|legal|can they |can my boss|can the |can a |can an ")},
	{askHow, w("怎么办|怎么申请|怎么弄|怎么办理|流程|手续|步骤|要带|材料|how do i|how can i|how to|steps|what do i need|what do i do|apply")},
	{askWho, w("谁能|哪些人|条件|够不够|符合|有没有资格|能领吗|能拿吗|eligible|qualify|who can|conditions")},
}

// askOf is the kinds of thing text asks for.
func askOf(text string) ask { return askOfForm(text, keywordForm(text)) }

// askOfForm is askOf with text's keyword form already made.
func askOfForm(text, form string) ask {
	var k ask
	n := " " + form + " " + strings.ToLower(text) + " "
	for _, c := range askCues {
		for _, w := range c.words {
			if strings.Contains(n, w) {
				k |= c.kind
				break
			}
		}
	}
	return k
}

// Fitted by `faqeval -fit` on testdata/faq_eval.jsonl (see above).
var confWeights = [...]float64{
	1.891,  // bias
	1.917,  // Score
	6.121,  // Margin
	1.567,  // Cover
	-4.077, // Content
	0.44,   // Cover, Latin questions only
	3.005,  // Margin / Score
	0.0,    // KW1
	0.0,    // KW2
	0.0,    // Ex
	3.702,  // ExMargin
}

const (
	// confMinScore: a best entry scoring below this is never an answer
	// (the model extrapolates badly there: one weak hit has a "wide
	// margin"). Chosen with faqeval on the tuning set.
	confMinScore = 0.18
	// confMinMargin: when the best entry leads the next by less than this
	// and its closest example does not lead by as much either, the two are
	// a coin toss: ask which one was meant (chosen with faqeval).
	confMinMargin = 0.03
	// confMinCover: a question that names nothing of work, pay, insurance
	// or rights (no concept, no domain word) is answered only when the best
	// entry holds at least this share of its subject weight: an off-topic
	// question ("这个月彩票开什么号") matches a word or two of some entry, far
	// ahead of the rest, and would otherwise look like a clear winner.
	confMinCover = 0.3
	// faqConfThreshold: below this confidence the answerer abstains.
	faqConfThreshold = 0.75
	// faqWrongCost is what `faqeval -fit` charges a confident wrong answer,
	// in answered-correct units (an abstention costs nothing).
	faqWrongCost = 3.0
)

// Features is the model's input for s (the order of confWeights after the bias).
func (s Signals) Features() []float64 {
	latinCover := 0.0
	if s.Latin {
		latinCover = s.Cover
	}
	rel := 0.0
	if s.Score > 0 {
		rel = s.Margin / s.Score
	}
	return []float64{s.Score, s.Margin, s.Cover, s.Content, latinCover, rel, s.KW1, s.KW2, s.Ex, s.ExMargin}
}

// Confidence is the estimated probability that the best entry answers the question.
func (s Signals) Confidence() float64 {
	if !s.passesGates() {
		return 0
	}
	return ConfidenceWith(confWeights[:], s.Features())
}

// passesGates: the floors below which no entry is an answer whatever the
// model says: a best score of at least faqMinScore, mostly earned by
// subject words (faqMinContent), and for a question in Latin letters a
// fair share of its subject words found (faqMinCoverLatin).
func (s Signals) passesGates() bool {
	return len(s.Top) > 0 && s.Score >= max(faqMinScore, confMinScore) && s.Content >= faqMinContent &&
		(!s.Latin || s.Cover >= faqMinCoverLatin) && (s.Domain || s.Cover >= confMinCover) &&
		(s.Margin >= confMinMargin || s.ExMargin >= confMinMargin)
}

// Gated reports whether s passes the floors the model is applied above
// (faqeval -fit fits on those questions only).
func (s Signals) Gated() bool { return s.passesGates() }

// ConfidenceWith is the logistic model with weights w (bias first) on x.
func ConfidenceWith(w []float64, x []float64) float64 {
	z := w[0]
	for i, v := range x {
		if i+1 < len(w) {
			z += w[i+1] * v
		}
	}
	return 1 / (1 + math.Exp(-z))
}

// ConfidenceThreshold is the confidence an answer needs.
func ConfidenceThreshold() float64 { return faqConfThreshold }

// Signals retrieves question's best entries and describes them. A message
// that tells a story (or tries to give orders) before asking is judged by
// its question sentence when that matches better.
func (a *Answerer) Signals(question string) Signals {
	question = norm.Clip(strings.ToValidUTF8(question, "\uFFFD"), maxQuestionRunes, "")
	top := a.search(question, faqSignalDepth)
	if q := lastQuestionSentence(question); q != "" {
		if qt := a.search(q, faqSignalDepth); len(qt) > 0 && (len(top) == 0 || qt[0].score > top[0].score) {
			top, question = qt, q
		}
	}
	// Re-rank by the entries' keyword phrases found verbatim in the
	// question: "加班费" in the question is better evidence for the
	// overtime-pay entry than shared characters are.
	nq := keywordForm(question)
	qa := askOfForm(question, nq)
	type cand struct {
		t   scoredFAQ
		kw  float64
		adj float64
	}
	cands := make([]cand, len(top))
	for i, t := range top {
		kw := keywordHit(a.kwForms[t.doc], nq)
		adj := t.score + kwBoost*kw
		if qa != 0 && qa&a.asks[t.doc] != 0 {
			adj += askBoost
		}
		cands[i] = cand{t, kw, adj}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].adj > cands[j].adj })
	s := Signals{Latin: !norm.HasCJK(question), Domain: namesDomain(question)}
	for i, c := range cands {
		if i == faqTopK {
			break
		}
		f := a.faqs[c.t.doc]
		s.Top = append(s.Top, FAQMatch{ID: f.ID, TitleZH: f.QuestionZH, TitleEN: f.QuestionEN, Score: norm.Round3(c.t.score)})
	}
	if len(cands) > 0 {
		c := cands[0]
		s.Score, s.Cover, s.KW1 = c.t.score, c.t.cover, c.kw
		s.Margin = c.adj
		if len(cands) > 1 {
			s.Margin = c.adj - cands[1].adj
			s.KW2 = cands[1].kw
		}
		if c.t.raw > 0 {
			s.Content = c.t.content / c.t.raw
		}
		s.Ex = c.t.ex
		var other float64
		for _, o := range cands[1:] {
			other = max(other, o.t.ex)
		}
		s.ExMargin = s.Ex - other
	}
	return s
}

// legalHelp: the worker asks for a lawyer, a court or a dispute: the
// abstaining answer hands off to 12348 (legal aid) rather than 12333.
var legalHelp = regexp.MustCompile(`(?i)律师|法院|起诉|打官司|仲裁|法律援助|法援|赔偿|告他|告老板|违法|犯法|判刑|坐牢|报警|lawyer|court|sue|arbitrat|legal|compensat|illegal|police`)

// abstainHandoff is the hotline an abstaining answer points to.
func abstainHandoff(question string, related []FAQMatch) string {
	if legalHelp.MatchString(question) {
		return "12348"
	}
	return "12333"
}

const (
	unsureZH = "这个问题我不太确定，不想乱说误导您。"
	unsureEN = "I'm not sure about this one, and I'd rather not guess."
	closeZH  = "点下面相近的问题看看，或打12333（社保、工资、工伤）、12348（免费法律帮助）。"
	closeEN  = "Tap a close question below, or call 12333 (insurance, wages, injury) or 12348 (free legal help)."
	callZH   = "社保、工资、工伤的问题打12333；需要免费法律帮助打12348。"
	callEN   = "Call 12333 for insurance, wages or work injury; 12348 for free legal help."
)

// abstainText is the honest "not sure" reply in two lines: with close
// topics it says they follow as buttons.
func abstainText(en, haveRelated bool) string {
	switch {
	case en && haveRelated:
		return unsureEN + "\n" + closeEN
	case en:
		return unsureEN + "\n" + callEN
	case haveRelated:
		return unsureZH + "\n" + closeZH
	}
	return unsureZH + "\n" + callZH
}

// keywordForm is text as keyword phrases are matched against it:
// normalised, colloquial spellings rewritten, without spaces.
func keywordForm(text string) string {
	return strings.ReplaceAll(applyFAQSynonyms(norm.Normalize(text)), " ", "")
}

// keywordHit is the longest of an entry's Chinese keyword phrases (in
// keyword form, of at least two runes) found in nq, in runes, capped at
// kwCap and scaled to [0,1].
func keywordHit(forms []string, nq string) float64 {
	best := 0
	for _, k := range forms {
		n := utf8.RuneCountInString(k)
		if n >= 2 && n > best && strings.Contains(nq, k) {
			best = n
		}
	}
	return float64(min(best, kwCap)) / kwCap
}
