// Command faqeval measures the FAQ answerer on labelled worker questions
// (JSON Lines: {"id","lang","question","faq","facts"}; "faq" is the entry
// that answers the question, or "" when none does and the answerer should
// say it is not sure; "facts" are the key facts a correct answer carries,
// each matched case-insensitively in the answer text, "a|b" for either).
//
//	go run ./knowledge/faq/cmd/faqeval            # every set, held-out sets marked
//	go run ./knowledge/faq/cmd/faqeval -v         # … and every question answered wrongly
//	go run ./knowledge/faq/cmd/faqeval -fit       # fit the confidence model on the sets not held out
//
// Per set it prints: rank-1 (the first entry retrieved is the expected
// one, answered or not: the retrieval alone), top-1 (answered, and the first entry is the expected
// one), top-3 (the expected entry among the three closest, answered or
// not), abstain (said "not sure"), wrong (answered with a different entry,
// the worst outcome), and facts (the answer carries every required fact;
// for questions no entry answers, the answerer abstained; a sibling entry
// whose answer carries the facts counts), and how many wrong answers lack
// the facts.
//
// -fit fits the logistic confidence model (knowledge/faq/confidence.go) on
// the tuning and dev sets, never on a held-out set: label 1 when the best
// entry is the expected one or its answer carries the question's facts,
// else 0. It prints the weights to paste into
// confWeights and a threshold table with the utility
// correct − faqWrongCost·wrong; the best threshold goes into faqConfThreshold.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"

	"github.com/gongyou/gongyou/knowledge/faq"
)

type row struct {
	ID       string   `json:"id"`
	Lang     string   `json:"lang"`
	Question string   `json:"question"`
	FAQ      string   `json:"faq"`
	Facts    []string `json:"facts"`
}

type set struct {
	name, file string
	heldOut    bool
}

var sets = []set{
	{"tuning", "knowledge/faq/testdata/faq_eval.jsonl", false},
	// dev 1 and 2 were held out until session 4, which studied their misses
	// (concepts, the confidence gate); they are tuning data since.
	{"dev 1", "knowledge/faq/testdata/faq_dev1.jsonl", false},
	{"dev 2", "knowledge/faq/testdata/faq_dev2.jsonl", false},
	// held-out 3 was written apart from everything the search is built
	// from (entries' keywords, example questions, the other sets) and is
	// never used to choose anything: the honest figure.
	{"held-out 3", "knowledge/faq/testdata/faq_heldout3.jsonl", true},
}

type tally struct{ n, rank1, top1, top3, abstain, wrong, harm, facts int }

func (t tally) String() string {
	if t.n == 0 {
		return "n=0"
	}
	p := func(k int) float64 { return float64(k) / float64(t.n) }
	return fmt.Sprintf("n=%3d  rank1=%.3f  top1=%.3f  top3=%.3f  abstain=%.3f  wrong=%.3f (%d, %d without the facts)  facts=%.3f",
		t.n, p(t.rank1), p(t.top1), p(t.top3), p(t.abstain), p(t.wrong), t.wrong, t.harm, p(t.facts))
}

// HasFacts: text carries every fact (alternatives separated by "|").
func hasFacts(text string, facts []string) bool {
	low := strings.ToLower(text)
	for _, f := range facts {
		ok := false
		for _, alt := range strings.Split(f, "|") {
			if alt != "" && strings.Contains(low, strings.ToLower(alt)) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func load(file string, known map[string]bool) ([]row, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows []row
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		var r row
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", file, line, err)
		}
		if r.FAQ != "" && !known[r.FAQ] {
			return nil, fmt.Errorf("%s:%d: unknown faq %q", file, line, r.FAQ)
		}
		rows = append(rows, r)
	}
	return rows, sc.Err()
}

func main() {
	verbose := flag.Bool("v", false, "list the questions answered wrongly or abstained on")
	fit := flag.Bool("fit", false, "fit the confidence model on the sets not held out")
	only := flag.String("file", "", "evaluate this one file instead of the sets")
	flag.Parse()

	faqs, err := faq.SeedFAQs()
	if err != nil {
		fmt.Fprintln(os.Stderr, "faqeval: seed faqs:", err)
		os.Exit(1)
	}
	known := map[string]bool{}
	for _, f := range faqs {
		known[f.ID] = true
	}
	a := faq.NewAnswerer(faqs)
	if *only != "" {
		sets = []set{{*only, *only, false}}
	}
	if *fit {
		var rows []row
		for _, s := range sets {
			if s.heldOut {
				continue // never fitted on
			}
			r, err := load(s.file, known)
			if err != nil {
				fmt.Fprintln(os.Stderr, "faqeval:", err)
				os.Exit(1)
			}
			rows = append(rows, r...)
		}
		fitModel(a, rows, heldOutExamples(faqs))
		return
	}
	fmt.Printf("confidence threshold %.2f\n", faq.ConfidenceThreshold())
	for _, s := range sets {
		rows, err := load(s.file, known)
		if err != nil {
			fmt.Fprintln(os.Stderr, "faqeval:", err)
			os.Exit(1)
		}
		var all tally
		byLang := map[string]*tally{}
		for _, r := range rows {
			ans := a.Answer(r.Question, r.Lang)
			var t tally
			t.n = 1
			for i, m := range ans.FAQs {
				if m.ID == r.FAQ {
					if i == 0 {
						t.rank1 = 1
					}
					if i == 0 && ans.Found {
						t.top1 = 1
					}
					if i < 3 {
						t.top3 = 1
					}
				}
			}
			if !ans.Found {
				t.abstain = 1
			} else if len(ans.FAQs) == 0 || ans.FAQs[0].ID != r.FAQ {
				t.wrong = 1
			}
			if r.FAQ == "" {
				t.rank1, t.top1, t.top3 = t.abstain, t.abstain, t.abstain
				t.facts = t.abstain
			} else if ans.Found && (t.top1 == 1 || len(r.Facts) > 0) && hasFacts(ans.Text, r.Facts) {
				t.facts = 1 // a sibling entry that carries the facts answers the question too
			}
			if t.wrong == 1 && t.facts == 0 {
				t.harm = 1
			}
			all.add(t)
			if byLang[r.Lang] == nil {
				byLang[r.Lang] = &tally{}
			}
			byLang[r.Lang].add(t)
			if *verbose && (t.top1 == 0 || t.facts == 0) {
				got := ""
				for _, m := range ans.FAQs {
					got += fmt.Sprintf(" %s(%.2f)", m.ID, m.Score)
				}
				tag := "MISS"
				if t.wrong == 1 {
					tag = "WRONG"
				} else if t.abstain == 1 && r.FAQ != "" {
					tag = "ABSTAIN"
				} else if t.facts == 0 {
					tag = "NOFACT"
				}
				fmt.Printf("  %-7s %s [%s] %q want %q got%s conf=%.2f\n", tag, r.ID, r.Lang, r.Question, r.FAQ, got, a.Signals(r.Question).Confidence())
			}
		}
		mark := ""
		if s.heldOut {
			mark = " [HELD-OUT: never tuned on]"
		}
		fmt.Printf("%s (%s)%s\n  all  %v\n", s.name, s.file, mark, all)
		langs := make([]string, 0, len(byLang))
		for l := range byLang {
			langs = append(langs, l)
		}
		sort.Strings(langs)
		for _, l := range langs {
			fmt.Printf("  %-4s %v\n", l, *byLang[l])
		}
	}
}

func (t *tally) add(u tally) {
	t.n += u.n
	t.rank1 += u.rank1
	t.top1 += u.top1
	t.top3 += u.top3
	t.abstain += u.abstain
	t.wrong += u.wrong
	t.harm += u.harm
	t.facts += u.facts
}

// featureSign is the sign each weight must have, in the order of
// faq.Signals.Features (0: free): Score, Margin, Cover, Content,
// LatinCover, Margin/Score, KW1, KW2, Ex, ExMargin.
var featureSign = []float64{1, 1, 1, 0, 1, 1, 1, -1, 1, 1}

// fitModel fits the logistic confidence on rows by gradient descent (L2
// regularised, features standardised inside, weights reported on the raw
// scale) and prints the threshold table.
// exampleFolds: the example questions are also calibration data, each
// asked of an answerer built without its fold of examples, so that it is
// a phrasing the search has not seen — as a worker's question is.
const exampleFolds = 5

type sample struct {
	x    []float64
	y, w float64 // label, weight
}

// heldOutExamples returns the signals of every example question asked of
// an answerer that does not have it, labelled 1 when the best entry is the
// example's own.
func heldOutExamples(faqs []faq.FAQ) []sample {
	all, err := faq.SeedExamples()
	if err != nil {
		fmt.Fprintln(os.Stderr, "faqeval: examples:", err)
		os.Exit(1)
	}
	ids := make([]string, 0, len(all))
	for id := range all {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var out []sample
	for k := 0; k < exampleFolds; k++ {
		kept := map[string][]string{}
		type q struct{ id, text string }
		var held []q
		n := 0
		for _, id := range ids {
			for _, e := range all[id] {
				if n%exampleFolds == k {
					held = append(held, q{id, e})
				} else {
					kept[id] = append(kept[id], e)
				}
				n++
			}
		}
		a := faq.NewAnswererWithExamples(faqs, kept)
		for _, h := range held {
			s := a.Signals(h.text)
			if !s.Gated() {
				continue
			}
			y := 0.0
			if len(s.Top) > 0 && s.Top[0].ID == h.id {
				y = 1
			}
			out = append(out, sample{s.Features(), y, 1})
		}
	}
	return out
}

func fitModel(a *faq.Answerer, rows []row, examples []sample) {
	type ex = sample
	var xs []ex
	for _, r := range rows {
		s := a.Signals(r.Question)
		y := 0.0
		if len(s.Top) > 0 && s.Top[0].ID == r.FAQ {
			y = 1
		} else if len(s.Top) > 0 && r.FAQ != "" && len(r.Facts) > 0 {
			f, _ := a.FAQ(s.Top[0].ID)
			text := f.AnswerZH
			if r.Lang == "en" {
				text = f.AnswerEN
			}
			if hasFacts(text, r.Facts) {
				y = 1 // a sibling entry that carries the facts is a right answer
			}
		}
		if !s.Gated() {
			continue // below the floors: abstains whatever the weights
		}
		xs = append(xs, ex{s.Features(), y, 1})
	}
	// the example questions weigh as much in all as the sets' questions:
	// unseen phrasings on one side, workers' own questions on the other
	fromSets := len(xs)
	for _, e := range examples {
		e.w = float64(fromSets) / float64(len(examples))
		xs = append(xs, e)
	}
	var total float64
	for _, e := range xs {
		total += e.w
	}
	d := len(xs[0].x)
	mean, sd := make([]float64, d), make([]float64, d)
	for _, e := range xs {
		for j, v := range e.x {
			mean[j] += v / float64(len(xs))
		}
	}
	for _, e := range xs {
		for j, v := range e.x {
			sd[j] += (v - mean[j]) * (v - mean[j]) / float64(len(xs))
		}
	}
	for j := range sd {
		sd[j] = math.Sqrt(sd[j])
		if sd[j] == 0 {
			sd[j] = 1
		}
	}
	w := make([]float64, d+1)
	const lambda = 0.01
	for it := 0; it < 20000; it++ {
		g := make([]float64, d+1)
		for _, e := range xs {
			z := w[0]
			for j, v := range e.x {
				z += w[j+1] * (v - mean[j]) / sd[j]
			}
			p := 1 / (1 + math.Exp(-z))
			g[0] += e.w * (p - e.y)
			for j, v := range e.x {
				g[j+1] += e.w * (p - e.y) * (v - mean[j]) / sd[j]
			}
		}
		for j := range w {
			reg := 0.0
			if j > 0 {
				reg = lambda * w[j]
			}
			w[j] -= 0.5 * (g[j]/total + reg)
			// the model is monotone in the evidence: more of the best
			// entry's evidence never lowers the confidence, more of the
			// second entry's never raises it (without this the fit leans
			// on quirks of the sets: a negative weight on Score answered
			// an off-topic question because it scored low)
			if j > 0 && j-1 < len(featureSign) && featureSign[j-1]*w[j] < 0 {
				w[j] = 0
			}
		}
	}
	raw := make([]float64, d+1)
	raw[0] = w[0]
	for j := 0; j < d; j++ {
		raw[j+1] = w[j+1] / sd[j]
		raw[0] -= w[j+1] * mean[j] / sd[j]
	}
	pos := 0
	for _, e := range xs {
		pos += int(e.y)
	}
	fmt.Printf("fitted on %d questions (%d with the right entry first): %d of the sets not held out, %d example questions asked of answerers without them\n", len(xs), pos, fromSets, len(xs)-fromSets)
	fmt.Printf("confWeights = %.3f // bias, Score, Margin, Cover, Content, LatinCover, Margin/Score, KW1, KW2, Ex, ExMargin\n", raw)
	const wrongCost = 3.0
	fmt.Printf("%-9s %8s %8s %8s %8s\n", "threshold", "correct", "wrong", "abstain", "utility")
	best, bestU := 0.0, math.Inf(-1)
	for th := 0.05; th < 0.96; th += 0.05 {
		var c, wr, ab float64 // weighted counts
		for _, e := range xs {
			p := faq.ConfidenceWith(raw, e.x)
			switch {
			case p < th:
				ab += e.w
			case e.y == 1:
				c += e.w
			default:
				wr += e.w
			}
		}
		u := c - wrongCost*wr
		if u > bestU {
			best, bestU = th, u
		}
		fmt.Printf("%-9.2f %8.0f %8.0f %8.0f %8.1f\n", th, c, wr, ab, u)
	}
	fmt.Printf("best threshold %.2f (utility %.1f, a wrong answer costs %.0f)\n", best, bestU, wrongCost)
}
