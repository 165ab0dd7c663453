package faq

import (
	"math"
	"regexp"
	"strings"

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
}

// Fitted by `faqeval -fit` on testdata/faq_eval.jsonl (see above).
var confWeights = [...]float64{
	-0.950, // bias
	3.727,  // Score
	6.987,  // Margin
	-1.080, // Cover
	-1.164, // Content
	0.839,  // Cover, Latin questions only
	2.831,  // Margin / Score
}

const (
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
	return []float64{s.Score, s.Margin, s.Cover, s.Content, latinCover, rel}
}

// Confidence is the estimated probability that the best entry answers the question.
func (s Signals) Confidence() float64 {
	if len(s.Top) == 0 {
		return 0
	}
	return ConfidenceWith(confWeights[:], s.Features())
}

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
	top := a.search(question, faqTopK)
	if q := lastQuestionSentence(question); q != "" {
		if qt := a.search(q, faqTopK); len(qt) > 0 && (len(top) == 0 || qt[0].score > top[0].score) {
			top = qt
		}
	}
	s := Signals{Latin: !norm.HasCJK(question)}
	for _, t := range top {
		f := a.faqs[t.doc]
		s.Top = append(s.Top, FAQMatch{ID: f.ID, TitleZH: f.QuestionZH, TitleEN: f.QuestionEN, Score: norm.Round3(t.score)})
	}
	if len(top) > 0 {
		s.Score, s.Cover = top[0].score, top[0].cover
		s.Margin = top[0].score
		if len(top) > 1 {
			s.Margin = top[0].score - top[1].score
		}
		if top[0].raw > 0 {
			s.Content = top[0].content / top[0].raw
		}
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
	closeZH  = "您可能想问下面这几个问题，点一下看回答。"
	closeEN  = "You may mean one of the questions below: tap one to see its answer."
	callZH   = "社保、工资、工伤的问题打12333问人社部门；需要免费法律帮助打12348。"
	callEN   = "For social insurance, wages or work injury call 12333; for free legal help call 12348."
)

// abstainText is the honest "not sure" reply; with close topics it says
// they follow as buttons.
func abstainText(en, haveRelated bool) string {
	lines := []string{unsureZH, callZH}
	if en {
		lines = []string{unsureEN, callEN}
	}
	if haveRelated {
		if en {
			lines = []string{unsureEN, closeEN, callEN}
		} else {
			lines = []string{unsureZH, closeZH, callZH}
		}
	}
	return strings.Join(lines, "\n")
}
