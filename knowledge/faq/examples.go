package faq

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/gongyou/gongyou/knowledge/retrieval"
	"github.com/gongyou/gongyou/knowledge/seed"
)

// Example questions (knowledge/seed/faq_examples.yaml) are how workers put
// each entry's question in their own words: short, long, colloquial, with
// typos and pinyin, Chinese and English. The search scores a question
// against every example on its own (a second BM25 index, one document per
// example) and gives each entry the score of its closest example, next to
// the score of the entry's own text. An entry a staff member adds has no
// examples; it is found by its text alone.

// exampleEntry is one entry's examples as the YAML holds them.
type exampleEntry struct {
	ID string   `yaml:"id"`
	ZH []string `yaml:"zh"`
	EN []string `yaml:"en"`
}

// ParseExamplesYAML decodes the example file strictly: id → examples.
func ParseExamplesYAML(data []byte) (map[string][]string, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var list []exampleEntry
	if err := dec.Decode(&list); err != nil {
		return nil, fmt.Errorf("faq examples: %w", err)
	}
	out := make(map[string][]string, len(list))
	var errs []error
	for i, e := range list {
		if !faqIDPattern.MatchString(e.ID) {
			errs = append(errs, fmt.Errorf("faq examples #%d: bad id %q", i+1, e.ID))
			continue
		}
		if _, dup := out[e.ID]; dup {
			errs = append(errs, fmt.Errorf("faq examples #%d (%s): duplicate id", i+1, e.ID))
		}
		for _, q := range append(append([]string(nil), e.ZH...), e.EN...) {
			if q = strings.TrimSpace(q); q != "" {
				out[e.ID] = append(out[e.ID], q)
			}
		}
	}
	return out, errors.Join(errs...)
}

// SeedExamples returns the shipped example questions, id → examples.
func SeedExamples() (map[string][]string, error) { return ParseExamplesYAML(seed.FAQExamplesYAML) }

// NewAnswererWithExamples is NewAnswerer with examples in place of the
// shipped ones (faqeval uses it to hold some out).
func NewAnswererWithExamples(faqs []FAQ, examples map[string][]string) *Answerer {
	return newAnswerer(faqs, newExampleIndex(examples))
}

// seedExamples are the shipped examples, indexed once per process (a test
// checks they parse); every Answerer shares the index.
var seedExamples = sync.OnceValue(func() *exampleIndex {
	m, err := ParseExamplesYAML(seed.FAQExamplesYAML)
	if err != nil {
		return nil
	}
	return newExampleIndex(m)
})

// exampleIndex is example questions, one document each.
type exampleIndex struct {
	bm    *retrieval.Index[string]
	owner []string // by example document: the entry's id
}

func newExampleIndex(examples map[string][]string) *exampleIndex {
	ids := make([]string, 0, len(examples))
	for id := range examples {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	b := retrieval.NewBuilder[string]()
	x := &exampleIndex{}
	for _, id := range ids {
		for _, q := range examples[id] {
			terms := faqTerms(q)
			if len(terms) == 0 {
				continue
			}
			for _, t := range terms {
				b.Add(t.key, t.w)
			}
			b.EndDoc()
			x.owner = append(x.owner, id)
		}
	}
	if len(x.owner) == 0 {
		return nil
	}
	x.bm = b.Build()
	return x
}

// entryExamples is an exampleIndex seen from one Answerer: which of its
// entries each example belongs to (-1: an entry it does not have).
type entryExamples struct {
	*exampleIndex
	entry []int
}

func (x *exampleIndex) forEntries(faqs []FAQ) *entryExamples {
	if x == nil {
		return nil
	}
	at := make(map[string]int, len(faqs))
	for i, f := range faqs {
		at[f.ID] = i
	}
	e := &entryExamples{exampleIndex: x, entry: make([]int, len(x.owner))}
	for d, id := range x.owner {
		if i, ok := at[id]; ok {
			e.entry[d] = i
		} else {
			e.entry[d] = -1
		}
	}
	return e
}

// scores gives each entry the normalised score of its closest example for
// the query terms qtf (sorted keys), in [0,1]; nil when there are no examples.
func (x *entryExamples) scores(keys []string, qtf map[string]float32, n int) []float64 {
	if x == nil {
		return nil
	}
	acc := x.bm.Scores()
	defer x.bm.Release(acc)
	maxIDF := x.bm.MaxIDF()
	var weights []float64
	for _, key := range keys {
		qw := float32(math.Sqrt(float64(qtf[key])))
		id, ok := x.bm.Term(key)
		if !ok {
			weights = append(weights, float64(unknownWeight*qw*maxIDF))
			continue
		}
		weights = append(weights, float64(qw*x.bm.IDF(id)))
		x.bm.Add(acc, id, qw)
	}
	best := topSum(weights, faqNormTerms)
	out := make([]float64, n)
	if best <= 0 {
		return out
	}
	second := make([]float64, n)
	for _, d := range acc.Touched {
		// cosine-like: the example must cover the question and the
		// question the example; a short vague question ("老板不见了")
		// half-matching a longer example ("社保卡不见了怎么补办") scores low
		e, v := x.entry[d], min(1, acc.Sum[d]/math.Sqrt(best*x.bm.Self(d)))
		if e < 0 {
			continue
		}
		switch {
		case v > out[e]:
			out[e], second[e] = v, out[e]
		case v > second[e]:
			second[e] = v
		}
	}
	// the closest example counts most; a second close one confirms it
	for e := range out {
		out[e] = (1-exampleSecond)*out[e] + exampleSecond*second[e]
	}
	return out
}

// exampleSecond is the share of an entry's example score that comes from
// its second-closest example (chosen with faqeval on the tuning set).
const exampleSecond = 0.2

// topSum is the sum of the k largest of w (all of them when there are fewer).
func topSum(w []float64, k int) float64 {
	if len(w) > k {
		w = append([]float64(nil), w...)
		sort.Sort(sort.Reverse(sort.Float64Slice(w)))
		w = w[:k]
	}
	var s float64
	for _, v := range w {
		s += v
	}
	return s
}
