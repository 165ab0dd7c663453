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

// seedExamples are the shipped examples, parsed once (a test checks they parse).
var seedExamples = sync.OnceValue(func() map[string][]string {
	m, err := ParseExamplesYAML(seed.FAQExamplesYAML)
	if err != nil {
		return nil
	}
	return m
})

// exampleIndex is the examples of the indexed entries, one document each.
type exampleIndex struct {
	bm    *retrieval.Index[string]
	owner []int // by example document: the entry (index into Answerer.faqs)
}

func newExampleIndex(faqs []FAQ, examples map[string][]string) *exampleIndex {
	b := retrieval.NewBuilder[string]()
	x := &exampleIndex{}
	for i, f := range faqs {
		for _, q := range examples[f.ID] {
			terms := faqTerms(q)
			if len(terms) == 0 {
				continue
			}
			for _, t := range terms {
				b.Add(t.key, t.w)
			}
			b.EndDoc()
			x.owner = append(x.owner, i)
		}
	}
	if len(x.owner) == 0 {
		return nil
	}
	x.bm = b.Build()
	return x
}

// scores gives each entry the normalised score of its closest example for
// the query terms qtf (sorted keys), in [0,1]; nil when there are no examples.
func (x *exampleIndex) scores(keys []string, qtf map[string]float32, n int) []float64 {
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
	for _, d := range acc.Touched {
		e := x.owner[d]
		out[e] = max(out[e], min(1, acc.Sum[d]/best))
	}
	return out
}

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
