package faq

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/gongyou/gongyou/knowledge/retrieval/retrievaltest"
)

// TestFAQSearchScoresGolden pins the FAQ search's scores (score, raw BM25,
// content part, coverage). The golden file was written by the FAQ search as
// it was before it moved onto the shared retrieval core
// (knowledge/retrieval), on a frozen copy of the seed FAQ
// (testdata/retrieval/faqs.yaml) and the questions of the eval sets and the
// entries: the move changes no ranking and no score. Rewrite it
// (-update-retrieval-golden) only for a deliberate change of scoring.
func TestFAQSearchScoresGolden(t *testing.T) {
	data, err := os.ReadFile("testdata/retrieval/faqs.yaml")
	if err != nil {
		t.Fatal(err)
	}
	faqs, err := ParseFAQsYAML(data)
	if err != nil {
		t.Fatal(err)
	}
	a := NewAnswerer(faqs)
	var queries []string
	for _, f := range faqs {
		queries = append(queries, f.QuestionZH, f.QuestionEN, strings.Join(f.KeywordsZH, " "))
	}
	for _, name := range []string{"testdata/faq_eval.jsonl", "testdata/faq_dev1.jsonl"} {
		queries = append(queries, retrievaltest.JSONLStrings(t, name, "question")...)
	}
	var out strings.Builder
	for qi, q := range queries {
		fmt.Fprintf(&out, "q%d", qi)
		for _, s := range a.search(q, 5) {
			fmt.Fprintf(&out, " %s %.9f %.9f %.9f %.9f", a.faqs[s.doc].ID, s.score, s.raw, s.content, s.cover)
		}
		out.WriteByte('\n')
	}
	retrievaltest.Golden(t, "testdata/retrieval/scores.golden", out.String(), 1e-9)
}
