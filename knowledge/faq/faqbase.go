package faq

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"

	"github.com/gongyou/gongyou/knowledge/live"
	"github.com/gongyou/gongyou/knowledge/llm"
	"github.com/gongyou/gongyou/knowledge/norm"
	"github.com/gongyou/gongyou/store"
)

// FAQStore is what the FAQ base needs from persistence; *store.Store has it.
type FAQStore interface {
	FAQs(ctx context.Context) ([]store.FAQRecord, error)
	SeedFAQs(ctx context.Context, faqs []store.FAQRecord, author string) (int, error)
	PutFAQs(ctx context.Context, faqs []store.FAQRecord, author string) (int, error)
	ContentVersion(ctx context.Context, kind string) (int64, error)
}

// FAQWriter writes an answer grounded in the given FAQ entries; *llm.Client has it.
type FAQWriter interface {
	Answer(ctx context.Context, user, question, lang string, sources []llm.Source) (llm.Grounded, error)
}

// FAQBase is the live FAQ: the entries in the store and an Answerer built
// from them. A change in the store (this process or another one sharing
// the database) bumps the FAQ content version and is picked up by the
// next call. Safe for concurrent use.
type FAQBase struct {
	st     FAQStore
	logger *slog.Logger
	writer FAQWriter

	live *live.Value[*Answerer]
}

// faqLLMSources is how many retrieved entries an LLM answer may draw on.
const faqLLMSources = 4

// NewFAQBase loads the FAQ, seeding the store from seed/faqs.yaml on first start.
func NewFAQBase(ctx context.Context, st FAQStore, logger *slog.Logger) (*FAQBase, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	b := &FAQBase{st: st, logger: logger}
	b.live = live.New(st, store.ContentFAQs, b.build)
	seed, err := SeedFAQs()
	if err != nil {
		return nil, fmt.Errorf("knowledge: seed faqs: %w", err)
	}
	recs, err := faqRecords(seed)
	if err != nil {
		return nil, err
	}
	n, err := st.SeedFAQs(ctx, recs, "seed")
	if err != nil {
		return nil, fmt.Errorf("knowledge: seed faqs: %w", err)
	}
	if n > 0 {
		logger.Info("faq seeded", "entries", n)
	}
	if _, err := b.Answerer(ctx); err != nil {
		return nil, err
	}
	return b, nil
}

// SetWriter connects an optional LLM that writes grounded answers. Call before use.
func (b *FAQBase) SetWriter(w FAQWriter) { b.writer = w }

// Answerer returns an answerer over the current entries, rebuilding it when
// the store's FAQ version moved.
func (b *FAQBase) Answerer(ctx context.Context) (*Answerer, error) {
	return b.live.Get(ctx)
}

// build makes an answerer from the store's entries.
func (b *FAQBase) build(ctx context.Context, v int64) (*Answerer, error) {
	faqs, err := b.load(ctx)
	if err != nil {
		return nil, err
	}
	na := NewAnswerer(faqs)
	b.logger.Debug("faq loaded", "entries", na.Len(), "version", v)
	return na, nil
}

// load reads every entry (retired ones too) from the store.
func (b *FAQBase) load(ctx context.Context) ([]FAQ, error) {
	recs, err := b.st.FAQs(ctx)
	if err != nil {
		return nil, fmt.Errorf("knowledge: load faqs: %w", err)
	}
	out := make([]FAQ, 0, len(recs))
	for _, r := range recs {
		f, err := FAQFromRecord(r)
		if err != nil {
			b.logger.Warn("skipping unreadable faq", "id", r.ID, "err", err)
			continue
		}
		out = append(out, f)
	}
	return out, nil
}

// Entry returns one answerable (not retired) entry.
func (b *FAQBase) Entry(ctx context.Context, id string) (FAQ, bool, error) {
	a, err := b.Answerer(ctx)
	if err != nil {
		return FAQ{}, false, err
	}
	f, ok := a.FAQ(id)
	return f, ok, nil
}

// Entries lists the answerable entries, in store order (by id).
func (b *FAQBase) Entries(ctx context.Context) ([]FAQ, error) {
	a, err := b.Answerer(ctx)
	if err != nil {
		return nil, err
	}
	return a.Entries(), nil
}

// Export lists every entry, retired ones included, by id.
func (b *FAQBase) Export(ctx context.Context) ([]FAQ, error) {
	faqs, err := b.load(ctx)
	if err != nil {
		return nil, err
	}
	sort.Slice(faqs, func(i, j int) bool { return faqs[i].ID < faqs[j].ID })
	return faqs, nil
}

// Import writes entries (already validated) in one transaction, each
// changed one as a new revision by author, and reports how many changed.
func (b *FAQBase) Import(ctx context.Context, faqs []FAQ, author string) (int, error) {
	recs, err := faqRecords(faqs)
	if err != nil {
		return 0, err
	}
	n, err := b.st.PutFAQs(ctx, recs, author)
	if err != nil {
		return 0, fmt.Errorf("knowledge: import faqs: %w", err)
	}
	_, err = b.Answerer(ctx)
	return n, err
}

func faqRecords(faqs []FAQ) ([]store.FAQRecord, error) {
	recs := make([]store.FAQRecord, 0, len(faqs))
	for _, f := range faqs {
		retired := f.Retired
		f.Retired = false // kept in its own column
		data, err := json.Marshal(f)
		if err != nil {
			return nil, fmt.Errorf("knowledge: encode faq %q: %w", f.ID, err)
		}
		recs = append(recs, store.FAQRecord{ID: f.ID, Topic: f.Topic, Data: string(data), Retired: retired})
	}
	return recs, nil
}

// Ask answers question for user (an opaque key for the LLM quota) in lang.
// The offline answer always exists; with an LLM configured, the entries
// retrieved offline are its only sources, and its answer replaces the
// offline text only when it is well-formed and cites them. Any LLM
// failure (timeout, quota, malformed or ungrounded reply) leaves the
// offline answer. Personal-account questions never go to the LLM: they
// get the fixed 12333 steps.
func (b *FAQBase) Ask(ctx context.Context, user, question, lang string) (Answer, error) {
	a, err := b.Answerer(ctx)
	if err != nil {
		return Answer{}, err
	}
	return a.ask(ctx, b.writer, b.logger, user, question, lang), nil
}

// AskEntry is the answer of one entry (a related-question button), with
// the entries related to it. ok is false when there is no such entry.
func (b *FAQBase) AskEntry(ctx context.Context, id, lang string) (Answer, bool, error) {
	a, err := b.Answerer(ctx)
	if err != nil {
		return Answer{}, false, err
	}
	ans, ok := a.AnswerEntry(id, lang)
	return ans, ok, nil
}

// Ask is Answer with the context and user a FAQBase's Ask takes (no LLM):
// it lets a bare Answerer serve `gongyou ask`.
func (a *Answerer) Ask(ctx context.Context, user, question, lang string) (Answer, error) {
	return a.Answer(question, lang), nil
}

// Entries lists the indexed entries, in the order given to NewAnswerer.
func (a *Answerer) Entries() []FAQ {
	if a == nil {
		return nil
	}
	return append([]FAQ(nil), a.faqs...)
}

// AnswerEntry is entry id's own answer in lang, followed in FAQs by up to
// two entries related to it.
func (a *Answerer) AnswerEntry(id, lang string) (Answer, bool) {
	f, ok := a.FAQ(id)
	if !ok {
		return Answer{}, false
	}
	en := norm.IsEnglish(lang)
	ans := Answer{Found: true, Handoff: f.Handoff, Text: strings.TrimSpace(f.AnswerZH)}
	q := f.QuestionZH
	if en {
		ans.Text, q = strings.TrimSpace(f.AnswerEN), f.QuestionEN
	}
	ans.FAQs = []FAQMatch{{ID: f.ID, TitleZH: f.QuestionZH, TitleEN: f.QuestionEN, Score: 1}}
	for _, s := range a.search(q, faqTopK+1) {
		g := a.faqs[s.doc]
		if g.ID == f.ID || s.score < faqRelatedMin || len(ans.FAQs) == faqTopK {
			continue
		}
		ans.FAQs = append(ans.FAQs, FAQMatch{ID: g.ID, TitleZH: g.QuestionZH, TitleEN: g.QuestionEN, Score: norm.Round3(s.score)})
	}
	return ans, true
}

func (a *Answerer) ask(ctx context.Context, w FAQWriter, logger *slog.Logger, user, question, lang string) Answer {
	ans := a.Answer(question, lang)
	if w == nil {
		return ans
	}
	q := norm.Clip(strings.ToValidUTF8(question, "\uFFFD"), maxQuestionRunes, "")
	if !hasMeaning(q) || isPersonalAccountQuestion(q) || !ans.Found {
		// The offline answer is the floor: when it is not sure, the LLM
		// is not asked, so it cannot answer confidently from entries the
		// question did not match.
		return ans
	}
	var sources []llm.Source
	var cands []scoredFAQ
	en := answerLangIsEnglish(q, lang)
	for _, s := range a.search(q, faqLLMSources) {
		if s.score < faqRelatedMin {
			continue
		}
		f := a.faqs[s.doc]
		src := llm.Source{ID: f.ID, Question: f.QuestionZH, Answer: f.AnswerZH}
		if en {
			src.Question, src.Answer = f.QuestionEN, f.AnswerEN
		}
		sources = append(sources, src)
		cands = append(cands, s)
	}
	if len(sources) == 0 {
		return ans // nothing to ground an answer on: the offline "I don't know" stands
	}
	wl := "zh"
	if en {
		wl = "en"
	}
	g, err := w.Answer(ctx, user, q, wl, sources)
	if err != nil {
		if !errors.Is(err, llm.ErrQuota) {
			logger.Warn("llm faq answer failed, using the offline answer", "err", err)
		}
		return ans
	}
	if !g.Known {
		return ans // the LLM found nothing to say: the offline answer stands
	}
	out := Answer{LLM: true}
	// the writer must cite only entries it was given (the llm client checks
	// this too; a FAQWriter is not trusted to)
	given := map[string]bool{}
	for _, s := range sources {
		given[s.ID] = true
	}
	cited := map[string]bool{}
	for _, id := range g.Cited {
		if !given[id] {
			logger.Warn("llm faq answer cites an entry it was not given, using the offline answer", "id", id)
			return ans
		}
		cited[id] = true
	}
	if len(cited) == 0 || strings.TrimSpace(g.Text) == "" {
		return ans
	}
	out.Found, out.Text, out.Cited = true, g.Text, g.Cited
	// the cited entries first (they are what the answer rests on), then the other candidates
	for pass := 0; pass < 2; pass++ {
		for _, s := range cands {
			f := a.faqs[s.doc]
			if cited[f.ID] != (pass == 0) || len(out.FAQs) == faqTopK {
				continue
			}
			out.FAQs = append(out.FAQs, FAQMatch{ID: f.ID, TitleZH: f.QuestionZH, TitleEN: f.QuestionEN, Score: norm.Round3(s.score)})
			if cited[f.ID] && f.Handoff != "" {
				out.Handoff = f.Handoff
			}
		}
	}
	return out
}

// FAQFromRecord is the one conversion from a stored FAQ row to an FAQ
// (faqRecords is the other way).
func FAQFromRecord(r store.FAQRecord) (FAQ, error) {
	var f FAQ
	if err := json.Unmarshal([]byte(r.Data), &f); err != nil {
		return FAQ{}, err
	}
	f.ID, f.Retired = r.ID, r.Retired
	return f, nil
}

// WithWriter is an Asker over a fixed answerer (no store) that lets the
// optional LLM writer w answer the way FAQBase.Ask does.
func (a *Answerer) WithWriter(w FAQWriter, logger *slog.Logger) Asker {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return writerAsker{a, w, logger}
}

type writerAsker struct {
	a      *Answerer
	w      FAQWriter
	logger *slog.Logger
}

func (x writerAsker) Ask(ctx context.Context, user, question, lang string) (Answer, error) {
	return x.a.ask(ctx, x.w, x.logger, user, question, lang), nil
}
