package scam

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/gongyou/gongyou/knowledge/norm"
	"github.com/gongyou/gongyou/knowledge/retrieval/retrievaltest"
)

// TestCaseIndexScoresGolden pins the case index's scores. The golden file
// was written by the case index as it was before it moved onto the shared
// retrieval core (knowledge/retrieval), on a frozen copy of the seed cases
// (testdata/retrieval/cases.yaml) and queries from the seed cases and the
// checker set: the move changes no ranking and no score beyond float
// rounding. Rewrite it (-update-retrieval-golden) only for a deliberate
// change of scoring.
func TestCaseIndexScoresGolden(t *testing.T) {
	data, err := os.ReadFile("testdata/retrieval/cases.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cases, err := ParseCasesYAML(data)
	if err != nil {
		t.Fatal(err)
	}
	ix := newCaseIndex(cases)
	var queries []string
	for _, c := range cases {
		queries = append(queries, c.TitleZH, c.StoryZH, c.StoryEN, norm.Clip(c.StoryZH, 40, ""))
	}
	queries = append(queries, retrievaltest.JSONLStrings(t, "testdata/checker_set.jsonl", "text")...)
	prefers := [][]string{nil, {"training_loan", "overseas"}, {"task_brushing"}}
	var out strings.Builder
	for qi, q := range queries {
		r := norm.NormalizeText(q, maxCheckRunes).Runes
		for pi, p := range prefers {
			fmt.Fprintf(&out, "q%d p%d", qi, pi)
			for _, m := range ix.search(r, 5, 0, p) {
				fmt.Fprintf(&out, " %s %.7f %.7f", ix.cases[m.doc].id, m.score, m.rank)
			}
			out.WriteByte('\n')
		}
	}
	retrievaltest.Golden(t, "testdata/retrieval/scores.golden", out.String(), 1e-5)
}
