package faq

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/gongyou/gongyou/knowledge/norm"
	"github.com/gongyou/gongyou/knowledge/retrieval"
	"github.com/gongyou/gongyou/knowledge/seed"
	"go.yaml.in/yaml/v3"
)

// FAQ answers for workers (docs/ARCHITECTURE.md: "a question goes to the FAQ").
//
// Retrieval is BM25 (the shared core, knowledge/retrieval) over a bag of terms per entry, built from the
// normalised (Normalize) question, keywords and answer in both languages:
// Chinese gives character bigrams plus unigrams (unigrams count less),
// Latin text gives lightly stemmed words. Fields are weighted: the
// questions count most, then the keywords, then the answers. Before
// indexing and before every query a small table of colloquial spellings,
// homophone typos and dialect words is rewritten (社宝→社保, 咋→怎么 …) so
// the worker's words meet the entry's words.
//
// The score of an entry is the BM25 score divided by the best score the
// query could reach (every term matched at saturation), so it lies in
// [0,1]. Query terms the index has never seen count in that maximum with a
// moderate weight: a question about something else scores low. When the
// best score is below faqMinScore the answerer says honestly that it does
// not know and points to 12333 / 12348.

// FAQ is one entry of seed/faqs.yaml (or of the store's faqs table).
type FAQ struct {
	ID         string   `yaml:"id" json:"id"`
	Topic      string   `yaml:"topic" json:"topic"`
	QuestionZH string   `yaml:"question_zh" json:"question_zh"`
	QuestionEN string   `yaml:"question_en" json:"question_en"`
	AnswerZH   string   `yaml:"answer_zh" json:"answer_zh"`
	AnswerEN   string   `yaml:"answer_en" json:"answer_en"`
	KeywordsZH []string `yaml:"keywords_zh" json:"keywords_zh"`
	Handoff    string   `yaml:"handoff" json:"handoff"` // "12333", "12348" or ""
	Source     string   `yaml:"source" json:"source"`
	Date       string   `yaml:"date" json:"date"` // review date (资料日期), YYYY-MM or YYYY-MM-DD
	// Retired entries stay in the store (and in exports) but are not answered from.
	Retired bool `yaml:"retired,omitempty" json:"retired,omitempty"`
}

// maxAnswerLines is the longest answer a worker is shown (one short sentence a line).
const maxAnswerLines = 5

// SeedFAQs returns the FAQ entries shipped with Gongyou, validated.
func SeedFAQs() ([]FAQ, error) { return ParseFAQsYAML(seed.FAQsYAML) }

// ParseFAQsYAML decodes a YAML list of FAQ entries strictly (unknown fields
// are errors) and validates them.
func ParseFAQsYAML(data []byte) ([]FAQ, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var faqs []FAQ
	if err := dec.Decode(&faqs); err != nil {
		return nil, fmt.Errorf("faqs: %w", err)
	}
	if err := ValidateFAQs(faqs); err != nil {
		return nil, err
	}
	return faqs, nil
}

var faqIDPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidateFAQs checks ids (unique, lower-case-with-dashes), required fields,
// the handoff value and answer length.
func ValidateFAQs(faqs []FAQ) error {
	var errs []error
	seen := make(map[string]bool, len(faqs))
	for i, f := range faqs {
		where := fmt.Sprintf("faq #%d (%s)", i+1, f.ID)
		if !faqIDPattern.MatchString(f.ID) {
			errs = append(errs, fmt.Errorf("%s: bad id %q", where, f.ID))
		}
		if seen[f.ID] {
			errs = append(errs, fmt.Errorf("%s: duplicate id", where))
		}
		seen[f.ID] = true
		for _, fv := range [][2]string{{"topic", f.Topic}, {"question_zh", f.QuestionZH}, {"question_en", f.QuestionEN},
			{"answer_zh", f.AnswerZH}, {"answer_en", f.AnswerEN}, {"source", f.Source}, {"date", f.Date}} {
			if strings.TrimSpace(fv[1]) == "" {
				errs = append(errs, fmt.Errorf("%s: %s is required", where, fv[0]))
			}
		}
		if len(f.KeywordsZH) == 0 {
			errs = append(errs, fmt.Errorf("%s: keywords_zh is required", where))
		}
		if f.Handoff != "" && f.Handoff != "12333" && f.Handoff != "12348" {
			errs = append(errs, fmt.Errorf("%s: handoff must be \"12333\", \"12348\" or empty, got %q", where, f.Handoff))
		}
		errs = append(errs, validateSourceAndDate(where, f)...)
		for _, fv := range [][2]string{{"answer_zh", f.AnswerZH}, {"answer_en", f.AnswerEN}} {
			if n := len(strings.Split(strings.TrimSpace(fv[1]), "\n")); n > maxAnswerLines {
				errs = append(errs, fmt.Errorf("%s: %s has %d lines, at most %d", where, fv[0], n, maxAnswerLines))
			}
		}
	}
	return errors.Join(errs...)
}

// FAQMatch is one retrieved entry with its score in [0,1].
type FAQMatch struct {
	ID, TitleZH, TitleEN string
	Score                float64
}

// Title is the entry's question in lang ("en" or else Chinese).
func (m FAQMatch) Title(lang string) string {
	if norm.IsEnglish(lang) {
		return m.TitleEN
	}
	return m.TitleZH
}

// Answer is what the worker is told.
type Answer struct {
	Text    string
	FAQs    []FAQMatch // best first, at most 3
	Handoff string     // "12333" (own account, or not sure: social insurance, wages) or "12348" (not sure: legal help), else ""
	Found   bool       // false: no entry fits, Text is the "I don't know" reply
	LLM     bool       // the text was written by the LLM, grounded in Cited
	Cited   []string   // ids the LLM answer is based on (LLM answers only)
}

// Answerer answers free-text questions from a fixed set of FAQ entries.
// It is immutable after NewAnswerer and safe for concurrent use.
type Answerer struct {
	faqs []FAQ
	bm   *retrieval.Index[string]
	ex   *entryExamples // nil without examples
	asks []ask          // by entry: what its own question asks for
	// kwForms: by entry, its Chinese keywords as keywordHit compares them
	kwForms [][]string
}

const (
	faqTopK = 3
	// faqNormTerms: a question's best reachable score counts its this many heaviest terms.
	faqNormTerms = 12
	// faqMinContent: at least this share of the best entry's score must come
	// from subject words (bigrams, English words, numbers), not from question
	// words (怎么, 哪里) and single characters.
	faqMinContent = 0.4
	faqMinScore   = 0.18 // below this the best entry is not an answer
	// faqMinCoverLatin: a question in Latin letters only must find at least
	// this share of its subject words (weighted by rarity) in the best entry.
	// (Chinese questions carry too many incidental bigrams for such a rule.)
	faqMinCoverLatin = 0.3
	// maxQuestionRunes caps the part of a question that is read.
	maxQuestionRunes = 1000
	// field weights
	wQuestion = 3.0
	wKeywords = 2.0
	wAnswer   = 1.0
	// unigramWeight scales Chinese single characters against bigrams.
	unigramWeight = 0.3
	// unknownWeight scales, in the best reachable score, query terms the index has never seen.
	unknownWeight = 0.2
	// faqRelatedMin: below faqMinScore, entries at least this good are still listed as related.
	faqRelatedMin = 0.1
	// exampleWeight is the share of an entry's score that comes from its
	// closest example question (the rest from its own text); chosen with
	// faqeval on the tuning set.
	exampleWeight = 0.5
)

// NewAnswerer indexes faqs (entries with an empty id and retired ones are skipped).
func NewAnswerer(faqs []FAQ) *Answerer { return newAnswerer(faqs, seedExamples()) }

func newAnswerer(faqs []FAQ, ex *exampleIndex) *Answerer {
	a := &Answerer{}
	b := retrieval.NewBuilder[string]()
	field := func(text string, w float32) {
		for _, t := range faqTerms(text) {
			b.Add(t.key, w*t.w)
		}
	}
	// an answer mentions many things in passing: its words count, its concepts do not
	answer := func(text string, w float32) {
		for _, t := range faqTermsOnly(text) {
			b.Add(t.key, w*t.w)
		}
	}
	for _, f := range faqs {
		if f.ID == "" || f.Retired {
			continue
		}
		field(f.QuestionZH, wQuestion)
		field(f.QuestionEN, wQuestion)
		field(strings.Join(f.KeywordsZH, "。"), wKeywords)
		answer(f.AnswerZH, wAnswer)
		answer(f.AnswerEN, wAnswer)
		b.EndDoc()
		a.faqs = append(a.faqs, f)
		a.asks = append(a.asks, askOf(f.QuestionZH)|askOf(f.QuestionEN))
		forms := make([]string, len(f.KeywordsZH))
		for i, k := range f.KeywordsZH {
			forms[i] = keywordForm(k)
		}
		a.kwForms = append(a.kwForms, forms)
	}
	a.bm = b.Build()
	a.ex = ex.forEntries(a.faqs)
	return a
}

// Len is the number of indexed entries.
func (a *Answerer) Len() int {
	if a == nil {
		return 0
	}
	return len(a.faqs)
}

// FAQ returns the entry with id.
func (a *Answerer) FAQ(id string) (FAQ, bool) {
	if a != nil {
		for _, f := range a.faqs {
			if f.ID == id {
				return f, true
			}
		}
	}
	return FAQ{}, false
}

type scoredFAQ struct {
	doc     int
	score   float64
	raw     float64 // BM25 score before normalisation
	content float64 // the part of raw from content terms (not function words, not single characters)
	// cover is the share of the question's content-term weight (idf; unseen
	// terms at the highest idf) that this entry contains.
	cover float64
	text  float64 // normalised score of the entry's own text
	ex    float64 // normalised score of the entry's closest example
}

// search returns up to k entries, best first, with normalised scores.
func (a *Answerer) search(question string, k int) []scoredFAQ {
	if a == nil || len(a.faqs) == 0 {
		return nil
	}
	terms := faqTerms(question)
	if len(terms) == 0 {
		return nil
	}
	qtf := make(map[string]float32, len(terms))
	for _, t := range terms {
		qtf[t.key] += t.w
	}
	acc, cont := a.bm.Scores(), a.bm.Scores()
	defer a.bm.Release(acc)
	defer a.bm.Release(cont)
	covered := make([]float64, len(a.faqs))
	maxIDF := a.bm.MaxIDF()
	var contentTotal float64
	var weights []float64
	var best float64
	keys := make([]string, 0, len(qtf))
	for k := range qtf {
		keys = append(keys, k)
	}
	sort.Strings(keys) // a fixed order of float additions: the same question always ranks the same
	for _, key := range keys {
		qw := qtf[key]
		// a repeated query term counts a little more, not linearly
		qw = float32(math.Sqrt(float64(qw)))
		id, ok := a.bm.Term(key)
		if qw >= 1 {
			if ok {
				contentTotal += float64(a.bm.IDF(id))
			} else {
				contentTotal += float64(maxIDF)
			}
		}
		if !ok {
			best += float64(unknownWeight * qw * maxIDF)
			weights = append(weights, float64(unknownWeight*qw*maxIDF))
			continue
		}
		idf := a.bm.IDF(id)
		best += float64(qw * idf)
		weights = append(weights, float64(qw*idf))
		a.bm.Add(acc, id, qw)
		if qw >= 1 { // a content term
			a.bm.Add(cont, id, qw)
			for _, d := range a.bm.Docs(id) {
				covered[d] += float64(idf)
			}
		}
	}
	// A long question tells a story around its subject: normalise by the
	// weight of its heaviest terms only, so the story does not drown the subject.
	if len(weights) > faqNormTerms {
		sort.Slice(weights, func(i, j int) bool { return weights[i] > weights[j] })
		var top float64
		for _, w := range weights[:faqNormTerms] {
			top += w
		}
		best = top
	}
	exScores := a.ex.scores(keys, qtf, len(a.faqs))
	var out []scoredFAQ
	for d, s := range acc.Sum {
		var ex float64
		if exScores != nil {
			ex = exScores[d]
		}
		if s <= 0 && ex <= 0 {
			continue
		}
		text := 0.0
		if best > 0 {
			text = min(1, s/best)
		}
		sf := scoredFAQ{doc: d, text: text, ex: ex, raw: s, content: cont.Sum[d]}
		sf.score = text
		if exScores != nil {
			sf.score = (1-exampleWeight)*text + exampleWeight*ex
		}
		if contentTotal > 0 {
			sf.cover = covered[d] / contentTotal
		}
		out = append(out, sf)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		return a.faqs[out[i].doc].ID < a.faqs[out[j].doc].ID
	})
	if len(out) > k {
		out = out[:k]
	}
	return out
}

// Answer answers question in lang ("en" → English; "zh" → Chinese; empty →
// English when the question has Latin letters and no Chinese, else Chinese).
// It never panics; unusable input gives a Found=false answer.
func (a *Answerer) Answer(question, lang string) Answer {
	question = strings.ToValidUTF8(question, "\uFFFD")
	question = norm.Clip(question, maxQuestionRunes, "")
	en := answerLangIsEnglish(question, lang)
	personal := isPersonalAccountQuestion(question)
	var ans Answer
	if !hasMeaning(question) {
		ans.Text = emptyZH
		if norm.IsEnglish(lang) {
			ans.Text = emptyEN
		}
		return ans
	}
	sig := a.Signals(question)
	ans.FAQs = sig.Top
	if sig.Confidence() >= faqConfThreshold {
		best, _ := a.FAQ(sig.Top[0].ID)
		ans.Found = true
		ans.Handoff = best.Handoff
		if en {
			ans.Text = strings.TrimSpace(best.AnswerEN)
		} else {
			ans.Text = strings.TrimSpace(best.AnswerZH)
		}
	} else {
		// not sure: the closest entries become "did you mean" buttons
		// (only fairly close ones), and the hotlines
		kept := ans.FAQs[:0]
		for _, m := range ans.FAQs {
			if m.Score >= faqRelatedMin {
				kept = append(kept, m)
			}
		}
		ans.FAQs = kept
		if len(ans.FAQs) == 0 {
			ans.FAQs = nil
		}
		ans.Text = abstainText(en, len(ans.FAQs) > 0)
		ans.Handoff = abstainHandoff(question, ans.FAQs)
	}
	if personal && !ans.Found {
		// no entry fits, but the way to the answer is known: only the steps
		ans.Text = accountStepsZH
		if en {
			ans.Text = accountStepsEN
		}
	}
	if personal {
		ans.Handoff = "12333"
		steps, have := accountStepsZH, strings.Contains(ans.Text, "掌上12333") && strings.Contains(ans.Text, "电子社保卡")
		if en {
			steps, have = accountStepsEN, strings.Contains(ans.Text, "12333 app") && strings.Contains(ans.Text, "electronic social security card")
		}
		if !have {
			// the steps take the place of the last line (the entry's
			// general next step) when the answer is already full
			lines := strings.Split(ans.Text, "\n")
			if len(lines) >= maxAnswerLines {
				lines = lines[:maxAnswerLines-1]
			}
			ans.Text = strings.Join(append(lines, steps), "\n")
		}
	}
	return ans
}

var (
	sentenceEnd = regexp.MustCompile(`[。！？!?；;\n]+`)
	questionCue = regexp.MustCompile(`(?i)[?？]|吗|怎么|怎样|如何|能不能|可不可以|什么|哪里|哪儿|多少|多久|为什么|是不是|有没有|算不算|找谁|去哪|\b(what|how|can|where|when|why|who|which)\b`)
)

// lastQuestionSentence is the last of several sentences of q that reads
// like a question, or "" when q is one sentence or has none.
func lastQuestionSentence(q string) string {
	locs := sentenceEnd.FindAllStringIndex(q, -1)
	if len(locs) == 0 || (len(locs) == 1 && locs[0][1] == len(q)) {
		return ""
	}
	var parts []string
	start := 0
	for _, l := range locs {
		parts = append(parts, q[start:l[1]])
		start = l[1]
	}
	if start < len(q) {
		parts = append(parts, q[start:])
	}
	if len(parts) < 2 {
		return ""
	}
	for i := len(parts) - 1; i >= 0; i-- {
		if p := strings.TrimSpace(parts[i]); questionCue.MatchString(p) && hasMeaning(p) {
			return p
		}
	}
	return ""
}

// hasMeaning: q has a letter, a digit or a Chinese character.
func hasMeaning(q string) bool {
	for _, r := range q {
		if norm.IsCJK(r) || unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

const (
	emptyZH    = "请把您想问的问题用文字发过来，比如“老板不给交社保怎么办”。"
	emptyEN    = "Please type your question in words, for example \"my boss does not pay my social insurance\"."
	dontKnowZH = "这个问题我还答不好，不想乱说误导您。\n社保、工资、工伤的问题可以打12333问人社部门；需要免费法律帮助打12348。"
	dontKnowEN = "I don't know the answer to that one, and I'd rather not guess.\nFor social insurance, wages or work injury call 12333; for free legal help call 12348."

	accountStepsZH = "您自己的缴费年限、余额这些只能本人查：在'掌上12333'App或微信里的电子社保卡里查（实名登录后看'缴费记录'或'个人权益记录'），也可以打12333。"
	accountStepsEN = "Only you can see your own account (years paid, balance): log in to the 掌上12333 app or the electronic social security card in WeChat and open the contribution record, or call 12333."
)

func answerLangIsEnglish(question, lang string) bool {
	switch strings.ToLower(strings.TrimSpace(lang)) {
	case "en", "en-us", "en-gb":
		return true
	case "":
	default:
		return false
	}
	latin := false
	for _, r := range question {
		if norm.IsCJK(r) {
			return false
		}
		if ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') {
			latin = true
		}
	}
	return latin
}

// Questions about the worker's own account: only 12333 / 掌上12333 can answer them.
var (
	personalZH = regexp.MustCompile(`我(的|自己的?|自己|这边)?(社保|养老|医保|公积金|保险)?(账户|帐户|个人账户)?(余额|还剩|剩多少|有多少钱)|` +
		`我(的|自己的?)?(社保|养老保险?|医保|保险)?(已经|一共|总共|到底|都)?(交|缴|买)了(几|多少)(年|个月|钱)|` +
		`我(的|自己的?)?(社保|养老保险?|医保)?(还)?差(几|多少)(年|个月)|` +
		`(查|看)(一下|下)?我(的|自己的?)(社保|养老|医保|缴费|账户|帐户)`)
	personalEN = regexp.MustCompile(`(?i)\bmy\s+(own\s+)?((social\s+insurance|pension|insurance|medical\s+insurance)\s+)?(account\s+)?balance\b|` +
		`\bhow\s+(many|much)\s+(years?|months?|money)\s+(have|did|has)\s+(i|my)\b|` +
		`\b(check|see|look\s+up|find)\s+my\s+(own\s+)?(social\s+insurance|pension|contribution|insurance|account)|` +
		`\bhow\s+(many|much)\s+(years?|months?)\s+(i|i've)\s+(paid|contributed)`)
)

func isPersonalAccountQuestion(q string) bool {
	if len(q) > 4000 {
		q = norm.Clip(q, 1000, "")
	}
	n := applyFAQSynonyms(norm.Normalize(q))
	n = strings.ReplaceAll(n, " ", "")
	return personalZH.MatchString(n) || personalEN.MatchString(q)
}

// ── terms ──
